"""What falls due on each of the next study days, for a bar chart of the coming workload."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from studyapp.clock import to_utc_text
from studyapp.stats.calendar import study_days_ahead

FORECAST_DAYS = 30


@dataclass(frozen=True)
class DueDay:
    """How many items fall due on one study day (today's count includes the overdue ones)."""

    day: date
    due: int


def due_forecast(
    due_texts: Mapping[str, str],
    item_ids: Collection[str],
    now: datetime,
    local_tz: tzinfo,
    days: int = FORECAST_DAYS,
) -> list[DueDay]:
    """Items of `item_ids` due per study day from today on; overdue ones count on day 0.

    `due_texts` maps each seen item to its due instant as stored (`to_utc_text`), whose
    text order is time order, so nothing needs parsing.
    """
    study_days = study_days_ahead(now, local_tz, days)
    ends = [to_utc_text(d.end) for d in study_days]
    counts = [0] * days
    for item_id in item_ids:
        due_text = due_texts.get(item_id)
        if due_text is None:
            continue
        slot = bisect_right(ends, due_text)  # the first day ending after it falls due
        if slot < days:
            counts[slot] += 1
    return [DueDay(d.day, n) for d, n in zip(study_days, counts, strict=True)]
