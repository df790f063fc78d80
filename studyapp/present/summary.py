"""The end-of-session summary as lines of text."""

from __future__ import annotations

from datetime import datetime, tzinfo

from studyapp.content import Deck
from studyapp.present.durations import span_text
from studyapp.present.items import item_line
from studyapp.srs import interval_label
from studyapp.study import SessionSummary

#: What a session of each mode serves, in a sentence.
ITEMS_OF_MODE = {
    "review": "cards",
    "quiz": "questions or scenarios",
    "scenarios": "scenarios",
}


#: What a screen's title adds for a session off the schedule.
SELECTION_TITLES = {"due": "", "missed": ": missed", "bookmarked": ": bookmarked"}


def summary_lines(
    summary: SessionSummary,
    now: datetime,
    local_tz: tzinfo,
    *,
    list_missed: bool = True,
    deck: Deck | None = None,
    width: int = 80,
) -> list[str]:
    """The end-of-session report as lines of text; one line when there was nothing to study.

    With `deck`, missed items are listed by what they ask (cut to `width`), else by id."""
    if summary.shown == 0:
        return [nothing_to_study_line(summary, now, local_tz)]
    share = summary.correct_share
    right = f", {summary.correct} right ({share:.0%})" if share is not None else ""
    took = span_text(summary.elapsed.total_seconds())  # as the exam says times: `4 min 32 s`
    lines = [f"Session over: {summary.answered} answered{right}, {took}."]
    if summary.answered and summary.mode == "review":
        counts = " · ".join(f"{r.name.title()} {n}" for r, n in summary.rating_counts.items())
        lines.append(f"Ratings: {counts}")
    if summary.missed_item_ids and list_missed:
        lines += _missed_lines(summary.missed_item_ids, deck, width)
    if summary.still_due:
        lines.append(f"Still due now: {summary.still_due}.")
    if summary.next_due is not None:
        lines.append(f"Next due: {next_due_text(summary.next_due, now, local_tz)}.")
    return lines


def nothing_to_study_line(summary: SessionSummary, now: datetime, local_tz: tzinfo) -> str:
    """The one line a session that showed nothing ends with: why, and when to come back."""
    items = ITEMS_OF_MODE[summary.mode]
    if summary.selection == "missed":
        return f"Nothing missed: none of your {items} has a wrong latest answer."
    if summary.selection == "bookmarked":
        return f"No bookmarked {items}: press b on a study screen to bookmark one."
    reason = "Nothing is due and no new items are left for today"
    if summary.next_due is None:
        return f"{reason}. Come back tomorrow."
    return f"{reason}; the next is due {next_due_text(summary.next_due, now, local_tz)}."


def next_due_text(due: datetime, now: datetime, local_tz: tzinfo) -> str:
    """`in 5h (2026-03-02 15:00)`, local time."""
    return f"in {interval_label(due - now)} ({due.astimezone(local_tz):%Y-%m-%d %H:%M})"


def _missed_lines(missed_item_ids: tuple[str, ...], deck: Deck | None, width: int) -> list[str]:
    if deck is None:
        return ["Missed: " + ", ".join(missed_item_ids)]
    lines = ["Missed:"]
    for item_id in missed_item_ids:
        item = deck.items.get(item_id)
        room = width - len(item_id) - 7  # "  • " and " (id)"
        title = f"{item_line(item, room)} " if item is not None else ""
        lines.append(f"  • {title}({item_id})")
    return lines
