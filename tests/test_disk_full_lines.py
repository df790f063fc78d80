"""A full disk in line mode: the answers before it stay committed; one line, exit 1."""

from __future__ import annotations

import sqlite3
import subprocess
import textwrap
from pathlib import Path

from tests.test_processes import TIMEOUT, cli_env, studyapp_cmd

#: Loaded by the child before studyapp: the third write meets a full disk, as SQLite
#: reports it (SQLITE_FULL), after two answers went through.
FULL_AFTER_TWO = """
import sqlite3
from studyapp.store.reviews import ReviewLog

_record = ReviewLog.record
_written = []

def record(self, review, next_state):
    if len(_written) == 2:
        raise sqlite3.OperationalError("database or disk is full")
    _written.append(review.item_id)
    return _record(self, review, next_state)

ReviewLog.record = record
"""


def test_a_full_disk_in_line_mode_keeps_what_was_answered(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(textwrap.dedent(FULL_AFTER_TWO))
    db = tmp_path / "p.db"
    args: list[str | Path] = [
        "review",
        "--plain",
        "--content",
        small_deck_dir,
        "--topic",
        "demo",
        "--db",
        db,
    ]
    done = subprocess.run(
        studyapp_cmd(*args),
        input="\n3\n" * 3,  # reveal and rate Good, three cards
        capture_output=True,
        text=True,
        env=cli_env(PYTHONPATH=str(inject), STUDYAPP_CACHE="off"),
        timeout=TIMEOUT,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert (
        line
        == f"studyapp: {db}: disk full: database or disk is full; free some space and start again"
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2
