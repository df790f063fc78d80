"""Per-topic counts for a home screen: what is due, what is new, how much is seen."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from studyapp.clock import study_day_start, to_utc_text
from studyapp.store import TopicCounts
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

    Counted in SQL per topic: Home, the menu and `studyapp due` (run by shell prompts)
    call this often, and a year of history must not slow them down.
    """
    deck, store = context.deck, context.store
    store.sync_item_topics(deck.item_topic_of)
    now_text = to_utc_text(context.clock.now())
    counts = store.topic_counts(now_text, now_text, now_text, mastery_days=0)
    totals = Counter(deck.item_topic_of.values())
    new_left = new_left_today(context)
    rows = []
    for topic_id, topic in deck.topics.items():
        found = counts.get(topic_id, TopicCounts())
        rows.append(
            TopicRow(
                topic_id=topic_id,
                title=topic.title,
                due=found.due_now,
                new=min(totals[topic_id] - found.seen, new_left),
                seen=found.seen,
                total=totals[topic_id],
            )
        )
    return rows
