"""The scheduler's values, shared by `srs` (which computes them) and `store` (which keeps them).

Neutral ground below both, so neither package imports the other for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ReviewRecord:
    """One answer, as appended to the review log."""

    item_id: str
    kind: str
    reviewed_at: datetime
    rating: int
    correct: bool | None = None
    answer: str | None = None
    duration_ms: int | None = None
    session_id: str | None = None
    content_hash: str | None = None
    id: int | None = None
    #: Its identity on every device (`studyapp.store.identity`), given when it is written;
    #: left out of equality, so records compare by what was answered and their row `id`.
    uid: str | None = field(default=None, compare=False)
    #: The id the item had when this review was recorded, when a rename has moved it since
    #: (`store.renames`); its interval's fuzz was drawn for that id, so replay draws it so.
    recorded_as: str | None = None

    @property
    def fuzz_key(self) -> str:
        """The id the scheduler seeded this review's fuzz with."""
        return self.recorded_as or self.item_id


@dataclass(frozen=True)
class ItemState:
    """The scheduler's memory of one item: a cache that replaying its reviews rebuilds."""

    item_id: str
    kind: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    first_review: datetime
    reps: int
    lapses: int
    #: A review item's interval in study days (Anki keeps it so the next Good can only grow).
    scheduled_days: int = 0


__all__ = ["ItemState", "ReviewRecord"]
