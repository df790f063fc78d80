"""Opening with care: foreign and damaged files are refused byte for byte untouched, row
errors are reported as damage, `db check` and `db recover` never write to the original."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.content import Deck
from studyapp.errors import StoreError
from studyapp.store import ReviewRecord, Store
from studyapp.store.schema import SCHEMA_VERSION, tables_of_version
from studyapp.store.search import ensure_search_index
from tests.test_concurrency_store import _bump

BASE = datetime(2026, 3, 2, 10, tzinfo=UTC)
REVIEWS = 400
ITEMS = 40


def make_progress_file(path: Path, deck: Deck | None = None) -> None:
    """A real progress file of several pages per table, closed cleanly (no -wal left)."""
    store = Store.open(path)
    store.reviews.start_session("s1", "quiz", "2026-03-02T10:00:00.000000Z", None)
    for n in range(REVIEWS):
        item_id, at = f"item-{n % ITEMS:03d}", BASE + timedelta(minutes=n)
        answer = f'["an answer long enough to fill pages {n:05d} {"x" * 60}"]'
        review = ReviewRecord(item_id, "question", at, 1 + n % 4, n % 4 != 0, answer, 4000, "s1")
        store.reviews.record(review, partial(_bump, item_id=item_id, at=at))
    store.settings.set("new_per_day", "7")
    store.flags.add("item-001", BASE, "unclear", None)
    if deck is not None:
        ensure_search_index(store, deck)
    store.close()
    assert not Path(f"{path}-wal").exists()


def smash_page(path: Path, table: str, offset_in_page: int = 0) -> None:
    """Write garbage over the root page of `table` (from `offset_in_page` on)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root[0] - 1) * page_size + offset_in_page)
        handle.write(bytes([0xA5, 0x17, 0xFF, 0x00]) * ((page_size - offset_in_page) // 4))


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes and modified time, and which sidecar files sat next to it."""

    data: bytes
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        return cls(path.read_bytes(), path.stat().st_mtime_ns)


def open_and_write(path: Path) -> None:
    """Open the file and write to it: the page check may finish only when the first write
    waits for it (it runs while the first screen is built)."""
    store = Store.open(path)
    try:
        store.settings.set("new_per_day", "9")
    finally:
        store.close()


def integrity_errors(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:  # some damage stops the check itself
        return [str(exc)]
    finally:
        conn.close()


def journal_mode_in_header(path: Path) -> tuple[int, int]:
    """Bytes 18 and 19 of the header: (1, 1) for a rollback journal, (2, 2) for WAL."""
    data = path.read_bytes()
    return data[18], data[19]


# 5. a foreign SQLite file is refused and left exactly as it was ---------------------------


def _foreign(path: Path, *statements: str) -> Snapshot:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    os.utime(path, ns=(1_000_000_000_000, 1_000_000_000_000))
    return Snapshot.of(path)


@pytest.mark.parametrize(
    "statements",
    [
        (
            "CREATE TABLE flags (id INTEGER PRIMARY KEY, colour TEXT)",
            "INSERT INTO flags VALUES (1, 'red')",
        ),
        ("CREATE TABLE invoices (id INTEGER, total REAL)", "INSERT INTO invoices VALUES (1, 9.5)"),
        ("CREATE TABLE reviews (id INTEGER, stars INTEGER)",),
    ],
    ids=["only-flags", "unrelated-tables", "a-reviews-table-of-its-own"],
)
def test_a_foreign_sqlite_file_is_refused_and_left_byte_for_byte(
    tmp_path: Path, statements: tuple[str, ...]
) -> None:
    path = tmp_path / "other.db"
    before = _foreign(path, *statements)
    with pytest.raises(StoreError, match="not a studyapp database; left untouched") as caught:
        Store.open(path)
    assert "already exists" not in str(caught.value)
    assert Snapshot.of(path) == before
    assert journal_mode_in_header(path) == (1, 1), "switched to WAL"
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_a_foreign_file_is_refused_by_every_command_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    before = _foreign(path, "CREATE TABLE flags (id INTEGER PRIMARY KEY)")
    for args in (["settings"], ["stats"], ["due"], ["db", "check"]):
        result = CliRunner().invoke(cli, [*args, "--db", str(path)])
        assert result.exit_code == 1, (args, result.output)
        assert "not a studyapp database" in result.stderr, (args, result.stderr)
        assert Snapshot.of(path) == before


# 6. a damaged file is refused before anything is written ---------------------------------


@pytest.mark.parametrize(
    "table", ["reviews", "item_state", "search_fts_data", "idx_reviews_reviewed_at"]
)
def test_a_damaged_page_is_found_at_open_and_the_file_left_untouched(
    tmp_path: Path, small_deck: Deck, table: str
) -> None:
    path = tmp_path / "progress.db"
    make_progress_file(path, small_deck)
    smash_page(path, table, offset_in_page=8)
    errors_before = integrity_errors(path)
    assert errors_before != ["ok"]
    os.utime(path, ns=(1_000_000_000_000, 1_000_000_000_000))
    before = Snapshot.of(path)
    with pytest.raises(StoreError, match="corrupt") as caught:
        open_and_write(path)
    message = str(caught.value)
    assert str(path) in message and "studyapp db recover" in message, message
    assert "\n" not in message
    assert Snapshot.of(path) == before
    assert integrity_errors(path) == errors_before


def test_a_review_is_never_written_into_a_damaged_log(tmp_path: Path, small_deck: Deck) -> None:
    path = tmp_path / "progress.db"
    make_progress_file(path, small_deck)
    smash_page(path, "reviews", offset_in_page=8)
    before = Snapshot.of(path)
    result = CliRunner().invoke(cli, ["quiz", "--db", str(path)], input="a\nab\n" * 3)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "corrupt" in result.stderr and "studyapp db recover" in result.stderr
    assert Snapshot.of(path) == before


def test_a_row_that_cannot_be_decoded_is_reported_as_damage(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    make_progress_file(path)
    conn = sqlite3.connect(path)  # valid pages, nonsense values: quick_check passes
    conn.execute(
        "UPDATE item_state SET due = 12345, first_review = x'00ff' WHERE item_id = 'item-003'"
    )
    conn.commit()
    conn.close()
    store = Store.open(path)
    try:
        with pytest.raises(StoreError, match=r"corrupt.*studyapp db recover"):
            store.reviews.state("item-003")
        with pytest.raises(StoreError, match="corrupt"):
            store.reviews.states()
    finally:
        store.close()


# 9. a dropped table is noticed at open -----------------------------------------------------


@pytest.mark.parametrize("table", ["reviews", "item_state", "exams"])
def test_a_missing_table_is_noticed_before_anything_is_shown(tmp_path: Path, table: str) -> None:
    path = tmp_path / "progress.db"
    make_progress_file(path)
    conn = sqlite3.connect(path)
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    before = Snapshot.of(path)
    with pytest.raises(StoreError, match=rf"corrupt.*table {table} is missing"):
        Store.open(path)  # found at once, before any read
    result = CliRunner().invoke(cli, ["quiz", "--db", str(path)], input="a\nab\n")
    assert result.exit_code == 1, result.output
    assert f"table {table} is missing" in result.stderr
    assert "Question" not in result.stdout and "✓" not in result.stdout
    assert Snapshot.of(path) == before


def test_every_table_of_a_fresh_database_is_expected(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "p.db")
    names = {
        row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    store.close()
    assert names == tables_of_version(SCHEMA_VERSION)


# durability --------------------------------------------------------------------------------


def test_answers_are_committed_with_a_full_sync(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "p.db")
    try:
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        store.close()


# db check and db recover -------------------------------------------------------------------


def test_db_check_passes_a_sound_file_and_lists_damage_read_only(
    tmp_path: Path, small_deck: Deck
) -> None:
    path = tmp_path / "progress.db"
    make_progress_file(path, small_deck)
    sound = CliRunner().invoke(cli, ["db", "check", "--db", str(path)])
    assert sound.exit_code == 0, sound.output
    assert f"{path}: ok (schema version {SCHEMA_VERSION})" in sound.stdout
    smash_page(path, "item_state", offset_in_page=8)
    before = Snapshot.of(path)
    broken = CliRunner().invoke(cli, ["db", "check", "--db", str(path)])
    assert broken.exit_code == 1, broken.output
    assert (
        re.search(r": (1 problem|[0-9,]+ problems); ", broken.stderr)
        and "studyapp db recover" in broken.stderr
    )
    listed = broken.stderr.splitlines()
    assert len(listed) >= 2 and not listed[0].startswith("studyapp:"), "damage listed on stderr"
    assert not broken.stdout.strip(), "stdout is only for the all-clear"
    assert Snapshot.of(path) == before


def _log(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, item_id, reviewed_at, rating FROM reviews ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("table", ["reviews", "item_state", "idx_reviews_reviewed_at"])
def test_db_recover_rebuilds_what_can_be_read_into_a_new_file(
    tmp_path: Path, small_deck: Deck, table: str
) -> None:
    path, out = tmp_path / "progress.db", tmp_path / "recovered.db"
    make_progress_file(path, small_deck)
    log = _log(path)
    smash_page(path, table, offset_in_page=8)
    before = Snapshot.of(path)
    result = CliRunner().invoke(cli, ["db", "recover", str(out), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert Snapshot.of(path) == before
    assert integrity_errors(out) == ["ok"]
    recovered = Store.open(out)
    try:
        assert recovered.settings.current().new_per_day == 7
        assert [flag.comment for flag in recovered.flags.records()] == ["unclear"]
        kept = [(r.id, r.item_id, r.rating) for r in recovered.reviews.all()]
        assert set(kept) <= {(i, item, rating) for i, item, _at, rating in log}
        # A smashed root page of the log leaves its covering index: every review comes back.
        assert len(kept) == len(log), (len(kept), len(log))
        states = recovered.reviews.states()
        assert sum(state.reps for state in states.values()) == len(log)
    finally:
        recovered.close()
    again = CliRunner().invoke(cli, ["db", "recover", str(out), "--db", str(path)])
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_db_recover_reads_a_file_of_an_older_schema(tmp_path: Path) -> None:
    from tests.test_migrations import write_v2_database

    path, out = tmp_path / "v2.db", tmp_path / "recovered.db"
    reviews, _states = write_v2_database(path)
    before = Snapshot.of(path)
    result = CliRunner().invoke(cli, ["db", "recover", str(out), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert Snapshot.of(path) == before
    recovered = Store.open(out)
    try:
        assert [r.id for r in recovered.reviews.all()] == [r.id for r in reviews]
        assert [flag.comment for flag in recovered.flags.records()] == ["unclear"]
        assert recovered.settings.current().new_per_day == 7
    finally:
        recovered.close()
