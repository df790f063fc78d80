"""Per-topic progress: reviews, accuracy, mastery, due today and tomorrow across day and DST."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from studyapp.clock import FixedClock
from studyapp.content import load_deck_or_raise
from studyapp.srs import Rating
from studyapp.stats import (
    MASTERY_STABILITY_DAYS,
    TopicProgress,
    mastery_of,
    study_day_bounds,
    topic_progress,
)
from studyapp.store import ItemState, ReviewRecord, Store
from studyapp.study import StudyContext
from tests.conftest import SMALL_DECK, START
from tests.test_processes import _textual_stub, cli_env, run_python

EST = timezone(timedelta(hours=-5))
NEW_YORK = ZoneInfo("America/New_York")


def _progress(context: StudyContext) -> TopicProgress:
    clock = context.clock
    (row,) = topic_progress(context.deck, context.store, clock.now(), clock.local_tz)
    return row


def _state(item_id: str, due: datetime, stability: float = 1.0) -> ItemState:
    return ItemState(
        item_id=item_id,
        kind="question" if item_id.startswith("q") else "card",
        state=2,
        step=None,
        stability=stability,
        difficulty=5.0,
        due=due,
        last_review=START - timedelta(days=1),
        first_review=START - timedelta(days=1),
        reps=1,
        lapses=0,
    )


def _record_mastered(store: Store, item_id: str) -> None:
    """One Good review of a card that leaves it mastered and due in 30 days."""
    mastered = _state(item_id, START + timedelta(days=30), stability=30.0)

    def next_state(_prior: ItemState | None) -> ItemState:
        return mastered

    review = ReviewRecord(item_id=item_id, kind="card", reviewed_at=START, rating=3)
    store.reviews.record(review, next_state)


def _answer_everything_in(context: StudyContext, *, rating: Rating = Rating.EASY) -> None:
    """Answer once each item today's review and quiz queues serve, cards with `rating`."""
    review = context.start("review")
    answered: set[str] = set()
    while (card := review.current()) is not None and card.id not in answered:
        answered.add(card.id)
        review.rate(rating)
    quiz = context.start("quiz", count=10)
    while (item := quiz.current()) is not None:
        quiz.answer([0, 2] if item.id == "q2" else [1] if item.id == "s1" else [0])


def test_an_untouched_topic_has_totals_and_no_accuracy(context: StudyContext) -> None:
    assert _progress(context) == TopicProgress(
        topic_id="demo",
        title="Demo topic",
        reviews=0,
        accuracy=None,
        mastery=0.0,
        due_now=0,
        due_today=0,
        due_tomorrow=0,
        seen=0,
        total=6,
    )


def test_answers_from_sessions_show_up_in_the_figures(context: StudyContext) -> None:
    cards = context.start("review")
    for rating in (Rating.EASY, Rating.AGAIN, Rating.GOOD):  # c1, c2, c3
        cards.current()
        cards.rate(rating)
    quiz = context.start("quiz", count=3)
    for choice in ([1], [0, 2], [1]):  # q1 wrong, q2 right, s1 right
        quiz.current()
        quiz.answer(choice)
    progress = _progress(context)
    assert (progress.reviews, progress.seen, progress.total) == (6, 6, 6)
    assert progress.accuracy == 4 / 6
    # c2 (1 minute) and c3 (10 minutes) are still learning; q1 was missed: back tomorrow;
    # c1 (Easy) is out for 8 days, q2 and s1 (Good) for 2.
    assert (progress.due_today, progress.due_tomorrow) == (2, 1)
    assert progress.mastery == 0.0


def test_accuracy_counts_every_review_not_every_item(context: StudyContext) -> None:
    session = context.start("review")
    session.current()
    session.rate(Rating.AGAIN)  # c1
    assert isinstance(context.clock, FixedClock)
    context.clock.advance(timedelta(minutes=2))
    session = context.start("review")
    assert session.current() is not None
    session.rate(Rating.GOOD)  # c1 again, now due
    progress = _progress(context)
    assert (progress.reviews, progress.seen, progress.accuracy) == (2, 1, 0.5)


def test_mastery_is_the_share_of_items_that_reached_21_days(context: StudyContext) -> None:
    clock = context.clock
    assert isinstance(clock, FixedClock)
    for _ in range(4):  # Easy, then Easy again each time they fall due
        _answer_everything_in(context)
        clock.current = max(state.due for state in context.store.reviews.states().values())
    states = context.store.reviews.states()
    mastered = sum(mastery_of(state) for state in states.values())
    assert mastered > 0
    assert _progress(context).mastery == mastered / 6
    assert all(
        mastery_of(state) == ((state.stability or 0) >= MASTERY_STABILITY_DAYS)
        for state in states.values()
    )


def test_mastery_of_needs_21_days_of_stability() -> None:
    assert mastery_of(_state("c1", START, stability=21.0))
    assert not mastery_of(_state("c1", START, stability=20.99))
    assert not mastery_of(replace(_state("c1", START), stability=None))


def test_due_today_ends_at_four_local_and_tomorrow_a_day_later(context: StudyContext) -> None:
    # 10:00 UTC is 05:00 at UTC-5: today runs 09:00 UTC Mar 2 to 09:00 UTC Mar 3.
    context.clock = FixedClock(START, EST)
    end_of_today = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    minute = timedelta(minutes=1)
    context.store.reviews.replace_states(
        [
            _state("c1", START - timedelta(days=3)),  # overdue: today
            _state("c2", end_of_today - minute),  # today
            _state("c3", end_of_today),  # tomorrow
            _state("q1", end_of_today + timedelta(days=1) - minute),  # tomorrow
            _state("q2", end_of_today + timedelta(days=1)),  # the day after
        ]
    )
    progress = _progress(context)
    assert (progress.due_today, progress.due_tomorrow, progress.seen) == (2, 2, 5)


def test_study_days_follow_local_time_across_a_dst_change() -> None:
    # New York springs forward on 2026-03-08: that study day is 23 hours long.
    now = datetime(2026, 3, 7, 17, 0, tzinfo=UTC)  # 12:00 EST
    days = study_day_bounds(now, NEW_YORK)
    assert days.today_start == datetime(2026, 3, 7, 9, 0, tzinfo=UTC)  # 04:00 EST
    assert days.today_end == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)  # 04:00 EDT
    assert days.tomorrow_end == datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
    autumn = study_day_bounds(datetime(2026, 10, 31, 16, 0, tzinfo=UTC), NEW_YORK)
    assert autumn.today_end - autumn.today_start == timedelta(hours=25)


def test_items_and_reviews_outside_the_deck_are_left_out(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "demo.yaml").write_text(SMALL_DECK, encoding="utf-8")
    (folder / "other.yaml").write_text(
        "topic: {id: other, title: Other}\n"
        "cards:\n"
        "  - {id: o1, front: F, back: B, source: 'https://docs.aws.amazon.com/o'}\n",
        encoding="utf-8",
    )
    deck = load_deck_or_raise([folder])
    _record_mastered(store, "o1")
    _record_mastered(store, "gone")  # deleted from the content since
    assert topic_progress(deck, store, START, UTC) == [
        TopicProgress("demo", "Demo topic", 0, None, 0.0, 0, 0, 0, seen=0, total=6),
        TopicProgress("other", "Other", 1, 1.0, 1.0, 0, 0, 0, seen=1, total=1, seen_cards=1),
    ]


def test_progress_counts_in_one_query_and_never_reads_the_review_log(
    context: StudyContext,
) -> None:
    _answer_everything_in(context, rating=Rating.HARD)
    _progress(context)  # the first count files the deck's topics in the database
    statements: list[str] = []
    conn: sqlite3.Connection = context.store.conn
    conn.set_trace_callback(statements.append)
    try:
        _progress(context)
    finally:
        conn.set_trace_callback(None)
    # The deck's topics are checked against the stored ones by digest, then one count:
    # the log's size never enters the cost.
    assert len(statements) == 2
    assert not any("FROM reviews" in sql for sql in statements)


def test_stats_does_not_load_textual(tmp_path: Path) -> None:
    env = cli_env(None, PYTHONPATH=str(_textual_stub(tmp_path)))
    code = "import sys, studyapp.stats, studyapp.store.search; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    result = run_python(code, env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
