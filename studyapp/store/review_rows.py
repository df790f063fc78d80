"""Rows of the review log and the state cache as the store reads and writes them."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.store.records import ItemState, ReviewRecord, TimedReview

if TYPE_CHECKING:
    import sqlite3

#: The columns of `item_state` and `reviews`, in the order the readers below take them.
STATE_COLUMNS = (
    "item_id, kind, state, step, stability, difficulty, due, last_review, first_review, reps, "
    "lapses, scheduled_days"
)
REVIEW_COLUMNS = (
    "id, item_id, kind, reviewed_at, rating, correct, answer, duration_ms, session_id, "
    "content_hash, uid, recorded_as"
)


def state_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ItemState:
    """The state of a row read with the columns of `item_state`, in table order."""
    (item_id, kind, state, step, stability, difficulty, due, last, first, reps, lapses) = row[:11]
    if not (isinstance(item_id, str) and isinstance(kind, str) and _all_ints(state, reps, lapses)):
        raise TypeError(f"item {item_id!r}: {kind!r}, state {state!r}, {reps!r} reps")
    if not all(v is None or isinstance(v, int | float) for v in (stability, difficulty, step)):
        raise TypeError(f"item {item_id}: stability {stability!r}, difficulty {difficulty!r}")
    return ItemState(
        item_id=item_id,
        kind=kind,
        state=state,
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=from_utc_text(due),
        last_review=from_utc_text(last) if last else None,
        first_review=from_utc_text(first),
        reps=reps,
        lapses=lapses,
        scheduled_days=row[11] or 0,
    )


def _all_ints(*values: object) -> bool:
    return all(type(value) is int for value in values)


def state_to_row(state: ItemState) -> dict[str, Any]:
    """The `item_state` row of `state`, by column name."""
    row = {f.name: getattr(state, f.name) for f in fields(ItemState)}
    row["due"] = to_utc_text(state.due)
    row["last_review"] = to_utc_text(state.last_review) if state.last_review else None
    row["first_review"] = to_utc_text(state.first_review)
    return row


def review_from_row(row: tuple[Any, ...]) -> ReviewRecord:
    (rid, item_id, kind, at, rating, correct, answer, duration, session, digest, uid, was) = row
    return ReviewRecord(
        id=rid,
        item_id=item_id,
        kind=kind,
        reviewed_at=from_utc_text(at),
        rating=rating,
        correct=None if correct is None else bool(correct),
        answer=answer,
        duration_ms=duration,
        session_id=session,
        content_hash=digest,
        uid=uid,
        recorded_as=was,
    )


def timed_from_row(row: tuple[Any, ...]) -> TimedReview:
    item_id, at, rating, prior_state, duration = row
    if not (isinstance(item_id, str) and _all_ints(rating, prior_state)):
        raise TypeError(f"item {item_id!r}: rating {rating!r}, prior state {prior_state!r}")
    if not (1 <= rating <= 4 and 0 <= prior_state <= 3):
        raise ValueError(f"item {item_id}: rating {rating}, prior state {prior_state}")
    if duration is not None and type(duration) is not int:
        raise TypeError(f"item {item_id}: duration {duration!r}")
    return TimedReview(item_id, from_utc_text(at), rating, prior_state, duration)


__all__ = [
    "REVIEW_COLUMNS",
    "STATE_COLUMNS",
    "review_from_row",
    "state_from_row",
    "state_to_row",
    "timed_from_row",
]
