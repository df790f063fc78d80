"""The parts of a store share its one connection and its write transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.errors import StoreError
from studyapp.store import ExamOutcome, ExamRecord, ItemState, ReviewRecord, Store
from tests.conftest import START


def _next_state(item_id: str) -> Callable[[ItemState | None], ItemState]:
    def step(prior: ItemState | None) -> ItemState:
        reps = prior.reps + 1 if prior else 1
        first = prior.first_review if prior else START
        due = START + timedelta(days=3)
        return ItemState(item_id, "question", 2, None, 3.0, 5.0, due, START, first, reps, 0)

    return step


def _exam(exam_id: str = "exam-1") -> ExamRecord:
    return ExamRecord(exam_id, START, 600, ("q1", "q2"), None)


def _seen_by_another_connection(path: Path, sql: str) -> list[tuple[object, ...]]:
    other = sqlite3.connect(path)
    try:
        return other.execute(sql).fetchall()
    finally:
        other.close()


def test_each_part_commits_its_write_on_the_one_connection(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    with Store.open(path) as store:
        store.reviews.record(ReviewRecord("q1", "question", START, 3, True), _next_state("q1"))
        assert not store.conn.in_transaction
        store.exams.create(_exam())
        store.exams.save_answer("exam-1", "q2", [1], 5_000)
        assert not store.conn.in_transaction
        store.flags.add("q1", START, "typo", None)
        store.settings.set("new_per_day", "7")
        store.settings.set_preference("theme", "dark")
        seen = _seen_by_another_connection(
            path,
            "SELECT (SELECT count(*) FROM reviews), (SELECT reviews FROM item_tallies), "
            "(SELECT chosen FROM exam_answers WHERE item_id = 'q2'), (SELECT elapsed_ms FROM "
            "exams), (SELECT comment FROM flags), (SELECT value FROM settings), "
            "(SELECT value FROM meta WHERE key = 'preference.theme')",
        )
        assert seen == [(1, 1, "[1]", 5_000, "typo", "7", "dark")]
    with pytest.raises(sqlite3.ProgrammingError):  # closed by leaving the `with`
        store.conn.execute("SELECT 1")


def test_a_failed_submission_leaves_neither_its_reviews_nor_its_score(tmp_path: Path) -> None:
    """The exam part appends reviews through the review log inside its own transaction."""
    path = tmp_path / "progress.db"

    def broken(prior: ItemState | None) -> ItemState:
        raise RuntimeError("scheduler failed")

    outcome = ExamOutcome("exam-1", START + timedelta(minutes=5), 300_000, 700, 1, 2)
    reviews = [
        (ReviewRecord("q1", "question", START, 3, True, session_id="exam-1"), _next_state("q1")),
        (ReviewRecord("q2", "question", START, 1, False, session_id="exam-1"), broken),
    ]
    with Store.open(path) as store:
        store.exams.create(_exam())
        with pytest.raises(RuntimeError):
            store.exams.submit(outcome, reviews)
        assert not store.conn.in_transaction
        assert store.reviews.count() == 0 and store.reviews.states() == {}
        assert store.exams.unfinished() == _exam()
    assert _seen_by_another_connection(path, "SELECT count(*) FROM item_tallies") == [(0,)]


def test_a_read_only_store_refuses_a_write_from_every_part(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    with Store.open(path) as store:
        store.exams.create(_exam())
        flag_id = store.flags.add("q1", START, None, None)
    review = ReviewRecord("q1", "question", START, 3, True)
    with Store.open(path, read_only=True) as store:
        writes: list[Callable[[], object]] = [
            lambda: store.reviews.record(review, _next_state("q1")),
            lambda: store.reviews.start_session("s-1", "quiz", "2026-03-02", None),
            lambda: store.exams.save_answer("exam-1", "q1", [0], 1_000),
            lambda: store.exams.discard("exam-1"),
            lambda: store.flags.resolve(flag_id),
            lambda: store.settings.set("new_per_day", "9"),
            lambda: store.settings.set_preference("theme", "light"),
        ]
        for write in writes:
            with pytest.raises(StoreError, match="opened read-only"):
                write()
        store.settings.cache_figures("backtest", "{}")  # kept figures are just not kept
        assert store.settings.cached_figures("backtest") is None
    with Store.open(path) as store:
        assert store.reviews.count() == 0 and store.exams.unfinished() == _exam()
        assert [f.resolved for f in store.flags.records()] == [False]


def test_bookmarks_are_added_once_removed_and_listed_newest_first(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    with Store.open(path) as store:
        assert store.bookmarks.add("c1", START)
        assert store.bookmarks.add("q1", START + timedelta(hours=1))
        assert not store.bookmarks.add("c1", START + timedelta(hours=2))  # keeps its first time
        assert [(b.item_id, b.bookmarked_at) for b in store.bookmarks.records()] == [
            ("q1", START + timedelta(hours=1)),
            ("c1", START),
        ]
        # Each write is its own commit: another connection sees it at once.
        assert _seen_by_another_connection(
            path, "SELECT item_id FROM bookmarks ORDER BY item_id"
        ) == [
            ("c1",),
            ("q1",),
        ]
        assert store.bookmarks.remove("c1") and not store.bookmarks.remove("c1")
        assert store.bookmarks.item_ids() == {"q1"}
        with pytest.raises(ValueError, match="timezone-aware"):
            store.bookmarks.add("c2", START.replace(tzinfo=None))
