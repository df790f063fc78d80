"""FSRS scheduling: golden intervals, invariants, and replay that reproduces fuzz."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.srs import Rating, StudyScheduler, interval_label, rating_for_answer
from studyapp.store import ReviewRecord

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
scheduler = StudyScheduler()


def test_new_card_follows_learning_steps() -> None:
    preview = scheduler.preview(None, "c", "card", T0)
    assert preview[Rating.AGAIN].due - T0 == timedelta(minutes=1)
    assert preview[Rating.GOOD].due - T0 == timedelta(minutes=10)
    assert preview[Rating.EASY].due - T0 >= timedelta(days=3)


def test_quiz_items_skip_minute_steps_and_fall_due_at_a_study_days_start() -> None:
    right = scheduler.next_state(None, "q", "question", Rating.GOOD, T0)
    wrong = scheduler.next_state(None, "q", "question", Rating.AGAIN, T0)
    # FSRS's first Good is 2.3 days: two study days, from 04:00 (the zone here is UTC).
    assert (right.state, right.scheduled_days) == (2, 2)
    assert right.due == datetime(2026, 3, 4, 4, 0, tzinfo=UTC)
    # A miss is a one-day step: back at the next study day's start, then FSRS takes over.
    assert (wrong.state, wrong.due) == (1, datetime(2026, 3, 3, 4, 0, tzinfo=UTC))
    again_right = scheduler.next_state(wrong, "q", "question", Rating.GOOD, wrong.due)
    assert again_right.state == 2 and again_right.scheduled_days >= 1


def test_a_missed_mature_question_returns_the_next_study_day() -> None:
    state = scheduler.next_state(None, "q", "question", Rating.GOOD, T0)
    for _ in range(4):
        state = scheduler.next_state(state, "q", "question", Rating.GOOD, state.due)
    assert state.scheduled_days > 9
    missed_at = state.due + timedelta(hours=17)  # 21:00 on the day it fell due
    missed = scheduler.next_state(state, "q", "question", Rating.AGAIN, missed_at)
    assert (missed.state, missed.lapses) == (3, 1)
    assert missed.due == state.due + timedelta(days=1)  # 04:00 the next morning


def test_card_graduates_after_two_goods_and_counts_a_lapse() -> None:
    state = scheduler.next_state(None, "c", "card", Rating.GOOD, T0)
    state = scheduler.next_state(state, "c", "card", Rating.GOOD, state.due)
    assert state.state == 2  # Review
    assert state.due - state.last_review >= timedelta(days=1)  # type: ignore[operator]
    lapsed = scheduler.next_state(state, "c", "card", Rating.AGAIN, state.due)
    assert lapsed.lapses == 1
    assert lapsed.reps == 3
    assert lapsed.first_review == T0


def test_rating_for_answer() -> None:
    assert rating_for_answer(False) is Rating.AGAIN
    assert rating_for_answer(False, easy=True) is Rating.AGAIN
    assert rating_for_answer(True) is Rating.GOOD
    assert rating_for_answer(True, easy=True) is Rating.EASY


def test_interval_labels() -> None:
    assert interval_label(timedelta(seconds=20)) == "1m"
    assert interval_label(timedelta(minutes=10)) == "10m"
    assert interval_label(timedelta(hours=3)) == "3h"
    assert interval_label(timedelta(days=1)) == "1d"
    assert interval_label(timedelta(days=45)) == "1.5mo"
    assert interval_label(timedelta(days=730)) == "2.0y"


ratings = st.sampled_from(list(Rating))
gaps = st.integers(min_value=0, max_value=60 * 24 * 200)  # minutes between reviews
histories = st.lists(st.tuples(ratings, gaps), min_size=1, max_size=25)
kinds = st.sampled_from(["card", "question", "scenario"])


def _play(history: list[tuple[Rating, int]], kind: str) -> list[ReviewRecord]:
    at = T0
    records = []
    for rating, gap in history:
        at += timedelta(minutes=gap)
        records.append(ReviewRecord("item", kind, at, int(rating)))
    return records


@settings(max_examples=200, deadline=None)
@given(histories, kinds)
def test_due_is_never_before_the_review(history: list[tuple[Rating, int]], kind: str) -> None:
    state = None
    for record in _play(history, kind):
        state = scheduler.next_state(state, "item", kind, Rating(record.rating), record.reviewed_at)
        assert state.due > record.reviewed_at
        assert state.last_review == record.reviewed_at


@settings(max_examples=200, deadline=None)
@given(histories, kinds, gaps)
def test_again_never_outlasts_good(history: list[tuple[Rating, int]], kind: str, gap: int) -> None:
    state = scheduler.replay(_play(history, kind))
    assert state is not None
    at = (state.last_review or T0) + timedelta(minutes=gap)
    preview = scheduler.preview(state, "item", kind, at)
    assert preview[Rating.AGAIN].due <= preview[Rating.GOOD].due
    assert preview[Rating.HARD].due <= preview[Rating.EASY].due


@settings(max_examples=100, deadline=None)
@given(histories, kinds)
def test_preview_is_exactly_what_a_review_commits(
    history: list[tuple[Rating, int]], kind: str
) -> None:
    records = _play(history, kind)
    state = scheduler.replay(records[:-1])
    last = records[-1]
    shown = scheduler.preview(state, "item", kind, last.reviewed_at)[Rating(last.rating)]
    assert shown == scheduler.next_state(state, "item", kind, Rating(last.rating), last.reviewed_at)


def test_fuzz_is_applied_but_reproducible() -> None:
    long_ago = scheduler.next_state(None, "x", "question", Rating.EASY, T0)
    due_days = set()
    for n in range(30):
        at = long_ago.due + timedelta(minutes=n)
        state = scheduler.next_state(long_ago, f"item-{n}", "question", Rating.GOOD, at)
        again = scheduler.next_state(long_ago, f"item-{n}", "question", Rating.GOOD, at)
        assert state == again
        due_days.add((state.due - at).days)
    assert len(due_days) > 1  # fuzz spreads intervals out
