"""The learner's own scheduling choices kept in the store: fitted parameters and an exam date."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, tzinfo

from studyapp.clock import ROLLOVER_HOUR
from studyapp.errors import StoreError
from studyapp.srs.scheduler import PARAMETER_COUNT, StudyScheduler
from studyapp.store import Store
from studyapp.store.records import Settings

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
    return _parameters_from_text(store.settings.preference(PARAMETERS_PREFERENCE))


def _parameters_from_text(text: str | None) -> tuple[float, ...] | None:
    """Parameters kept as a JSON list, checked; None for none kept."""
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


def store_exam_date(store: Store, exam_date: date | None) -> None:
    """Keep the exam date (one `parse_exam_date` accepted), or forget it (None)."""
    if exam_date is None:
        store.settings.delete_preference(EXAM_DATE_PREFERENCE)
    else:
        store.settings.set_preference(EXAM_DATE_PREFERENCE, exam_date.isoformat())


def exam_day_start(exam_date: date, local_tz: tzinfo) -> datetime:
    """The UTC instant the exam's study day begins (04:00 local on the exam date)."""
    return datetime.combine(exam_date, time(ROLLOVER_HOUR), tzinfo=local_tz).astimezone(UTC)


def scheduler_for(
    settings: Settings, preference: Callable[[str], str | None], local_tz: tzinfo
) -> StudyScheduler:
    """The scheduler the learner's choices ask for: retention, fitted parameters, exam date.

    `preference` reads one stored preference by name: `store.settings.preference`, or the
    raw `meta` rows while a migration has no `Store` yet (`studyapp.srs.replay`).
    """
    exam = preference(EXAM_DATE_PREFERENCE)
    exam_start = None if exam is None else exam_day_start(date.fromisoformat(exam), local_tz)
    return StudyScheduler(
        desired_retention=settings.desired_retention,
        parameters=_parameters_from_text(preference(PARAMETERS_PREFERENCE)),
        exam_start=exam_start,
        local_tz=local_tz,
    )


def scheduler_from_store(store: Store, local_tz: tzinfo) -> StudyScheduler:
    """The scheduler the store's settings and preferences ask for."""
    return scheduler_for(store.settings.current(), store.settings.preference, local_tz)


__all__ = [
    "EXAM_DATE_PREFERENCE",
    "PARAMETERS_PREFERENCE",
    "check_parameters",
    "exam_day_start",
    "scheduler_for",
    "scheduler_from_store",
    "store_exam_date",
    "store_parameters",
    "stored_exam_date",
    "stored_parameters",
]
