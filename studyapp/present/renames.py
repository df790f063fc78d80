"""What both front ends say once an open of the deck moved renamed items' history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from studyapp.text import plural

if TYPE_CHECKING:
    from studyapp.store.renames import Renamed


def renamed_sentences(renamed: Sequence[Renamed]) -> list[str]:
    """One sentence per rename that moved reviews (one that only logged an id says nothing)."""
    return [
        f"{r.old_id!r} is {r.new_id!r} now (renamed_from): "
        f"{plural(r.reviews, 'review')} and the schedule moved with it"
        for r in renamed
        if r.reviews
    ]


__all__ = ["renamed_sentences"]
