"""Per-topic progress: reviews, accuracy, mastery, and what falls due today and tomorrow."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from studyapp.clock import study_day_start, to_utc_text
from studyapp.content import Deck
from studyapp.store import ItemState, Store, TopicCounts

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
    due_now: int
    due_today: int
    due_tomorrow: int
    seen: int
    total: int
    #: Of `seen` and `due_now`: the flashcards (Home counts them apart from questions).
    seen_cards: int = 0
    due_now_cards: int = 0


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
    deck: Deck, store: Store, now: datetime, local_tz: tzinfo
) -> list[TopicProgress]:
    """Every topic's progress, in deck order, counted in SQL per topic.

    Suspended items (leeches) count as seen but never as due. The counts read per-item
    totals the store keeps, so a year of history costs no more than a week's.
    """
    store.items.sync(deck, now)
    days = study_day_bounds(now, local_tz)
    counts = store.rollups.topic_counts(
        to_utc_text(now),
        to_utc_text(days.today_end),
        to_utc_text(days.tomorrow_end),
        MASTERY_STABILITY_DAYS,
    )
    totals = Counter(deck.item_topic_of.values())
    rows = []
    for topic_id, topic in deck.topics.items():
        found = counts.get(topic_id, TopicCounts())
        rows.append(
            TopicProgress(
                topic_id=topic_id,
                title=topic.title,
                reviews=found.reviews,
                accuracy=_share(found.recalled, found.reviews),
                mastery=_share(found.mastered, totals[topic_id]) or 0.0,
                due_now=found.due_now,
                due_today=found.due_today,
                due_tomorrow=found.due_tomorrow,
                seen=found.seen,
                total=totals[topic_id],
                seen_cards=found.seen_cards,
                due_now_cards=found.due_now_cards,
            )
        )
    return rows
