"""Per-topic progress: reviews, accuracy, mastery, and what falls due today and tomorrow."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from studyapp.clock import study_day_start, to_utc_text
from studyapp.content import Deck
from studyapp.store import ItemStanding, ItemState, Store

#: An item counts as mastered once FSRS expects its memory to last three weeks.
MASTERY_STABILITY_DAYS = 21


@dataclass(frozen=True)
class TopicProgress:
    """One topic's figures; `accuracy` is None until something in it has been reviewed."""

    topic_id: str
    title: str
    reviews: int
    accuracy: float | None
    mastery: float
    due_today: int
    due_tomorrow: int
    seen: int
    total: int


@dataclass(frozen=True)
class StudyDays:
    """Where today's study day ends and tomorrow's ends (UTC instants)."""

    today_start: datetime
    today_end: datetime
    tomorrow_end: datetime


def mastery_of(state: ItemState) -> bool:
    """Whether an item's FSRS stability has reached `MASTERY_STABILITY_DAYS`."""
    return state.stability is not None and state.stability >= MASTERY_STABILITY_DAYS


def _next_day_start(day_start: datetime, local_tz: tzinfo) -> datetime:
    """The start of the study day after the one starting at `day_start`, across DST changes."""
    return study_day_start(day_start + timedelta(hours=36), local_tz)


def study_day_bounds(now: datetime, local_tz: tzinfo) -> StudyDays:
    """Today's study day (rolling at 04:00 local) and the end of tomorrow's."""
    today_start = study_day_start(now, local_tz)
    today_end = _next_day_start(today_start, local_tz)
    return StudyDays(today_start, today_end, _next_day_start(today_end, local_tz))


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def topic_progress(
    deck: Deck,
    store: Store,
    now: datetime,
    local_tz: tzinfo,
    standings: Sequence[ItemStanding] | None = None,
) -> list[TopicProgress]:
    """Every topic's progress, in deck order, from one read of the items' standings.

    Suspended items (leeches) count as seen but never as due. Due instants are compared as
    the stored UTC texts, so a year of history costs one pass over the seen items. A caller
    that has read `store.standings()` already can pass them.
    """
    days = study_day_bounds(now, local_tz)
    today_end, tomorrow_end = to_utc_text(days.today_end), to_utc_text(days.tomorrow_end)
    # Per topic: reviews, recalled, mastered, due today, due tomorrow, seen.
    sums = {topic_id: [0, 0, 0, 0, 0, 0] for topic_id in deck.topics}
    topic_of = deck.topic_of
    for standing in store.standings() if standings is None else standings:
        topic_id = topic_of.get(standing.item_id)
        if topic_id is None:  # progress of an item since removed from the deck
            continue
        row = sums[topic_id]
        row[0] += standing.reviews
        row[1] += standing.recalled
        row[2] += (standing.stability or 0.0) >= MASTERY_STABILITY_DAYS
        if not standing.suspended:
            row[3] += standing.due_text < today_end
            row[4] += today_end <= standing.due_text < tomorrow_end
        row[5] += 1
    totals = Counter(topic_of[item_id] for item_id in deck.items)
    return [
        TopicProgress(
            topic_id=topic_id,
            title=deck.topics[topic_id].title,
            reviews=reviews,
            accuracy=_share(recalled, reviews),
            mastery=_share(mastered, totals[topic_id]) or 0.0,
            due_today=due_today,
            due_tomorrow=due_tomorrow,
            seen=seen,
            total=totals[topic_id],
        )
        for topic_id, (reviews, recalled, mastered, due_today, due_tomorrow, seen) in sums.items()
    ]
