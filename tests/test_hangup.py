"""A terminal that goes away ends the TUI, even when no SIGHUP reaches it (`make run`)."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

from studyapp.tui.hangup import HANGUP_EXIT, terminal_is_there
from tests.test_processes import cli_env, studyapp_cmd


def _ignore_hangups() -> None:
    # What a session leader that catches the hangup itself leaves the TUI with: no SIGHUP.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_output(master: int, seconds: float) -> bytes:
    """What the app writes to its terminal within `seconds` (enough to know it painted)."""
    seen, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline and b"studyapp" not in seen:
        try:
            seen += os.read(master, 65536)
        except BlockingIOError:
            time.sleep(0.05)
    return seen


def test_a_closed_terminal_is_not_a_terminal_any_more() -> None:
    master, slave = os.openpty()
    assert terminal_is_there(slave)
    os.close(master)
    assert not terminal_is_there(slave)
    os.close(slave)
    assert not terminal_is_there(slave)


def test_the_tui_exits_when_its_terminal_goes_without_a_hangup_signal(tmp_path: Path) -> None:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.set_blocking(master, False)
    child = subprocess.Popen(
        studyapp_cmd("--db", tmp_path / "p.db"),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=cli_env(TERM="xterm-256color"),
        preexec_fn=_ignore_hangups,
        start_new_session=True,
    )
    os.close(slave)
    try:
        assert b"studyapp" in _wait_for_output(master, 30), "Home never painted"
        os.close(master)  # the terminal window is closed
        assert child.wait(timeout=15) == HANGUP_EXIT
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
