"""Drawing a new mock exam and reopening a stored one: its record, its saved picks."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from studyapp.clock import Clock
from studyapp.content import Deck
from studyapp.errors import UsageError
from studyapp.scoring import DEFAULT_MINUTES, DEFAULT_QUESTION_COUNT, draw_exam_item_ids
from studyapp.store import ExamAnswer, ExamRecord, Store
from studyapp.study.exam_result import ExamItem
from studyapp.study.options import choices_of, how_many_to_choose


def new_exam_record(
    *,
    deck: Deck,
    store: Store,
    clock: Clock,
    rng: random.Random,
    topic_ids: Sequence[str] | None = None,
    question_count: int = DEFAULT_QUESTION_COUNT,
    minutes: int = DEFAULT_MINUTES,
) -> ExamRecord:
    """Draw a new exam and store it (fewer questions if the topics have fewer)."""
    if minutes <= 0 or question_count <= 0:
        raise UsageError("an exam needs at least one question and one minute")
    suspended = store.flags.suspended_item_ids()
    item_ids = draw_exam_item_ids(deck, topic_ids, question_count, rng, suspended)
    if not item_ids:
        raise UsageError("no questions or scenarios in these topics to make an exam from")
    now = clock.now()
    record = ExamRecord(
        id=new_exam_id(store, now, rng),
        started_at=now,
        time_limit_seconds=minutes * 60,
        question_ids=tuple(item_ids),
        topic_ids=None if topic_ids is None else tuple(topic_ids),
    )
    store.exams.create(record)
    return record


def stored_exam(store: Store, exam_id: str) -> tuple[ExamRecord, list[ExamAnswer]]:
    """A stored exam and its saved answers and flags."""
    record = store.exams.get(exam_id)
    if record is None:
        raise UsageError(f"no exam {exam_id!r} in this database")
    answers = store.exams.answers(exam_id)
    return record, answers


def saved_picks(
    items: Sequence[ExamItem], answers: Sequence[ExamAnswer]
) -> dict[str, tuple[int, ...] | None]:
    """The saved picks that still fit their items (an item deleted since is left out)."""
    by_id = {item.id: item for item in items}
    return {
        a.item_id: a.chosen
        for a in answers
        if a.item_id in by_id and _still_fits(by_id[a.item_id], a.chosen)
    }


def new_exam_id(store: Store, now: datetime, rng: random.Random) -> str:
    """A fresh exam id from the start time and `rng` (no global randomness), so a fixed clock
    and seed give the same id and option order every run; an id used before draws again."""
    while True:
        exam_id = f"exam-{now:%Y%m%dT%H%M%S}-{rng.getrandbits(32):08x}"
        if not store.reviews.session_exists(exam_id):
            return exam_id


def _still_fits(item: ExamItem, chosen: tuple[int, ...] | None) -> bool:
    """Whether a saved pick still fits the item, whose options may have been edited since."""
    if chosen is None:
        return False
    count = len(choices_of(item))
    return len(chosen) == how_many_to_choose(item) and all(0 <= i < count for i in chosen)
