"""Planning towards an exam date: checking the date and projecting the days up to it.

The projection runs fsrs-rs-python's simulator, imported only when a plan is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from studyapp.errors import UsageError
from studyapp.memory import ItemState
from studyapp.srs.scheduler import EXAM_RETENTION

SIMULATION_SEED = 42


def parse_exam_date(text: str, today: date) -> date:
    """The exam date from YYYY-MM-DD, refusing a malformed date, today and the past."""
    try:
        exam = date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"exam date must be YYYY-MM-DD, got {text!r}") from exc
    if exam <= today:
        raise UsageError(f"exam date {exam} is not in the future (today is {today})")
    return exam


@dataclass(frozen=True)
class PlanProjection:
    """What the days up to the exam look like, as estimated."""

    days_left: int
    deck_size: int
    learned: int
    new_per_day: float
    reviews_per_day: float
    minutes_per_day: float
    memorised_on_exam_day: float

    @property
    def readiness(self) -> float:
        """Expected share of the deck recalled on exam day."""
        return self.memorised_on_exam_day / self.deck_size if self.deck_size else 0.0


def project(
    parameters: Sequence[float],
    desired_retention: float,
    deck_size: int,
    learned_states: Iterable[ItemState],
    days_left: int,
    new_per_day: int,
    minutes_per_day: int | None,
) -> PlanProjection:
    """Simulate the unseen items with fsrs-rs-python; estimate the learned ones.

    Learned items: the exam cap brings each back on the eve, so each counts as recalled
    with the ramp's 0.95 (or the desired retention if higher), and costs one review per
    current interval (capped at the days left).
    """
    learned = list(learned_states)
    unseen = max(0, deck_size - len(learned))
    memorised = len(learned) * max(EXAM_RETENTION, desired_retention)
    learned_reviews = _learned_reviews_per_day(learned, days_left)
    simulated = _simulate_unseen(
        parameters, desired_retention, unseen, days_left, new_per_day, minutes_per_day
    )
    seconds_per_review = 15.0
    return PlanProjection(
        days_left=days_left,
        deck_size=deck_size,
        learned=len(learned),
        new_per_day=simulated.new_per_day,
        reviews_per_day=simulated.reviews_per_day + learned_reviews,
        minutes_per_day=(simulated.seconds_per_day + learned_reviews * seconds_per_review) / 60,
        memorised_on_exam_day=min(float(deck_size), memorised + simulated.memorised),
    )


def _learned_reviews_per_day(learned: Sequence[ItemState], days_left: int) -> float:
    """One review per learned item's current interval, capped at the days left."""
    return sum(
        1 / max(1, min(days_left, (s.due - (s.last_review or s.first_review)).days))
        for s in learned
    )


class _Simulated(NamedTuple):
    """What fsrs-rs-python's simulation of the unseen items gives, per day and on exam day."""

    memorised: float = 0.0
    new_per_day: float = 0.0
    reviews_per_day: float = 0.0
    seconds_per_day: float = 0.0


def _simulate_unseen(
    parameters: Sequence[float],
    desired_retention: float,
    unseen: int,
    days_left: int,
    new_per_day: int,
    minutes_per_day: int | None,
) -> _Simulated:
    """Simulate learning the `unseen` items until the exam (nothing to simulate: zeros)."""
    if not unseen:
        return _Simulated()
    from fsrs_rs_python import default_simulator_config, simulate

    config = default_simulator_config()
    config.deck_size = unseen
    config.learn_span = days_left
    config.learn_limit = new_per_day
    if minutes_per_day is not None:
        config.max_cost_perday = minutes_per_day * 60.0
    result = simulate(list(parameters), desired_retention, config, SIMULATION_SEED)
    return _Simulated(
        memorised=float(result.memorized_cnt_per_day[-1]),
        new_per_day=sum(result.learn_cnt_per_day) / days_left,
        reviews_per_day=sum(result.review_cnt_per_day) / days_left,
        seconds_per_day=sum(result.cost_per_day) / days_left,
    )


__all__ = ["PlanProjection", "parse_exam_date", "project"]
