"""Durations as text: a countdown clock and time studied."""

from __future__ import annotations


def clock_text(seconds: float, *, hours: bool = True) -> str:
    """A duration as h:mm:ss or mm:ss; with `hours=False` always mm:ss (minutes may pass 99)."""
    whole = max(0, int(seconds))
    if not hours:
        minutes, secs = divmod(whole, 60)
        return f"{minutes:02d}:{secs:02d}"
    hour_count, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hour_count:
        return f"{hour_count}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def duration_text(milliseconds: int) -> str:
    """Milliseconds as hours and minutes: `2h 05m`, `12m`."""
    minutes = milliseconds // 60_000
    return f"{minutes // 60}h {minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"
