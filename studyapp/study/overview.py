"""Per-topic counts for a home screen: what is due, what is new, how much is seen."""

from __future__ import annotations

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
    """Due now, new items still allowed today, items seen, and all items, per topic."""
    now = context.clock.now()
    deck, store = context.deck, context.store
    suspended = store.suspended_item_ids()
    due_ids = {s.item_id for s in store.due_states(to_utc_text(now))} - suspended
    seen_ids = store.seen_item_ids()
    new_left = new_left_today(context)
    rows = []
    for topic_id, topic in deck.topics.items():
        item_ids = [i for i in deck.items if deck.topic_of[i] == topic_id]
        unseen = sum(1 for i in item_ids if i not in seen_ids)
        rows.append(
            TopicRow(
                topic_id=topic_id,
                title=topic.title,
                due=sum(1 for i in item_ids if i in due_ids),
                new=min(unseen, new_left),
                seen=len(item_ids) - unseen,
                total=len(item_ids),
            )
        )
    return rows
