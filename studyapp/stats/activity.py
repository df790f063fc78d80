"""How much was studied: reviews and time per study day, the streak, and the time in total."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

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
    totals = store.rollups.review_totals_in([d.utc_range for d in study_days], item_ids)
    return [DayActivity(d.day, n, ms) for d, (n, ms) in zip(study_days, totals, strict=True)]


def study_streak(
    store: Store, now: datetime, local_tz: tzinfo, item_ids: Collection[str] | None = None
) -> int:
    """Consecutive study days with a review up to today (today may be not yet studied).

    Walks back `_STREAK_CHUNK_DAYS` days at a time until a day without reviews turns up
    (there always is one: the day before the first review).
    """
    days = study_days_back(now, local_tz, _STREAK_CHUNK_DAYS)
    studied = store.rollups.days_with_reviews([d.utc_range for d in days], item_ids)
    if not studied[-1]:  # today not studied yet: the streak may still end yesterday
        studied.pop()
    streak = 0
    while True:
        for was_studied in reversed(studied):
            if not was_studied:
                return streak
            streak += 1
        days = study_days_back(days[0].start - timedelta(hours=12), local_tz, _STREAK_CHUNK_DAYS)
        studied = store.rollups.days_with_reviews([d.utc_range for d in days], item_ids)


def time_studied_ms(store: Store, item_ids: Collection[str] | None = None) -> int:
    """All the time spent answering (on `item_ids` if given), in milliseconds."""
    return store.rollups.time_spent_ms(item_ids)
