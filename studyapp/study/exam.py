"""The mock exam engine: a timed draw of questions and scenarios, scored only on submit.

Positions are 1-based, as the learner sees them ("Question 3 of 30"); option indices are
0-based and as authored, as in `StudySession.answer`, whatever order the options are shown
in (`shown_options`, seeded by the exam id, so a resumed exam and its review show the same). Every answer and flag is committed as it is given,
together with the time used so far, so a killed exam resumes with its clock where it
stopped. Time counts only while an exam is open.

An exam drawn by an exam guide (`exam_guide`) has unscored questions, as the real exam
does: stored with the exam, shown like any other, left out of the score and named only in
the result, which also judges each of the guide's domains.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from studyapp.clock import Clock
from studyapp.content import Deck
from studyapp.content.guides import ExamGuide
from studyapp.errors import UsageError

# Re-exported: scoring moved to `studyapp.scoring`, below both study and stats.
from studyapp.scoring import (
    DEFAULT_MINUTES as DEFAULT_MINUTES,
)
from studyapp.scoring import (
    DEFAULT_QUESTION_COUNT as DEFAULT_QUESTION_COUNT,
)
from studyapp.scoring import (
    EXAM_KINDS as EXAM_KINDS,
)
from studyapp.scoring import (
    PASSING_SCORE as PASSING_SCORE,
)
from studyapp.scoring import (
    SCALE_LABEL as SCALE_LABEL,
)
from studyapp.scoring import (
    SCALE_MAX as SCALE_MAX,
)
from studyapp.scoring import (
    SCALE_MIN as SCALE_MIN,
)
from studyapp.scoring import (
    draw_exam_item_ids as draw_exam_item_ids,
)
from studyapp.scoring import (
    scaled_score as scaled_score,
)
from studyapp.scoring import (
    topic_quotas as topic_quotas,
)
from studyapp.srs import StudyScheduler
from studyapp.store import ExamAnswer, ExamOutcome, ExamRecord, Store
from studyapp.study.exam_draw import (
    exam_items,
    fitting_picks,
    new_exam_record,
    renamed_record,
    saved_picks,
    stored_exam,
)
from studyapp.study.exam_result import DomainScore as DomainScore

# Re-exported: the results moved to `studyapp.study.exam_result`.
from studyapp.study.exam_result import ExamItem as ExamItem
from studyapp.study.exam_result import ExamResult as ExamResult
from studyapp.study.exam_result import ReviewedQuestion as ReviewedQuestion
from studyapp.study.exam_result import TopicScore as TopicScore
from studyapp.study.exam_result import domain_scores, review_of, topic_scores
from studyapp.study.options import ShownOptions, choices_of, how_many_to_choose


@dataclass(frozen=True)
class PositionStatus:
    """One cell of the overview grid."""

    position: int
    answered: bool
    flagged: bool


class ExamSession:
    """A mock exam being taken: move freely, answer, flag, then submit once."""

    def __init__(
        self,
        *,
        deck: Deck,
        store: Store,
        scheduler: StudyScheduler,
        clock: Clock,
        record: ExamRecord,
        answers: Sequence[ExamAnswer] = (),
        guide: ExamGuide | None = None,
    ) -> None:
        self.deck = deck
        #: The exam guide it was drawn by (None: a topic exam, or a guide no longer shipped).
        self.guide = guide
        self.store = store
        self.scheduler = scheduler
        self.clock = clock
        self.record = record
        # An item deleted from the deck since the exam began is left out of it.
        self.items: tuple[ExamItem, ...] = exam_items(deck, record.question_ids)
        if not self.items:
            raise UsageError(f"none of the questions of exam {record.id} are in the deck any more")
        self._picked = saved_picks(self.items, answers)
        self._flagged = {a.item_id for a in answers if a.flagged}
        self._opened_at = clock.now()
        self._position = self._first_unanswered()

    @classmethod
    def start(
        cls,
        *,
        deck: Deck,
        store: Store,
        scheduler: StudyScheduler,
        clock: Clock,
        rng: random.Random,
        topic_ids: Sequence[str] | None = None,
        question_count: int = DEFAULT_QUESTION_COUNT,
        minutes: int = DEFAULT_MINUTES,
        guide: ExamGuide | None = None,
        include_newer: bool = False,
    ) -> ExamSession:
        """Draw a new exam, store it and open it: by `guide`'s domain weights with its unscored
        share, else across the topics (fewer questions if the topics have fewer)."""
        record = new_exam_record(
            deck=deck,
            store=store,
            clock=clock,
            rng=rng,
            topic_ids=topic_ids,
            question_count=question_count,
            minutes=minutes,
            guide=guide,
            include_newer=include_newer,
        )
        return cls(
            deck=deck, store=store, scheduler=scheduler, clock=clock, record=record, guide=guide
        )

    @classmethod
    def resume(
        cls,
        *,
        deck: Deck,
        store: Store,
        scheduler: StudyScheduler,
        clock: Clock,
        exam_id: str,
        guides: Mapping[str, ExamGuide] | None = None,
    ) -> ExamSession:
        """Reopen a stored exam with its answers, flags, unscored questions and time used (a
        submitted one read-only); `guides` by id give a guide exam its domains."""
        record, answers = stored_exam(store, exam_id)
        guide = None if record.guide_id is None else (guides or {}).get(record.guide_id)
        return cls(
            deck=deck,
            store=store,
            scheduler=scheduler,
            clock=clock,
            record=record,
            answers=answers,
            guide=guide,
        )

    def use_deck(self, deck: Deck) -> None:
        """Go on with `deck`'s versions of the questions (its files were saved): one it no
        longer has is left out, as on resume, unless none would be left; a pick that no
        longer fits its edited question is cleared."""

        # A question renamed (`renamed_from`) stays under its new id, as the store files it.
        record = renamed_record(self.record, deck)
        items = exam_items(deck, record.question_ids)
        if not items:
            return
        showing = deck.current_id(self.item().id)
        self.deck, self.items, self.record = deck, items, record
        picked = {deck.current_id(i): chosen for i, chosen in self._picked.items()}
        self._flagged = set(map(deck.current_id, self._flagged))
        self._picked = fitting_picks(items, picked)
        positions = {item.id: n for n, item in enumerate(items, start=1)}
        self._position = positions.get(showing, min(self._position, len(items)))

    # where we are ---------------------------------------------------------------------

    @property
    def exam_id(self) -> str:
        return self.record.id

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def position(self) -> int:
        """The question shown now, 1 to `total`."""
        return self._position

    @property
    def submitted(self) -> bool:
        return self.record.status == "submitted"

    def item(self, position: int | None = None) -> ExamItem:
        """The question at `position` (default: the current one)."""
        return self.items[self._index(self._position if position is None else position)]

    def go_to(self, position: int) -> ExamItem:
        """Show the question at `position`; the time used is saved on the way."""
        self._index(position)
        self.checkpoint()  # first: when it cannot be saved, the exam stays where it was
        self._position = position
        return self.item()

    def next(self) -> ExamItem:
        """Move to the next question (staying on the last)."""
        return self.go_to(min(self._position + 1, self.total))

    def previous(self) -> ExamItem:
        """Move to the previous question (staying on the first)."""
        return self.go_to(max(self._position - 1, 1))

    def _index(self, position: int) -> int:
        if not 1 <= position <= self.total:
            raise UsageError(
                f"there is no question {position}; questions go from 1 to {self.total}"
            )
        return position - 1

    def _first_unanswered(self) -> int:
        unanswered = [n for n, status in enumerate(self.overview(), 1) if not status.answered]
        return unanswered[0] if unanswered else 1

    # answers and flags ----------------------------------------------------------------

    def picked(self, position: int | None = None) -> tuple[int, ...] | None:
        """The option indices picked at `position`, or None when it is unanswered."""
        return self._picked.get(self.item(position).id)

    def shown_options(self, position: int | None = None) -> ShownOptions:
        """The options at `position` in the order this exam shows them, every time."""
        return ShownOptions.for_exam(self.item(position), self.exam_id)

    def is_flagged(self, position: int | None = None) -> bool:
        return self.item(position).id in self._flagged

    def answer(self, position: int, picked: Collection[int]) -> None:
        """Pick options at `position`, replacing any earlier pick (none: clear it); saved at once."""
        self._require_open()
        item = self.item(position)
        chosen = tuple(sorted(set(picked)))
        count = len(choices_of(item))
        if any(not 0 <= i < count for i in chosen):
            raise UsageError(f"choose options 1 to {count}")
        if chosen and len(chosen) != how_many_to_choose(item):
            raise UsageError(f"choose exactly {how_many_to_choose(item)}")
        self.store.exams.save_answer(self.exam_id, item.id, chosen or None, self._elapsed_ms())
        if chosen:
            self._picked[item.id] = chosen
        else:
            self._picked.pop(item.id, None)

    def set_flag(self, position: int, flagged: bool) -> None:
        """Flag the question at `position` for review, or clear its flag; saved at once."""
        self._require_open()
        item = self.item(position)
        self.store.exams.save_flag(self.exam_id, item.id, flagged, self._elapsed_ms())
        if flagged:
            self._flagged.add(item.id)
        else:
            self._flagged.discard(item.id)

    def toggle_flag(self, position: int | None = None) -> bool:
        """Flip the flag of the question at `position`; returns whether it is now flagged."""
        target = self._position if position is None else position
        flagged = not self.is_flagged(target)
        self.set_flag(target, flagged)
        return flagged

    def overview(self) -> tuple[PositionStatus, ...]:
        """Answered, flagged or unanswered, for every position in order."""
        return tuple(
            PositionStatus(n, item.id in self._picked, item.id in self._flagged)
            for n, item in enumerate(self.items, start=1)
        )

    @property
    def unanswered_count(self) -> int:
        return sum(1 for item in self.items if item.id not in self._picked)

    def _require_open(self) -> None:
        if self.submitted:
            raise UsageError("this exam is already submitted")
        if self.expired:
            raise UsageError("time is up: the exam can only be submitted now")

    # time -----------------------------------------------------------------------------

    @property
    def time_limit(self) -> timedelta:
        return timedelta(seconds=self.record.time_limit_seconds)

    def elapsed(self) -> timedelta:
        """Time used: what was saved before this opening plus the time open now, at most the limit."""
        if self.submitted:
            return timedelta(milliseconds=self.record.elapsed_ms)
        open_for = max(timedelta(0), self.clock.now() - self._opened_at)
        return min(self.time_limit, timedelta(milliseconds=self.record.elapsed_ms) + open_for)

    def time_remaining(self) -> timedelta:
        return self.time_limit - self.elapsed()

    @property
    def expired(self) -> bool:
        """Whether the time is up (an expired exam can only be submitted)."""
        return not self.submitted and self.time_remaining() <= timedelta(0)

    def _elapsed_ms(self) -> int:
        return int(self.elapsed() / timedelta(milliseconds=1))

    def checkpoint(self) -> None:
        """Save the time used so far (answers and flags save it too)."""
        if not self.submitted:
            self.store.exams.save_elapsed(self.exam_id, self._elapsed_ms())

    # the end --------------------------------------------------------------------------

    def result(self) -> ExamResult:
        """The score as the answers stand now, from the scored questions only; `submit` stores it."""
        questions = tuple(self._reviewed(n, item) for n, item in enumerate(self.items, start=1))
        # Were every scored question deleted from the deck since, the rest count.
        scored = [question for question in questions if question.scored] or list(questions)
        correct = sum(1 for question in scored if question.correct)
        return ExamResult(
            exam_id=self.exam_id,
            correct=correct,
            total=len(scored),
            score=scaled_score(correct, len(scored)),
            time_used=self.elapsed(),
            time_limit=self.time_limit,
            topics=topic_scores(scored, list(self.deck.topics)),
            questions=questions,
            guide_id=self.record.guide_id,
            domains=() if self.guide is None else domain_scores(questions, self.guide.domains),
        )

    def _reviewed(self, position: int, item: ExamItem) -> ReviewedQuestion:
        choices = tuple(choices_of(item))
        domain = None if self.guide is None else self.guide.domain_of(item.exam)
        topic_id = self.deck.topic_of.get(item.id, "?")
        topic = self.deck.topics.get(topic_id)
        return ReviewedQuestion(
            position=position,
            item=item,
            topic_id=topic_id,
            topic_title=topic_id if topic is None else topic.title,
            picked=self._picked.get(item.id),
            right=tuple(i for i, choice in enumerate(choices) if choice.correct),
            shown=ShownOptions.for_exam(item, self.exam_id),
            flagged=item.id in self._flagged,
            scored=item.id not in self.record.unscored_ids,
            domain=None if domain is None else domain.number,
        )

    def submit(self) -> ExamResult:
        """Score the exam, store the result and schedule every question: wrong or blank is Again."""
        if self.submitted:
            raise UsageError("this exam is already submitted")
        result = self.result()
        now = self.clock.now()
        reviews = [
            review_of(question, now, self.exam_id, self.scheduler) for question in result.questions
        ]
        outcome = ExamOutcome(
            self.exam_id, now, self._elapsed_ms(), result.score, result.correct, result.total
        )
        self.store.exams.submit(outcome, reviews)
        missed_ids = [question.item.id for question in result.missed]
        states = self.store.reviews.states(missed_ids)
        result = replace(result, missed_due=tuple(sorted(s.due for s in states.values())))
        self.record = replace(
            self.record,
            status="submitted",
            elapsed_ms=outcome.elapsed_ms,
            submitted_at=now,
            score_scaled=result.score,
            correct=result.correct,
            total=result.total,
        )
        return result
