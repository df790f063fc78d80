"""`studyapp backup` and `studyapp restore` on real files, with a real second writer."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studyapp.interop import backup_database, default_backup_path, restore_database
from studyapp.store import SCHEMA_VERSION, Store
from tests.test_processes import make_db_with_reviews, review_item_ids, run_cli

NOW = datetime(2026, 12, 7, 17, 50, tzinfo=UTC)
COPY_REVIEW = (
    "INSERT INTO reviews (item_id, kind, reviewed_at, rating, correct, answer, duration_ms, "
    "session_id, content_hash, prior_state) SELECT item_id, kind, reviewed_at, rating, "
    "correct, answer, duration_ms, session_id, content_hash, prior_state FROM reviews "
    "WHERE id = (SELECT min(id) FROM reviews)"
)
WRITER = f"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=15, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
print("ready", flush=True)
for _ in range(int(sys.argv[2])):
    conn.execute("BEGIN IMMEDIATE")
    conn.execute({COPY_REVIEW!r})
    conn.execute("COMMIT")
"""


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "progress.db"
    make_db_with_reviews(db, count=4)
    return db


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "progress.db"
    copy.write_bytes(seeded.read_bytes())
    return copy


def _count(path: Path) -> int:
    conn = sqlite3.connect(path, timeout=15)
    try:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        conn.close()


def _add_reviews(path: Path, count: int) -> None:
    conn = sqlite3.connect(path, timeout=15, isolation_level=None)
    try:
        for _ in range(count):
            conn.execute(COPY_REVIEW)
    finally:
        conn.close()


def test_a_backup_while_another_process_writes_is_consistent_and_complete(
    db: Path, tmp_path: Path
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), "3000"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(0.2)
        before = _count(db)
        result = backup_database(db, tmp_path / "during.db")
        after = _count(db)
    finally:
        assert writer.wait(timeout=60) == 0
    assert before <= result.reviews <= after
    assert before < after, "the writer was not writing during the backup"
    copy = sqlite3.connect(tmp_path / "during.db")
    ids = [row[0] for row in copy.execute("SELECT id FROM reviews ORDER BY id")]
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    copy.close()
    assert ids == list(range(ids[0], ids[0] + len(ids)))  # no review missing in between
    assert not Path(f"{tmp_path / 'during.db'}-wal").exists()


def test_backup_more_reviews_then_restore_gives_back_the_backup(db: Path, tmp_path: Path) -> None:
    backed_up = review_item_ids(db)
    made = run_cli("backup", "--db", db)
    assert made.returncode == 0, made.stderr
    backup = default_backup_path(db, datetime(2026, 3, 2, 10, tzinfo=UTC))
    assert made.stdout.startswith(f"backed up to {backup} (")
    assert f"{len(backed_up)} reviews)" in made.stdout
    _add_reviews(db, 5)
    newer = review_item_ids(db)
    newer_bytes_count = _count(db)
    restored = run_cli("restore", backup, "--db", db)
    assert restored.returncode == 0, restored.stderr
    assert review_item_ids(db) == backed_up
    aside = db.with_name(f"{db.name}.before-restore-2026-03-02T100000Z")
    assert f"kept as {aside}" in restored.stdout
    assert review_item_ids(aside) == newer and _count(aside) == newer_bytes_count
    for path in (db, aside):
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
    with Store.open(db) as store:  # and studyapp opens it as usual
        assert store.schema_version == SCHEMA_VERSION


def test_restore_waits_out_a_writer_and_loses_none_of_its_reviews(db: Path, tmp_path: Path) -> None:
    backup_database(db, tmp_path / "b.db")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), "400"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        result = restore_database(tmp_path / "b.db", db, NOW)
    finally:
        assert writer.wait(timeout=60) == 0
    assert result.kept_aside is not None
    seeded = result.reviews
    # Every review the writer committed is in the file kept aside or in the restored one.
    written = (_count(result.kept_aside) - seeded) + (_count(db) - seeded)
    assert written == 400


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _damaged_copy(db: Path, tmp_path: Path) -> Path:
    bad = tmp_path / "damaged.db"
    backup_database(db, bad)
    data = bytearray(bad.read_bytes())
    page = 4096
    for start in range(page * 2, len(data) - page, page):  # scribble over pages past the schema
        data[start + 8 : start + 200] = b"\xff" * 192
    bad.write_bytes(bytes(data))
    return bad


def _newer_copy(db: Path, tmp_path: Path) -> Path:
    newer = tmp_path / "newer.db"
    backup_database(db, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return newer


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda db, tmp: tmp / "missing.db", "no such file"),
        (lambda db, tmp: _text_file(tmp), "not an SQLite database"),
        (_damaged_copy, "damaged"),
        (_newer_copy, "newer than this studyapp"),
        (lambda db, tmp: _foreign(tmp), "not a studyapp database"),
    ],
    ids=["missing", "not-a-database", "damaged", "newer-schema", "foreign-sqlite"],
)
def test_restore_refuses_a_bad_file_in_one_line_and_changes_nothing(
    db: Path, tmp_path: Path, make: object, why: str
) -> None:
    assert callable(make)
    bad = make(db, tmp_path)
    before = _snapshot(db)
    result = run_cli("restore", bad, "--db", db)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert why in result.stderr and "unchanged" in result.stderr
    assert _snapshot(db) == before
    assert list(db.parent.glob("*.before-restore-*")) == []


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 100)
    return path


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "foreign.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE flags (x)")
    conn.commit()
    conn.close()
    return path


def test_keep_prunes_only_its_own_timestamped_backups(db: Path) -> None:
    folder = db.parent / "backups"
    folder.mkdir()
    old = [folder / f"progress-2026-01-0{day}T120000Z.db" for day in range(1, 5)]
    others = [
        folder / "progress-manual.db",
        folder / "other-2026-01-01T120000Z.db",
        folder / "progress-2026-01-01T120000Z.db.txt",
        folder / "notes.txt",
    ]
    for path in old + others:
        path.write_bytes(b"x")
    result = run_cli("backup", "--keep", "2", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "3 older backup(s) deleted" in result.stdout
    newest = folder / "progress-2026-03-02T100000Z.db"
    assert sorted(folder.iterdir()) == sorted([old[-1], newest, *others])


def test_an_existing_file_is_overwritten_only_with_force(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    target.write_bytes(b"keep me")
    refused = run_cli("backup", target, "--db", db)
    assert refused.returncode == 1
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_bytes() == b"keep me"
    forced = run_cli("backup", target, "--force", "--db", db)
    assert forced.returncode == 0, forced.stderr
    assert _count(target) == _count(db)
    again = run_cli("backup", "--db", db)
    assert again.returncode == 0
    assert run_cli("backup", "--db", db).returncode == 1  # same second: never overwritten


def test_restore_into_a_missing_database_creates_it(db: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "new" / "progress.db"
    result = restore_database(db, fresh, NOW)
    assert result.kept_aside is None
    assert review_item_ids(fresh) == review_item_ids(db)
