"""Rebuilding the state cache by replaying the review log under the current scheduling rules.

Used by the upgrade to study days (migration v7), by recovery and merge, and for the items
whose logs a rename joins (`store.renames`). The scheduler comes in as `step_for`, so the
store needs no import of `srs`.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Collection, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.memory import ItemState
from studyapp.store.aggregates import REVIEW_STATE
from studyapp.store.rollups import APPEND_ONLY_TRIGGER

if TYPE_CHECKING:
    from sqlite_utils import Database

#: One scheduling step: (prior state or None, item id, kind, rating, reviewed at, the id the
#: review was recorded under, whose fuzz it drew) -> state.
ReplayStep = Callable[[ItemState | None, str, str, int, datetime, str], ItemState]
#: The step for raw (settings, meta) rows, or for FSRS's defaults when given None.
StepFor = Callable[[tuple[Mapping[str, str], Mapping[str, str]] | None], ReplayStep]


def replay_under_current_rules(db: Database, step_for: StepFor) -> None:
    """Rebuild `item_state` and `reviews.prior_state` (and what is totalled from it).

    `step_for` is the scheduler (from `studyapp.srs.replay`), given so the store needs no
    import of `srs`: it is called with the raw settings and `meta` rows.
    """
    states, review_ids, priors = _replayed(db, _stored_step(db, step_for))
    _write_prior_states(db, review_ids, priors)
    db.execute("DELETE FROM item_state")
    _write_states(db, states)


def replay_items(db: Database, step_for: StepFor, item_ids: Collection[str]) -> None:
    """`replay_under_current_rules` for these items alone: their states and their reviews'
    prior states (the learned-review totals are refiled from the whole log)."""
    wanted = json.dumps(sorted(item_ids))
    states, review_ids, priors = _replayed(db, _stored_step(db, step_for), wanted)
    _write_prior_states(db, review_ids, priors)
    db.execute("DELETE FROM item_state WHERE item_id IN (SELECT value FROM json_each(?))", [wanted])
    _write_states(db, states)


def _stored_step(db: Database, step_for: StepFor) -> ReplayStep:
    """The scheduling step of the settings and preferences stored in `db`."""
    settings = dict(db.execute("SELECT key, value FROM settings").fetchall())
    preferences = dict(db.execute("SELECT key, value FROM meta").fetchall())
    return step_for((settings, preferences))


def _replayed(
    db: Database, step: ReplayStep, item_ids: str | None = None
) -> tuple[dict[str, ItemState], array[int], array[int]]:
    """Every item's state after its last review, and each review's id and prior state (of
    the items in the JSON list `item_ids` only, when given)."""
    states: dict[str, ItemState] = {}
    # A million reviews: ids and states kept as packed arrays, rows streamed, not listed.
    review_ids, priors = array("q"), array("b")
    # The id each review was recorded under (a renamed item's old one): from v13 on.
    columns = {row[1] for row in db.execute("PRAGMA table_info(reviews)").fetchall()}
    recorded = "coalesce(recorded_as, item_id)" if "recorded_as" in columns else "item_id"
    select = f"SELECT id, item_id, {recorded}, kind, reviewed_at, rating FROM reviews"
    if item_ids is None:
        rows = db.execute(f"{select} ORDER BY id")
    else:
        where = "WHERE item_id IN (SELECT value FROM json_each(?))"
        rows = db.execute(f"{select} {where} ORDER BY id", [item_ids])
    for review_id, item_id, recorded_as, kind, reviewed_at, rating in rows:
        prior = states.get(item_id)
        review_ids.append(review_id)
        priors.append(prior.state if prior else 0)
        at = from_utc_text(reviewed_at)
        states[item_id] = step(prior, item_id, kind, rating, at, recorded_as)
    return states, review_ids, priors


def _write_prior_states(db: Database, review_ids: array[int], priors: array[int]) -> None:
    """Store each review's prior state and refile the learned reviews' daily totals."""
    # The log is append-only to everything but this rebuild of a derived column.
    db.execute("DROP TRIGGER reviews_append_only")
    db.conn.executemany(
        "UPDATE reviews SET prior_state = ? WHERE id = ? AND prior_state IS NOT ?",
        ((state, review_id, state) for state, review_id in zip(priors, review_ids, strict=True)),
    )
    db.execute(APPEND_ONLY_TRIGGER)
    db.execute("DELETE FROM learned_days")
    db.execute(
        "INSERT INTO learned_days SELECT substr(r.reviewed_at, 1, 10) AS day, "
        "coalesce(t.topic_id, '') AS topic, count(*), sum(r.rating > 1) "
        "FROM reviews AS r LEFT JOIN item_topics AS t ON t.item_id = r.item_id "
        f"WHERE r.prior_state = {REVIEW_STATE} GROUP BY day, topic"
    )


def _write_states(db: Database, states: dict[str, ItemState]) -> None:
    """Write the replayed states (in place of the rows the caller deleted)."""
    db.conn.executemany(
        "INSERT INTO item_state (item_id, kind, state, step, stability, difficulty, due, "
        "last_review, first_review, reps, lapses, scheduled_days) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                s.item_id,
                s.kind,
                s.state,
                s.step,
                s.stability,
                s.difficulty,
                to_utc_text(s.due),
                None if s.last_review is None else to_utc_text(s.last_review),
                to_utc_text(s.first_review),
                s.reps,
                s.lapses,
                s.scheduled_days,
            )
            for s in states.values()
        ],
    )


__all__ = ["ReplayStep", "StepFor", "replay_items", "replay_under_current_rules"]
