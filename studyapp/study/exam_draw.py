"""Drawing a new mock exam and reopening a stored one: its record, its saved picks."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from studyapp.clock import Clock
from studyapp.content import Deck, Question, Scenario
from studyapp.content.guides import ExamGuide
from studyapp.errors import UsageError
from studyapp.scoring import DEFAULT_MINUTES, DEFAULT_QUESTION_COUNT, draw_exam_item_ids
from studyapp.store import ExamAnswer, ExamRecord, Store
from studyapp.study.exam_guide import draw_guide_exam, newer_item_ids, unscored_count
from studyapp.study.exam_result import ExamItem
from studyapp.study.options import choices_of, how_many_to_choose


@dataclass(frozen=True)
class ExamSpec:
    """What a new exam will be: drawn by a guide's domain weights (`guide`) or across topics
    (`topic_ids`, none for all), how many questions, how long, and with newer items or not."""

    question_count: int
    minutes: int
    guide: ExamGuide | None = None
    topic_ids: tuple[str, ...] = ()
    include_newer: bool = False

    @property
    def unscored(self) -> int:
        """How many of its questions will not count (only a guide exam has any)."""
        if self.guide is None:
            return 0
        return unscored_count(self.guide.format, self.question_count)


def new_exam_record(
    *,
    deck: Deck,
    store: Store,
    clock: Clock,
    rng: random.Random,
    topic_ids: Sequence[str] | None = None,
    question_count: int = DEFAULT_QUESTION_COUNT,
    minutes: int = DEFAULT_MINUTES,
    guide: ExamGuide | None = None,
    include_newer: bool = False,
) -> ExamRecord:
    """Draw a new exam and store it: by `guide`'s domain weights (a UsageError when its pools
    are too small), else across the topics (fewer questions if the topics have fewer).

    Suspended items are never drawn, nor items tagged `newer-than-exam` unless `include_newer`.
    """
    if minutes <= 0 or question_count <= 0:
        raise UsageError("an exam needs at least one question and one minute")
    item_ids, unscored_ids = _draw(
        deck, store, rng, topic_ids, question_count, guide, include_newer
    )
    now = clock.now()
    record = ExamRecord(
        id=new_exam_id(store, now, rng),
        started_at=now,
        time_limit_seconds=minutes * 60,
        question_ids=tuple(item_ids),
        topic_ids=None if topic_ids is None else tuple(topic_ids),
        guide_id=None if guide is None else guide.id,
        unscored_ids=unscored_ids,
    )
    store.exams.create(record)
    return record


def _draw(
    deck: Deck,
    store: Store,
    rng: random.Random,
    topic_ids: Sequence[str] | None,
    question_count: int,
    guide: ExamGuide | None,
    include_newer: bool,
) -> tuple[list[str], tuple[str, ...]]:
    """The item ids of a new exam and its unscored ones (only a guide exam has any)."""
    newer = frozenset() if include_newer else newer_item_ids(deck)
    left_out = frozenset(store.flags.suspended_item_ids()) | newer
    if guide is None:
        item_ids = draw_exam_item_ids(deck, topic_ids, question_count, rng, left_out)
        if not item_ids:
            raise UsageError("no questions or scenarios in these topics to make an exam from")
        return item_ids, ()
    if topic_ids:
        raise UsageError("an exam is drawn by an exam guide or from topics, not both")
    draw = draw_guide_exam(deck, guide, question_count, rng, left_out, newer)
    return list(draw.item_ids), draw.unscored_ids


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


def exam_items(deck: Deck, question_ids: Sequence[str]) -> tuple[ExamItem, ...]:
    """The exam's questions as `deck` has them, in order; one it no longer has is left out."""
    found = (deck.items.get(item_id) for item_id in question_ids)
    return tuple(item for item in found if isinstance(item, Question | Scenario))


def fitting_picks(
    items: Sequence[ExamItem], picks: Mapping[str, tuple[int, ...] | None]
) -> dict[str, tuple[int, ...] | None]:
    """The picks whose question is still in `items` and which still fit its options."""
    by_id = {item.id: item for item in items}
    return {
        i: chosen for i, chosen in picks.items() if i in by_id and _still_fits(by_id[i], chosen)
    }


def renamed_record(record: ExamRecord, deck: Deck) -> ExamRecord:
    """`record` with its questions under the ids they have in `deck` (each once)."""
    return replace(
        record,
        question_ids=tuple(dict.fromkeys(map(deck.current_id, record.question_ids))),
        unscored_ids=tuple(map(deck.current_id, record.unscored_ids)),
    )


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
