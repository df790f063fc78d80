"""Session engines and the day's queue, driven without any terminal."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from studyapp.clock import FixedClock, study_day_start
from studyapp.errors import UsageError
from studyapp.lines.session import LineSession
from studyapp.srs import Rating
from studyapp.study import StudyContext
from tests.conftest import quiz_letters


def test_study_day_rolls_over_at_four_local() -> None:
    tz = timezone(timedelta(hours=-5))
    before = datetime(2026, 3, 2, 8, 59, tzinfo=UTC)  # 03:59 local
    after = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 04:00 local
    assert study_day_start(before, tz) == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert study_day_start(after, tz) == after


def test_review_serves_cards_and_commits_each_answer(context: StudyContext) -> None:
    session = context.start("review")
    first = session.current()
    assert first is not None and first.id == "c1"
    answered = session.rate(Rating.GOOD)
    assert context.store.reviews.count() == 1
    assert answered.review.item_id == "c1" and answered.review.session_id == session.session_id
    assert context.store.reviews.state("c1") == answered.state


def test_learning_card_comes_back_in_the_same_session(context: StudyContext) -> None:
    clock = context.clock
    assert isinstance(clock, FixedClock)
    session = context.start("review")
    seen = []
    while (item := session.current()) is not None:
        seen.append(item.id)
        session.rate(Rating.GOOD)
        clock.advance(timedelta(minutes=1))
    assert seen.count("c1") == 2  # 10-minute learning step, then it graduates
    assert all(s.state == 2 for s in context.store.reviews.states().values())


def test_daily_new_limit_and_rollover(context: StudyContext) -> None:
    context.store.settings.set("new_per_day", "2")
    clock = context.clock
    assert isinstance(clock, FixedClock)
    assert context.queue("review").new_item_ids == ("c1", "c2")
    session = context.start("review")
    for _ in range(2):
        session.current()
        session.rate(Rating.EASY)
    assert context.queue("review").new_item_ids == ()
    clock.advance(timedelta(hours=18))  # 04:00 next day has passed
    assert context.queue("review").new_item_ids == ("c3",)


def test_due_items_come_first_most_overdue_first(context: StudyContext) -> None:
    clock = context.clock
    assert isinstance(clock, FixedClock)
    session = context.start("review")
    for _ in range(3):
        session.current()
        session.rate(Rating.EASY)
    states = context.store.reviews.states()
    clock.current = max(s.due for s in states.values()) + timedelta(days=30)
    queue = context.queue("review")
    ratios = [
        (clock.current - states[i].due).total_seconds() / (states[i].stability or 1)
        for i in queue.due_item_ids
    ]
    assert queue.new_item_ids == ()
    assert len(queue.due_item_ids) == 3
    assert ratios == sorted(ratios, reverse=True)


def test_topic_filter_and_unknown_topic(context: StudyContext) -> None:
    assert len(context.queue("review", ["demo"])) == 3
    with pytest.raises(UsageError, match="unknown topic 'ghost'"):
        context.queue("review", ["ghost"])


def test_quiz_never_says_nothing_to_do(context: StudyContext) -> None:
    session = context.start("quiz", count=3)
    while (item := session.current()) is not None:
        session.answer([0, 2] if item.id == "q2" else [0])
    assert context.queue("quiz").due_item_ids == ()
    again = context.queue("quiz", count=2)
    assert len(again) == 2
    assert again.early_item_ids  # least retrievable served early


def test_wrong_answer_is_again_and_right_is_good(context: StudyContext) -> None:
    session = context.start("quiz", count=3)
    item = session.current()
    assert item is not None and item.id == "q1"
    wrong = session.answer([1])
    assert wrong.correct is False and wrong.rating is Rating.AGAIN
    assert json.loads(wrong.review.answer or "") == ["Wrong"]
    item = session.current()
    assert item is not None and item.id == "q2"
    with pytest.raises(UsageError, match="choose exactly 2"):
        session.answer([0])
    right = session.answer([0, 2])
    assert right.correct is True and right.rating is Rating.GOOD
    scenario = session.current()
    assert scenario is not None and scenario.id == "s1"
    picked = session.answer([1])
    assert json.loads(picked.review.answer or "") == ["fargate"]
    summary = session.summary()
    assert (summary.answered, summary.correct, summary.missed_item_ids) == (3, 2, ("q1",))


def test_mark_easy_regrades_the_last_right_answer(context: StudyContext) -> None:
    session = context.start("quiz", count=3)
    session.current()
    with pytest.raises(UsageError):
        session.mark_easy()
    good = session.answer([0])
    easy = session.mark_easy()
    assert easy.rating is Rating.EASY
    assert easy.review.reviewed_at == good.review.reviewed_at
    assert context.store.reviews.count() == 1
    assert easy.state.due > good.state.due
    nxt = session.current()
    assert nxt is not None and nxt.id == "q2"


def test_undo_removes_the_row_and_restores_state(context: StudyContext) -> None:
    session = context.start("review")
    session.current()
    session.rate(Rating.GOOD)
    before = context.store.reviews.state("c1")
    assert session.current() is not None  # c2 is now shown
    session.rate(Rating.AGAIN)
    assert context.store.reviews.count() == 2
    back = session.undo()
    assert back is not None and back.id == "c2"
    assert context.store.reviews.count() == 1
    assert context.store.reviews.state("c2") is None
    assert context.store.reviews.state("c1") == before
    current = session.current()
    assert current is not None and current.id == "c2"
    session.undo()
    assert context.store.reviews.state("c1") is None
    assert session.undo() is None


def run_plain(context: StudyContext, mode: str, typed: str, count: int | None = None) -> str:
    session = context.start("review" if mode == "review" else "quiz", count=count)
    out = io.StringIO()
    LineSession(session, io.StringIO(typed), out, context.deck.topic_of).run()
    return out.getvalue()


def test_plain_quiz_flow(context: StudyContext) -> None:
    session = context.start("quiz", count=3)
    assert list(session._pending) == ["q1", "q2", "s1"]
    wrong, one, both, fargate = (
        quiz_letters(session, "q1", "b"),
        quiz_letters(session, "q2", "a"),
        quiz_letters(session, "q2", "ac"),
        quiz_letters(session, "s1", "b"),
    )
    typed = f"{wrong}\n{one}\n{both}\nz\n{fargate}\n"
    out = io.StringIO()
    LineSession(session, io.StringIO(typed), out, context.deck.topic_of).run()
    text = out.getvalue()
    right = "a" if wrong == "b" else "b"
    assert f"✗ Not quite: the answer is {right}." in text
    assert "This one asks you to choose 2; you chose 1." in text
    assert "✓ Right." in text
    assert "Type a letter from a to b." in text
    assert "Session over: 3 answered, 2 right (67%)" in text
    assert "Missed:\n  • Pick the right one. (q1)\n" in text
    assert context.store.reviews.count() == 3


def test_plain_review_flow_with_undo_and_eof(context: StudyContext) -> None:
    text = run_plain(context, "review", "\n3\n\nu\n\n1\n\n")
    assert "Front one" in text and "Back one" in text
    assert "1 Again 1m · 2 Hard 6m · 3 Good 10m" in text
    assert "Undone: the last answer (c1) is taken back." in text
    assert "Session over: 1 answered" in text
    assert [r.rating for r in context.store.reviews.all()] == [1]


def test_plain_quit_and_nothing_to_do(context: StudyContext) -> None:
    assert "Session over: 0 answered" in run_plain(context, "review", "q\n")
    context.store.settings.set("new_per_day", "0")
    text = run_plain(context, "review", "")
    assert "Nothing is due and no new items are left for today. Come back tomorrow." in text
    assert "Session over" not in text  # one message, not two


def test_new_items_alternate_between_topics() -> None:
    from studyapp.srs.queue import interleave_topics

    topic_of = {"a1": "a", "a2": "a", "a3": "a", "b1": "b", "c1": "c", "c2": "c"}
    mixed = interleave_topics(["a1", "a2", "a3", "b1", "c1", "c2"], topic_of)
    assert mixed == ["a1", "b1", "c1", "a2", "c2", "a3"]
