"""Write tests/golden/study_days.json, review histories scheduled by the Anki reference port."""

# Run `python -m tests.golden.make_golden` from the repository root.  The output depends only on
# the seed, the scripted histories below and fsrs-rs-python: no clock is read.

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

import fsrs_rs_python

from tests.golden.anki_reference import (
    ANKI_COMMIT,
    AnkiReference,
    Card,
    CardType,
    iso_utc,
    start_of_study_day,
    study_day,
)

GOLDEN_PATH = Path(__file__).with_name("study_days.json")
SEED = 20250330

DEFAULT_PARAMETERS: list[float] = list(fsrs_rs_python.DEFAULT_PARAMETERS)
# A plausible trained set (all 21 within fsrs-rs bounds), different enough to change intervals.
ALT_PARAMETERS: list[float] = [
    0.3512, 1.0845, 2.9014, 10.6473, 6.6911, 0.6702, 2.4115, 0.0046, 1.6547, 0.2154, 0.9121,
    1.6102, 0.0822, 0.3185, 1.9357, 0.2803, 2.5122, 0.4871, 0.1523, 0.1047, 0.2231,
]  # fmt: skip

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
KOLKATA = "Asia/Kolkata"

# --- how a history picks its review times ----------------------------------------------------


@dataclass(frozen=True)
class At:
    """An absolute local wall-clock time (fold=1 picks the second of an ambiguous hour)."""

    year: int
    month: int
    day: int
    hour: int
    minute: int
    fold: int = 0


@dataclass(frozen=True)
class Wall:
    """Local time hh:mm on the calendar date (study day of the anchor) + days."""

    anchor: str  # "due" or "prev"
    days: int
    hour: int
    minute: int
    fold: int = 0


@dataclass(frozen=True)
class Due:
    """Near the due time: a few minutes after a learning due, some hours into a due day."""


@dataclass(frozen=True)
class Early:
    """Some days before a day-based due time."""

    days: int


@dataclass(frozen=True)
class Late:
    """Some days after the due time."""

    days: int


@dataclass(frozen=True)
class After:
    """A fixed number of minutes after the previous review."""

    minutes: float


Timing = At | Wall | Due | Early | Late | After
Step = tuple[Timing, int]


def is_day_due(card: Card, tz: ZoneInfo) -> bool:
    """Whether the card's due time is the start of a study day (a days-based interval)."""
    assert card.due is not None
    return card.due == start_of_study_day(study_day(card.due, tz), tz)


def review_time(
    timing: Timing, previous: datetime | None, card: Card | None, tz: ZoneInfo, rng: random.Random
) -> datetime:
    """Resolve a timing into an instant in whole seconds, after the previous review."""
    if isinstance(timing, At):
        local = datetime(
            timing.year, timing.month, timing.day, timing.hour, timing.minute, tzinfo=tz
        ).replace(fold=timing.fold)
        at = local.astimezone(UTC)
    elif isinstance(timing, After):
        assert previous is not None
        at = previous + timedelta(minutes=timing.minutes)
    else:
        assert previous is not None and card is not None and card.due is not None
        if isinstance(timing, Wall):
            base = card.due if timing.anchor == "due" else previous
            day = study_day(base, tz) + timedelta(days=timing.days)
            local = datetime.combine(day, time(timing.hour, timing.minute), tzinfo=tz)
            at = local.replace(fold=timing.fold).astimezone(UTC)
        elif not is_day_due(card, tz):
            # A learning step: answer within a few minutes of it coming due.
            at = card.due + timedelta(seconds=rng.randint(0, 420))
        else:
            shift = {Due: 0, Early: -1, Late: 1}[type(timing)]
            days = getattr(timing, "days", 0) * shift
            # Some hours into the day (roughly 05:00-19:00 local), as a person would study.
            at = card.due + timedelta(days=days, seconds=rng.randint(3600, 15 * 3600))
            if at <= previous:
                at = previous + timedelta(seconds=rng.randint(1800, 7200))
    at = at.replace(microsecond=0)
    if previous is not None and at <= previous:
        raise ValueError(f"review time {at} is not after {previous}")
    return at


# --- histories -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """One item's history: settings plus a scripted or seeded sequence of reviews."""

    item_id: str
    kind: str
    tz: str
    parameters: list[float]
    desired_retention: float
    note: str
    steps: Callable[[random.Random, Card | None], Step] | list[Step]
    count: int = 0


def scripted_plans() -> list[Plan]:
    """Hand-written histories for the edge cases: midnight, 04:00, DST changes, gaps, lapses."""
    return [
        Plan(
            "berlin-card-midnight",
            "card",
            BERLIN,
            DEFAULT_PARAMETERS,
            0.9,
            "23:00 and 02:00 share a study day; 03:59 and 04:01 do not",
            [
                (At(2025, 1, 14, 23, 0), 3),
                (After(10.5), 3),
                (Wall("prev", 1, 2, 0), 3),
                (Due(), 3),
                (Wall("due", 1, 3, 59), 1),
                (Wall("prev", 1, 4, 1), 3),
                (Due(), 2),
                (Due(), 3),
                (Late(60), 3),
                (Due(), 4),
                (Early(5), 3),
                (Due(), 3),
            ],
        ),
        Plan(
            "berlin-card-dst-2025",
            "card",
            BERLIN,
            ALT_PARAMETERS,
            0.9,
            "spring change (03:30 and 04:05 on 30 March), summer 03:30, autumn change",
            [
                (At(2025, 3, 29, 21, 30), 3),
                (After(10), 3),
                (At(2025, 3, 30, 3, 30), 3),
                (At(2025, 3, 30, 4, 5), 3),
                (Due(), 3),
                (Due(), 1),
                (After(12), 3),
                (Due(), 3),
                (At(2025, 7, 15, 3, 30), 3),
                (Due(), 2),
                (At(2025, 10, 25, 4, 30), 1),
                (After(11), 3),
                (At(2025, 10, 26, 2, 30, fold=0), 3),
                (At(2025, 10, 26, 2, 30, fold=1), 3),
                (At(2025, 10, 26, 4, 10), 3),
                (Due(), 3),
            ],
        ),
        Plan(
            "berlin-question-autumn-25h-day",
            "question",
            BERLIN,
            DEFAULT_PARAMETERS,
            0.85,
            "a one-day step from 04:30 on a 25-hour study day stays in seconds (due 03:30 CET)",
            [
                (At(2025, 10, 25, 4, 30), 1),
                (Due(), 3),
                (Due(), 2),
                (Due(), 3),
                (Due(), 1),
                (Due(), 2),
                (Due(), 3),
                (Late(30), 3),
                (Due(), 4),
                (Due(), 3),
                (Due(), 3),
            ],
        ),
        Plan(
            "berlin-question-hard",
            "question",
            BERLIN,
            ALT_PARAMETERS,
            0.9,
            "Hard on a new, learning, review and relearning question; spring change in 2026",
            [
                (At(2026, 3, 26, 18, 0), 2),
                (Due(), 2),
                (At(2026, 3, 29, 3, 30), 3),
                (At(2026, 3, 29, 4, 2), 3),
                (Due(), 2),
                (Due(), 1),
                (Due(), 2),
                (Due(), 3),
                (Due(), 3),
                (Early(3), 3),
                (Due(), 1),
                (Due(), 4),
            ],
        ),
        Plan(
            "berlin-card-learning-buttons",
            "card",
            BERLIN,
            DEFAULT_PARAMETERS,
            0.85,
            "Again/Hard on both learning steps, early learning answers, relearning Hard",
            [
                (At(2024, 6, 3, 8, 15), 1),
                (After(1), 2),
                (After(6), 3),
                (After(4), 2),
                (After(10), 1),
                (After(1), 3),
                (After(10), 3),
                (Due(), 1),
                (After(10), 2),
                (After(15), 1),
                (After(10), 3),
                (Due(), 3),
                (Due(), 3),
            ],
        ),
        Plan(
            "ny-card-dst-2025",
            "card",
            NEW_YORK,
            DEFAULT_PARAMETERS,
            0.9,
            "spring change (03:30 EDT, 04:01), both 01:30s of 2 November, 04:00 exactly",
            [
                (At(2025, 3, 8, 22, 0), 3),
                (After(10), 3),
                (At(2025, 3, 9, 3, 30), 3),
                (At(2025, 3, 9, 4, 1), 2),
                (Due(), 3),
                (Due(), 3),
                (Due(), 3),
                (At(2025, 11, 1, 5, 0), 1),
                (After(10), 3),
                (At(2025, 11, 2, 1, 30, fold=0), 3),
                (At(2025, 11, 2, 1, 30, fold=1), 3),
                (At(2025, 11, 2, 4, 0), 3),
                (Due(), 3),
            ],
        ),
        Plan(
            "ny-question-rollover-edges",
            "question",
            NEW_YORK,
            ALT_PARAMETERS,
            0.9,
            "a one-day relearning step exactly 86400 s before the rollover (05:00 EDT, 1 Nov)",
            [
                (At(2025, 10, 20, 10, 0), 3),
                (Due(), 3),
                (At(2025, 11, 1, 5, 0), 1),
                (Due(), 3),
                (Due(), 3),
                (Due(), 3),
                (At(2026, 3, 7, 4, 30), 1),
                (Due(), 3),
                (Due(), 4),
                (Due(), 3),
                (Late(200), 3),
            ],
        ),
        Plan(
            "ny-scenario-autumn-25h-day",
            "scenario",
            NEW_YORK,
            DEFAULT_PARAMETERS,
            0.9,
            "lapse at 04:30 EDT on the 25-hour study day of 1 November 2025",
            [
                (At(2025, 10, 10, 20, 0), 3),
                (Due(), 3),
                (Due(), 3),
                (At(2025, 11, 1, 4, 30), 1),
                (Due(), 3),
                (Due(), 3),
                (Due(), 1),
                (Due(), 3),
                (Due(), 4),
                (Late(90), 3),
            ],
        ),
        Plan(
            "kolkata-card-long-gaps",
            "card",
            KOLKATA,
            DEFAULT_PARAMETERS,
            0.9,
            "no DST; Easy on a new card, months and a year late, early review",
            [
                (At(2024, 2, 10, 19, 0), 4),
                (Due(), 3),
                (Late(120), 3),
                (Due(), 1),
                (After(10), 2),
                (After(16), 3),
                (Due(), 3),
                (Late(365), 3),
                (Due(), 3),
                (Early(10), 3),
                (Due(), 4),
            ],
        ),
        Plan(
            "kolkata-question-year-gap",
            "question",
            KOLKATA,
            ALT_PARAMETERS,
            0.85,
            "no DST; 23:59 and 00:01 share a study day; a year away",
            [
                (At(2024, 12, 30, 23, 59), 3),
                (Wall("prev", 1, 0, 1), 3),
                (Due(), 3),
                (Late(365), 1),
                (Due(), 3),
                (Wall("due", 1, 3, 59), 3),
                (Wall("prev", 1, 4, 1), 3),
                (Due(), 2),
                (Due(), 3),
                (Early(20), 3),
                (Due(), 3),
            ],
        ),
        Plan(
            "kolkata-card-same-day-reviews",
            "card",
            KOLKATA,
            ALT_PARAMETERS,
            0.9,
            "review cards answered again within the same study day (days_elapsed 0)",
            [
                (At(2025, 5, 5, 21, 0), 3),
                (After(10), 3),
                (After(60), 3),
                (Wall("prev", 1, 3, 0), 3),
                (Due(), 1),
                (After(9), 3),
                (After(120), 3),
                (Due(), 3),
                (Due(), 3),
                (Due(), 3),
            ],
        ),
        Plan(
            "berlin-scenario-easy-streak",
            "scenario",
            BERLIN,
            ALT_PARAMETERS,
            0.85,
            "Easy on new and review items, a lapse, Hard after relearning",
            [
                (At(2024, 1, 8, 9, 0), 4),
                (Due(), 3),
                (Due(), 1),
                (Due(), 3),
                (Due(), 4),
                (Due(), 2),
                (Late(14), 3),
                (Due(), 1),
                (Due(), 3),
                (Early(30), 3),
                (Due(), 3),
            ],
        ),
    ]


def seeded_plan(index: int, rng: random.Random) -> Plan:
    """A seeded history: mostly on time, sometimes early or late, kind-appropriate ratings."""
    kind = ("card", "question", "scenario", "card")[index % 4]
    tz = (BERLIN, NEW_YORK, KOLKATA)[index % 3]
    parameters = DEFAULT_PARAMETERS if index % 5 < 3 else ALT_PARAMETERS
    retention = 0.9 if index % 3 < 2 else 0.85
    start = datetime(2024, 1, 1) + timedelta(
        days=rng.randint(0, 900), hours=rng.randint(6, 22), minutes=rng.randint(0, 59)
    )
    first = At(start.year, start.month, start.day, start.hour, start.minute)

    def step(rng: random.Random, card: Card | None) -> Step:
        if card is None:
            return first, pick_rating(rng, 0)
        roll = rng.random()
        timing: Timing = Due()
        if roll < 0.12:
            timing = Early(rng.randint(1, 4))
        elif roll < 0.27:
            timing = Late(rng.choice([1, 2, 5, 14, 45, 120]))
        return timing, pick_rating(rng, card.interval)

    def pick_rating(rng: random.Random, interval: int) -> int:
        # Long intervals are often forgotten; this also keeps the histories within a decade.
        again = 200 if interval > 365 else 45 if interval > 150 else 12
        if kind == "card":
            return rng.choices([1, 2, 3, 4], weights=[again, 12, 60, 16])[0]
        # studyapp's questions only offer Again, Good and Easy.
        return rng.choices([1, 3, 4], weights=[again + 3, 70, 15])[0]

    return Plan(
        f"seeded-{index:02d}-{kind}",
        kind,
        tz,
        parameters,
        retention,
        "seeded: mostly on time, sometimes early or late",
        step,
        count=rng.randint(11, 16),
    )


def run_plan(plan: Plan, rng: random.Random) -> dict[str, object]:
    """Schedule one history with the reference, recording every button's outcome."""
    tz = ZoneInfo(plan.tz)
    reference = AnkiReference(plan.parameters, plan.desired_retention, tz)
    card: Card | None = None
    previous: datetime | None = None
    reviews = []
    for index in range(len(plan.steps) if isinstance(plan.steps, list) else plan.count):
        timing, rating = (
            plan.steps[index] if isinstance(plan.steps, list) else plan.steps(rng, card)
        )
        if isinstance(timing, Early) and card is not None and not is_day_due(card, tz):
            timing = Due()
        if isinstance(timing, Early) and card is not None and card.interval <= timing.days:
            timing = Due()
        at = review_time(timing, previous, card, tz, rng)
        outcomes = reference.preview(card, plan.kind, at)
        card = outcomes[rating]
        assert card.ctype is not CardType.NEW
        previous = at
        reviews.append(
            {
                "at": iso_utc(at),
                "rating": rating,
                "expected": card.expected(),
                "all_ratings": {str(r): outcomes[r].expected() for r in (1, 2, 3, 4)},
            }
        )
    return {
        "item_id": plan.item_id,
        "kind": plan.kind,
        "tz": plan.tz,
        "parameters": plan.parameters,
        "desired_retention": plan.desired_retention,
        "note": plan.note,
        "reviews": reviews,
    }


def build_golden() -> dict[str, object]:
    """All histories, deterministic for the fixed seed."""
    rng = random.Random(SEED)
    plans = scripted_plans() + [seeded_plan(i, rng) for i in range(18)]
    return {
        "source": (
            f"Anki rslib/src/scheduler at {ANKI_COMMIT} (FSRS mode, fuzz off, load balancer off),"
            f" ported in tests/golden/anki_reference.py; fsrs-rs-python"
            f" {version('fsrs-rs-python')}; study day rolls over at 04:00 local; memory state"
            " stored as Anki stores it (stability to 4, difficulty to 3 decimals)"
        ),
        "histories": [run_plan(plan, rng) for plan in plans],
    }


def render(golden: dict[str, object]) -> str:
    """The JSON text as committed."""
    return json.dumps(golden, indent=1) + "\n"


def main() -> None:
    """Write the golden file."""
    GOLDEN_PATH.write_text(render(build_golden()), encoding="utf-8")


if __name__ == "__main__":
    main()
