"""Time as an argument: the engine asks a clock, tests hand it a fixed one."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Protocol

#: The study day rolls over at 04:00 local time, as Anki users expect.
ROLLOVER_HOUR = 4


class Clock(Protocol):
    """Tells the current time (UTC-aware) and the user's local time zone."""

    @property
    def local_tz(self) -> tzinfo: ...

    def now(self) -> datetime: ...


def _system_tz() -> tzinfo:
    return datetime.now().astimezone().tzinfo or UTC


@dataclass
class SystemClock:
    """The real clock."""

    local_tz: tzinfo = field(default_factory=_system_tz)

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that only moves when told to; for tests and reproducible runs."""

    current: datetime
    local_tz: tzinfo = UTC

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self.current = self.current.astimezone(UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current = self.current + delta


def clock_from_env() -> Clock:
    """The system clock, or a fixed one when STUDYAPP_NOW holds an ISO time (for testing)."""
    fixed = os.environ.get("STUDYAPP_NOW")
    if not fixed:
        return SystemClock()
    try:
        moment = datetime.fromisoformat(fixed)
    except ValueError as exc:
        from studyapp.errors import UsageError

        raise UsageError(f"STUDYAPP_NOW: not an ISO date and time: {fixed!r}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_system_tz())
    return FixedClock(moment, _system_tz())


def study_day_start(now: datetime, local_tz: tzinfo) -> datetime:
    """The UTC instant the current study day began (the last 04:00 local time)."""
    local_now = now.astimezone(local_tz)
    start = datetime.combine(local_now.date(), time(ROLLOVER_HOUR), tzinfo=local_tz)
    if local_now < start:
        start -= timedelta(days=1)
    return start.astimezone(UTC)


def to_utc_text(moment: datetime) -> str:
    """A fixed-width ISO-8601 UTC string, so text order equals time order in SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_utc_text(text: str) -> datetime:
    """Parse what `to_utc_text` wrote (fromisoformat: far faster than strptime)."""
    return datetime.fromisoformat(text)
