"""Planning towards an exam date: checking the date and projecting the days up to it.

The projection runs fsrs-rs-python's simulator, imported only when a plan is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

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
    on_exam = max(EXAM_RETENTION, desired_retention)
    memorised = len(learned) * on_exam
    learned_reviews = sum(
        1 / max(1, min(days_left, (s.due - (s.last_review or s.first_review)).days))
        for s in learned
    )
    new = reviews = cost = 0.0
    if unseen:
        from fsrs_rs_python import default_simulator_config, simulate

        config = default_simulator_config()
        config.deck_size = unseen
        config.learn_span = days_left
        config.learn_limit = new_per_day
        if minutes_per_day is not None:
            config.max_cost_perday = minutes_per_day * 60.0
        result = simulate(list(parameters), desired_retention, config, SIMULATION_SEED)
        memorised += float(result.memorized_cnt_per_day[-1])
        new = sum(result.learn_cnt_per_day) / days_left
        reviews = sum(result.review_cnt_per_day) / days_left
        cost = sum(result.cost_per_day) / days_left
    seconds_per_review = 15.0
    return PlanProjection(
        days_left=days_left,
        deck_size=deck_size,
        learned=len(learned),
        new_per_day=new,
        reviews_per_day=reviews + learned_reviews,
        minutes_per_day=(cost + learned_reviews * seconds_per_review) / 60,
        memorised_on_exam_day=min(float(deck_size), memorised),
    )


__all__ = ["PlanProjection", "parse_exam_date", "project"]
