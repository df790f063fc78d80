"""Anki's answer rules for an FSRS deck: learning steps, review intervals and fuzz.

FSRS (fsrs-rs, Anki's own engine) gives the memory state and a raw interval for each
rating; Anki then decides what the card does: another learning step, a day-long interval,
or a review interval kept strictly above the rating below it. This module follows
`rslib/src/scheduler/states/` of Anki (learning.rs, relearning.rs, review.rs, steps.rs,
fuzz.rs, interval_kind.rs) in pure Python, with no clock and no store, so the golden
histories in `tests/golden/` can check it interval by interval.

Anki computes in 32-bit floats; `_f32` rounds each step the same way so an interval on a
rounding edge lands where Anki's would, and `_round` is Rust's `f32::round` (half away
from zero), not Python's half-to-even `round`.
"""

from __future__ import annotations

import functools
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple, Protocol

DAY_SECONDS = 86_400
#: Anki's default maximum interval (100 years).
MAXIMUM_INTERVAL_DAYS = 36_500
_F32 = struct.Struct("f")


class Phase(IntEnum):
    """Where an item is in its life, numbered as FSRS and the `item_state.state` column do."""

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class Outcome(Protocol):
    """One rating's result from fsrs-rs `next_states`: a raw interval in days and a memory."""

    @property
    def interval(self) -> float: ...


@dataclass(frozen=True)
class Steps:
    """Learning or relearning steps in minutes (Anki's `LearningSteps`)."""

    minutes: tuple[float, ...]

    def _secs(self, index: int) -> int | None:
        return int(_f32(self.minutes[index] * 60.0)) if 0 <= index < len(self.minutes) else None

    def _index(self, remaining: int) -> int:
        total = len(self.minutes)
        return max(0, min(total - (remaining % 1000), total - 1))

    def again_secs(self) -> int | None:
        return self._secs(0)

    def hard_secs(self, remaining: int) -> int | None:
        index = self._index(remaining)
        current = self._secs(index)
        if current is None:
            current = self._secs(0)
        if current is None or index != 0:
            return current
        following = self._secs(1)
        if following is not None:  # halfway between the Again and the Good step
            return _round_in_days((current + following) // 2)
        # 50% more than Again, but at most a day more, so Hard stays below Good
        return _round_in_days(min(current * 3 // 2, current + DAY_SECONDS))

    def good_secs(self, remaining: int) -> int | None:
        return self._secs(self._index(remaining) + 1)

    def remaining_for_good(self, remaining: int) -> int:
        return max(0, len(self.minutes) - (self._index(remaining) + 1))

    def remaining_for_failed(self) -> int:
        return len(self.minutes)


@dataclass(frozen=True)
class Config:
    """The deck options that matter here, as Anki names them."""

    learn_steps: Steps
    relearn_steps: Steps
    #: Short-term scheduling: Anki allows it when FSRS's w17 and w18 are both above 0.
    allow_short_term: bool
    maximum_interval: int = MAXIMUM_INTERVAL_DAYS


class Prior(NamedTuple):
    """What the rules need to know of an item before the answer."""

    phase: Phase | None  # None: never answered (Anki's New)
    remaining_steps: int = 0
    scheduled_days: int = 0
    lapses: int = 0


class Next(NamedTuple):
    """An answer's result: the phase, and when it is due (in seconds or in study days)."""

    phase: Phase
    rating: int
    remaining_steps: int
    scheduled_days: int
    lapses: int
    #: Due this many seconds after the answer (a step shorter than the rest of the day) ...
    due_secs: int | None
    #: ... or at the start of the study day this many days after the answer's.
    due_days: int | None


def next_results(
    prior: Prior,
    outcomes: Sequence[Outcome],
    config: Config,
    fuzz_factor: float | None,
    secs_until_rollover: int,
    upto: int = 4,
) -> tuple[Next, ...]:
    """The result of each rating (Again, Hard, Good, Easy), given fsrs-rs's four outcomes.

    `upto` (a rating) may stop the work there: each passing review interval depends on the
    one below it, so a replay that needs only Good skips Easy.
    """
    rules = _Rules(config, fuzz_factor, [float(o.interval) for o in outcomes])
    results: Sequence[_Result]
    if prior.phase is None:
        results = rules.learning(Prior(Phase.LEARNING, config.learn_steps.remaining_for_failed()))
    elif prior.phase == Phase.LEARNING:
        results = rules.learning(prior)
    elif prior.phase == Phase.RELEARNING:
        results = rules.relearning(prior)
    else:
        results = rules.review(prior, upto)
    return tuple(r.in_days_if_long(secs_until_rollover) for r in results)


class _Result(NamedTuple):
    phase: Phase
    rating: int
    remaining_steps: int
    scheduled_days: int
    lapses: int
    secs: int | None  # a learning or relearning delay in seconds; None: `scheduled_days`

    def in_days_if_long(self, secs_until_rollover: int) -> Next:
        """Anki's `maybe_as_days`: a delay that passes the next rollover becomes whole days."""
        if self.secs is None:
            return Next(*self[:5], due_secs=None, due_days=self.scheduled_days)
        if self.secs >= secs_until_rollover:
            days = (self.secs - secs_until_rollover) // DAY_SECONDS + 1
            return Next(*self[:5], due_secs=None, due_days=days)
        return Next(*self[:5], due_secs=self.secs, due_days=None)


class _Rules:
    """One answer's context: the deck options, the fuzz factor and FSRS's four raw intervals."""

    def __init__(self, config: Config, fuzz_factor: float | None, intervals: list[float]):
        self.config = config
        self.fuzz_factor = fuzz_factor
        self.again, self.hard, self.good, self.easy = intervals

    def fuzz(self, interval: float, minimum: int) -> int:
        """`with_review_fuzz` within [minimum, maximum] (`min_and_max_review_intervals`)."""
        maximum = max(1, self.config.maximum_interval)
        minimum = min(max(minimum, 1), maximum)
        if self.fuzz_factor is None:
            return min(max(_as_u32(_round(interval)), minimum), maximum)
        lower, upper = constrained_fuzz_bounds(interval, minimum, maximum)
        return _as_u32(math.floor(_f32(lower + _f32(self.fuzz_factor * (1 + upper - lower)))))

    def _graduate(self, interval: float) -> int:
        return self.fuzz(_f32(max(_round(interval), 1.0)), 1)

    def _short_term(self, steps: Steps, interval: float) -> bool:
        return self.config.allow_short_term and not steps.minutes and interval < 0.5

    # -- learning.rs (a new item answers as a learning item with every step left) --

    def learning(self, prior: Prior) -> tuple[_Result, _Result, _Result, _Result]:
        steps = self.config.learn_steps
        remaining = prior.remaining_steps
        again_secs = steps.again_secs()
        again = (
            self._step(1, steps.remaining_for_failed(), again_secs, prior.lapses)
            if again_secs is not None
            else self._learn_fsrs(1, steps.remaining_for_failed(), self.again, steps, prior)
        )
        hard_secs = steps.hard_secs(remaining)
        hard = (
            self._step(2, remaining, hard_secs, prior.lapses)
            if hard_secs is not None
            else self._learn_fsrs(2, remaining, self.hard, steps, prior)
        )
        good_secs = steps.good_secs(remaining)
        good = (
            self._step(3, steps.remaining_for_good(remaining), good_secs, prior.lapses)
            if good_secs is not None
            else self._learn_fsrs(3, remaining, self.good, steps, prior)
        )
        return again, hard, good, self._easy(prior.lapses)

    def _step(self, rating: int, remaining: int, secs: int, lapses: int) -> _Result:
        return _Result(Phase.LEARNING, rating, remaining, 0, lapses, secs)

    def _learn_fsrs(
        self, rating: int, remaining: int, interval: float, steps: Steps, prior: Prior
    ) -> _Result:
        if self._short_term(steps, interval):
            return _Result(Phase.LEARNING, rating, remaining, 0, prior.lapses, _secs_of(interval))
        return _Result(Phase.REVIEW, rating, 0, self._graduate(interval), prior.lapses, None)

    def _easy(self, lapses: int) -> _Result:
        """Easy out of (re)learning: a review interval at least a day past Good's."""
        good = self.fuzz(self.good, 1)
        days = self.fuzz(_f32(max(_round(self.easy), 1.0)), good + 1)
        return _Result(Phase.REVIEW, 4, 0, days, lapses, None)

    # -- relearning.rs --

    def relearning(self, prior: Prior) -> tuple[_Result, _Result, _Result, _Result]:
        steps = self.config.relearn_steps
        remaining, lapses = prior.remaining_steps, prior.lapses
        again_secs = steps.again_secs()
        if again_secs is not None:
            again = _Result(
                Phase.RELEARNING,
                1,
                steps.remaining_for_failed(),
                _as_u32(max(_round(self.again), 1.0)),
                lapses,
                again_secs,
            )
        else:
            again = self._relearn_fsrs(1, steps.remaining_for_failed(), self.again, prior)
        hard_secs = steps.hard_secs(remaining)
        hard = (
            _Result(Phase.RELEARNING, 2, remaining, prior.scheduled_days, lapses, hard_secs)
            if hard_secs is not None
            else self._relearn_fsrs(2, remaining, self.hard, prior)
        )
        good_secs = steps.good_secs(remaining)
        good = (
            _Result(
                Phase.RELEARNING,
                3,
                steps.remaining_for_good(remaining),
                prior.scheduled_days,
                lapses,
                good_secs,
            )
            if good_secs is not None
            else self._relearn_fsrs(3, steps.remaining_for_good(remaining), self.good, prior)
        )
        return again, hard, good, self._easy(lapses)

    def _relearn_fsrs(self, rating: int, remaining: int, interval: float, prior: Prior) -> _Result:
        days = self._graduate(interval)
        if self._short_term(self.config.relearn_steps, interval):
            return _Result(
                Phase.RELEARNING, rating, remaining, days, prior.lapses, _secs_of(interval)
            )
        return _Result(Phase.REVIEW, rating, 0, days, prior.lapses, None)

    # -- review.rs --

    def review(self, prior: Prior, upto: int = 4) -> list[_Result]:
        maximum = self.config.maximum_interval
        last = prior.scheduled_days
        results = [self._lapse(prior)]
        minimum = 1
        for rating, interval in ((2, self.hard), (3, self.good), (4, self.easy))[: upto - 1]:
            days = self.fuzz(
                interval, max(minimum_review_fuzz_interval(interval, last, maximum), minimum)
            )
            results.append(_Result(Phase.REVIEW, rating, 0, days, prior.lapses, None))
            minimum = days + 1  # Hard < Good < Easy
        return results

    def _lapse(self, prior: Prior) -> _Result:
        """Again on a review item: a lapse, then relearning steps (or FSRS's own interval)."""
        steps = self.config.relearn_steps
        lapses = prior.lapses + 1
        days = _as_u32(max(_round(self.again), 1.0))
        again_secs = steps.again_secs()
        if again_secs is not None:
            return _Result(
                Phase.RELEARNING, 1, steps.remaining_for_failed(), days, lapses, again_secs
            )
        if self._short_term(steps, self.again):
            secs = _secs_of(self.again)
            return _Result(Phase.RELEARNING, 1, steps.remaining_for_failed(), days, lapses, secs)
        return _Result(Phase.REVIEW, 1, 0, days, lapses, None)


def minimum_review_fuzz_interval(interval: float, previous: int, maximum: int) -> int:
    """The least a passing review interval may be: past the last one when it has grown."""
    if _as_u32(_round(interval)) > previous:
        return previous + 1
    _, upper = constrained_fuzz_bounds(interval, 1, maximum)
    if previous <= upper:  # grown little: fuzz must not shrink it
        return previous
    return 0  # shrunk (new parameters or retention)


def constrained_fuzz_bounds(interval: float, minimum: int, maximum: int) -> tuple[int, int]:
    """The fuzz range of `interval` within [minimum, maximum], at least two days wide."""
    minimum = min(minimum, maximum)
    interval = min(max(interval, float(minimum)), float(maximum))
    delta = _fuzz_delta(interval)
    lower = min(max(_as_u32(_round_f32(interval - delta)), minimum), maximum)
    upper = min(max(_as_u32(_round_f32(interval + delta)), minimum), maximum)
    if upper == lower and 2 < upper < maximum:
        upper = lower + 1
    return lower, upper


@functools.lru_cache(maxsize=1024)  # each rating's interval is bounded twice per answer
def _fuzz_delta(interval: float) -> float:
    """Days of fuzz either way: none under 2.5 days, then 1 day plus a share of each band."""
    if interval < 2.5:
        return 0.0
    delta = 1.0
    for start, end, factor in _FUZZ_BANDS:
        delta = _f32(delta + _f32(factor * max(_f32(min(interval, end) - start), 0.0)))
    return delta


def _f32_const(value: float) -> float:
    return float(_F32.unpack(_F32.pack(value))[0])


_FUZZ_BANDS = (
    (2.5, 7.0, _f32_const(0.15)),
    (7.0, 20.0, _f32_const(0.1)),
    (20.0, math.inf, _f32_const(0.05)),
)


def _f32(value: float) -> float:
    """`value` rounded to a 32-bit float, as Anki's arithmetic would hold it."""
    if math.isinf(value):
        return value
    return float(_F32.unpack(_F32.pack(value))[0])


def _round(value: float) -> float:
    """Rust's `f32::round`: halves go away from zero."""
    return float(math.floor(value + 0.5)) if value >= 0 else -float(math.floor(-value + 0.5))


def _round_f32(exact: float) -> float:
    """`_round(_f32(exact))`, skipping the f32 step where it cannot change the result.

    Below 65,536 days an f32 is within 0.002 of the exact sum, so only a value within 0.01
    of a half can round differently; the replay of a long log is a third faster for it.
    """
    if abs(exact - math.floor(exact) - 0.5) > 0.01:
        return float(math.floor(exact + 0.5)) if exact >= 0 else _round(exact)
    return _round(_f32(exact))


def _as_u32(value: float) -> int:
    """Rust's `as u32`: truncated towards zero, negatives to 0."""
    return max(0, int(value))


def _secs_of(interval_days: float) -> int:
    return _as_u32(_f32(interval_days * float(DAY_SECONDS)))


def stored_memory(stability: float, difficulty: float) -> tuple[float, float]:
    """The memory state as Anki saves it with a card: stability to 4, difficulty to 3
    decimals (storage/card/data.rs), so the next answer starts from the same numbers."""
    return _round_to_places(stability, 4), _round_to_places(difficulty, 3)


def _round_to_places(value: float, places: int) -> float:
    factor = _f32(10.0**places)
    return _f32(_round(_f32(value * factor)) / factor)


def _round_in_days(secs: int) -> int:
    """`maybe_round_in_days`: a delay over a day becomes whole days."""
    if secs > DAY_SECONDS:
        return _as_u32(_round(_f32(_f32(float(secs)) / DAY_SECONDS))) * DAY_SECONDS
    return secs
