"""The learner's own scheduling choices kept in the store: fitted parameters and an exam date."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, tzinfo

from studyapp.clock import ROLLOVER_HOUR
from studyapp.errors import StoreError
from studyapp.srs.scheduler import PARAMETER_COUNT, StudyScheduler
from studyapp.store import Store
from studyapp.store.records import Settings
from studyapp.store.settings import PREFERENCE_PREFIX

#: Preference holding the fitted FSRS parameters as a JSON list.
PARAMETERS_PREFERENCE = "fsrs_parameters"
#: Preference holding the exam date as YYYY-MM-DD (local).
EXAM_DATE_PREFERENCE = "exam_date"


def check_parameters(parameters: Sequence[float]) -> tuple[float, ...]:
    """The parameters as a tuple, refusing a list that is not FSRS-6's 21 numbers."""
    if len(parameters) != PARAMETER_COUNT:
        raise StoreError(
            f"FSRS parameters must be {PARAMETER_COUNT} numbers (FSRS-6), got {len(parameters)}; "
            "not stored"
        )
    return tuple(float(w) for w in parameters)


def stored_parameters(store: Store) -> tuple[float, ...] | None:
    """The parameters `studyapp optimize` kept, or None for FSRS's defaults."""
    text = store.settings.preference(PARAMETERS_PREFERENCE)
    if text is None:
        return None
    try:
        values = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"stored FSRS parameters are not JSON: {exc}") from exc
    return check_parameters(values)


def store_parameters(store: Store, parameters: Sequence[float]) -> None:
    store.settings.set_preference(
        PARAMETERS_PREFERENCE, json.dumps(list(check_parameters(parameters)))
    )


def stored_exam_date(store: Store) -> date | None:
    text = store.settings.preference(EXAM_DATE_PREFERENCE)
    return None if text is None else date.fromisoformat(text)


def exam_day_start(exam_date: date, local_tz: tzinfo) -> datetime:
    """The UTC instant the exam's study day begins (04:00 local on the exam date)."""
    return datetime.combine(exam_date, time(ROLLOVER_HOUR), tzinfo=local_tz).astimezone(UTC)


def scheduler_from_store(store: Store, local_tz: tzinfo) -> StudyScheduler:
    """The scheduler the settings ask for: retention, fitted parameters, exam date."""
    exam = stored_exam_date(store)
    return StudyScheduler(
        desired_retention=store.settings.current().desired_retention,
        parameters=stored_parameters(store),
        exam_start=exam_day_start(exam, local_tz) if exam else None,
        local_tz=local_tz,
    )


def scheduler_for(
    settings: Mapping[str, str], meta: Mapping[str, str], local_tz: tzinfo
) -> StudyScheduler:
    """The scheduler raw `settings` and `meta` rows ask for (a migration has no `Store` yet)."""
    retention = settings.get("desired_retention")
    parameters = meta.get(PREFERENCE_PREFIX + PARAMETERS_PREFERENCE)
    exam = meta.get(PREFERENCE_PREFIX + EXAM_DATE_PREFERENCE)
    return StudyScheduler(
        desired_retention=Settings.desired_retention
        if retention is None
        else json.loads(retention),
        parameters=None if parameters is None else check_parameters(json.loads(parameters)),
        exam_start=None if exam is None else exam_day_start(date.fromisoformat(exam), local_tz),
        local_tz=local_tz,
    )


__all__ = [
    "EXAM_DATE_PREFERENCE",
    "PARAMETERS_PREFERENCE",
    "check_parameters",
    "exam_day_start",
    "scheduler_for",
    "scheduler_from_store",
    "store_parameters",
    "stored_exam_date",
    "stored_parameters",
]
