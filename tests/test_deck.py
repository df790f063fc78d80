"""The curated deck: sizes the exam needs, AWS sources on every item, scenarios the engine agrees with."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlparse

from studyapp.content import Card, Deck, Question, Scenario

AWS_HOSTS = {"docs.aws.amazon.com", "aws.amazon.com", "repost.aws"}
TOPICS = {
    "serverless",
    "lambda",
    "sam",
    "ecs",
    "eks",
    "fargate",
    "ecr",
    "eventbridge",
    "step-functions",
    "api-gateway",
}


def kinds(deck: Deck, topic_id: str | None = None) -> Counter[str]:
    return Counter(
        type(item).__name__
        for item_id, item in deck.items.items()
        if topic_id is None or deck.topic_of[item_id] == topic_id
    )


def test_every_topic_is_there(shipped_deck: Deck) -> None:
    assert set(shipped_deck.topics) == TOPICS


def test_deck_sizes(shipped_deck: Deck) -> None:
    total = kinds(shipped_deck)
    assert total["Card"] >= 300
    assert total["Question"] >= 120
    assert total["Scenario"] >= 60
    assert kinds(shipped_deck, "lambda")["Card"] >= 80
    for topic_id in TOPICS:
        counts = kinds(shipped_deck, topic_id)
        assert counts["Card"] >= 20, topic_id
        assert counts["Question"] >= 10, topic_id
    choose_two = [
        i for i in shipped_deck.items.values() if isinstance(i, Question) and i.choose == 2
    ]
    assert len(choose_two) >= 15


def test_every_topic_has_600_words_of_notes(shipped_deck: Deck) -> None:
    for topic_id in TOPICS:
        words = sum(len(note.body.split()) for note in shipped_deck.notes_of(topic_id))
        assert words >= 600, topic_id


def test_every_item_and_note_cites_aws(shipped_deck: Deck) -> None:
    for item in shipped_deck.items.values():
        assert isinstance(item, Card | Question | Scenario)
        assert urlparse(item.source).hostname in AWS_HOSTS, item.id
    for note in shipped_deck.notes.values():
        for url in note.sources:
            assert urlparse(url).hostname in AWS_HOSTS, note.id


def test_questions_do_not_always_put_the_answer_first(shipped_deck: Deck) -> None:
    positions = Counter(
        next(i for i, c in enumerate(q.choices) if c.correct)
        for q in shipped_deck.items.values()
        if isinstance(q, Question) and q.choose == 1
    )
    most_common_share = positions.most_common(1)[0][1] / sum(positions.values())
    assert most_common_share < 0.4


def test_newer_than_exam_items_say_what_older_material_claims(shipped_deck: Deck) -> None:
    tagged = [i for i in shipped_deck.items.values() if "newer-than-exam" in i.tags]
    assert len(tagged) >= 20


#: The topics whose notes were rewritten for beginners (issue 12): basics first, a glossary.
GLOSSARY_TOPICS = sorted(
    {"lambda", "sam", "ecs", "eks", "fargate", "ecr", "eventbridge", "serverless", "step-functions"}
)


def test_rewritten_topics_have_a_glossary_and_end_with_what_changed(shipped_deck: Deck) -> None:
    for topic_id in GLOSSARY_TOPICS:
        assert 8 <= len(shipped_deck.glossary_of(topic_id)) <= 20, topic_id
        notes = shipped_deck.notes_of(topic_id)
        titles = [note.title for note in notes]
        assert titles[-1] == "What changed since older study material", topic_id
        assert titles.count(titles[-1]) == 1, topic_id
        for entry in shipped_deck.glossary_of(topic_id):
            assert urlparse(entry.source).hostname in AWS_HOSTS, entry.term
