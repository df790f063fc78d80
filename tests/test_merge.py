"""`studyapp merge`: two devices' progress joined, checked as properties over random histories.

Each history is written through the real store API on real files: a shared start on one
file, copied to a second as a sync tool would, then each device going on alone.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from studyapp.clock import to_utc_text
from studyapp.errors import StoreError
from studyapp.interop import merge_database
from studyapp.srs import Rating, StudyScheduler
from studyapp.srs.replay import open_store, recover
from studyapp.store import ExamOutcome, ExamRecord, ReviewRecord, Store
from studyapp.store.exams import EXAM_COLUMNS
from studyapp.store.leeches import LEECH_LAPSES
from tests.conftest import START
from tests.rollups import rollups_from_log, stored_rollups
from tests.test_migrations import write_v10_database
from tests.test_processes import run_cli

SCHEDULER = StudyScheduler()
ITEMS = (("c1", "card"), ("c2", "card"), ("q1", "question"), ("q2", "question"))
COMMENTS = (None, "typo", "out of date")

# One device's actions: (what, item index, a choice, minutes since the last action).
actions = st.tuples(
    st.sampled_from(
        ["review"] * 6 + ["flag", "resolve", "bookmark", "unbookmark", "suspend", "exam"]
    ),
    st.integers(0, len(ITEMS) - 1),
    st.integers(0, 3),
    st.sampled_from([0, 1, 7, 60, 60 * 24, 60 * 24 * 5]),
)
histories = st.lists(actions, max_size=12)


@dataclass
class Device:
    """One device's file and clock; `name` keeps its session and exam ids its own."""

    path: Path
    name: str
    at: datetime = START
    sessions: int = 0

    def act(self, history: Sequence[tuple[str, int, int, int]]) -> None:
        store = open_store(self.path)
        self.sessions += 1
        try:
            session = f"s-{self.name}-{self.sessions}"
            store.reviews.start_session(session, "review", to_utc_text(self.at), None)
            for number, (what, index, choice, minutes) in enumerate(history):
                self.at += timedelta(minutes=minutes)
                item_id, kind = ITEMS[index]
                if what == "exam":
                    self._exam(store, f"exam-{self.name}-{number}-{choice}", finished=choice > 0)
                else:
                    _act(store, what, item_id, kind, choice, self.at, session)
        finally:
            store.close()

    def _exam(self, store: Store, exam_id: str, *, finished: bool) -> None:
        if store.reviews.session_exists(exam_id):
            return
        store.exams.create(ExamRecord(exam_id, self.at, 3600, ("q1", "q2"), None))
        if finished:
            submitted = self.at + timedelta(minutes=1)
            store.exams.submit(
                ExamOutcome(exam_id, submitted, 60_000, 550, 1, 2),
                [
                    _reviewed(item_id, "question", 3 - 2 * n, submitted, exam_id)
                    for n, item_id in enumerate(("q1", "q2"))
                ],
            )


def _reviewed(
    item_id: str, kind: str, rating: int, at: datetime, session: str
) -> tuple[ReviewRecord, Any]:
    graded = kind == "question"
    review = ReviewRecord(
        item_id,
        kind,
        at,
        rating,
        correct=(rating > 1) if graded else None,
        answer=('["Right"]' if rating > 1 else '["Wrong"]') if graded else None,
        duration_ms=1000 * rating,
        session_id=session,
    )
    return review, lambda prior: SCHEDULER.next_state(prior, item_id, kind, Rating(rating), at)


def _act(
    store: Store, what: str, item_id: str, kind: str, choice: int, at: datetime, session: str
) -> None:
    """One action through the store's own API (suspensions have none: leeches make them)."""
    if what == "review":
        store.reviews.record(*_reviewed(item_id, kind, choice + 1, at, session))
    elif what == "flag":
        store.flags.add(item_id, at, COMMENTS[choice % len(COMMENTS)], "hash")
    elif what == "resolve" and store.flags.records():
        store.flags.resolve(store.flags.records()[-1].id)
    elif what == "bookmark":
        store.bookmarks.add(item_id, at)
    elif what == "unbookmark":
        store.bookmarks.remove(item_id)
    elif what == "suspend":
        with store.write():
            store.conn.execute(
                "INSERT OR REPLACE INTO suspensions VALUES (?, ?, 'leech')",
                (item_id, to_utc_text(at)),
            )


def two_devices(
    folder: Path, shared: Sequence[Any], on_a: Sequence[Any], on_b: Sequence[Any]
) -> tuple[Path, Path]:
    """Two files with a shared start (written on A, copied to B), then each alone."""
    a = Device(folder / "a.db", "a")
    a.act(shared)
    shutil.copyfile(a.path, folder / "b.db")
    b = Device(folder / "b.db", "b", a.at)
    a.act(on_a)
    b.act(on_b)
    return a.path, b.path


def merged(other: Path, into: Path, target: Path) -> Path:
    """A copy of `into` with `other` merged into it."""
    shutil.copyfile(into, target)
    merge_database(other, target)
    return target


def snapshot(path: Path) -> dict[str, Any]:
    """Every kept table, reviews by uid in log order, the others as sorted rows."""
    conn = sqlite3.connect(path)
    try:
        tables: dict[str, Any] = {
            name: sorted(conn.execute(sql), key=repr)
            for name, sql in {
                "item_state": "SELECT * FROM item_state",
                "flags": "SELECT item_id, flagged_at, comment, content_hash, resolved FROM flags",
                "bookmarks": "SELECT * FROM bookmarks",
                "suspensions": "SELECT * FROM suspensions",
                # Each file keeps its own unfinished exams: only finished ones are joined.
                "exams": f"SELECT {EXAM_COLUMNS} FROM exams WHERE status = 'submitted'",
                "exam_answers": "SELECT * FROM exam_answers WHERE exam_id IN "
                "(SELECT id FROM exams WHERE status = 'submitted')",
                # Sessions that name no review or finished exam are left behind.
                "sessions": "SELECT * FROM sessions WHERE id IN (SELECT session_id FROM "
                "reviews UNION SELECT id FROM exams WHERE status = 'submitted')",
            }.items()
        }
        tables["reviews"] = conn.execute(
            "SELECT uid, item_id, kind, reviewed_at, rating, correct, answer, duration_ms, "
            "session_id, content_hash, prior_state FROM reviews ORDER BY id"
        ).fetchall()
        tables["rollups"] = stored_rollups(conn)
        return tables
    finally:
        conn.close()


def uids(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT uid FROM reviews")}
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_derived_tables(path: Path) -> None:
    """The states are the log replayed in its order, and the totals a count of the log."""
    store = open_store(path, read_only=True)
    try:
        assert store.reviews.states() == SCHEDULER.replay_log(store.reviews.all())
        assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    finally:
        store.close()


@settings(max_examples=40, deadline=None)
@given(shared=histories, on_a=histories, on_b=histories)
# Two flags alike in item, time and comment, one of them resolved on one device only.
@example(shared=[("flag", 0, 0, 0)], on_a=[], on_b=[("flag", 0, 0, 0), ("resolve", 0, 0, 0)])
def test_merging_is_commutative_idempotent_and_loses_nothing(
    shared: list[Any], on_a: list[Any], on_b: list[Any]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        a, b = two_devices(folder, shared, on_a, on_b)
        a_bytes, b_bytes = digest(a), digest(b)
        a_into_b = merged(a, b, folder / "a-into-b.db")
        b_into_a = merged(b, a, folder / "b-into-a.db")
        assert (digest(a), digest(b)) == (a_bytes, b_bytes)  # OTHER is only read
        assert snapshot(a_into_b) == snapshot(b_into_a)
        assert uids(a_into_b) == uids(a) | uids(b)
        check_derived_tables(a_into_b)
        once = snapshot(a_into_b)
        merge_database(a, a_into_b)
        merge_database(b, a_into_b)
        merge_database(b_into_a, a_into_b)
        assert snapshot(a_into_b) == once


def test_a_failure_mid_merge_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = two_devices(
        tmp_path,
        [("review", 0, 2, 0), ("flag", 1, 1, 5)],
        [("review", 2, 0, 10), ("bookmark", 3, 0, 1), ("exam", 0, 1, 3)],
        [("review", 1, 3, 12)],
    )
    before = snapshot(b)

    def broken(*_args: object) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("studyapp.store.merging.merge_exams", broken)
    with pytest.raises(sqlite3.OperationalError):
        merge_database(a, b)
    assert snapshot(b) == before
    monkeypatch.undo()
    merge_database(a, b)
    assert snapshot(b) != before


def test_a_shared_history_comes_in_once_and_the_rest_in_time_order(tmp_path: Path) -> None:
    a, b = two_devices(
        tmp_path,
        [("review", 0, 2, 0), ("review", 2, 2, 1)],
        [("review", 1, 2, 60), ("review", 0, 0, 60 * 24)],
        [("review", 3, 2, 30), ("review", 2, 3, 60 * 24 * 5)],
    )
    first = merge_database(a, b)
    assert (first.reviews_in_other, first.reviews_new, first.log_changed) == (4, 2, True)
    store = open_store(b, read_only=True)
    times = [(r.reviewed_at, r.item_id) for r in store.reviews.all()]
    store.close()
    assert len(times) == 6
    assert times == sorted(times)  # B's own later review now follows A's, as they happened
    again = merge_database(a, b)
    assert (again.reviews_new, again.log_changed) == (0, False)  # nothing to replay


def test_unfinished_exams_stay_behind_and_a_finished_one_replaces_its_unfinished_copy(
    tmp_path: Path,
) -> None:
    a = tmp_path / "a.db"
    store = open_store(a)
    store.exams.create(ExamRecord("exam-shared", START, 3600, ("q1", "q2"), None))
    store.exams.create(ExamRecord("exam-open", START, 3600, ("q1",), None))
    store.close()
    b = tmp_path / "b.db"
    shutil.copyfile(a, b)
    store = open_store(a)
    done = START + timedelta(minutes=20)
    store.exams.submit(
        ExamOutcome("exam-shared", done, 1_200_000, 700, 1, 2),
        [_reviewed("q1", "question", 3, done, "exam-shared")],
    )
    store.close()
    result = merge_database(a, b)
    assert (result.exams_finished_in_other, result.exams_new) == (1, 1)
    assert result.exams_unfinished_left == 1
    store = open_store(b, read_only=True)
    assert {e.id: e.status for e in store.exams.records()} == {
        "exam-shared": "submitted",
        "exam-open": "in_progress",  # B's own, kept
    }
    assert [r.session_id for r in store.reviews.all()] == ["exam-shared"]
    store.close()


def test_flags_and_bookmarks_join_with_their_rules(tmp_path: Path) -> None:
    a, b = two_devices(
        tmp_path,
        [("flag", 0, 1, 0), ("bookmark", 1, 0, 5)],
        [("resolve", 0, 0, 1), ("bookmark", 2, 0, 1), ("flag", 3, 2, 1)],
        [("unbookmark", 1, 0, 1), ("bookmark", 1, 0, 2)],
    )
    result = merge_database(a, b)
    assert (result.flags_in_other, result.flags_new, result.flags_resolved) == (2, 1, 1)
    store = open_store(b, read_only=True)
    flags = {(f.item_id, f.comment, f.resolved) for f in store.flags.records(include_resolved=True)}
    assert flags == {("c1", "typo", True), ("q2", "out of date", False)}
    marks = {m.item_id: m.bookmarked_at for m in store.bookmarks.records()}
    assert marks == {"c2": START + timedelta(minutes=5), "q1": START + timedelta(minutes=7)}
    store.close()


def test_lapses_on_both_devices_make_a_leech_of_the_joined_history(tmp_path: Path) -> None:
    learn = [("review", 0, 2, 0), ("review", 0, 2, 60 * 24)]
    # Four lapses on each device after the item was learned, B's a month after A's: eight
    # in the joined history, though neither device saw more than four.
    lapses = [a for _ in range(4) for a in (("review", 0, 0, 60 * 24 * 5), ("review", 0, 2, 10))]
    a, b = two_devices(tmp_path, learn, lapses, [("review", 1, 2, 60 * 24 * 30), *lapses])
    result = merge_database(a, b)
    store = open_store(b, read_only=True)
    state = store.reviews.state("c1")
    assert state is not None and state.lapses >= LEECH_LAPSES
    assert [s.item_id for s in store.flags.suspended()] == ["c1"]
    assert result.leeches_new == 1
    store.close()


def test_a_session_undoes_its_own_answer_after_a_merge_renumbered_the_log(
    tmp_path: Path,
) -> None:
    a, b = two_devices(tmp_path, [], [("review", 1, 2, 30)], [])
    store = open_store(b)
    later = START + timedelta(hours=2)
    store.reviews.start_session("s-open", "review", to_utc_text(later), None)
    saved, _ = store.reviews.record(*_reviewed("c1", "card", 3, later, "s-open"))
    merge_database(a, b)  # A's earlier review takes id 1; this one moves to id 2
    assert store.reviews.undo(saved, SCHEDULER.replay) is None
    assert [r.item_id for r in store.reviews.all()] == ["c2"]
    store.close()


def test_an_older_other_file_is_upgraded_on_a_copy_and_its_shared_reviews_match(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.db"
    write_v10_database(old)
    here = tmp_path / "progress.db"
    shutil.copyfile(old, here)
    before = digest(old)
    result = merge_database(old, here)  # the same old history, upgraded on both sides
    assert (result.upgraded_from, result.reviews_new) == (10, 0)
    assert result.reviews_in_other == result.reviews_total
    assert digest(old) == before
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 10
    conn.close()


def test_other_files_are_refused_in_one_line_leaving_the_database_unchanged(
    tmp_path: Path,
) -> None:
    db = tmp_path / "progress.db"
    open_store(db).close()
    before = digest(db)
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("hello")
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    cases = {
        db: "it is the database itself",
        tmp_path / "missing.db": "no such file",
        not_sqlite: "not an SQLite database",
        foreign: "an SQLite database, but not a studyapp database",
    }
    for other, why in cases.items():
        with pytest.raises(StoreError, match=f"not merged \\({why}"):
            merge_database(other, db)
    assert digest(db) == before


def test_the_merge_command_prints_a_line_per_table_and_refuses_in_one_line(
    tmp_path: Path,
) -> None:
    a, b = two_devices(
        tmp_path, [("review", 0, 2, 0)], [("review", 1, 2, 5), ("flag", 1, 1, 1)], []
    )
    result = run_cli("merge", a, "--db", b)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Merged {a} into {b} in one transaction; a.db is unchanged"
    assert lines[1].startswith("reviews: 2 reviews there, 1 new;")
    assert "flags: 1 there, 1 new, 0 newly resolved" in lines
    assert lines[-1].startswith("settings: this database's kept")
    again = run_cli("merge", b, "--db", b)
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1
    assert (
        again.stderr.startswith("studyapp: ") and "not merged (it is the database" in again.stderr
    )


def test_db_recover_keeps_uids_and_bookmarks_and_derives_old_ones_as_the_upgrade_does(
    tmp_path: Path,
) -> None:
    a, _b = two_devices(tmp_path, [("review", 0, 2, 0), ("bookmark", 1, 0, 1)], [], [])
    recover(a, tmp_path / "recovered.db")
    assert uids(tmp_path / "recovered.db") == uids(a)
    assert snapshot(tmp_path / "recovered.db")["bookmarks"] == snapshot(a)["bookmarks"]
    old = tmp_path / "v10.db"
    write_v10_database(old)
    recover(old, tmp_path / "recovered-v10.db")
    shutil.copyfile(old, tmp_path / "upgraded.db")
    open_store(tmp_path / "upgraded.db").close()
    assert uids(tmp_path / "recovered-v10.db") == uids(tmp_path / "upgraded.db")
