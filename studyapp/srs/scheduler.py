"""FSRS scheduling of every item kind, with fuzz that replaying the log reproduces exactly."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from enum import IntEnum

import fsrs
from fsrs.scheduler import FUZZ_RANGES

from studyapp.store.records import ItemState, ReviewRecord


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
    one committed even though the answer comes a few seconds after the preview.
    """
    reps = prior.reps if prior else 0
    digest = hashlib.sha256(f"{item_id}|{reps}".encode()).digest()
    return random.Random(digest).random()


def _fuzzed_days(interval_days: int, fraction: float, maximum: int) -> int:
    """py-fsrs's fuzz range (FUZZ_RANGES), drawn with our seeded fraction instead of global random."""
    delta = 1.0
    for band in FUZZ_RANGES:
        delta += band["factor"] * max(min(float(interval_days), band["end"]) - band["start"], 0.0)
    low = max(2, round(interval_days - delta))
    high = min(round(interval_days + delta), maximum)
    low = min(low, high)
    return min(round(fraction * (high - low + 1) + low), maximum)


#: FSRS-6, as py-fsrs 6 and fsrs-rs-python use it, has 21 parameters.
PARAMETER_COUNT = len(fsrs.scheduler.DEFAULT_PARAMETERS)
#: Towards an exam, desired retention rises to this over the last RAMP_DAYS days.
EXAM_RETENTION = 0.95
RAMP_DAYS = 14


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


def _fsrs_schedulers(
    weights: tuple[float, ...], desired_retention: float
) -> tuple[fsrs.Scheduler, fsrs.Scheduler]:
    """The card scheduler and the quiz scheduler for one desired retention."""
    # Cards follow Anki's learning steps (1m, 10m) within a session. A quiz is not
    # repeated minutes later, so questions and scenarios skip the steps: a right answer
    # goes out by days, a wrong one comes back the next day.
    cards = fsrs.Scheduler(
        parameters=weights, desired_retention=desired_retention, enable_fuzzing=False
    )
    quiz = fsrs.Scheduler(
        parameters=weights,
        desired_retention=desired_retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )
    return cards, quiz


class StudyScheduler:
    """Computes the next state of an item from its current state and a rating.

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
    ):
        weights = tuple(parameters) if parameters is not None else fsrs.scheduler.DEFAULT_PARAMETERS
        if len(weights) != PARAMETER_COUNT:
            raise ValueError(f"FSRS needs {PARAMETER_COUNT} parameters, got {len(weights)}")
        self.parameters: tuple[float, ...] = tuple(float(w) for w in weights)
        self.exam_start = exam_start.astimezone(UTC) if exam_start is not None else None
        self._base_retention = desired_retention
        self._by_retention: dict[float, tuple[fsrs.Scheduler, fsrs.Scheduler]] = {}
        self._fsrs, self._fsrs_quiz = self._schedulers(desired_retention)

    def _schedulers(self, desired_retention: float) -> tuple[fsrs.Scheduler, fsrs.Scheduler]:
        if desired_retention not in self._by_retention:
            self._by_retention[desired_retention] = _fsrs_schedulers(
                self.parameters, desired_retention
            )
        return self._by_retention[desired_retention]

    @property
    def desired_retention(self) -> float:
        return self._fsrs.desired_retention

    def retention_at(self, at: datetime) -> float:
        """The desired retention a review at `at` schedules for (raised near an exam)."""
        return exam_retention(self._base_retention, at.astimezone(UTC), self.exam_start)

    def _cap_to_exam(self, due: datetime, at: datetime) -> datetime:
        """Bring a due date after the exam's eve back to the eve (reviews before the eve only)."""
        if self.exam_start is None:
            return due
        eve = self.exam_start - timedelta(days=1)
        return eve if at < eve < due else due

    def next_state(
        self, prior: ItemState | None, item_id: str, kind: str, rating: Rating, at: datetime
    ) -> ItemState:
        """The state after reviewing `item_id` at `at` with `rating` (`prior` None: first time)."""
        at = at.astimezone(UTC)
        card = _to_fsrs(prior)
        cards, quiz = self._schedulers(self.retention_at(at))
        scheduler = cards if kind == "card" else quiz
        reviewed, _log = scheduler.review_card(card, fsrs.Rating(int(rating)), review_datetime=at)
        due = reviewed.due
        if reviewed.state == fsrs.State.Review:
            days = (due - at).days
            if days >= 3:  # py-fsrs fuzzes intervals of 2.5 days and more
                fuzzed = _fuzzed_days(
                    days, _fuzz_fraction(item_id, prior), self._fsrs.maximum_interval
                )
                due = at + timedelta(days=fuzzed)
        due = self._cap_to_exam(due, at)
        lapsed = prior is not None and prior.state == fsrs.State.Review and rating == Rating.AGAIN
        return ItemState(
            item_id=item_id,
            kind=kind,
            state=int(reviewed.state),
            step=reviewed.step,
            stability=reviewed.stability,
            difficulty=reviewed.difficulty,
            due=due,
            last_review=at,
            first_review=prior.first_review if prior else at,
            reps=(prior.reps if prior else 0) + 1,
            lapses=(prior.lapses if prior else 0) + int(lapsed),
        )

    def preview(
        self, prior: ItemState | None, item_id: str, kind: str, at: datetime
    ) -> dict[Rating, ItemState]:
        """What each rating would give now: the exact states a review at `at` would commit."""
        return {rating: self.next_state(prior, item_id, kind, rating, at) for rating in Rating}

    def retrievability(self, state: ItemState | None, at: datetime) -> float:
        """The chance, per FSRS, that the item is recalled at `at` (0 for an unseen item)."""
        if state is None:
            return 0.0
        return float(self._fsrs.get_card_retrievability(_to_fsrs(state), at))

    def replay(self, reviews: Iterable[ReviewRecord]) -> ItemState | None:
        """Fold one item's reviews, in log order, into its state."""
        state: ItemState | None = None
        for review in reviews:
            state = self.next_state(
                state, review.item_id, review.kind, Rating(review.rating), review.reviewed_at
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
            )
        return states


def _to_fsrs(state: ItemState | None) -> fsrs.Card:
    if state is None:
        return fsrs.Card(card_id=0, due=datetime(1970, 1, 1, tzinfo=UTC))
    return fsrs.Card(
        card_id=0,
        state=fsrs.State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


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
