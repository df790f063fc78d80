"""The end-of-session summary as lines of text."""

from __future__ import annotations

from datetime import datetime, tzinfo

from studyapp.srs import interval_label
from studyapp.study import SessionSummary


def summary_lines(
    summary: SessionSummary, now: datetime, local_tz: tzinfo, *, list_missed: bool = True
) -> list[str]:
    """The end-of-session report as lines of text."""
    minutes, seconds = divmod(int(summary.elapsed.total_seconds()), 60)
    share = summary.correct_share
    right = f", {summary.correct} right ({share:.0%})" if share is not None else ""
    lines = [f"Session over: {summary.answered} answered{right}, {minutes}m {seconds:02d}s."]
    if summary.answered and summary.mode == "review":
        counts = " · ".join(f"{r.name.title()} {n}" for r, n in summary.rating_counts.items())
        lines.append(f"Ratings: {counts}")
    if summary.missed_item_ids and list_missed:
        lines.append("Missed: " + ", ".join(summary.missed_item_ids))
    if summary.still_due:
        lines.append(f"Still due now: {summary.still_due}.")
    if summary.next_due is not None:
        local = summary.next_due.astimezone(local_tz)
        lines.append(
            f"Next due: in {interval_label(summary.next_due - now)} ({local:%Y-%m-%d %H:%M})."
        )
    return lines
