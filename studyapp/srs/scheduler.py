"""FSRS scheduling of every item kind, with fuzz that replaying the log reproduces exactly."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import IntEnum

import fsrs_rs_python

from studyapp.clock import day_start, study_day
from studyapp.memory import ItemState, ReviewRecord
from studyapp.srs.anki import Config, Next, Phase, Prior, Steps, next_results, stored_memory


class Rating(IntEnum):
    """The four answers to "how well did you recall it?", as FSRS and Anki number them."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


def rating_for_answer(correct: bool, easy: bool = False) -> Rating:
    """Questions and scenarios: wrong is Again, right is Good, or Easy when the user says so."""
    if not correct:
        return Rating.AGAIN
    return Rating.EASY if easy else Rating.GOOD


def _fuzz_fraction(item_id: str, prior: ItemState | None) -> float:
    """A random fraction fixed by the item and its review count, not by the clock.

    So a replay fuzzes the same way, and the interval previewed on a rating button is the
    one committed even though the answer comes a few seconds after the preview (Anki seeds
    its fuzz with the card id and review count for the same reason).
    """
    reps = prior.reps if prior else 0
    digest = hashlib.blake2b(f"{item_id}|{reps}".encode(), digest_size=8).digest()
    return int.from_bytes(digest) / 2**64


#: FSRS-6's parameters as fsrs-rs (Anki's engine) ships them: 21 numbers.
DEFAULT_PARAMETERS: tuple[float, ...] = tuple(fsrs_rs_python.DEFAULT_PARAMETERS)
PARAMETER_COUNT = len(DEFAULT_PARAMETERS)
#: Towards an exam, desired retention rises to this over the last RAMP_DAYS days.
EXAM_RETENTION = 0.95
RAMP_DAYS = 14
#: Flashcards take Anki's default steps: 1 and 10 minutes when new, 10 minutes after a lapse.
CARD_STEPS = (Steps((1.0, 10.0)), Steps((10.0,)))
#: A quiz is not repeated minutes later: a missed question or scenario comes back at the next
#: study day's start (a one-day step, new or lapsed), then FSRS takes over.
QUESTION_STEPS = (Steps((1440.0,)), Steps((1440.0,)))


def exam_retention(base: float, at: datetime, exam_start: datetime | None) -> float:
    """Desired retention at `at`: `base`, rising linearly to 0.95 over the 14 days before the exam.

    r = base + (0.95 - base) * clamp((14 - days_left) / 14, 0, 1), rounded to 3 places;
    `base` unchanged when there is no exam, it is over, or base is already 0.95 or more.
    """
    if exam_start is None or at >= exam_start or base >= EXAM_RETENTION:
        return base
    days_left = (exam_start - at).total_seconds() / 86400
    share = min(1.0, max(0.0, (RAMP_DAYS - days_left) / RAMP_DAYS))
    return round(base + (EXAM_RETENTION - base) * share, 3)


class StudyScheduler:
    """Computes the next state of an item from its current state and a rating, as Anki would.

    FSRS-6 (fsrs-rs, Anki's engine) gets the time since the last review in study days, so
    a review at 23:00 and another at 07:00 the next morning are a day apart, and two on one
    study day take FSRS's same-day path. Anki's rules (`srs/anki.py`) then turn FSRS's
    intervals into steps and due dates: an item due in a day or more is due from the start
    of that study day (04:00 local), while minute-long steps stay exact.

    With `exam_start` (the UTC instant the exam's study day begins), no due date lands
    after the eve of the exam for a review made before the eve, and desired retention
    ramps up as the exam nears (see `exam_retention`). Both depend only on the review
    time, so replaying a log with the same settings reproduces the same states.
    """

    def __init__(
        self,
        desired_retention: float = 0.9,
        parameters: Iterable[float] | None = None,
        exam_start: datetime | None = None,
        local_tz: tzinfo = UTC,
        fuzz: bool = True,
    ):
        weights = tuple(parameters) if parameters is not None else DEFAULT_PARAMETERS
        if len(weights) != PARAMETER_COUNT:
            raise ValueError(f"FSRS needs {PARAMETER_COUNT} parameters, got {len(weights)}")
        self.parameters: tuple[float, ...] = tuple(float(w) for w in weights)
        self.exam_start = exam_start.astimezone(UTC) if exam_start is not None else None
        self.local_tz = local_tz
        self.fuzz = fuzz
        self._base_retention = desired_retention
        self._fsrs = fsrs_rs_python.FSRS(list(self.parameters))
        # Anki allows FSRS's short-term (same-day) intervals only when w17 and w18 are set.
        short_term = self.parameters[17] > 0 and self.parameters[18] > 0
        self._configs = {
            "card": Config(*CARD_STEPS, allow_short_term=short_term),
            "question": Config(*QUESTION_STEPS, allow_short_term=short_term),
        }
        self._decay = -self.parameters[20]
        self._day_of: tuple[datetime | None, date] = (None, date.min)
        self._factor = 0.9 ** (1 / self._decay) - 1

    @property
    def desired_retention(self) -> float:
        return self._base_retention

    def retention_at(self, at: datetime) -> float:
        """The desired retention a review at `at` schedules for (raised near an exam)."""
        return exam_retention(self._base_retention, at.astimezone(UTC), self.exam_start)

    def next_state(
        self,
        prior: ItemState | None,
        item_id: str,
        kind: str,
        rating: Rating,
        at: datetime,
        fuzz_key: str | None = None,
    ) -> ItemState:
        """The state after reviewing `item_id` at `at` with `rating` (`prior` None: first time).

        `fuzz_key` replays a review recorded under an id the item has been renamed from: its
        fuzz was drawn for that id (`ReviewRecord.fuzz_key`)."""
        at = at.astimezone(UTC)
        key = fuzz_key or item_id
        today, results, memories = self._answer(prior, key, kind, at, int(rating))
        index = int(rating) - 1
        return self._state(prior, item_id, kind, at, today, results[index], memories[index])

    def preview(
        self, prior: ItemState | None, item_id: str, kind: str, at: datetime
    ) -> dict[Rating, ItemState]:
        """What each rating would give now: the exact states a review at `at` would commit."""
        at = at.astimezone(UTC)
        today, results, memories = self._answer(prior, item_id, kind, at, 4)
        return {
            Rating(result.rating): self._state(prior, item_id, kind, at, today, result, memory)
            for result, memory in zip(results, memories, strict=True)
        }

    def _answer(
        self, prior: ItemState | None, fuzz_key: str, kind: str, at: datetime, upto: int
    ) -> tuple[date, tuple[Next, ...], tuple[fsrs_rs_python.MemoryState, ...]]:
        """FSRS's outcomes for an answer at `at` through Anki's rules (up to rating `upto`),
        fuzzed as the item of id `fuzz_key` is."""
        today = study_day(at, self.local_tz)
        memory = None
        elapsed = 0
        if prior is not None and prior.stability is not None and prior.difficulty is not None:
            memory = fsrs_rs_python.MemoryState(prior.stability, prior.difficulty)
            if prior.last_review is not None:
                elapsed = max(0, (today - study_day(prior.last_review, self.local_tz)).days)
        outcomes = self._fsrs.next_states(memory, self.retention_at(at), elapsed)
        by_rating = (outcomes.again, outcomes.hard, outcomes.good, outcomes.easy)
        tomorrow = day_start(today + timedelta(days=1), self.local_tz)
        results = next_results(
            _prior_of(prior),
            by_rating,
            self._configs["card" if kind == "card" else "question"],
            _fuzz_fraction(fuzz_key, prior) if self.fuzz else None,
            math.floor((tomorrow - at).total_seconds()),
            upto,
        )
        return today, results, tuple(outcome.memory for outcome in by_rating)

    def _state(
        self,
        prior: ItemState | None,
        item_id: str,
        kind: str,
        at: datetime,
        today: date,
        result: Next,
        memory: fsrs_rs_python.MemoryState,
    ) -> ItemState:
        scheduled_days = result.scheduled_days
        if result.due_days is None:
            due = at + timedelta(seconds=result.due_secs or 0)
        else:
            due_day = today + timedelta(days=result.due_days)
            due_day = self._cap_to_exam(due_day, today)
            if result.phase == Phase.REVIEW:
                scheduled_days = min(scheduled_days, (due_day - today).days)
            due = day_start(due_day, self.local_tz)
        stability, difficulty = stored_memory(memory.stability, memory.difficulty)
        return ItemState(
            item_id=item_id,
            kind=kind,
            state=int(result.phase),
            step=None if result.phase == Phase.REVIEW else result.remaining_steps,
            stability=stability,
            difficulty=difficulty,
            due=due,
            last_review=at,
            first_review=prior.first_review if prior else at,
            reps=(prior.reps if prior else 0) + 1,
            lapses=result.lapses,
            scheduled_days=scheduled_days,
        )

    def _cap_to_exam(self, due_day: date, today: date) -> date:
        """Bring a due day after the exam's eve back to the eve (reviews before the eve only)."""
        if self.exam_start is None:
            return due_day
        eve = study_day(self.exam_start, self.local_tz) - timedelta(days=1)
        return eve if today < eve < due_day else due_day

    def interval_labels(
        self, prior: ItemState | None, item_id: str, kind: str, at: datetime
    ) -> dict[Rating, str]:
        """What each rating button says (1m, 10m, 3d, 2.1mo): the interval `preview` commits."""
        return {
            rating: self.interval_text(state, at)
            for rating, state in self.preview(prior, item_id, kind, at).items()
        }

    def interval_text(self, state: ItemState, at: datetime) -> str:
        """How long until `state` is due: in study days when it is due from a day's start."""
        day = study_day(state.due, self.local_tz)
        if state.due == day_start(day, self.local_tz):
            days = (day - study_day(at, self.local_tz)).days
            return interval_label(timedelta(days=max(1, days)))
        return interval_label(state.due - at)

    def retrievability(self, state: ItemState | None, at: datetime) -> float:
        """FSRS-6's chance that the item is recalled at `at` (0 for an unseen item).

        Time since the last review counts in study days, as scheduling does, so an item is
        at 1.0 for the rest of the study day it was reviewed on.
        """
        if state is None or state.last_review is None:
            return 0.0
        return self.recall(state.stability, state.last_review, at)

    def recall(self, stability: float | None, since: datetime, at: datetime) -> float:
        """FSRS-6's forgetting curve: recall at `at` of a memory this stable since `since`."""
        if stability is None:
            return 0.0
        if self._day_of[0] != at:  # readiness asks about one instant for thousands of items
            self._day_of = (at, study_day(at, self.local_tz))
        elapsed = max(0, (self._day_of[1] - study_day(since, self.local_tz)).days)
        return float((1 + self._factor * elapsed / stability) ** self._decay)

    def replay(self, reviews: Iterable[ReviewRecord]) -> ItemState | None:
        """Fold one item's reviews, in log order, into its state."""
        state: ItemState | None = None
        for review in reviews:
            state = self.next_state(
                state,
                review.item_id,
                review.kind,
                Rating(review.rating),
                review.reviewed_at,
                review.recorded_as,
            )
        return state

    def replay_log(self, reviews: Iterable[ReviewRecord]) -> dict[str, ItemState]:
        """Rebuild every item's state from the whole log (in the order it was written)."""
        states: dict[str, ItemState] = {}
        for review in reviews:
            states[review.item_id] = self.next_state(
                states.get(review.item_id),
                review.item_id,
                review.kind,
                Rating(review.rating),
                review.reviewed_at,
                review.recorded_as,
            )
        return states


def _prior_of(state: ItemState | None) -> Prior:
    """What Anki's rules need of a stored state."""
    if state is None:
        return Prior(None)
    return Prior(Phase(state.state), state.step or 0, state.scheduled_days, state.lapses)


def interval_label(delta: timedelta) -> str:
    """A short human interval like Anki shows on its buttons: 1m, 10m, 3h, 4d, 2.1mo, 1.5y."""
    seconds = max(0, delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 84600:  # under 23.5 hours
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


__all__ = [
    "PARAMETER_COUNT",
    "Rating",
    "StudyScheduler",
    "exam_retention",
    "interval_label",
    "rating_for_answer",
]
