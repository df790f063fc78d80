"""How much was studied: reviews and time per study day, the streak, and the time in total."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from studyapp.stats.calendar import study_days_back
from studyapp.store import Store

#: The calendar heatmap covers the last 26 weeks.
HEATMAP_DAYS = 26 * 7
#: The streak is read back this many days at a time until a day without reviews turns up.
_STREAK_CHUNK_DAYS = 120


@dataclass(frozen=True)
class DayActivity:
    """One study day's reviews and the milliseconds spent answering them."""

    day: date
    reviews: int
    duration_ms: int


def daily_activity(
    store: Store,
    now: datetime,
    local_tz: tzinfo,
    days: int = HEATMAP_DAYS,
    item_ids: Collection[str] | None = None,
) -> list[DayActivity]:
    """Reviews and time per study day for the last `days` days, oldest first (heatmap data)."""
    study_days = study_days_back(now, local_tz, days)
    totals = store.review_totals_in([d.utc_range for d in study_days], item_ids)
    return [DayActivity(d.day, n, ms) for d, (n, ms) in zip(study_days, totals, strict=True)]


def _days_in_a_row(activity: list[DayActivity]) -> tuple[int, bool]:
    """Days with reviews ending the list (an unstudied last day, today, aside), and whether
    a day without reviews was found before them."""
    counts = [day.reviews for day in activity]
    if counts and counts[-1] == 0:
        counts.pop()
    streak = 0
    for count in reversed(counts):
        if count == 0:
            return streak, True
        streak += 1
    return streak, False


def study_streak(
    store: Store, now: datetime, local_tz: tzinfo, item_ids: Collection[str] | None = None
) -> int:
    """Consecutive study days with a review up to today (today may be not yet studied)."""
    days = _STREAK_CHUNK_DAYS
    while True:
        streak, found_its_start = _days_in_a_row(
            daily_activity(store, now, local_tz, days, item_ids)
        )
        if found_its_start:  # always, once the window reaches back before the first review
            return streak
        days *= 2


def time_studied_ms(store: Store, item_ids: Collection[str] | None = None) -> int:
    """All the time spent answering, in milliseconds."""
    ((_reviews, spent),) = store.review_totals_in([("", "~")], item_ids)
    return spent
