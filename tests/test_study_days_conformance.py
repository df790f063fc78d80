"""studyapp's scheduler reproduces every golden history computed by the Anki reference port."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo

import pytest

from studyapp.srs.scheduler import Rating, StudyScheduler
from tests.golden.make_golden import GOLDEN_PATH

RELATIVE_TOLERANCE = 1e-4


class ItemStateApi(Protocol):
    """The fields of studyapp's `ItemState` this test reads."""

    @property
    def state(self) -> int: ...
    @property
    def due(self) -> datetime: ...
    @property
    def scheduled_days(self) -> int: ...
    @property
    def step(self) -> int | None: ...
    @property
    def stability(self) -> float | None: ...
    @property
    def difficulty(self) -> float | None: ...
    @property
    def reps(self) -> int: ...
    @property
    def lapses(self) -> int: ...


class SchedulerApi(Protocol):
    """The `StudyScheduler` methods this test calls."""

    def preview(
        self, state: ItemStateApi | None, item_id: str, kind: str, at: datetime
    ) -> Mapping[Rating, ItemStateApi]: ...

    def next_state(
        self, state: ItemStateApi | None, item_id: str, kind: str, rating: Rating, at: datetime
    ) -> ItemStateApi: ...


def make_scheduler(history: dict[str, Any]) -> SchedulerApi:
    """A fuzz-free StudyScheduler for one history's settings."""
    # The scheduler with this constructor is being written alongside this test; going through
    # Any keeps mypy independent of which version of StudyScheduler is checked out.
    factory: Any = StudyScheduler
    return cast(
        SchedulerApi,
        factory(
            desired_retention=history["desired_retention"],
            parameters=history["parameters"],
            local_tz=ZoneInfo(history["tz"]),
            fuzz=False,
        ),
    )


@dataclass
class Replay:
    """The outcome of running all golden histories through studyapp's scheduler."""

    mismatches: list[str] = field(default_factory=list)
    reviews: int = 0
    identical_intervals: int = 0


def parse_instant(text: str) -> datetime:
    """An ISO 8601 UTC instant ending in Z as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def replay_history(history: dict[str, Any], result: Replay) -> None:
    """Run one history through the scheduler, recording every difference from the golden."""
    item_id = history["item_id"]
    kind = history["kind"]
    result.reviews += len(history["reviews"])
    try:
        scheduler = make_scheduler(history)
    except Exception as error:  # reported as a mismatch so every history still runs
        result.mismatches.append(f"{item_id}: StudyScheduler(...) raised {error!r}")
        return
    state: ItemStateApi | None = None
    for index, review in enumerate(history["reviews"]):
        where = f"{item_id} review {index} at {review['at']} rating {review['rating']}"
        at = parse_instant(review["at"])
        expected = review["expected"]
        try:
            previews = scheduler.preview(state, item_id, kind, at)
            state = scheduler.next_state(state, item_id, kind, Rating(review["rating"]), at)
        except Exception as error:  # one failing item must not hide the others
            result.mismatches.append(f"{where}: raised {error!r}; rest of history skipped")
            return
        for rating_text, option in review["all_ratings"].items():
            preview = previews.get(Rating(int(rating_text)))
            if preview is None:
                result.mismatches.append(f"{where}: no preview for rating {rating_text}")
                continue
            if preview.state != option["state"] or preview.due != parse_instant(option["due"]):
                result.mismatches.append(
                    f"{where}: preview {rating_text} is state {preview.state} due "
                    f"{preview.due.isoformat()}, expected state {option['state']} due "
                    f"{option['due']}"
                )
        interval_differences = [
            f"{name} {actual!r} != {wanted!r}"
            for name, actual, wanted in (
                ("state", state.state, expected["state"]),
                ("due", state.due, parse_instant(expected["due"])),
                ("scheduled_days", state.scheduled_days, expected["scheduled_days"]),
            )
            if actual != wanted
        ]
        if not interval_differences:
            result.identical_intervals += 1
        differences = list(interval_differences)
        if state.lapses != expected["lapses"]:
            differences.append(f"lapses {state.lapses!r} != {expected['lapses']!r}")
        for name, actual, wanted in (
            ("stability", state.stability, expected["stability"]),
            ("difficulty", state.difficulty, expected["difficulty"]),
        ):
            if actual is None or not math.isclose(actual, wanted, rel_tol=RELATIVE_TOLERANCE):
                differences.append(
                    f"{name} {actual!r} not within {RELATIVE_TOLERANCE} of {wanted!r}"
                )
        if differences:
            result.mismatches.append(f"{where}: " + "; ".join(differences))


@pytest.fixture(scope="module")
def replay() -> Replay:
    """All golden histories replayed once through studyapp's scheduler."""
    golden = json.loads(GOLDEN_PATH.read_text(encoding="utf-8"))
    result = Replay()
    for history in golden["histories"]:
        replay_history(history, result)
    return result


def test_every_review_matches_the_anki_reference(replay: Replay) -> None:
    """State, due, interval, lapses, memory and all four button previews match the golden."""
    assert replay.mismatches == [], f"{len(replay.mismatches)} mismatches:\n" + "\n".join(
        replay.mismatches
    )


def test_all_intervals_identical(replay: Replay) -> None:
    """Every review's state, due time and interval equal the reference's."""
    summary = f"{replay.identical_intervals} of {replay.reviews} intervals identical"
    assert replay.reviews > 0
    assert replay.identical_intervals == replay.reviews, summary
