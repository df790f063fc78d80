"""Today's counts per topic for a home screen: what is due, what is new, how much is seen.

The one place "new today" is counted: Home, the line-mode menu and `studyapp due` show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.clock import study_day_start, to_utc_text
from studyapp.srs.queue import new_allowed_today
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
    mastery: float


@dataclass(frozen=True)
class TodayOverview:
    """Every topic's row, and the day's figures over all topics."""

    topics: tuple[TopicRow, ...]
    due: int
    new: int
    total: int
    mastery: float


def _new_left_today(context: StudyContext) -> int:
    """How many more new items today's limit allows."""
    now = context.clock.now()
    day_start = to_utc_text(study_day_start(now, context.clock.local_tz))
    introduced = context.store.reviews.introduced_since(day_start)
    return new_allowed_today(context.store.settings.current().new_per_day, introduced)


def _new_to_start(unseen: int, new_left: int) -> int:
    """How many of `unseen` items are new to start today: no more than the limit leaves."""
    return min(unseen, new_left)


def today_overview(context: StudyContext) -> TodayOverview:
    """Due now, new items still allowed today, items seen, all items and mastery, per topic
    and over all topics (where the day's limit caps the sum of new items, not each topic).

    From `topic_progress`, counted in SQL per topic: Home, the menu and `studyapp due` (run
    by shell prompts) call this often, and a year of history must not slow them down.
    """
    clock = context.clock
    progress = topic_progress(context.deck, context.store, clock.now(), clock.local_tz)
    new_left = _new_left_today(context)
    rows = tuple(
        TopicRow(
            topic_id=p.topic_id,
            title=p.title,
            due=p.due_now,
            new=_new_to_start(p.total - p.seen, new_left),
            seen=p.seen,
            total=p.total,
            mastery=p.mastery,
        )
        for p in progress
    )
    total = sum(row.total for row in rows)
    mastered = sum(row.mastery * row.total for row in rows)
    return TodayOverview(
        topics=rows,
        due=sum(row.due for row in rows),
        new=_new_to_start(sum(row.total - row.seen for row in rows), new_left),
        total=total,
        mastery=mastered / total if total else 0.0,
    )
