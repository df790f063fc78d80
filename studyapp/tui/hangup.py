"""Ending the app when its terminal is gone.

Closing a terminal window normally sends SIGHUP, which ends studyapp. But a parent that is
the terminal's session leader and catches the hangup itself (`make run` does: make waits for
its child) leaves studyapp running on a dead terminal, where Textual's input thread spins:
the terminal reads as ready and every read returns nothing. A hung-up terminal refuses
`tcgetattr`, so the app asks once a second and exits (status 129, as a hangup would) when
it is refused. Every answer is committed as it is given, so exiting loses nothing.
"""

from __future__ import annotations

import termios
from typing import Any

#: The exit status of a process ended by SIGHUP, as a shell reports it.
HANGUP_EXIT = 129
#: How often the terminal is asked whether it is still there, in seconds.
CHECK_EVERY = 1.0


def terminal_is_there(fd: int) -> bool:
    """Whether `fd` is a terminal that still answers (a closed or hung-up one does not)."""
    try:
        termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError):
        return False
    return True


def exit_when_the_terminal_goes(app: Any, fd: int) -> None:
    """Ask once a second whether `fd` is still a terminal; exit `app` when it is not.

    Nothing is watched when `fd` is no terminal to begin with (tests, a headless run)."""
    if not terminal_is_there(fd):
        return

    def check() -> None:
        if not terminal_is_there(fd):
            app.exit(return_code=HANGUP_EXIT)

    app.set_interval(CHECK_EVERY, check)
