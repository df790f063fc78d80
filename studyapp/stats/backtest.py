"""Readiness back-tested on the learner's own mock exams: predicted just before, against the score.

For each submitted exam, readiness is recomputed as it stood at the exam's start (horizon 0):
its own questions' states are rebuilt by replaying their reviews before the start, and the
first-sight and later-answer figures count only answers given before it. The prediction is
for the questions actually drawn, so it is sharper than the deck-wide figure. A finished
exam's past cannot change, so each prediction is kept in the store once computed (keyed by
the model version and the FSRS parameters, so a change of either recomputes it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from studyapp.clock import to_utc_text
from studyapp.content import Deck
from studyapp.scoring import EXAM_KINDS
from studyapp.srs import StudyScheduler
from studyapp.stats.readiness_model import (
    QuestionGroup,
    exam_outlook,
    first_sight,
    guessing_floor,
    item_knowledge,
    later_answers,
)
from studyapp.stats.readiness_types import ExamOutlook, FirstSight, ItemEvidence, LaterAnswers
from studyapp.store import AnswerTally, ExamRecord, Store

#: Bumped whenever readiness's model changes, so kept predictions are recomputed.
MODEL_VERSION = "readiness-2"


@dataclass(frozen=True)
class ExamCheck:
    """One finished exam: what readiness predicted at its start and the score it got."""

    exam_id: str
    started_at: datetime
    topic_ids: tuple[str, ...] | None
    predicted: ExamOutlook
    score: int
    correct: int
    total: int

    @property
    def inside(self) -> bool:
        """Whether the score landed in the predicted range."""
        return self.predicted.score_low <= self.score <= self.predicted.score_high


def _in_scope(exam: ExamRecord, topic_ids: Sequence[str] | None) -> bool:
    if topic_ids is None:
        return True
    return exam.topic_ids is not None and set(exam.topic_ids) <= set(topic_ids)


def _cache_key(exam: ExamRecord, scheduler: StudyScheduler) -> tuple[str, str]:
    digest = hashlib.blake2b(repr(scheduler.parameters).encode(), digest_size=8).hexdigest()
    return f"readiness.backtest.{exam.id}", f"{MODEL_VERSION}:{digest}"


def _evidence_at_start(
    store: Store, scheduler: StudyScheduler, item_ids: Sequence[str], start: datetime
) -> dict[str, ItemEvidence]:
    """The exam's questions as they stood at its start, rebuilt from their reviews."""
    evidence: dict[str, ItemEvidence] = {}
    for item_id in item_ids:
        reviews = [r for r in store.reviews.of(item_id) if r.reviewed_at < start]
        state = scheduler.replay(reviews)
        if state is None:
            continue
        rights = [r.reviewed_at for r in reviews if r.rating > 1]
        evidence[item_id] = ItemEvidence(
            state.stability,
            reviews[0].rating > 1,
            len(rights) < len(reviews),
            rights[-1] if rights else None,
        )
    return evidence


def _answers_before(
    store: Store,
    start: datetime,
    floors: Mapping[str, float],
    tallies: Mapping[str, AnswerTally],
) -> tuple[FirstSight, LaterAnswers]:
    """What first and later answers showed before `start`, from the tallies less what came since."""
    since = store.rollups.answers_since(to_utc_text(start))
    firsts: list[tuple[float, bool]] = []
    later: list[tuple[float, int, int]] = []
    for item_id, tally in tallies.items():
        after, right_after, first_after = since.get(item_id, (0, 0, False))
        if first_after or item_id not in floors:
            continue
        firsts.append((floors[item_id], tally.first_right))
        later.append(
            (
                floors[item_id],
                tally.reviews - after - 1,
                tally.right - right_after - tally.first_right,
            )
        )
    return first_sight(firsts), later_answers(later)


def predict_at_start(
    store: Store,
    scheduler: StudyScheduler,
    exam: ExamRecord,
    floors: Mapping[str, float],
    tallies: Mapping[str, AnswerTally],
) -> ExamOutlook | None:
    """Readiness for the exam's own questions at its start (None: none are in the deck now)."""
    item_ids = [i for i in exam.question_ids if i in floors]
    if not item_ids:
        return None
    first, shown = _answers_before(store, exam.started_at, floors, tallies)
    evidence = _evidence_at_start(store, scheduler, item_ids, exam.started_at)
    groups = [
        QuestionGroup(
            floors[i],
            item_knowledge(
                floors[i],
                first.knowledge,
                evidence.get(i),
                scheduler,
                exam.started_at,
                shown.exponent,
            ),
            1,
        )
        for i in item_ids
    ]
    return exam_outlook(groups)


def _kept_or_predicted(
    store: Store,
    scheduler: StudyScheduler,
    exam: ExamRecord,
    floors: Mapping[str, float],
    tallies: Callable[[], Mapping[str, AnswerTally]],
) -> ExamOutlook | None:
    """The kept prediction for `exam`, or a new one, kept from now on."""
    key, version = _cache_key(exam, scheduler)
    kept = store.settings.cached_figures(key)
    if kept is not None:
        data = json.loads(kept)
        if data.get("version") == version:
            return ExamOutlook(**data["outlook"])
    outlook = predict_at_start(store, scheduler, exam, floors, tallies())
    if outlook is not None:
        store.settings.cache_figures(
            key, json.dumps({"version": version, "outlook": asdict(outlook)})
        )
    return outlook


def exam_backtest(
    deck: Deck, store: Store, scheduler: StudyScheduler, topic_ids: Sequence[str] | None = None
) -> list[ExamCheck]:
    """Every submitted exam in scope (all of its topics asked for), newest first."""
    exams = [e for e in store.exams.records("submitted") if _in_scope(e, topic_ids)]
    if not exams:
        return []
    floors = {i: guessing_floor(deck.items[i]) for i in deck.item_ids_of(EXAM_KINDS)}
    read: list[dict[str, AnswerTally]] = []

    def tallies() -> dict[str, AnswerTally]:
        """Read once, and only if some exam has no kept prediction."""
        if not read:
            read.append(store.rollups.answer_tallies(list(floors)))
        return read[0]

    checks = []
    for exam in exams:
        outlook = _kept_or_predicted(store, scheduler, exam, floors, tallies)
        if outlook is None or exam.score_scaled is None:
            continue
        checks.append(
            ExamCheck(
                exam.id,
                exam.started_at,
                exam.topic_ids,
                outlook,
                exam.score_scaled,
                exam.correct or 0,
                exam.total or len(exam.question_ids),
            )
        )
    return checks
