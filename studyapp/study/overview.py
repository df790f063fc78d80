"""Per-topic counts for a home screen: what is due, what is new, how much is seen."""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.clock import study_day_start, to_utc_text
from studyapp.stats.progress import topic_progress
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
    introduced = context.store.reviews.introduced_since(day_start)
    return max(0, context.store.settings.current().new_per_day - introduced)


def topic_overview(context: StudyContext) -> list[TopicRow]:
    """Due now, new items still allowed today, items seen, and all items, per topic.

    From `topic_progress`, counted in SQL per topic: Home, the menu and `studyapp due` (run
    by shell prompts) call this often, and a year of history must not slow them down.
    """
    clock = context.clock
    progress = topic_progress(context.deck, context.store, clock.now(), clock.local_tz)
    new_left = new_left_today(context)
    return [
        TopicRow(
            topic_id=p.topic_id,
            title=p.title,
            due=p.due_now,
            new=min(p.total - p.seen, new_left),
            seen=p.seen,
            total=p.total,
        )
        for p in progress
    ]
