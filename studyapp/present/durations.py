"""Durations as text: exam times (one format for the countdown, time used and time left)
and time studied."""

from __future__ import annotations

import math

#: Below this many seconds an exam time shows its seconds too ("4 min 32 s"): the last
#: minutes are when they count.
SECONDS_SHOWN_BELOW = 600


def span_text(seconds: float, *, round_up: bool = False) -> str:
    """An exam time: `26 s`, `4 min 32 s`, `60 min`, `1 h 12 min`, `2 h`; minutes up to an
    hour, hours past it. Cut to the unit shown, or with `round_up` (a countdown, which shows
    `60 min left` until a whole minute has gone) raised to it."""
    whole = max(0, math.ceil(seconds) if round_up else int(seconds))
    if whole >= SECONDS_SHOWN_BELOW and round_up:
        whole = -(-whole // 60) * 60
    minutes, secs = divmod(whole, 60)
    if whole < 60:
        return f"{secs} s"
    if whole < SECONDS_SHOWN_BELOW:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    if minutes <= 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def duration_text(milliseconds: int) -> str:
    """Milliseconds as hours and minutes: `2h 05m`, `12m`."""
    minutes = milliseconds // 60_000
    return f"{minutes // 60}h {minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"
