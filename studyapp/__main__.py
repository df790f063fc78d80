"""`python -m studyapp` and the `studyapp` script: a Ctrl-C while it starts exits quietly."""

# The C module, not `signal`: that one imports enum, a cost every start pays (measured by
# bench/bench_core.py: `studyapp --help`).
import _signal  # type: ignore[import-not-found]
import os


def _interrupted_while_starting(_signum: int, _frame: object) -> None:
    # At once, from whatever import or parsing is under way (no exception for any code to
    # catch or report): nothing is open yet, so there is nothing to flush or close.
    os._exit(130)


def main() -> None:
    """Import and parse the command line with Ctrl-C exiting 130, then run the command.

    The imports take a tenth of a second; a KeyboardInterrupt inside one would print a
    traceback, and one while click parses would print "Aborted!". When the command starts
    (`cli.root._interruptible_from_here`), Ctrl-C is a KeyboardInterrupt again, which the
    sessions handle (a session ends with its summary, an exam is saved). A Ctrl-C that the
    shell set to be ignored (a background job) stays ignored.
    """
    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    from studyapp.cli import main as run_cli

    run_cli()  # the command group gives Ctrl-C back to Python when a command starts


if __name__ == "__main__":
    main()
