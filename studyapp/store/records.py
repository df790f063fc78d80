"""Plain records the store reads and writes; no SQL and no scheduler here."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class ReviewTally:
    """How often one item was reviewed, and how many of those reviews recalled it (rating > 1)."""

    item_id: str
    reviews: int
    recalled: int


@dataclass(frozen=True)
class FlagRecord:
    """A learner's report that an item looks wrong; it never touches the item's progress."""

    id: int
    item_id: str
    flagged_at: datetime
    comment: str | None
    content_hash: str | None
    resolved: bool


@dataclass(frozen=True)
class Settings:
    """What the user has chosen, stored in the database."""

    new_per_day: int = 20
    desired_retention: float = 0.9


SETTING_LIMITS: dict[str, tuple[type, float, float]] = {
    "new_per_day": (int, 0, 9999),
    "desired_retention": (float, 0.70, 0.99),
}
