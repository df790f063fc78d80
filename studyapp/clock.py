"""Time as an argument: the engine asks a clock, tests hand it a fixed one."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol

#: The study day rolls over at 04:00 local time, as Anki users expect.
ROLLOVER_HOUR = 4


class Clock(Protocol):
    """Tells the current time (UTC-aware) and the user's local time zone."""

    @property
    def local_tz(self) -> tzinfo: ...

    def now(self) -> datetime: ...


#: Names a time zone (IANA, e.g. Europe/Berlin) for the study day, ahead of TZ and the system's.
TZ_VARIABLE = "STUDYAPP_TZ"


def _zone(name: str, origin: str) -> tzinfo:
    """The IANA zone `name`, or a one-line UsageError naming where the name came from."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.removeprefix(":"))
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        from studyapp.errors import UsageError

        raise UsageError(
            f"{origin}: unknown time zone {name!r}; use an IANA name such as Europe/Berlin"
        ) from exc


def local_zone() -> tzinfo:
    """The learner's real zone, with its DST rules: STUDYAPP_TZ, else TZ or the system's.

    A fixed offset (what `datetime.now().astimezone()` gives) would put the 04:00 rollover
    at 03:00 or 05:00 for half the year, so the zone comes from its IANA name (tzlocal reads
    TZ, /etc/localtime and the platform's settings).
    """
    chosen = os.environ.get(TZ_VARIABLE)
    if chosen:
        return _zone(chosen, TZ_VARIABLE)
    import tzlocal

    try:
        return tzlocal.get_localzone()
    except Exception as exc:  # tzlocal raises several kinds for an unusable setting
        from studyapp.errors import UsageError

        raise UsageError(
            f"cannot tell the local time zone ({exc}); set {TZ_VARIABLE} to a name such as "
            "Europe/Berlin"
        ) from exc


@dataclass
class SystemClock:
    """The real clock."""

    local_tz: tzinfo = field(default_factory=local_zone)

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
        moment = moment.replace(tzinfo=local_zone())
    return FixedClock(moment, local_zone())


_ONE_DAY = timedelta(days=1)


def study_day(moment: datetime, local_tz: tzinfo) -> date:
    """The study day `moment` belongs to: its local date, or the day before until 04:00."""
    local = moment.astimezone(local_tz)
    return local.date() if local.hour >= ROLLOVER_HOUR else local.date() - _ONE_DAY


def day_start(day: date, local_tz: tzinfo) -> datetime:
    """The UTC instant study day `day` begins: 04:00 local on that date, DST included."""
    return datetime.combine(day, time(ROLLOVER_HOUR), tzinfo=local_tz).astimezone(UTC)


def study_day_start(now: datetime, local_tz: tzinfo) -> datetime:
    """The UTC instant the current study day began (the last 04:00 local time)."""
    return day_start(study_day(now, local_tz), local_tz)


def to_utc_text(moment: datetime) -> str:
    """A fixed-width ISO-8601 UTC string, so text order equals time order in SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_utc_text(text: str) -> datetime:
    """Parse what `to_utc_text` wrote (fromisoformat: far faster than strptime)."""
    return datetime.fromisoformat(text)
