"""The day's new items, counted per kind: `new_per_day` new flashcards, `new_questions_per_day`
new questions and scenarios, and questions first met in a mock exam count against neither."""

from __future__ import annotations

import random

import pytest

from studyapp.clock import FixedClock, study_day_start, to_utc_text
from studyapp.content import Deck, item_kind
from studyapp.errors import StoreError
from studyapp.srs import Rating, StudyScheduler
from studyapp.stats.overview import KindCounts, today_overview
from studyapp.store import Store
from studyapp.store.records import kinds_sharing_limit
from studyapp.study import StudyContext, StudySession


@pytest.fixture
def shared(shipped_deck: Deck, store: Store, clock: FixedClock) -> StudyContext:
    """The shipped deck on one store, its items synced as opening a file syncs them."""
    store.items.sync(shipped_deck)
    return StudyContext(shipped_deck, [], store, StudyScheduler(), clock)


def _introduced(context: StudyContext, kind: str) -> int:
    day_start = study_day_start(context.clock.now(), context.clock.local_tz)
    return context.store.reviews.introduced_since(to_utc_text(day_start), kinds_sharing_limit(kind))


def _answer_all(session: StudySession) -> int:
    """Answer every item the session serves (cards Easy, questions with option 0)."""
    answered = 0
    while (item := session.current()) is not None:
        if item_kind(item) == "card":
            session.rate(Rating.EASY)
        else:
            need = 2 if getattr(item, "choose", 1) == 2 else 1
            session.answer(range(need))
        answered += 1
    return answered


def _sit_mock_exam(context: StudyContext, questions: int = 30) -> None:
    """A mock exam across the topics, every question answered with its first option."""
    exam = context.start_exam((), questions, rng=random.Random(5))
    for position in range(1, exam.total + 1):
        item = exam.deck.items[exam.record.question_ids[position - 1]]
        need = 2 if getattr(item, "choose", 1) == 2 else 1
        exam.answer(position, range(need))
    exam.submit()


def test_the_limits_are_settings_with_defaults(store: Store) -> None:
    settings = store.settings.current()
    assert (settings.new_per_day, settings.new_questions_per_day) == (20, 10)
    assert store.settings.set("new_questions_per_day", "4").new_questions_per_day == 4
    with pytest.raises(StoreError, match="new_questions_per_day"):
        store.settings.set("new_questions_per_day", "-1")


def test_flashcards_and_questions_each_have_their_own_limit(shared: StudyContext) -> None:
    shared.store.settings.set("new_per_day", "3")
    shared.store.settings.set("new_questions_per_day", "2")
    assert today_overview(shared).cards == KindCounts(0, 3)
    assert today_overview(shared).questions == KindCounts(0, 2)
    assert _answer_all(shared.start("quiz", ["lambda"], early=False)) == 2
    overview = today_overview(shared)
    assert (overview.cards.new, overview.questions.new, overview.new) == (3, 0, 3)
    assert _answer_all(shared.start("review", ["lambda"])) == 3
    assert (_introduced(shared, "card"), _introduced(shared, "question")) == (3, 2)
    assert today_overview(shared).new == 0


def test_a_mock_exam_uses_up_neither_limit(shared: StudyContext) -> None:
    """One 30-question mock exam used to leave "0 new to start" for flashcards."""
    _sit_mock_exam(shared)
    assert len(shared.store.reviews.seen_item_ids()) == 30
    assert _introduced(shared, "card") == _introduced(shared, "question") == 0
    overview = today_overview(shared)
    assert overview.cards.new == 20 and overview.questions.new == 10
    assert _answer_all(shared.start("review")) == 20
    # the exam's questions are due tomorrow at the earliest: the quiz serves 10 new ones
    assert _answer_all(shared.start("quiz", early=False)) == 10
    assert _introduced(shared, "question") == 10


def test_a_quiz_after_an_exam_still_has_its_new_questions(shared: StudyContext) -> None:
    shared.store.settings.set("new_questions_per_day", "5")
    _sit_mock_exam(shared, questions=12)
    quiz = shared.start("quiz", early=False)
    new_ids = set(quiz.scope_item_ids) - shared.store.reviews.seen_item_ids()
    served = []
    while (item := quiz.current()) is not None:
        served.append(item.id)
        quiz.answer(range(2 if getattr(item, "choose", 1) == 2 else 1))
    # exam questions answered wrong are due tomorrow, not now: all five served are new
    assert len(served) == 5 and set(served) <= new_ids


def test_a_claim_counts_only_against_its_own_kinds_limit(shared: StudyContext) -> None:
    shared.store.settings.set("new_per_day", "1")
    shared.store.settings.set("new_questions_per_day", "1")
    cards = shared.start("review", ["lambda"])
    card = cards.current()  # claimed, not answered
    assert card is not None and item_kind(card) == "card"
    assert shared.start("review", ["ecs"]).current() is None  # the card limit is taken
    quiz = shared.start("quiz", ["ecs"], early=False)
    question = quiz.current()  # the question limit is not
    assert question is not None and item_kind(question) != "card"
    assert set(shared.store.reviews.claims()) == {card.id, question.id}
    assert shared.start("quiz", ["eks"], early=False).current() is None


def test_a_claim_on_an_item_of_unknown_kind_counts_against_every_limit(
    shipped_deck: Deck, store: Store, clock: FixedClock
) -> None:
    """Without the `items` table (never synced), a claim cannot tell its kind: it holds a
    slot of both limits, so the limits are never exceeded."""
    context = StudyContext(shipped_deck, [], store, StudyScheduler(), clock)
    store.settings.set("new_per_day", "1")
    store.settings.set("new_questions_per_day", "1")
    assert context.start("review", ["lambda"]).current() is not None
    assert context.start("quiz", ["ecs"], early=False).current() is None
