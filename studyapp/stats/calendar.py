"""Study days (04:00 to 04:00 local time) as UTC ranges, walked back from or ahead of now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from studyapp.clock import study_day_start, to_utc_text


@dataclass(frozen=True)
class StudyDay:
    """One study day: its local date and the UTC instants it starts and ends at."""

    day: date
    start: datetime
    end: datetime

    @property
    def utc_range(self) -> tuple[str, str]:
        """Its [start, end) as the UTC texts the database stores."""
        return to_utc_text(self.start), to_utc_text(self.end)


def _study_day(start: datetime, local_tz: tzinfo) -> StudyDay:
    end = study_day_start(start + timedelta(hours=36), local_tz)
    return StudyDay(start.astimezone(local_tz).date(), start, end)


def study_days_back(now: datetime, local_tz: tzinfo, count: int) -> list[StudyDay]:
    """The last `count` study days, oldest first, ending with today."""
    start = study_day_start(now, local_tz)
    days = [_study_day(start, local_tz)]
    while len(days) < count:
        start = study_day_start(start - timedelta(hours=12), local_tz)
        days.append(_study_day(start, local_tz))
    return days[::-1]


def study_days_ahead(now: datetime, local_tz: tzinfo, count: int) -> list[StudyDay]:
    """The next `count` study days, starting with today."""
    days = [_study_day(study_day_start(now, local_tz), local_tz)]
    while len(days) < count:
        days.append(_study_day(days[-1].end, local_tz))
    return days
