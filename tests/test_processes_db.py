"""The progress file shared by real processes: the day's new-item limit across windows, and
reports that work on a read-only file and folder."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_processes import (
    DAY1,
    TIMEOUT,
    Interactive,
    cli_env,
    make_db_with_reviews,
    run_cli,
    sidecar_files,
    studyapp_cmd,
)

ITEM_HEADER = re.compile(r"^── \S+ · card", re.MULTILINE)
TOPICS = ("lambda", "ecs", "eks")
NEW_PER_DAY = 20


def _introduced(db: Path) -> int:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return int(conn.execute("SELECT count(DISTINCT item_id) FROM reviews").fetchone()[0])
    finally:
        conn.close()


def test_three_windows_share_the_days_new_item_limit(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    created = run_cli("settings", "new_per_day", str(NEW_PER_DAY), "--db", db)
    assert created.returncode == 0, created.stderr
    # One window per topic, as a learner might open them: each queue holds 20 new cards.
    children = [
        Interactive(["review", "--topic", topic, "--db", db], cli_env(DAY1), tmp_path / topic)
        for topic in TOPICS
    ]
    try:
        for child in children:  # every window has built its queue and shows a new card
            child.expect(ITEM_HEADER, timeout=TIMEOUT)
        for child in children:  # then all of them answer every card they are shown
            child.send("\n3\n" * 40)
        for child in children:
            assert child.proc.stdin is not None
            child.proc.stdin.close()
            assert child.proc.wait(timeout=TIMEOUT) == 0
    finally:
        for child in children:
            child.close()
    # Each new card is claimed in the write transaction before it is shown, so the three
    # windows together introduce exactly the day's limit, even with a card on each screen.
    assert _introduced(db) == NEW_PER_DAY


# reports on a read-only file ---------------------------------------------------------------

REPORTS = [
    ["stats"],
    ["stats", "--json"],
    ["due"],
    ["due", "--json"],
    ["where"],
    ["exam", "--history"],
    ["flagged"],
    ["leeches"],
    ["settings"],
    ["db", "check"],
]


#: Linux capabilities that let root write a read-only file: DAC_OVERRIDE, DAC_READ_SEARCH,
#: FOWNER. Dropped from the bounding set before exec, so a child run as root is refused too.
_OVERRIDE_CAPABILITIES = (1, 2, 3)
_PR_CAPBSET_DROP = 24


def _drop_file_overrides() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _OVERRIDE_CAPABILITIES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder whose permissions the test may take away, restored afterwards."""
    folder = tmp_path / "ro"
    folder.mkdir()
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)


def _reader_env(db: Path) -> dict[str, str]:
    """The reader's own home and cache beside the database (no shared STUDYAPP_CACHE it
    could not write to)."""
    env = {**cli_env(DAY1), "HOME": str(db.parent), "XDG_CACHE_HOME": str(db.parent / "c")}
    env.pop("STUDYAPP_CACHE", None)
    return env


def _as_reader(args: list[str], db: Path) -> subprocess.CompletedProcess[str]:
    """Run studyapp as a user who may not write the file (root loses its overrides)."""
    return subprocess.run(
        studyapp_cmd(*args, "--db", db),
        input="",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_reader_env(db),
        timeout=TIMEOUT,
        preexec_fn=_drop_file_overrides if os.geteuid() == 0 else None,
        cwd=db.parent,
    )


@pytest.mark.parametrize("leftover_wal", [False, True], ids=["closed-cleanly", "wal-left"])
def test_reports_work_on_a_read_only_database_and_folder(
    read_only_folder: Path, leftover_wal: bool
) -> None:
    db = read_only_folder / "data" / "progress.db"
    db.parent.mkdir()
    make_db_with_reviews(db, count=4)
    if leftover_wal:  # as a killed writer leaves it: answers still in the -wal file
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE settings SET value = '9' WHERE key = 'new_per_day'")
        conn.execute("INSERT OR REPLACE INTO settings VALUES ('new_per_day', '9')")
        conn.commit()
        shutil.copyfile(f"{db}-wal", f"{db}-wal.keep")
        shutil.copyfile(f"{db}-shm", f"{db}-shm.keep")
        conn.close()
        os.replace(f"{db}-wal.keep", f"{db}-wal")
        os.replace(f"{db}-shm.keep", f"{db}-shm")
    files = [db, *sidecar_files(db)]
    for path in files:
        path.chmod(0o444)
    db.parent.chmod(0o555)
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
    for args in REPORTS:
        result = _as_reader(args, db)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert "readonly" not in result.stderr, (args, result.stderr)
    due = _as_reader(["due", "--json"], db)
    assert '"total"' in due.stdout
    shown = _as_reader(["settings"], db)
    assert ("new_per_day = 9" if leftover_wal else "new_per_day = 20") in shown.stdout
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files} == before
    assert sorted(db.parent.iterdir()) == sorted(files)
    studying = _as_reader(["quiz"], db)
    assert studying.returncode == 1 and "Traceback" not in studying.stderr
    assert stat.S_IMODE(db.stat().st_mode) == 0o444
