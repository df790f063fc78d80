"""The Anki reference port agrees with Anki's own Rust unit tests, and the golden file is current."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.golden import make_golden
from tests.golden.anki_reference import (
    DAY,
    AnsweredState,
    Card,
    CardType,
    InDays,
    InSecs,
    ItemOutcome,
    LearningSteps,
    LearnState,
    Memory,
    NewState,
    NextStates,
    RelearnState,
    ReviewState,
    StateContext,
    apply_state,
    constrained_fuzz_bounds,
    days_elapsed,
    f32,
    fsrs_allow_short_term,
    maybe_as_days,
    maybe_round_in_days,
    minimum_review_fuzz_interval,
    next_states,
    rust_round,
    secs_until_rollover,
    study_day,
    with_review_fuzz,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

# --- Rust numerics ---------------------------------------------------------------------------


def test_rust_round_is_half_away_from_zero() -> None:
    """f32::round rounds 0.5 up and 2.5 to 3, where Python's round gives 0 and 2."""
    assert [rust_round(x) for x in (0.5, 1.5, 2.5, -2.5, 2.4999998)] == [1, 2, 3, -3, 2]
    assert round(2.5) == 2  # the trap this guards against


# --- steps.rs tests --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "remaining", "again", "hard", "good"),
    [
        # steps.rs `delay_secs`
        ((10.0,), 1, 600, 900, None),
        ((3 * DAY / 60,), 1, 3 * DAY, 4 * DAY, None),
        ((1.0, 10.0), 2, 60, 330, 600),
        ((1.0, 10.0), 1, 60, 600, None),
        ((1.0, 10.0, 100.0), 3, 60, 330, 600),
        ((1.0, 10.0, 100.0), 2, 60, 600, 6000),
        ((1.0, 10.0, 100.0), 1, 60, 6000, None),
        # studyapp's one-day steps: Hard is 1.5 days, rounded to 2 whole days.
        ((1440.0,), 1, DAY, 2 * DAY, None),
        # get_index strips Anki's legacy "today" count with % 1000.
        ((1.0, 10.0), 1002, 60, 330, 600),
    ],
)
def test_delay_secs(
    steps: tuple[float, ...], remaining: int, again: int, hard: int, good: int | None
) -> None:
    """steps.rs `delay_secs`: again, hard and good delays per position."""
    learning = LearningSteps(steps)
    assert learning.again_delay_secs_learn() == again
    assert learning.hard_delay_secs(remaining) == hard
    assert learning.good_delay_secs(remaining) == good


def test_steps_remaining_counts() -> None:
    """remaining_for_good counts down and remaining_for_failed restarts all steps."""
    steps = LearningSteps((1.0, 10.0))
    assert steps.remaining_for_good(2) == 1
    assert steps.remaining_for_good(1) == 0
    assert steps.remaining_for_failed() == 2
    assert LearningSteps(()).again_delay_secs_learn() is None
    assert LearningSteps(()).hard_delay_secs(0) is None


def test_rounding_days() -> None:
    """steps.rs `rounding_days`, plus a half day that must round up like f32::round."""
    assert maybe_round_in_days(DAY - 1) == DAY - 1
    assert maybe_round_in_days(int(1.5 * DAY)) == 2 * DAY
    assert maybe_round_in_days(int(2.5 * DAY)) == 3 * DAY


# --- fuzz.rs tests ---------------------------------------------------------------------------


def test_with_review_fuzz_without_fuzz() -> None:
    """fuzz.rs `with_review_fuzz`, the no-fuzz cases the reference relies on."""
    assert with_review_fuzz(None, 1.5, 1, 100) == 2
    assert with_review_fuzz(None, 0.1, 1, 100) == 1
    assert with_review_fuzz(None, 101.0, 1, 100) == 100
    assert with_review_fuzz(None, 2.5, 1, 100) == 3


@pytest.mark.parametrize(
    ("interval", "minimum", "maximum", "lower", "middle", "upper"),
    [
        (1.0, 1, 1000, 1, 1, 1),
        (2.49, 1, 1000, 2, 2, 2),
        (2.5, 1, 1000, 2, 3, 4),
        (7.0, 1, 1000, 5, 7, 9),
        (17.0, 1, 1000, 14, 17, 20),
        (37.0, 1, 1000, 33, 37, 41),
        (2.0, 2, 1000, 2, 2, 2),
        (2.0, 3, 1000, 3, 4, 4),
        (2.0, 3, 3, 3, 3, 3),
        (6.9, 3, 1000, 5, 7, 9),
        (7.0, 3, 1000, 5, 7, 9),
        (7.1, 3, 1000, 5, 7, 9),
        (19.9, 3, 1000, 17, 20, 23),
        (20.0, 3, 1000, 17, 20, 23),
        (20.1, 3, 1000, 17, 20, 23),
        (100.0, 101, 1000, 101, 105, 108),
        (100.0, 1, 99, 92, 96, 99),
        (100.0, 97, 103, 97, 100, 103),
    ],
)
def test_with_review_fuzz_ranges(
    interval: float, minimum: int, maximum: int, lower: int, middle: int, upper: int
) -> None:
    """fuzz.rs `with_review_fuzz` (assert_lower_middle_upper), which exercises the fuzz bounds."""
    assert with_review_fuzz(0.0, interval, minimum, maximum) == lower
    assert with_review_fuzz(0.5, interval, minimum, maximum) == middle
    assert with_review_fuzz(0.99, interval, minimum, maximum) == upper


def test_constrained_fuzz_bounds_invalid_values() -> None:
    """fuzz.rs `invalid_values_will_not_panic`."""
    constrained_fuzz_bounds(1.0, 3, 2)


def test_minimum_review_fuzz_interval() -> None:
    """fuzz.rs `minimum_review_fuzz_interval_preserves_previous_only_within_range`."""
    assert minimum_review_fuzz_interval(2.7269483, 4, 36500) == 4
    assert minimum_review_fuzz_interval(2.7269483, 5, 36500) == 0
    assert minimum_review_fuzz_interval(4.591988, 4, 36500) == 5


# --- mod.rs and interval_kind.rs -------------------------------------------------------------


def context(
    again: float = 1.0,
    hard: float = 2.0,
    good: float = 3.0,
    easy: float = 7.0,
    *,
    steps: tuple[float, ...] = (1.0, 10.0),
    relearn_steps: tuple[float, ...] = (10.0,),
    allow_short_term: bool = False,
    maximum: int = 36500,
) -> StateContext:
    """A context like Anki's `defaults_for_testing`, with fixed FSRS outcomes (S=4, D=5)."""
    memory = Memory(4.0, 5.0)

    def outcome(interval: float) -> ItemOutcome:
        return ItemOutcome(f32(interval), memory)

    return StateContext(
        steps=LearningSteps(steps),
        relearn_steps=LearningSteps(relearn_steps),
        fsrs_next_states=NextStates(outcome(again), outcome(hard), outcome(good), outcome(easy)),
        fsrs_allow_short_term=allow_short_term,
        maximum_review_interval=maximum,
    )


def test_min_and_max_review_intervals() -> None:
    """mod.rs `min_and_max_review_intervals`."""
    assert context(maximum=0).min_and_max_review_intervals(0) == (1, 1)
    assert context(maximum=0).min_and_max_review_intervals(2) == (1, 1)
    assert context(maximum=3).min_and_max_review_intervals(0) == (1, 3)
    assert context(maximum=3).min_and_max_review_intervals(2) == (2, 3)
    assert context(maximum=3).min_and_max_review_intervals(4) == (3, 3)


@pytest.mark.parametrize(
    ("kind", "until_rollover", "result"),
    [
        (InSecs(600), 3600, InSecs(600)),
        (InSecs(600), 600, InDays(1)),
        (InSecs(600), 60, InDays(1)),
        (InSecs(DAY), DAY, InDays(1)),
        (InSecs(DAY), 3600, InDays(1)),
        (InSecs(2 * DAY), 3600, InDays(2)),
        (InSecs(2 * DAY), DAY, InDays(2)),
        # A 25-hour study day: a one-day step does not reach the rollover.
        (InSecs(DAY), DAY + 1800, InSecs(DAY)),
        (InDays(5), 10, InDays(5)),
    ],
)
def test_maybe_as_days(kind: InSecs | InDays, until_rollover: int, result: InSecs | InDays) -> None:
    """interval_kind.rs `maybe_as_days`: a delay reaching the rollover becomes whole days."""
    assert maybe_as_days(kind, until_rollover) == result


# --- learning.rs tests -----------------------------------------------------------------------


def review_days(state: AnsweredState) -> int:
    """The interval of a state that must be a Review state."""
    assert isinstance(state, ReviewState), state
    return state.scheduled_days


def learn_state(remaining: int) -> LearnState:
    """learning.rs tests' `learn_state`."""
    return LearnState(remaining, 60, None)


def test_learning_again_resets_to_first_step() -> None:
    """learning.rs `again_on_any_step_resets_to_first_step`."""
    for remaining in (1, 2):
        again = next_states(learn_state(remaining), context()).again
        assert isinstance(again, LearnState)
        assert (again.remaining_steps, again.scheduled_secs) == (2, 60)


def test_learning_hard_stays_on_step() -> None:
    """learning.rs `hard_any_step_stays_on_same_step`."""
    first = next_states(learn_state(2), context()).hard
    last = next_states(learn_state(1), context()).hard
    assert first == LearnState(2, 330, Memory(4.0, 5.0))
    assert last == LearnState(1, 600, Memory(4.0, 5.0))


def test_learning_good_advances_then_graduates_on_fsrs_interval() -> None:
    """learning.rs `good_on_first_step_advances_to_next_step`, then FSRS graduation."""
    assert next_states(learn_state(2), context()).good == LearnState(1, 600, Memory(4.0, 5.0))
    graduated = next_states(learn_state(1), context(good=2.5)).good
    # f32::round(2.5) is 3, not Python's 2.
    assert graduated == ReviewState(3, 0, Memory(4.0, 5.0))


def test_learning_easy_is_at_least_good_plus_one() -> None:
    """learning.rs `answer_easy`: Easy graduates at no less than the Good interval + 1."""
    states = next_states(learn_state(2), context(good=3.0, easy=3.2))
    assert states.easy == ReviewState(4, 0, Memory(4.0, 5.0))
    assert review_days(next_states(learn_state(1), context(easy=7.0)).easy) == 7


def test_new_card_acts_like_failed_learning_card() -> None:
    """normal.rs `next_states` for New: all steps remain, so Hard is the first-step Hard."""
    states = next_states(NewState(), context())
    assert states.again == LearnState(2, 60, Memory(4.0, 5.0))
    assert states.hard == LearnState(2, 330, Memory(4.0, 5.0))
    assert states.good == LearnState(1, 600, Memory(4.0, 5.0))
    assert isinstance(states.easy, ReviewState)


# --- relearning.rs tests ---------------------------------------------------------------------


def relearn_state(remaining: int = 1) -> RelearnState:
    """relearning.rs tests' `relearn_state`: one step left, review interval 3, one lapse."""
    return RelearnState(LearnState(remaining, 600, None), ReviewState(3, 1, None))


def test_relearning_again_stays_and_takes_fsrs_again_interval() -> None:
    """relearning.rs `again_stays_in_relearning` (FSRS: review part from the Again interval)."""
    again = next_states(relearn_state(), context(again=2.0)).again
    assert isinstance(again, RelearnState)
    assert again.learning.remaining_steps == 1
    assert again.learning.scheduled_secs == 600
    assert again.review.scheduled_days == 2
    assert again.review.lapses == 1  # no new lapse while relearning


def test_relearning_hard_keeps_step() -> None:
    """relearning.rs `hard_stays_in_relearning_and_keeps_same_step`, with 150% of the step."""
    hard = next_states(relearn_state(), context()).hard
    assert isinstance(hard, RelearnState)
    assert (hard.learning.remaining_steps, hard.learning.scheduled_secs) == (1, 900)
    assert hard.review.scheduled_days == 3


def test_relearning_good_from_last_step_graduates() -> None:
    """relearning.rs `good_from_last_step_graduates_to_review`."""
    good = next_states(relearn_state(), context(good=5.0)).good
    assert good == ReviewState(5, 1, Memory(4.0, 5.0))


@pytest.mark.parametrize(
    ("rating", "days"), [(1, 2), (2, 3), (3, 5)], ids=["again", "hard", "good"]
)
def test_relearning_fsrs_exits_to_review_without_steps(rating: int, days: int) -> None:
    """relearning.rs `{again,hard,good}_fsrs_exits_to_review_with_algorithm_interval`."""
    states = next_states(relearn_state(), context(2.0, 3.0, 5.0, 7.0, relearn_steps=()))
    assert states.for_rating(rating) == ReviewState(days, 1, Memory(4.0, 5.0))


@pytest.mark.parametrize(
    ("rating", "secs"), [(1, 17280), (2, 25920), (3, 34560)], ids=["again", "hard", "good"]
)
def test_relearning_fsrs_short_term_stays(rating: int, secs: int) -> None:
    """relearning.rs `{again,hard,good}_fsrs_short_term_stays_in_relearning`."""
    ctx = context(0.2, 0.3, 0.4, 7.0, relearn_steps=(), allow_short_term=True)
    state = next_states(relearn_state(), ctx).for_rating(rating)
    assert isinstance(state, RelearnState)
    assert state.learning.scheduled_secs == secs


def test_relearning_easy_uses_fsrs_interval() -> None:
    """relearning.rs `easy_fsrs_uses_algorithm_interval_not_plus_one`."""
    easy = next_states(relearn_state(), context(1.0, 2.0, 3.0, 7.0)).easy
    assert review_days(easy) == 7


def test_relearning_two_steps() -> None:
    """relearning.rs multi-step tests: Again restarts, Hard keeps, Good advances."""
    ctx = context(relearn_steps=(5.0, 10.0))
    last = next_states(relearn_state(1), ctx)
    assert isinstance(last.again, RelearnState) and last.again.learning.remaining_steps == 2
    assert isinstance(last.hard, RelearnState) and last.hard.learning.remaining_steps == 1
    first = next_states(relearn_state(2), ctx)
    assert isinstance(first.good, RelearnState) and first.good.learning.remaining_steps == 1


# --- review.rs -------------------------------------------------------------------------------


def test_review_passing_intervals_strictly_increase() -> None:
    """review.rs `passing_fsrs_review_intervals`: Good >= Hard + 1 and Easy >= Good + 1."""
    states = next_states(ReviewState(3, 0, None), context(1.0, 5.0, 5.2, 5.4))
    assert [review_days(states.for_rating(r)) for r in (2, 3, 4)] == [5, 6, 7]


def test_review_interval_does_not_shrink_within_fuzz_range() -> None:
    """fuzz.rs `minimum_review_fuzz_interval` keeps the old interval when close, not when far."""
    close = next_states(ReviewState(4, 0, None), context(1.0, 2.7269483, 3.0, 3.5))
    assert review_days(close.hard) == 4
    far = next_states(ReviewState(30, 0, None), context(1.0, 10.0, 12.0, 15.0))
    assert [review_days(far.for_rating(r)) for r in (2, 3, 4)] == [10, 12, 15]


def test_review_again_is_a_lapse_into_relearning() -> None:
    """review.rs `answer_again`: lapses + 1, first relearning step, review part from FSRS."""
    again = next_states(ReviewState(20, 2, None), context(again=2.5)).again
    assert again == RelearnState(
        LearnState(1, 600, Memory(4.0, 5.0)), ReviewState(3, 3, Memory(4.0, 5.0))
    )


def test_review_intervals_respect_maximum() -> None:
    """review.rs `constrain_passing_interval` clamps to the maximum interval."""
    states = next_states(ReviewState(30, 0, None), context(1.0, 50.0, 60.0, 70.0, maximum=40))
    assert [review_days(states.for_rating(r)) for r in (2, 3, 4)] == [40, 40, 40]


def test_allow_short_term_needs_both_short_term_weights() -> None:
    """answering/mod.rs: short-term scheduling needs w17 > 0 and w18 > 0."""
    params = [0.5] * 21
    assert fsrs_allow_short_term(params)
    assert not fsrs_allow_short_term([*params[:17], 0.0, *params[18:]])
    assert fsrs_allow_short_term([])


# --- study days and applying states ----------------------------------------------------------


def local(
    tz: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int = 0, fold: int = 0
) -> datetime:
    """A local wall-clock time as an aware UTC instant."""
    return datetime(year, month, day, hour, minute, tzinfo=tz, fold=fold).astimezone(UTC)


def test_study_days_roll_over_at_four() -> None:
    """23:00 and 02:00 share a study day; 03:59 and 04:01 do not."""
    assert days_elapsed(local(BERLIN, 2025, 1, 14, 23), local(BERLIN, 2025, 1, 15, 2), BERLIN) == 0
    assert (
        days_elapsed(local(BERLIN, 2025, 1, 15, 3, 59), local(BERLIN, 2025, 1, 15, 4, 1), BERLIN)
        == 1
    )
    assert study_day(local(NEW_YORK, 2025, 11, 2, 1, 30, fold=1), NEW_YORK).day == 1


def test_secs_until_rollover_across_dst() -> None:
    """The rollover is 04:00 local, so study days around DST changes last 23 or 25 hours."""
    assert secs_until_rollover(local(BERLIN, 2025, 10, 25, 4, 30), BERLIN) == DAY + 1800
    assert secs_until_rollover(local(BERLIN, 2025, 3, 29, 4, 30), BERLIN) == DAY - 3600 - 1800
    assert secs_until_rollover(local(NEW_YORK, 2025, 11, 1, 5), NEW_YORK) == DAY


def test_one_day_step_on_a_25_hour_day_stays_in_seconds() -> None:
    """A 1440-minute step at 04:30 before the autumn change is due 24 h later, same study day."""
    at = local(BERLIN, 2025, 10, 25, 4, 30)
    card = apply_state(Card(), LearnState(1, DAY, Memory(1.0, 5.0)), at, BERLIN)
    assert card.ctype is CardType.LEARN
    assert card.due == local(BERLIN, 2025, 10, 26, 3, 30)


# --- the golden file -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    """The committed golden file."""
    data: dict[str, Any] = json.loads(make_golden.GOLDEN_PATH.read_text(encoding="utf-8"))
    return data


def test_golden_file_is_regenerated_exactly(golden: dict[str, Any]) -> None:
    """make_golden.py reproduces the committed JSON byte for byte."""
    assert make_golden.render(make_golden.build_golden()) == make_golden.GOLDEN_PATH.read_text(
        encoding="utf-8"
    )


def test_golden_file_covers_the_required_cases(golden: dict[str, Any]) -> None:
    """Enough histories, both kinds, all ratings, three zones, two parameter sets and retentions."""
    histories = golden["histories"]
    assert len(histories) >= 24
    assert all(len(h["reviews"]) >= 10 for h in histories)
    assert {"card", "question"} <= {h["kind"] for h in histories}
    assert {h["tz"] for h in histories} == {"Europe/Berlin", "America/New_York", "Asia/Kolkata"}
    assert len({tuple(h["parameters"]) for h in histories}) == 2
    assert all(len(h["parameters"]) == 21 for h in histories)
    assert {h["desired_retention"] for h in histories} == {0.9, 0.85}
    for kind in ("card", "question"):
        ratings = {r["rating"] for h in histories if h["kind"] == kind for r in h["reviews"]}
        assert ratings == {1, 2, 3, 4}
    states = {r["expected"]["state"] for h in histories for r in h["reviews"]}
    assert states == {1, 2, 3}


def test_golden_expected_is_the_chosen_rating(golden: dict[str, Any]) -> None:
    """Each review's result equals the preview of the button that was pressed."""
    for history in golden["histories"]:
        for review in history["reviews"]:
            assert review["all_ratings"][str(review["rating"])] == review["expected"]


def test_golden_review_buttons_are_ordered(golden: dict[str, Any]) -> None:
    """On Review-state items: Again before Hard, and Hard < Good < Easy strictly, in days and due."""
    checked = 0
    for history in golden["histories"]:
        previous_state = 0
        for index, review in enumerate(history["reviews"]):
            where = f"{history['item_id']} review {index}"
            if previous_state == 2:
                options = review["all_ratings"]
                due = {r: datetime.fromisoformat(options[r]["due"]) for r in "1234"}
                days = [options[r]["scheduled_days"] for r in "234"]
                assert all(options[r]["state"] == 2 for r in "234"), where
                assert options["1"]["state"] == 3, where
                assert days[0] < days[1] < days[2], where
                assert due["2"] < due["3"] < due["4"], where
                # A one-day relearning step and a one-day Hard interval share a due day.
                assert due["1"] <= due["2"], where
                if history["kind"] == "card":
                    assert due["1"] < due["2"], where
                checked += 1
            previous_state = review["expected"]["state"]
    assert checked > 200
