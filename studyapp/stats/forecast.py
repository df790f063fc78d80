"""What falls due on each of the next study days, for a bar chart of the coming workload."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from studyapp.clock import to_utc_text
from studyapp.stats.calendar import study_days_ahead
from studyapp.store import Store

FORECAST_DAYS = 30


@dataclass(frozen=True)
class DueDay:
    """How many items fall due on one study day (today's count includes the overdue ones)."""

    day: date
    due: int


def due_forecast(
    store: Store,
    topic_ids: Collection[str] | None,
    now: datetime,
    local_tz: tzinfo,
    days: int = FORECAST_DAYS,
) -> list[DueDay]:
    """Items due per study day from today on (of `topic_ids`, all topics for None), overdue
    ones on day 0; suspended items are never due. The topics are those last synced with
    `store.items.sync`, as every report does first."""
    study_days = study_days_ahead(now, local_tz, days)
    ends = [to_utc_text(d.end) for d in study_days]
    counts = [0] * days
    for due_text in store.rollups.due_texts_before(ends[-1], topic_ids):
        counts[bisect_right(ends, due_text)] += 1  # the first day ending after it falls due
    return [DueDay(d.day, n) for d, n in zip(study_days, counts, strict=True)]
