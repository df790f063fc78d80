"""The note an answered item tagged `newer-than-exam` carries: what the exam may still expect."""

from __future__ import annotations

from studyapp.content import NEWER_THAN_EXAM, Item

NEWER_LEAD = "Newer than the exam guide: the exam may still expect the older answer."


def newer_than_exam_note(item: Item) -> str | None:
    """`Newer than the exam guide: …` and the item's `exam_expects`, for an item tagged
    `newer-than-exam` that says it; None for any other. Authored text: show it as data."""
    if NEWER_THAN_EXAM not in item.tags or not item.exam_expects:
        return None
    return f"{NEWER_LEAD} {' '.join(item.exam_expects.split())}"
