"""The real `studyapp` under a pseudo-terminal: press keys, read the screen as a user sees it."""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

import pexpect
import pyte

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, LINES = 100, 30


class Terminal:
    """A studyapp process on a pty, its output fed to a VT100 emulator."""

    def __init__(self, *args: str) -> None:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            "STUDYAPP_NOW": "2026-03-02T10:00:00+00:00",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("STUDYAPP_DB", None)
        env.pop("STUDYAPP_CONTENT", None)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "studyapp", *args],
            env=env,
            dimensions=(LINES, COLUMNS),
            cwd=str(ROOT),
        )

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20, gone: bool = False) -> str:
        """Read output until `needle` shows (or, with gone=True, no longer shows)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = self.child.read_nonblocking(65536, timeout=0.1)
                self.stream.feed(chunk if isinstance(chunk, bytes) else chunk.encode())
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                break
            if (needle in self.text()) != gone:
                return self.text()
        state = "never went away" if gone else "never appeared"
        raise AssertionError(f"{needle!r} {state}; the screen was:\n{self.text()}")

    def press(self, keys: str) -> None:
        self.child.send(keys)

    def close(self) -> int | None:
        self.child.expect(pexpect.EOF, timeout=20)
        self.child.close()
        status: int | None = self.child.exitstatus
        return status


def test_review_one_card_on_a_real_terminal(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    term = Terminal("--db", str(db))
    try:
        home = term.wait_for("AWS Lambda")
        assert "Enter study now:" in home and "Mastery" in home
        term.press("r")
        front = term.wait_for("Space or Enter: show the answer").splitlines()[3].strip()
        assert front
        term.press(" ")
        shown = term.wait_for("How well did you recall it?")
        assert "3 Good · 10m" in shown
        term.press("3")
        term.wait_for(front, gone=True)  # the next card replaced it
        term.wait_for("Space or Enter: show the answer")
        term.press("\x11")  # ctrl+q
        assert term.close() == 0
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT rating FROM reviews").fetchall() == [(3,)]
    conn.close()
