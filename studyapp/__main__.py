"""`python -m studyapp` and the `studyapp` script: a Ctrl-C while it starts exits quietly."""

# The C module, not `signal`: that one imports enum, which alone takes ~12 ms.
import _signal  # type: ignore[import-not-found]
import os


def _interrupted_while_starting(_signum: int, _frame: object) -> None:
    # Not SystemExit: an import that catches BaseException would swallow it and start the
    # program anyway. Nothing is open yet, so there is nothing to flush or close.
    os._exit(130)


def main() -> None:
    """Import the command line with Ctrl-C exiting 130, then run it with Python's own handler.

    The imports take a tenth of a second; a KeyboardInterrupt inside one would print a
    traceback. Once they are done, Ctrl-C is a KeyboardInterrupt again, which the sessions
    handle (a session ends with its summary, an exam is saved). A Ctrl-C that the shell set
    to be ignored (a background job) stays ignored.
    """
    quiet = _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler
    if quiet:
        _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    from studyapp.cli import main as run_cli

    if quiet:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    run_cli()


if __name__ == "__main__":
    main()
