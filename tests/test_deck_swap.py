"""A deck swapped in while sessions run (a content file saved, issue 15 "Watching"): queues
hold ids, so an item that left the deck is skipped, an edited one is served as saved, and
answers given stay."""

from __future__ import annotations

import random
from dataclasses import replace

from studyapp.content import Card, Deck, Question
from studyapp.decide.check import without_items
from studyapp.srs import Rating
from studyapp.study import ExamSession, StudyContext


def edited(deck: Deck, item_id: str, text: str) -> Deck:
    """`deck` with one card's front or question's prompt changed, as a saved file gives it."""
    item = deck.items[item_id]
    if isinstance(item, Card):
        new: Card | Question = replace(item, front=text)
    else:
        assert isinstance(item, Question)
        new = replace(item, prompt=text)
    return replace(deck, items={**deck.items, item_id: new})


def test_a_review_goes_on_with_the_saved_deck(context: StudyContext) -> None:
    session = context.start("review")
    first = session.current()
    assert first is not None and first.id == "c1"
    session.rate(Rating.GOOD)
    second = session.current()
    assert second is not None and second.id == "c2"
    left = session.remaining
    saved = without_items(edited(context.deck, "c2", "Front two, saved"), {"c3"})
    context.use_deck(saved, [])
    shown = session.current()
    assert isinstance(shown, Card) and shown.front == "Front two, saved"
    assert session.remaining == left - 1  # c3 left the deck: no longer counted
    assert len(session.history) == 1 and context.deck is saved


def test_the_item_showing_and_one_taken_back_are_skipped_once_gone(
    context: StudyContext,
) -> None:
    session = context.start("review")
    session.current()
    session.rate(Rating.AGAIN)  # c1 comes back later in the session
    assert session.current() is not None
    context.use_deck(without_items(context.deck, {"c2"}), [])
    shown = session.current()
    assert shown is not None and shown.id == "c3"
    # c1 is answered; taken back after it left the deck, the session moves past it.
    context.use_deck(without_items(context.deck, {"c1"}), [])
    assert session.undo() is not None
    after = session.current()
    assert after is not None and after.id == "c3"
    assert context.store.reviews.count() == 0


def test_the_store_lists_the_saved_deck_items(context: StudyContext) -> None:
    context.use_deck(without_items(context.deck, {"c3"}), [])
    listed = {row[0] for row in context.store.db.execute("SELECT item_id FROM items")}
    assert "c3" not in listed and "c1" in listed


def test_an_exam_goes_on_with_the_saved_questions(context: StudyContext) -> None:
    exam = context.start_exam(rng=random.Random(2))
    ids = [item.id for item in exam.items]
    assert sorted(ids) == ["q1", "q2", "s1"]
    exam.answer(1, (0, 2) if ids[0] == "q2" else (0,))  # a whole answer, right or not
    exam.go_to(2)
    saved = without_items(edited(context.deck, "q1", "Pick the right one, saved."), {ids[2]})
    exam.use_deck(saved)
    assert [item.id for item in exam.items] == ids[:2]
    assert all(item is saved.items[item.id] for item in exam.items)  # as saved
    assert exam.position == 2 and exam.picked(1) is not None
    # The question showing leaves the deck: the exam shows the one now in its place.
    exam.use_deck(without_items(saved, {ids[1]}))
    assert exam.total == 1 and exam.position == 1 and exam.item().id == ids[0]


def test_an_exam_keeps_its_questions_when_none_would_be_left(context: StudyContext) -> None:
    exam: ExamSession = context.start_exam(rng=random.Random(2))
    exam.use_deck(without_items(context.deck, {"q1", "q2", "s1"}))
    assert exam.total == 3


def with_renames(deck: Deck, renames: dict[str, str]) -> Deck:
    """`deck` as its files give it once items are renamed (old id -> new id, `renamed_from`)."""
    items = {
        renames.get(i, i): replace(item, id=renames.get(i, i)) for i, item in deck.items.items()
    }
    topics = {new: deck.topic_of[old] for old, new in renames.items()}
    return replace(deck, items=items, topic_of={**deck.topic_of, **topics}, renames=renames)


def test_an_exam_follows_a_question_renamed_with_its_pick_and_flag(context: StudyContext) -> None:
    exam = context.start_exam(rng=random.Random(2))
    ids = [item.id for item in exam.items]
    first = ids[0]
    exam.answer(1, (0, 2) if first == "q2" else (0,))
    exam.toggle_flag(1)
    exam.go_to(1)
    renamed = {first: f"{first}-new"}
    context.use_deck(with_renames(context.deck, renamed), [])
    exam.use_deck(context.deck)  # as the exam screen does when told of the reload
    assert [item.id for item in exam.items] == [f"{first}-new", *ids[1:]]
    assert exam.position == 1 and exam.picked(1) is not None and exam.is_flagged(1)


def test_a_review_follows_an_item_renamed_while_it_shows(context: StudyContext) -> None:
    """Renaming the card on screen (`renamed_from`) keeps it on screen under its new id,
    and the one waiting for its learning step comes back under its new id too."""
    session = context.start("review")
    session.current()
    session.rate(Rating.AGAIN)  # c1 comes back later in the session
    showing = session.current()
    assert showing is not None and showing.id == "c2"
    renamed_deck = with_renames(context.deck, {"c1": "c1-new", "c2": "c2-new"})
    context.use_deck(renamed_deck, [])
    shown = session.current()
    assert shown is not None and shown.id == "c2-new"
    session.rate(Rating.GOOD)
    served = []
    while (item := session.current()) is not None:
        served.append(item.id)
        session.rate(Rating.GOOD)
    assert "c1-new" in served and "c1" not in served
