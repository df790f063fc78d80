"""What both front ends say when a learner flags an item as wrong or unclear."""

from __future__ import annotations


def flag_saved_text(item_id: str) -> str:
    """The one line after a flag is saved: which item, and where flags are listed."""
    return f"Flagged {item_id}. Thank you: `studyapp flagged` lists it."
