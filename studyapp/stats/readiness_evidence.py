"""What readiness is computed from: the exam's horizon and each seen item's evidence, read
from the store in a few queries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, tzinfo

from studyapp.clock import from_utc_text
from studyapp.content import Deck
from studyapp.scoring import EXAM_KINDS
from studyapp.srs.personal import exam_day_start, stored_exam_date
from studyapp.stats.readiness_model import first_sight, guessing_floor, later_answers
from studyapp.stats.readiness_types import FirstSight, Horizon, ItemEvidence, LaterAnswers
from studyapp.store import AnswerTally, Store

#: Without an exam date, readiness is for an exam this many days ahead.
DEFAULT_HORIZON_DAYS = 7


def readiness_horizon(
    store: Store, now: datetime, local_tz: tzinfo, default_days: int = DEFAULT_HORIZON_DAYS
) -> Horizon:
    """The stored exam day while it has not passed, else `default_days` from now."""
    exam = stored_exam_date(store)
    if exam is not None:
        start = exam_day_start(exam, local_tz)
        if now < start + timedelta(days=1):
            at = max(now, start)
            return Horizon(at, (at - now).total_seconds() / 86400, "plan", exam)
    return Horizon(now + timedelta(days=default_days), float(default_days), "default")


def evidence_of(
    stability: float | None, last_review: datetime | None, tally: AnswerTally | None
) -> ItemEvidence:
    """An item's evidence from its memory and its answers' tally (None: a state with no log)."""
    if tally is None:  # a cache rebuilt elsewhere: its memory counts, its first answer not
        return ItemEvidence(stability, None, False, last_review)
    last_right = last_review if tally.latest_right else None
    if not tally.latest_right and tally.last_right_at is not None:
        last_right = from_utc_text(tally.last_right_at)
    return ItemEvidence(stability, tally.first_right, tally.right < tally.reviews, last_right)


def deck_evidence(
    store: Store, item_ids: Sequence[str], floors: Mapping[str, float]
) -> tuple[dict[str, ItemEvidence], FirstSight, LaterAnswers]:
    """Every seen item's evidence and what first and later answers show, in a few reads."""
    wanted = set(item_ids)
    memories = {i: m for i, m in store.reviews.memories_of_kinds(EXAM_KINDS).items() if i in wanted}
    tallies = store.rollups.answer_tallies(memories)
    evidence: dict[str, ItemEvidence] = {}
    first_answers: list[tuple[float, bool]] = []
    later: list[tuple[float, int, int]] = []
    for item_id, (stability, last_review) in memories.items():
        tally = tallies.get(item_id)
        evidence[item_id] = evidence_of(stability, last_review, tally)
        if tally is not None:
            floor = floors[item_id]
            first_answers.append((floor, tally.first_right))
            later.append((floor, tally.reviews - 1, tally.right - tally.first_right))
    return evidence, first_sight(first_answers), later_answers(later)


def deck_floors(deck: Deck, topic_ids: Sequence[str] | None = None) -> dict[str, float]:
    """The guessing floor of every question and scenario (of `topic_ids`, or all)."""
    return {i: guessing_floor(deck.items[i]) for i in deck.item_ids_of(EXAM_KINDS, topic_ids)}
