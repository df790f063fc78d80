"""Python port of Anki's FSRS-mode card state machine (rslib/src/scheduler at c32cb29), a test reference."""

# Ported from ankitects/anki at commit c32cb2913d6f4d21e06876265634c55d9d55ee69:
#
# - rslib/src/scheduler/states/steps.rs (LearningSteps, maybe_round_in_days)
# - rslib/src/scheduler/states/fuzz.rs (with_review_fuzz, minimum_review_fuzz_interval,
#   constrained_fuzz_bounds, fuzz_bounds, fuzz_delta)
# - rslib/src/scheduler/states/interval_kind.rs (IntervalKind::maybe_as_days)
# - rslib/src/scheduler/states/mod.rs (StateContext::min_and_max_review_intervals)
# - rslib/src/scheduler/states/normal.rs (NormalState::next_states for New cards)
# - rslib/src/scheduler/states/learning.rs (LearnState::answer_*)
# - rslib/src/scheduler/states/relearning.rs (RelearnState::answer_*)
# - rslib/src/scheduler/states/review.rs (ReviewState::answer_*, passing_fsrs_review_intervals,
#   failing_review_interval, constrain_passing_interval)
# - rslib/src/scheduler/answering/mod.rs (card_state_updater: FSRS next states, short-term flag)
# - rslib/src/scheduler/answering/current.rs (normal_study_state)
# - rslib/src/scheduler/answering/{learning,review,relearning}.rs (apply_*_state)
#
# The logic is transliterated (no Anki code is copied, Anki being AGPL).  Only FSRS mode is
# ported, with fuzz off, the load balancer off, `fsrs_short_term_with_steps` off and a maximum
# interval of 36500 days.  Anki computes in f32 and rounds with `f32::round` (half away from
# zero); `f32`, `rust_round` and `as_u32` reproduce that, since Python's `round` is half-to-even.

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum
from zoneinfo import ZoneInfo

import fsrs_rs_python

ANKI_COMMIT = "c32cb2913d6f4d21e06876265634c55d9d55ee69"
DAY = 86_400
U32_MAX = 2**32 - 1
MAXIMUM_REVIEW_INTERVAL = 36_500
ROLLOVER_HOUR = 4

# --- Rust numeric semantics ------------------------------------------------------------------


def f32(value: float) -> float:
    """Round a float to the nearest f32, as Rust stores every `f32` intermediate."""
    return float(struct.unpack("<f", struct.pack("<f", value))[0])


def rust_round(value: float) -> float:
    """Round half away from zero like Rust's `f32::round` (Python's `round` is half-to-even)."""
    if not math.isfinite(value):
        return value
    magnitude = abs(value)
    whole = math.floor(magnitude)
    # magnitude - whole is exact for doubles, so the tie test is exact too.
    if magnitude - whole >= 0.5:
        whole += 1
    return math.copysign(whole, value)


def as_u32(value: float) -> int:
    """Convert like Rust's `f32 as u32`: truncate, NaN and negatives to 0, saturate at u32::MAX."""
    if math.isnan(value) or value <= 0:
        return 0
    return min(math.trunc(value), U32_MAX)


def sat_add(a: int, b: int) -> int:
    """Add like Rust's `u32::saturating_add`."""
    return min(a + b, U32_MAX)


def sat_mul(a: int, b: int) -> int:
    """Multiply like Rust's `u32::saturating_mul`."""
    return min(a * b, U32_MAX)


def u32_clamp(value: int, minimum: int, maximum: int) -> int:
    """Clamp like Rust's `Ord::clamp`, which panics when minimum > maximum."""
    if minimum > maximum:
        raise ValueError(f"clamp with minimum {minimum} > maximum {maximum}")
    return max(minimum, min(value, maximum))


# --- steps.rs --------------------------------------------------------------------------------


def maybe_round_in_days(secs: int) -> int:
    """Follow steps.rs `maybe_round_in_days`: delays over a day become whole days (in seconds)."""
    if secs > DAY:
        return sat_mul(as_u32(rust_round(f32(f32(secs) / f32(DAY)))), DAY)
    return secs


@dataclass(frozen=True)
class LearningSteps:
    """Follow steps.rs `LearningSteps`: learning or relearning steps in minutes."""

    steps: tuple[float, ...]

    @staticmethod
    def to_secs(minutes: float) -> int:
        """Follow steps.rs `to_secs`: `(v * 60.0) as u32` in f32."""
        return as_u32(f32(f32(minutes) * 60.0))

    def get_index(self, remaining: int) -> int:
        """Follow steps.rs `get_index`; `% 1000` strips Anki's legacy 'learning today' count."""
        total = len(self.steps)
        return min(max(total - remaining % 1000, 0), max(total - 1, 0))

    def secs_at_index(self, index: int) -> int | None:
        """Follow steps.rs `secs_at_index`."""
        if 0 <= index < len(self.steps):
            return self.to_secs(self.steps[index])
        return None

    def again_delay_secs_learn(self) -> int | None:
        """Follow steps.rs `again_delay_secs_learn`: the first step."""
        return self.secs_at_index(0)

    def hard_delay_secs(self, remaining: int) -> int | None:
        """Follow steps.rs `hard_delay_secs`: the current step, special-cased on the first one."""
        index = self.get_index(remaining)
        current = self.secs_at_index(index)
        if current is None:
            # Anki falls back to the first step when the current one is invalid.
            current = self.to_secs(self.steps[0]) if self.steps else None
        if current is None:
            return None
        return self.hard_delay_secs_for_first_step(current) if index == 0 else current

    def hard_delay_secs_for_first_step(self, again_secs: int) -> int:
        """Follow steps.rs `hard_delay_secs_for_first_step`."""
        next_secs = self.secs_at_index(1)
        if next_secs is not None:
            # Average of the again and good delays.
            return maybe_round_in_days(sat_add(again_secs, next_secs) // 2)
        # 50% more than again, but at most one day more.
        secs = min(sat_mul(again_secs, 3) // 2, sat_add(again_secs, DAY))
        return maybe_round_in_days(secs)

    def good_delay_secs(self, remaining: int) -> int | None:
        """Follow steps.rs `good_delay_secs`: the next step, if any."""
        return self.secs_at_index(self.get_index(remaining) + 1)

    def current_delay_secs(self, remaining: int) -> int:
        """Follow steps.rs `current_delay_secs`."""
        secs = self.secs_at_index(self.get_index(remaining))
        return 0 if secs is None else secs

    def remaining_for_good(self, remaining: int) -> int:
        """Follow steps.rs `remaining_for_good`."""
        return max(len(self.steps) - (self.get_index(remaining) + 1), 0)

    def remaining_for_failed(self) -> int:
        """Follow steps.rs `remaining_for_failed`: all steps again."""
        return len(self.steps)

    def is_empty(self) -> bool:
        """Follow steps.rs `is_empty`."""
        return not self.steps


# --- fuzz.rs ---------------------------------------------------------------------------------

# (start, end, factor) of fuzz.rs `FUZZ_RANGES`, as f32 like the Rust statics.
F32_MAX = 3.4028234663852886e38
FUZZ_RANGES: tuple[tuple[float, float, float], ...] = (
    (2.5, 7.0, f32(0.15)),
    (7.0, 20.0, f32(0.1)),
    (20.0, F32_MAX, f32(0.05)),
)


def fuzz_delta(interval: float) -> float:
    """Follow fuzz.rs `fuzz_delta`: the fuzz amount in each direction, in f32."""
    interval = f32(interval)
    if interval < 2.5:
        return 0.0
    delta = 1.0
    for start, end, factor in FUZZ_RANGES:
        span = max(f32(min(interval, end) - start), 0.0)
        delta = f32(delta + f32(factor * span))
    return delta


def fuzz_bounds(interval: float) -> tuple[int, int]:
    """Follow fuzz.rs `fuzz_bounds`."""
    interval = f32(interval)
    delta = fuzz_delta(interval)
    return (
        as_u32(rust_round(f32(interval - delta))),
        as_u32(rust_round(f32(interval + delta))),
    )


def constrained_fuzz_bounds(interval: float, minimum: int, maximum: int) -> tuple[int, int]:
    """Follow fuzz.rs `constrained_fuzz_bounds`: fuzz bounds within [minimum, maximum]."""
    minimum = min(minimum, maximum)
    interval = min(max(f32(interval), float(minimum)), float(maximum))
    lower, upper = fuzz_bounds(interval)
    lower = u32_clamp(lower, minimum, maximum)
    upper = u32_clamp(upper, minimum, maximum)
    if upper == lower and upper > 2 and upper < maximum:
        upper = lower + 1
    return lower, upper


def with_review_fuzz(fuzz_factor: float | None, interval: float, minimum: int, maximum: int) -> int:
    """Follow fuzz.rs `with_review_fuzz`; the reference always passes fuzz_factor None."""
    interval = f32(interval)
    if fuzz_factor is not None:
        lower, upper = constrained_fuzz_bounds(interval, minimum, maximum)
        picked = f32(float(lower) + f32(f32(fuzz_factor) * float(1 + upper - lower)))
        return as_u32(math.floor(picked))
    return u32_clamp(as_u32(rust_round(interval)), minimum, maximum)


def minimum_review_fuzz_interval(interval: float, previous_interval: int, maximum: int) -> int:
    """Follow fuzz.rs `minimum_review_fuzz_interval`: keep passing intervals from shrinking."""
    interval = f32(interval)
    rounded = as_u32(rust_round(interval))
    _, upper = constrained_fuzz_bounds(interval, 1, maximum)
    if rounded > previous_interval:
        return previous_interval + 1
    if previous_interval <= upper:
        return previous_interval
    return 0


# --- interval_kind.rs ------------------------------------------------------------------------


@dataclass(frozen=True)
class InSecs:
    """Follow interval_kind.rs `IntervalKind::InSecs`."""

    secs: int


@dataclass(frozen=True)
class InDays:
    """Follow interval_kind.rs `IntervalKind::InDays`."""

    days: int


IntervalKind = InSecs | InDays


def maybe_as_days(kind: IntervalKind, secs_until_rollover: int) -> IntervalKind:
    """Follow interval_kind.rs `maybe_as_days`: a delay reaching the rollover becomes days."""
    if isinstance(kind, InSecs) and kind.secs >= secs_until_rollover:
        return InDays((kind.secs - secs_until_rollover) // DAY + 1)
    return kind


# --- states: mod.rs and the state structs ----------------------------------------------------


@dataclass(frozen=True)
class Memory:
    """An FSRS memory state (Anki's `FsrsMemoryState`), holding fsrs-rs f32 values."""

    stability: float
    difficulty: float


@dataclass(frozen=True)
class ItemOutcome:
    """One rating's result from fsrs-rs `next_states` (`fsrs::ItemState`)."""

    interval: float
    memory: Memory


@dataclass(frozen=True)
class NextStates:
    """The four outcomes of fsrs-rs `next_states` (`fsrs::NextStates`)."""

    again: ItemOutcome
    hard: ItemOutcome
    good: ItemOutcome
    easy: ItemOutcome

    @classmethod
    def from_fsrs(cls, states: fsrs_rs_python.NextStates) -> NextStates:
        """Convert fsrs-rs-python's result, keeping its f32 values exactly."""

        def outcome(item: fsrs_rs_python.ItemState) -> ItemOutcome:
            return ItemOutcome(item.interval, Memory(item.memory.stability, item.memory.difficulty))

        return cls(
            outcome(states.again), outcome(states.hard), outcome(states.good), outcome(states.easy)
        )


@dataclass(frozen=True)
class StateContext:
    """Follow mod.rs `StateContext`, restricted to the FSRS fields (fuzz and load balancer off)."""

    steps: LearningSteps
    relearn_steps: LearningSteps
    fsrs_next_states: NextStates
    fsrs_allow_short_term: bool
    fsrs_short_term_with_steps_enabled: bool = False
    maximum_review_interval: int = MAXIMUM_REVIEW_INTERVAL
    fuzz_factor: float | None = None

    def min_and_max_review_intervals(self, minimum: int) -> tuple[int, int]:
        """Follow mod.rs `min_and_max_review_intervals`."""
        maximum = max(self.maximum_review_interval, 1)
        return u32_clamp(minimum, 1, maximum), maximum

    def with_review_fuzz(self, interval: float, minimum: int, maximum: int) -> int:
        """Follow fuzz.rs `StateContext::with_review_fuzz` with no load balancer."""
        return with_review_fuzz(self.fuzz_factor, interval, minimum, maximum)

    def short_term(self, steps: LearningSteps, interval: float) -> bool:
        """The repeated FSRS short-term test of learning.rs and relearning.rs."""
        return (
            self.fsrs_allow_short_term
            and (self.fsrs_short_term_with_steps_enabled or steps.is_empty())
            and interval < 0.5
        )


@dataclass(frozen=True)
class NewState:
    """Follow new.rs `NewState` (its queue position is irrelevant here)."""


@dataclass(frozen=True)
class LearnState:
    """Follow learning.rs `LearnState` (elapsed_secs is unused by the FSRS transitions)."""

    remaining_steps: int
    scheduled_secs: int
    memory_state: Memory | None


@dataclass(frozen=True)
class ReviewState:
    """Follow review.rs `ReviewState` (ease, elapsed days and leech flag are SM-2 or unused)."""

    scheduled_days: int
    lapses: int
    memory_state: Memory | None


@dataclass(frozen=True)
class RelearnState:
    """Follow relearning.rs `RelearnState`."""

    learning: LearnState
    review: ReviewState


NormalState = NewState | LearnState | ReviewState | RelearnState
AnsweredState = LearnState | ReviewState | RelearnState


@dataclass(frozen=True)
class SchedulingStates:
    """Follow mod.rs `SchedulingStates`: the state each button would lead to."""

    again: AnsweredState
    hard: AnsweredState
    good: AnsweredState
    easy: AnsweredState

    def for_rating(self, rating: int) -> AnsweredState:
        """The state for rating 1 (Again) to 4 (Easy)."""
        return (self.again, self.hard, self.good, self.easy)[rating - 1]


def interval_kind(state: AnsweredState) -> IntervalKind:
    """Follow the `interval_kind` methods of learning.rs, review.rs and relearning.rs."""
    if isinstance(state, ReviewState):
        return InDays(state.scheduled_days)
    if isinstance(state, RelearnState):
        return InSecs(state.learning.scheduled_secs)
    return InSecs(state.scheduled_secs)


# --- learning.rs -----------------------------------------------------------------------------


def _learning_review(ctx: StateContext, interval: float, memory: Memory) -> ReviewState:
    """The graduating `ReviewState { ..Default::default() }` of learning.rs answer_again/hard/good."""
    minimum, maximum = ctx.min_and_max_review_intervals(1)
    scheduled_days = ctx.with_review_fuzz(max(rust_round(interval), 1.0), minimum, maximum)
    return ReviewState(scheduled_days=scheduled_days, lapses=0, memory_state=memory)


def learn_answer_again(state: LearnState, ctx: StateContext) -> AnsweredState:
    """Follow learning.rs `LearnState::answer_again`."""
    outcome = ctx.fsrs_next_states.again
    again_delay = ctx.steps.again_delay_secs_learn()
    if again_delay is not None:
        return LearnState(ctx.steps.remaining_for_failed(), again_delay, outcome.memory)
    if ctx.short_term(ctx.steps, outcome.interval):
        secs = as_u32(f32(outcome.interval * 86_400.0))
        return LearnState(ctx.steps.remaining_for_failed(), secs, outcome.memory)
    return _learning_review(ctx, outcome.interval, outcome.memory)


def learn_answer_hard(state: LearnState, ctx: StateContext) -> AnsweredState:
    """Follow learning.rs `LearnState::answer_hard`: the same step again."""
    outcome = ctx.fsrs_next_states.hard
    hard_delay = ctx.steps.hard_delay_secs(state.remaining_steps)
    if hard_delay is not None:
        return LearnState(state.remaining_steps, hard_delay, outcome.memory)
    if ctx.short_term(ctx.steps, outcome.interval):
        secs = as_u32(f32(outcome.interval * 86_400.0))
        return LearnState(state.remaining_steps, secs, outcome.memory)
    return _learning_review(ctx, outcome.interval, outcome.memory)


def learn_answer_good(state: LearnState, ctx: StateContext) -> AnsweredState:
    """Follow learning.rs `LearnState::answer_good`: the next step, or graduation."""
    outcome = ctx.fsrs_next_states.good
    good_delay = ctx.steps.good_delay_secs(state.remaining_steps)
    if good_delay is not None:
        remaining = ctx.steps.remaining_for_good(state.remaining_steps)
        return LearnState(remaining, good_delay, outcome.memory)
    if ctx.short_term(ctx.steps, outcome.interval):
        # Anki keeps `..self` here, so remaining_steps does not change.
        secs = as_u32(f32(outcome.interval * 86_400.0))
        return LearnState(state.remaining_steps, secs, outcome.memory)
    return _learning_review(ctx, outcome.interval, outcome.memory)


def learn_answer_easy(state: LearnState, ctx: StateContext) -> ReviewState:
    """Follow learning.rs `LearnState::answer_easy`: graduate, at least one day past Good."""
    states = ctx.fsrs_next_states
    minimum, maximum = ctx.min_and_max_review_intervals(1)
    good = ctx.with_review_fuzz(states.good.interval, minimum, maximum)
    minimum = good + 1
    interval = as_u32(max(rust_round(states.easy.interval), 1.0))
    scheduled_days = ctx.with_review_fuzz(float(interval), minimum, maximum)
    return ReviewState(scheduled_days=scheduled_days, lapses=0, memory_state=states.easy.memory)


def learn_next_states(state: LearnState, ctx: StateContext) -> SchedulingStates:
    """Follow learning.rs `LearnState::next_states`."""
    return SchedulingStates(
        again=learn_answer_again(state, ctx),
        hard=learn_answer_hard(state, ctx),
        good=learn_answer_good(state, ctx),
        easy=learn_answer_easy(state, ctx),
    )


# --- relearning.rs ---------------------------------------------------------------------------


def _relearning_review(
    review: ReviewState, ctx: StateContext, interval: float, memory: Memory
) -> ReviewState:
    """The `ReviewState { scheduled_days: with_review_fuzz(..), ..self.review }` of relearning.rs."""
    minimum, maximum = ctx.min_and_max_review_intervals(1)
    scheduled_days = ctx.with_review_fuzz(max(rust_round(interval), 1.0), minimum, maximum)
    return replace(review, scheduled_days=scheduled_days, memory_state=memory)


def relearn_answer_again(state: RelearnState, ctx: StateContext) -> AnsweredState:
    """Follow relearning.rs `RelearnState::answer_again` (no extra lapse while relearning)."""
    scheduled_days, memory = failing_review_interval(state.review, ctx)
    again_delay = ctx.relearn_steps.again_delay_secs_learn()
    if again_delay is not None:
        return RelearnState(
            learning=LearnState(ctx.relearn_steps.remaining_for_failed(), again_delay, memory),
            review=replace(
                state.review,
                scheduled_days=as_u32(max(rust_round(scheduled_days), 1.0)),
                memory_state=memory,
            ),
        )
    interval = ctx.fsrs_next_states.again.interval
    again_review = _relearning_review(state.review, ctx, interval, memory)
    if ctx.short_term(ctx.relearn_steps, interval):
        secs = as_u32(f32(interval * 86_400.0))
        return RelearnState(
            LearnState(ctx.relearn_steps.remaining_for_failed(), secs, memory), again_review
        )
    return again_review


def relearn_answer_hard(state: RelearnState, ctx: StateContext) -> AnsweredState:
    """Follow relearning.rs `RelearnState::answer_hard`: the same relearning step again."""
    outcome = ctx.fsrs_next_states.hard
    remaining = state.learning.remaining_steps
    hard_delay = ctx.relearn_steps.hard_delay_secs(remaining)
    if hard_delay is not None:
        return RelearnState(
            learning=LearnState(remaining, hard_delay, outcome.memory),
            review=replace(state.review, memory_state=outcome.memory),
        )
    hard_review = _relearning_review(state.review, ctx, outcome.interval, outcome.memory)
    if ctx.short_term(ctx.relearn_steps, outcome.interval):
        secs = as_u32(f32(outcome.interval * 86_400.0))
        return RelearnState(LearnState(remaining, secs, outcome.memory), hard_review)
    return hard_review


def relearn_answer_good(state: RelearnState, ctx: StateContext) -> AnsweredState:
    """Follow relearning.rs `RelearnState::answer_good`: the next step, or back to review."""
    outcome = ctx.fsrs_next_states.good
    remaining = state.learning.remaining_steps
    good_delay = ctx.relearn_steps.good_delay_secs(remaining)
    if good_delay is not None:
        return RelearnState(
            learning=LearnState(
                ctx.relearn_steps.remaining_for_good(remaining), good_delay, outcome.memory
            ),
            review=replace(state.review, memory_state=outcome.memory),
        )
    good_review = _relearning_review(state.review, ctx, outcome.interval, outcome.memory)
    if ctx.short_term(ctx.relearn_steps, outcome.interval):
        secs = as_u32(f32(outcome.interval * 86_400.0))
        return RelearnState(
            LearnState(ctx.relearn_steps.remaining_for_good(remaining), secs, outcome.memory),
            good_review,
        )
    return good_review


def relearn_answer_easy(state: RelearnState, ctx: StateContext) -> ReviewState:
    """Follow relearning.rs `RelearnState::answer_easy`: back to review, at least Good + 1 day."""
    states = ctx.fsrs_next_states
    minimum, maximum = ctx.min_and_max_review_intervals(1)
    good = ctx.with_review_fuzz(states.good.interval, minimum, maximum)
    minimum = good + 1
    scheduled_days = ctx.with_review_fuzz(
        max(rust_round(states.easy.interval), 1.0), minimum, maximum
    )
    return replace(state.review, scheduled_days=scheduled_days, memory_state=states.easy.memory)


def relearn_next_states(state: RelearnState, ctx: StateContext) -> SchedulingStates:
    """Follow relearning.rs `RelearnState::next_states`."""
    return SchedulingStates(
        again=relearn_answer_again(state, ctx),
        hard=relearn_answer_hard(state, ctx),
        good=relearn_answer_good(state, ctx),
        easy=relearn_answer_easy(state, ctx),
    )


# --- review.rs -------------------------------------------------------------------------------


def failing_review_interval(review: ReviewState, ctx: StateContext) -> tuple[float, Memory]:
    """Follow review.rs `failing_review_interval` (FSRS branch: the Again outcome, unrounded)."""
    again = ctx.fsrs_next_states.again
    return again.interval, again.memory


def constrain_passing_interval(ctx: StateContext, interval: float, minimum: int, fuzz: bool) -> int:
    """Follow review.rs `constrain_passing_interval` (FSRS: no interval multiplier)."""
    minimum, maximum = ctx.min_and_max_review_intervals(minimum)
    if fuzz:
        return ctx.with_review_fuzz(interval, minimum, maximum)
    return u32_clamp(as_u32(rust_round(f32(interval))), minimum, maximum)


def passing_fsrs_review_intervals(review: ReviewState, ctx: StateContext) -> tuple[int, int, int]:
    """Follow review.rs `passing_fsrs_review_intervals`: Hard < Good < Easy, none shrinking."""
    states = ctx.fsrs_next_states
    maximum = ctx.maximum_review_interval
    previous = review.scheduled_days
    hard = constrain_passing_interval(
        ctx,
        states.hard.interval,
        max(minimum_review_fuzz_interval(states.hard.interval, previous, maximum), 1),
        True,
    )
    good = constrain_passing_interval(
        ctx,
        states.good.interval,
        max(minimum_review_fuzz_interval(states.good.interval, previous, maximum), hard + 1),
        True,
    )
    easy = constrain_passing_interval(
        ctx,
        states.easy.interval,
        max(minimum_review_fuzz_interval(states.easy.interval, previous, maximum), good + 1),
        True,
    )
    return hard, good, easy


def review_answer_again(review: ReviewState, ctx: StateContext) -> AnsweredState:
    """Follow review.rs `ReviewState::answer_again`: a lapse, then relearning steps."""
    lapses = review.lapses + 1
    scheduled_days, memory = failing_review_interval(review, ctx)
    again_review = ReviewState(
        scheduled_days=as_u32(max(rust_round(scheduled_days), 1.0)),
        lapses=lapses,
        memory_state=memory,
    )
    again_delay = ctx.relearn_steps.again_delay_secs_learn()
    if again_delay is not None:
        return RelearnState(
            LearnState(ctx.relearn_steps.remaining_for_failed(), again_delay, memory), again_review
        )
    if ctx.short_term(ctx.relearn_steps, scheduled_days):
        secs = as_u32(f32(scheduled_days * 86_400.0))
        return RelearnState(
            LearnState(ctx.relearn_steps.remaining_for_failed(), secs, memory), again_review
        )
    return again_review


def review_next_states(review: ReviewState, ctx: StateContext) -> SchedulingStates:
    """Follow review.rs `ReviewState::next_states` with `answer_hard/good/easy`."""
    hard, good, easy = passing_fsrs_review_intervals(review, ctx)
    states = ctx.fsrs_next_states
    return SchedulingStates(
        again=review_answer_again(review, ctx),
        hard=replace(review, scheduled_days=hard, memory_state=states.hard.memory),
        good=replace(review, scheduled_days=good, memory_state=states.good.memory),
        easy=replace(review, scheduled_days=easy, memory_state=states.easy.memory),
    )


# --- normal.rs -------------------------------------------------------------------------------


def next_states(state: NormalState, ctx: StateContext) -> SchedulingStates:
    """Follow normal.rs `NormalState::next_states`."""
    if isinstance(state, NewState):
        # A new card is answered like a failed learning card.
        learning = LearnState(ctx.steps.remaining_for_failed(), 0, None)
        return learn_next_states(learning, ctx)
    if isinstance(state, LearnState):
        return learn_next_states(state, ctx)
    if isinstance(state, ReviewState):
        return review_next_states(state, ctx)
    return relearn_next_states(state, ctx)


# --- study days ------------------------------------------------------------------------------
#
# These follow studyapp's fixed definitions rather than Anki's timing.rs.  Anki takes the next
# rollover as today's rollover in the current UTC offset plus 24 h and counts FSRS days as
# `(next_day_at - last_review) // 86400`, which is off by one across a fall-back DST change;
# here the rollover is 04:00 wall-clock time in the real zone and days are date differences.


def study_day(at: datetime, tz: ZoneInfo) -> date:
    """The study day of an instant: the local date, with days starting at 04:00."""
    return (at.astimezone(tz).replace(tzinfo=None) - timedelta(hours=ROLLOVER_HOUR)).date()


def start_of_study_day(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant at which study day `day` begins (04:00 local)."""
    return datetime.combine(day, time(ROLLOVER_HOUR), tzinfo=tz).astimezone(UTC)


def secs_until_rollover(at: datetime, tz: ZoneInfo) -> int:
    """Whole seconds (floored) from `at` until the next study day begins."""
    next_day = start_of_study_day(study_day(at, tz) + timedelta(days=1), tz)
    return (next_day - at) // timedelta(seconds=1)


def days_elapsed(previous: datetime, at: datetime, tz: ZoneInfo) -> int:
    """Study days between two reviews, the `days_elapsed` given to FSRS."""
    return (study_day(at, tz) - study_day(previous, tz)).days


# --- deck configuration ----------------------------------------------------------------------


@dataclass(frozen=True)
class DeckConfig:
    """The learning and relearning steps (minutes) for one item kind."""

    learn_steps: tuple[float, ...]
    relearn_steps: tuple[float, ...]


DECK_CONFIGS: dict[str, DeckConfig] = {
    "card": DeckConfig(learn_steps=(1.0, 10.0), relearn_steps=(10.0,)),
    "question": DeckConfig(learn_steps=(1440.0,), relearn_steps=(1440.0,)),
    "scenario": DeckConfig(learn_steps=(1440.0,), relearn_steps=(1440.0,)),
}


def fsrs_allow_short_term(parameters: Sequence[float]) -> bool:
    """Follow answering/mod.rs `card_state_updater`: short-term needs w17 > 0 and w18 > 0."""
    if len(parameters) >= 19:
        return parameters[17] > 0.0 and parameters[18] > 0.0
    return len(parameters) == 0


# --- answering: the stored card and applying a state -----------------------------------------


class CardType(IntEnum):
    """Anki's card type, which is also studyapp's `state` number."""

    NEW = 0
    LEARN = 1
    REVIEW = 2
    RELEARN = 3


@dataclass(frozen=True)
class Card:
    """The stored fields Anki's answering code reads and writes (`card.rs` Card, FSRS subset)."""

    ctype: CardType = CardType.NEW
    due: datetime | None = None
    interval: int = 0
    remaining_steps: int = 0
    lapses: int = 0
    reps: int = 0
    memory_state: Memory | None = None
    last_review_time: datetime | None = None

    @property
    def scheduled_days(self) -> int:
        """Review and relearning cards report their review interval; learning cards 0."""
        return self.interval if self.ctype in (CardType.REVIEW, CardType.RELEARN) else 0

    def expected(self) -> dict[str, object]:
        """This card's fields as stored in the golden file."""
        if self.due is None or self.memory_state is None:
            raise ValueError("only answered cards have an expected result")
        return {
            "state": int(self.ctype),
            "due": iso_utc(self.due),
            "scheduled_days": self.scheduled_days,
            "remaining_steps": self.remaining_steps,
            "stability": round(self.memory_state.stability, 6),
            "difficulty": round(self.memory_state.difficulty, 6),
            "lapses": self.lapses,
            "reps": self.reps,
        }


def iso_utc(at: datetime) -> str:
    """An aware instant as ISO 8601 UTC ending in Z."""
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def current_card_state(card: Card, config: DeckConfig) -> NormalState:
    """Follow answering/current.rs `normal_study_state` for a card in a normal deck."""
    if card.ctype is CardType.NEW:
        return NewState()
    if card.ctype is CardType.LEARN:
        steps = LearningSteps(config.learn_steps)
        return LearnState(
            card.remaining_steps, steps.current_delay_secs(card.remaining_steps), card.memory_state
        )
    review = ReviewState(card.interval, card.lapses, card.memory_state)
    if card.ctype is CardType.REVIEW:
        return review
    relearn_steps = LearningSteps(config.relearn_steps)
    learning = LearnState(
        card.remaining_steps,
        relearn_steps.current_delay_secs(card.remaining_steps),
        card.memory_state,
    )
    return RelearnState(learning, review)


def _due_for(kind: IntervalKind, at: datetime, tz: ZoneInfo) -> datetime:
    """Due instant of an interval: days at a study day's start, seconds from now."""
    kind = maybe_as_days(kind, secs_until_rollover(at, tz))
    if isinstance(kind, InDays):
        return start_of_study_day(study_day(at, tz) + timedelta(days=kind.days), tz)
    return at + timedelta(seconds=kind.secs)


def round_to_places(value: float, places: int) -> float:
    """Follow storage/card/data.rs `round_to_places`, in f32."""
    factor = f32(10.0**places)
    return f32(rust_round(f32(value * factor)) / factor)


def _stored(memory: Memory | None) -> Memory | None:
    if memory is None:
        return None
    return Memory(round_to_places(memory.stability, 4), round_to_places(memory.difficulty, 3))


def _with_stored_memory(state: AnsweredState) -> AnsweredState:
    """The answered state with its memory as Anki's card storage keeps it."""
    if isinstance(state, RelearnState):
        learning = replace(state.learning, memory_state=_stored(state.learning.memory_state))
        review = replace(state.review, memory_state=_stored(state.review.memory_state))
        return RelearnState(learning, review)
    return replace(state, memory_state=_stored(state.memory_state))


def apply_state(card: Card, next_state: AnsweredState, at: datetime, tz: ZoneInfo) -> Card:
    """Follow answering/{learning,review,relearning}.rs `apply_*_state` (fuzz off)."""
    # Anki rounds stability to 4 and difficulty to 3 decimals when it saves a card
    # (storage/card/data.rs `convert_to_json`, `round_to_places`), so the next review
    # starts from the rounded values.
    next_state = _with_stored_memory(next_state)
    card = replace(card, reps=card.reps + 1, last_review_time=at)
    due = _due_for(interval_kind(next_state), at, tz)
    if isinstance(next_state, LearnState):
        return replace(
            card,
            ctype=CardType.LEARN,
            remaining_steps=next_state.remaining_steps,
            memory_state=next_state.memory_state,
            due=due,
        )
    if isinstance(next_state, ReviewState):
        return replace(
            card,
            ctype=CardType.REVIEW,
            interval=next_state.scheduled_days,
            lapses=next_state.lapses,
            remaining_steps=0,
            memory_state=next_state.memory_state,
            due=due,
        )
    return replace(
        card,
        ctype=CardType.RELEARN,
        interval=next_state.review.scheduled_days,
        remaining_steps=next_state.learning.remaining_steps,
        lapses=next_state.review.lapses,
        memory_state=next_state.learning.memory_state,
        due=due,
    )


class AnkiReference:
    """Anki's FSRS scheduling for one deck preset, in studyapp's study-day terms."""

    def __init__(self, parameters: Sequence[float], desired_retention: float, tz: ZoneInfo) -> None:
        """Set up FSRS with the given parameters, retention and local time zone."""
        self.parameters = list(parameters)
        self.desired_retention = desired_retention
        self.tz = tz
        self.fsrs = fsrs_rs_python.FSRS(self.parameters)
        self.allow_short_term = fsrs_allow_short_term(self.parameters)

    def context(self, card: Card, kind: str, at: datetime) -> StateContext:
        """Build the StateContext as answering/mod.rs `card_state_updater` does."""
        config = DECK_CONFIGS[kind]
        memory = None
        elapsed = 0
        if card.memory_state is not None and card.last_review_time is not None:
            memory = fsrs_rs_python.MemoryState(
                card.memory_state.stability, card.memory_state.difficulty
            )
            elapsed = days_elapsed(card.last_review_time, at, self.tz)
        states = self.fsrs.next_states(memory, self.desired_retention, elapsed)
        return StateContext(
            steps=LearningSteps(config.learn_steps),
            relearn_steps=LearningSteps(config.relearn_steps),
            fsrs_next_states=NextStates.from_fsrs(states),
            fsrs_allow_short_term=self.allow_short_term,
        )

    def preview(self, card: Card | None, kind: str, at: datetime) -> dict[int, Card]:
        """The card each rating (1-4) would produce if answered at `at`."""
        card = Card() if card is None else card
        choices = next_states(
            current_card_state(card, DECK_CONFIGS[kind]), self.context(card, kind, at)
        )
        return {
            rating: apply_state(card, choices.for_rating(rating), at, self.tz)
            for rating in (1, 2, 3, 4)
        }

    def answer(self, card: Card | None, kind: str, rating: int, at: datetime) -> Card:
        """The card after answering with `rating` at `at`."""
        return self.preview(card, kind, at)[rating]
