"""Per-topic counts for a home screen: what is due, what is new, how much is seen."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from studyapp.clock import study_day_start, to_utc_text
from studyapp.study.context import StudyContext


@dataclass(frozen=True)
class TopicRow:
    """One topic's line on the home screen."""

    topic_id: str
    title: str
    due: int
    new: int
    seen: int
    total: int


def new_left_today(context: StudyContext) -> int:
    """How many more new items today's limit allows."""
    now = context.clock.now()
    day_start = to_utc_text(study_day_start(now, context.clock.local_tz))
    introduced = context.store.introduced_since(day_start)
    return max(0, context.store.settings().new_per_day - introduced)


def topic_overview(context: StudyContext) -> list[TopicRow]:
    """Due now, new items still allowed today, items seen, and all items, per topic.

    One pass over the seen items' standings, comparing stored due texts: Home and the
    menu call this on every return, and a year of history must not slow them down.
    """
    deck = context.deck
    now_text = to_utc_text(context.clock.now())
    due = Counter[str]()
    seen = Counter[str]()
    for standing in context.store.standings():
        topic_id = deck.topic_of.get(standing.item_id)
        if topic_id is None:  # progress of an item since removed from the deck
            continue
        seen[topic_id] += 1
        if standing.due_text <= now_text and not standing.suspended:
            due[topic_id] += 1
    totals = Counter(deck.topic_of[item_id] for item_id in deck.items)
    new_left = new_left_today(context)
    return [
        TopicRow(
            topic_id=topic_id,
            title=topic.title,
            due=due[topic_id],
            new=min(totals[topic_id] - seen[topic_id], new_left),
            seen=seen[topic_id],
            total=totals[topic_id],
        )
        for topic_id, topic in deck.topics.items()
    ]
