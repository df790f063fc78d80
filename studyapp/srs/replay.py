"""The scheduler handed to the store for the schema upgrades that replay the review log.

The store never imports `srs`: whoever opens a database passes `step_for` (through
`open_store` and `recover`), and the migrations of v4 and v7 call it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.clock import local_zone
from studyapp.memory import ItemState
from studyapp.srs.personal import scheduler_for
from studyapp.srs.scheduler import Rating, StudyScheduler
from studyapp.store import Store
from studyapp.store.settings import PREFERENCE_PREFIX, settings_from_rows

if TYPE_CHECKING:  # the migrations import sqlite-utils: only when a database is upgraded
    from studyapp.store.rebuild import ReplayStep
    from studyapp.store.recovery import RecoveryReport


def step_for(rows: tuple[Mapping[str, str], Mapping[str, str]] | None) -> ReplayStep:
    """One scheduling step for raw (settings, meta) rows; FSRS's defaults for None."""
    scheduler = StudyScheduler() if rows is None else _scheduler_of_rows(*rows)

    def step(
        prior: ItemState | None, item_id: str, kind: str, rating: int, at: datetime, fuzz_key: str
    ) -> ItemState:
        return scheduler.next_state(prior, item_id, kind, Rating(rating), at, fuzz_key)

    return step


def _scheduler_of_rows(settings: Mapping[str, str], meta: Mapping[str, str]) -> StudyScheduler:
    """The scheduler raw `settings` and `meta` rows ask for (a migration has no `Store` yet)."""
    return scheduler_for(
        settings_from_rows(settings.items()),
        lambda name: meta.get(PREFERENCE_PREFIX + name),
        local_zone(),
    )


def open_store(path: Path | None, *, read_only: bool = False) -> Store:
    """`Store.open` with the scheduler an upgrade of an older database replays its log with."""
    return Store.open(path, read_only=read_only, step_for=step_for)


def recover(source: Path, target: Path) -> RecoveryReport:
    """`recover_database` with the scheduler that rebuilds the recovered states."""
    from studyapp.store.recovery import recover_database

    return recover_database(source, target, step_for)


__all__ = ["open_store", "recover", "step_for"]
