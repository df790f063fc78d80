"""Per-topic progress: reviews, accuracy, mastery, and what falls due today and tomorrow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from studyapp.clock import study_day_start
from studyapp.content import Deck
from studyapp.store import ItemState, ReviewTally, Store

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


def _progress_of(
    deck: Deck,
    topic_id: str,
    item_ids: list[str],
    tallies: dict[str, ReviewTally],
    states: dict[str, ItemState],
    days: StudyDays,
    suspended: set[str],
) -> TopicProgress:
    """Fold one topic's items' tallies and states into its figures."""
    topic_tallies = [tallies[i] for i in item_ids if i in tallies]
    topic_states = [states[i] for i in item_ids if i in states]
    studied = [s for s in topic_states if s.item_id not in suspended]
    reviews = sum(t.reviews for t in topic_tallies)
    return TopicProgress(
        topic_id=topic_id,
        title=deck.topics[topic_id].title,
        reviews=reviews,
        accuracy=_share(sum(t.recalled for t in topic_tallies), reviews),
        mastery=_share(sum(mastery_of(s) for s in topic_states), len(item_ids)) or 0.0,
        due_today=sum(s.due < days.today_end for s in studied),
        due_tomorrow=sum(days.today_end <= s.due < days.tomorrow_end for s in studied),
        seen=len(topic_states),
        total=len(item_ids),
    )


def topic_progress(
    deck: Deck, store: Store, now: datetime, local_tz: tzinfo
) -> list[TopicProgress]:
    """Every topic's progress, in deck order, from one aggregate over reviews and one state read.

    Suspended items (leeches) count as seen but never as due.
    """
    tallies = store.review_tallies()
    states = store.states()
    suspended = store.suspended_item_ids()
    days = study_day_bounds(now, local_tz)
    item_ids_of: dict[str, list[str]] = {topic_id: [] for topic_id in deck.topics}
    for item_id in deck.items:
        item_ids_of[deck.topic_of[item_id]].append(item_id)
    return [
        _progress_of(deck, topic_id, item_ids, tallies, states, days, suspended)
        for topic_id, item_ids in item_ids_of.items()
    ]
