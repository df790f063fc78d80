"""Fitting FSRS parameters to the learner's own review log, with fsrs-rs-python.

fsrs-rs-python is imported only inside these functions, so `--help` and the TUI never load it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from studyapp.clock import study_day
from studyapp.memory import ReviewRecord
from studyapp.text import plural

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

#: Below these, a fit is mostly noise: refuse and say how far off the log is.
MIN_REVIEWS = 400
MIN_ITEMS = 50  # items with two or more reviews
#: Share of the items (not reviews) held out to judge the fit.
HELD_OUT_SHARE = 0.2

#: (rating, study days since the item's previous review; 0 for the first review)
ReviewStep = tuple[int, int]
Fit = Callable[[list["FSRSItem"]], list[float]]


@dataclass(frozen=True)
class Fitness:
    """How well parameters predict held-out reviews (lower is better for both)."""

    log_loss: float
    rmse: float


@dataclass(frozen=True)
class OptimizeResult:
    """The outcome of one `studyapp optimize` run."""

    parameters: tuple[float, ...]
    before: Fitness
    after: Fitness
    train_items: int
    held_out_items: int

    @property
    def better(self) -> bool:
        """Keep the new parameters only when they predict held-out reviews with lower log loss."""
        return self.after.log_loss < self.before.log_loss


def review_steps(reviews: Iterable[ReviewRecord], local_tz: tzinfo) -> dict[str, list[ReviewStep]]:
    """Per item, in log order, each rating with the study days (04:00 rollover) since the last."""
    steps: dict[str, list[ReviewStep]] = {}
    last_day: dict[str, date] = {}
    for review in reviews:
        day = study_day(review.reviewed_at, local_tz)
        previous = last_day.get(review.item_id)
        delta = 0 if previous is None else max(0, (day - previous).days)
        steps.setdefault(review.item_id, []).append((review.rating, delta))
        last_day[review.item_id] = day
    return steps


def shortfall(steps: dict[str, list[ReviewStep]]) -> str | None:
    """Why the log is too small to fit (None when it is big enough)."""
    reviews = sum(len(s) for s in steps.values())
    repeated = sum(1 for s in steps.values() if len(s) >= 2)
    if reviews >= MIN_REVIEWS and repeated >= MIN_ITEMS:
        return None
    return (
        f"Not enough reviews to fit your own parameters yet: {plural(reviews, 'review')} and "
        f"{plural(repeated, 'item')} reviewed twice or more; optimize needs {MIN_REVIEWS} "
        f"reviews and {MIN_ITEMS} such items. Keep studying with the defaults."
    )


def split_items(item_ids: Iterable[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Items shuffled by `rng` into (train, held out); an item's reviews stay on one side."""
    ordered = sorted(item_ids)
    rng.shuffle(ordered)
    held = max(1, round(len(ordered) * HELD_OUT_SHARE))
    return ordered[held:], ordered[:held]


def fsrs_items(steps: Sequence[Sequence[ReviewStep]]) -> list[FSRSItem]:
    """fsrs-rs training items: every prefix of two or more reviews predicts its last review."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    items: list[FSRSItem] = []
    for history in steps:
        reviews = [FSRSReview(rating, delta) for rating, delta in history]
        items.extend(FSRSItem(reviews[:end]) for end in range(2, len(reviews) + 1))
    return [item for item in items if item.long_term_review_cnt() > 0]


def fit_parameters(items: list[FSRSItem]) -> list[float]:
    """fsrs-rs-python's optimizer, from the default parameters, with a fixed seed."""
    from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS

    return list(FSRS(DEFAULT_PARAMETERS).compute_parameters(items))


def fitness(parameters: Sequence[float], items: list[FSRSItem]) -> Fitness:
    from fsrs_rs_python import FSRS

    evaluation = FSRS(list(parameters)).evaluate(items)
    return Fitness(log_loss=float(evaluation.log_loss), rmse=float(evaluation.rmse_bins))


def optimize(
    steps: dict[str, list[ReviewStep]],
    current: Sequence[float],
    rng: random.Random,
    fit: Fit = fit_parameters,
) -> OptimizeResult:
    """Fit on the train items, and score current and new parameters on the held-out ones."""
    train_ids, held_ids = split_items(steps, rng)
    train = fsrs_items([steps[i] for i in train_ids])
    held = fsrs_items([steps[i] for i in held_ids])
    parameters = tuple(float(w) for w in fit(train))
    return OptimizeResult(
        parameters=parameters,
        before=fitness(current, held),
        after=fitness(parameters, held),
        train_items=len(train_ids),
        held_out_items=len(held_ids),
    )


__all__ = [
    "MIN_ITEMS",
    "MIN_REVIEWS",
    "Fitness",
    "OptimizeResult",
    "fit_parameters",
    "fitness",
    "fsrs_items",
    "optimize",
    "review_steps",
    "shortfall",
    "split_items",
]
