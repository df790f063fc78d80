"""`studyapp backup` and `studyapp restore` on real files, with a real second writer."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studyapp.errors import StoreError
from studyapp.interop import backup_database, default_backup_path, restore_database
from studyapp.srs.replay import open_store
from studyapp.store import SCHEMA_VERSION, ExamOutcome, ExamRecord, ReviewRecord, Store
from tests.conftest import START
from tests.test_migrations import write_v1_database, write_v9_database
from tests.test_processes import (
    CHOOSE_PROMPT,
    HEADER,
    RESULT_LINE,
    ItemFinder,
    answer_for,
    make_db_with_reviews,
    review_item_ids,
    run_cli,
    started,
)
from tests.test_store_parts import _next_state

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
    assert made.stdout.startswith(f"Backed up to {backup} (")
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
    assert "3 older backups deleted" in result.stdout
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


def test_a_window_left_open_answers_into_the_restored_database(db: Path, tmp_path: Path) -> None:
    """A line-mode quiz holds its Store open across `studyapp restore` run from another
    process: the answers after the restore are in the restored database, those before it in
    the file kept aside, and the quiz ends as usual."""
    backup = tmp_path / "b.db"
    backup_database(db, backup)
    _add_reviews(db, 2)  # progress made since the backup, which the restore replaces
    before_restore, in_backup = review_item_ids(db), review_item_ids(backup)
    find, answered = ItemFinder(), []
    with started(["quiz", "--topic", "lambda", "--count", "5", "--db", db], tmp_path) as child:
        for number in range(5):
            item_id = find(child.expect(HEADER).group(4))
            prompt = child.expect(CHOOSE_PROMPT)
            if number == 2:  # the third question is on screen, claimed, when the restore runs
                restored = run_cli("restore", backup, "--db", db)
                assert restored.returncode == 0, restored.stderr
            child.send(answer_for(prompt))
            child.expect(RESULT_LINE)
            answered.append(item_id)
        child.expect(re.compile(r"Session over: 5 answered"))
        assert child.proc.wait(timeout=30) == 0
    errors = (tmp_path / "stderr.txt").read_text()
    assert errors == ""
    assert review_item_ids(db) == in_backup + answered[2:]
    [aside] = db.parent.glob(f"{db.name}.before-restore-*")
    assert review_item_ids(aside) == before_restore + answered[:2]
    with Store.open(db) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_exam_sat_across_a_restore_is_kept_whole(db: Path, tmp_path: Path) -> None:
    """The window sitting the exam holds its Store open while another process restores: its
    exam, the answers given before and after, and its submission all land in the restored file."""
    backup_database(db, tmp_path / "b.db")
    exam = ExamRecord("exam-across", START, 600, ("q1", "q2", "q3"), None)
    outcome = ExamOutcome(exam.id, START + timedelta(minutes=5), 300_000, 700, 1, 3)
    reviews = [
        (
            ReviewRecord(item_id, "question", START, 3, True, session_id=exam.id),
            _next_state(item_id),
        )
        for item_id in exam.question_ids
    ]
    with Store.open(db) as window:
        window.exams.create(exam)
        window.exams.save_answer(exam.id, "q1", [0], 1_000)
        window.exams.save_flag(exam.id, "q2", True, 2_000)
        restore_database(tmp_path / "b.db", db, NOW)
        window.exams.save_answer(exam.id, "q3", [1, 2], 3_000)
        window.exams.submit(outcome, reviews)
    with Store.open(db) as store:
        [kept] = [record for record in store.exams.records() if record.id == exam.id]
        assert (kept.status, kept.elapsed_ms, kept.score_scaled) == ("submitted", 300_000, 700)
        answers = [(a.item_id, a.chosen, a.flagged) for a in store.exams.answers(exam.id)]
        assert answers == [("q1", (0,), False), ("q2", None, True), ("q3", (1, 2), False)]
        assert review_item_ids(db)[-3:] == ["q1", "q2", "q3"]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_exam_another_window_submitted_is_not_written_back(db: Path) -> None:
    """Write-back is only for an exam the file no longer has at all."""
    exam = ExamRecord("exam-once", START, 600, ("q1",), None)
    outcome = ExamOutcome(exam.id, START, 1_000, 1000, 1, 1)
    with Store.open(db) as window, Store.open(db) as other:
        window.exams.create(exam)
        assert other.exams.get(exam.id) == exam
        other.exams.submit(outcome, [])
        with pytest.raises(StoreError, match="not in progress"):
            window.exams.save_answer(exam.id, "q1", [0], 2_000)


@pytest.mark.parametrize("write_old", [write_v1_database, write_v9_database], ids=["v1", "v9"])
def test_a_backup_from_an_older_schema_is_restored_upgraded_with_every_review(
    db: Path, tmp_path: Path, write_old: object
) -> None:
    assert callable(write_old)
    old = tmp_path / "old.db"
    write_old(old)
    old_bytes = old.read_bytes()
    conn = sqlite3.connect(old)
    old_version = conn.execute("PRAGMA user_version").fetchone()[0]
    old_reviews = conn.execute(
        "SELECT id, item_id, reviewed_at, rating, answer, session_id FROM reviews ORDER BY id"
    ).fetchall()
    conn.close()
    assert old_version < SCHEMA_VERSION and old_reviews
    restored = run_cli("restore", old, "--db", db)
    assert restored.returncode == 0, restored.stderr
    assert f"upgraded from schema version {old_version}" in restored.stdout
    assert old.read_bytes() == old_bytes  # the backup itself is never changed
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert (
        conn.execute(
            "SELECT id, item_id, reviewed_at, rating, answer, session_id FROM reviews ORDER BY id"
        ).fetchall()
        == old_reviews
    )
    conn.close()
    opened = tmp_path / "opened.db"  # the old file upgraded the usual way, by opening it
    opened.write_bytes(old_bytes)
    with open_store(opened) as upgraded, open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert list(store.reviews.all()) == list(upgraded.reviews.all())
        assert store.reviews.states() == upgraded.reviews.states()
        assert store.settings.current() == upgraded.settings.current()


def test_undo_after_a_restore_never_removes_a_restored_review(db: Path, tmp_path: Path) -> None:
    """The window's last answer had id N; after a restore, id N is another review."""
    bigger = tmp_path / "bigger.db"
    bigger.write_bytes(db.read_bytes())
    _add_reviews(bigger, 3)
    backup_database(bigger, tmp_path / "b.db")
    with Store.open(db) as window:
        saved, _state = window.reviews.record(
            ReviewRecord("q-window", "question", START, 3, True), _next_state("q-window")
        )
        assert saved.id is not None
        restore_database(tmp_path / "b.db", db, NOW)
        with pytest.raises(StoreError, match="a backup was restored since"):
            window.reviews.undo(saved, lambda reviews: None)
    assert review_item_ids(db) == review_item_ids(tmp_path / "b.db")
