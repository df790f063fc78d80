"""The day's new-item limit across sessions on one file: each new item is claimed, counted
inside the write transaction, before it is shown."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.clock import FixedClock, study_day_start, to_utc_text
from studyapp.content import Deck
from studyapp.srs import Rating, StudyScheduler
from studyapp.store import Store
from studyapp.store.reviews import CLAIM_TIMEOUT
from studyapp.study import StudyContext, StudySession


@pytest.fixture
def shared(shipped_deck: Deck, store: Store, clock: FixedClock) -> StudyContext:
    """One store as two windows share a file: every session here writes through it."""
    return StudyContext(shipped_deck, [], store, StudyScheduler(), clock)


def _introduced_today(context: StudyContext) -> int:
    now = context.clock.now()
    return context.store.reviews.introduced_since(
        to_utc_text(study_day_start(now, context.clock.local_tz))
    )


def _answer_new(session: StudySession, count: int) -> None:
    """Answer `count` new cards Easy, so none comes back as a learning card today."""
    for _ in range(count):
        card = session.current()
        assert card is not None and session.store.reviews.state(card.id) is None
        session.rate(Rating.EASY)


def _is_new(session: StudySession) -> bool:
    card = session.current()
    return card is not None and session.store.reviews.state(card.id) is None


def test_only_one_of_two_sessions_gets_the_days_last_new_item(shared: StudyContext) -> None:
    shared.store.settings.set("new_per_day", "20")
    lambda_window = shared.start("review", ["lambda"])
    ecs_window = shared.start("review", ["ecs"])
    for _ in range(9):
        _answer_new(lambda_window, 1)
        _answer_new(ecs_window, 1)
    _answer_new(lambda_window, 1)
    assert _introduced_today(shared) == 19
    shown = lambda_window.current()  # the 20th new item: claimed, not answered yet
    assert shown is not None and shared.store.reviews.state(shown.id) is None
    assert shared.store.reviews.claims() == {shown.id: lambda_window.session_id}
    assert ecs_window.current() is None  # its 20th would be the 21st: its new items are dropped
    lambda_window.rate(Rating.EASY)
    assert shared.store.reviews.claims() == {}  # the answer took the claim's place
    assert lambda_window.current() is None
    assert _introduced_today(shared) == 20


def test_an_item_seen_meanwhile_is_still_served_and_counted_once(shared: StudyContext) -> None:
    shared.store.settings.set("new_per_day", "1")
    first = shared.start("review", ["lambda"])
    second = shared.start("review", ["lambda"])  # the same new cards queued
    card = first.current()
    assert card is not None
    first.rate(Rating.GOOD)
    again = second.current()  # introduced by the other window meanwhile: adds nothing
    assert again is not None and again.id == card.id
    second.rate(Rating.GOOD)
    assert _introduced_today(shared) == 1
    assert shared.store.reviews.claims() == {}


def test_undo_keeps_the_slot_and_ending_gives_it_back(shared: StudyContext) -> None:
    shared.store.settings.set("new_per_day", "1")
    lambda_window = shared.start("review", ["lambda"])
    _answer_new(lambda_window, 1)
    undone = lambda_window.undo()  # new again, and it keeps its claim
    assert undone is not None
    assert shared.store.reviews.claims() == {undone.id: lambda_window.session_id}
    assert shared.start("review", ["ecs"]).current() is None
    lambda_window.end()
    assert shared.store.reviews.claims() == {}
    assert _is_new(shared.start("review", ["ecs"]))


def test_closing_the_context_gives_back_its_sessions_claims(
    shipped_deck: Deck, tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "progress.db"
    context = StudyContext(shipped_deck, [], Store.open(path), StudyScheduler(), clock)
    killed = context.start("review", ["lambda"])
    assert _is_new(killed)
    context.sessions.remove(killed)  # as if its window were killed: nothing ends it
    assert _is_new(context.start("review", ["ecs"]))
    context.close()  # ends the ecs session, whose claim goes
    store = Store.open(path)
    card = killed.current()
    assert card is not None
    assert store.reviews.claims() == {card.id: killed.session_id}  # until it lapses
    store.close()


def test_a_claim_lapses_after_the_time_out(shared: StudyContext) -> None:
    clock = shared.clock
    assert isinstance(clock, FixedClock)
    shared.store.settings.set("new_per_day", "1")
    killed = shared.start("review", ["lambda"])  # shows a new card, then is never answered
    assert _is_new(killed)
    clock.advance(CLAIM_TIMEOUT)
    assert shared.start("review", ["ecs"]).current() is None  # 30 minutes old: still held
    clock.advance(timedelta(seconds=1))
    later = shared.start("review", ["ecs"])
    assert _is_new(later)
    card = later.current()
    assert card is not None
    assert shared.store.reviews.claims() == {card.id: later.session_id}


def test_a_claim_from_before_the_days_start_lapses_at_once(shared: StudyContext) -> None:
    clock = shared.clock
    assert isinstance(clock, FixedClock)
    day_start = study_day_start(clock.now(), clock.local_tz)
    clock.current = day_start + timedelta(days=1) - timedelta(minutes=5)  # 03:55
    shared.store.settings.set("new_per_day", "1")
    late = shared.start("review", ["lambda"])
    assert _is_new(late)
    assert shared.start("review", ["ecs"]).current() is None
    clock.advance(timedelta(minutes=10))  # 04:05: a new study day, well within the time-out
    assert _is_new(shared.start("review", ["ecs"]))


def test_claims_never_let_more_new_items_than_the_limit(shared: StudyContext) -> None:
    """Many windows, answered in a fixed interleaving with undos: exactly the limit."""
    clock = shared.clock
    assert isinstance(clock, FixedClock)
    shared.store.settings.set("new_per_day", "7")
    windows = [shared.start("review", [topic]) for topic in ("lambda", "ecs", "eks")]
    for step in range(60):
        window = windows[step % 3]
        if window.current() is None:
            continue
        window.rate(Rating.EASY)
        if step % 5 == 0:
            window.undo()
        clock.advance(timedelta(seconds=30))
        assert _introduced_today(shared) + len(shared.store.reviews.claims()) <= 7
    for window in windows:
        while window.current() is not None:
            window.rate(Rating.EASY)
    assert _introduced_today(shared) == 7
