"""Past mock exams as one table, the same in `studyapp exam --history` and the Stats screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from studyapp.present.durations import span_text
from studyapp.present.table import Table
from studyapp.scoring import PASSING_SCORE, SCALE_MIN
from studyapp.store import ExamRecord

#: What the Stats screen shows where the table would be, before the first submitted exam.
NO_EXAM_YET = "No mock exam yet"


def exam_name(exam: ExamRecord) -> str:
    """`DVA-C02` for a guide exam, `topics` for one drawn across topics."""
    return "topics" if exam.guide_id is None else exam.guide_id.upper()


def exam_history_table(submitted: Sequence[ExamRecord], local_tz: tzinfo) -> Table:
    """One row per submitted exam, in the order given (the store's: newest first): when it
    started, its guide or `topics`, the scaled score, pass or fail, right answers (scored
    questions only) and the time used."""
    return Table(
        title="Mock exams",
        headers=("date", "exam", "score", "result", "right", "time used"),
        align=("left", "left", "right", "left", "right", "left"),
        rows=tuple(_row(exam, local_tz) for exam in submitted),
    )


def _row(exam: ExamRecord, local_tz: tzinfo) -> tuple[str, ...]:
    started = exam.started_at.astimezone(local_tz)
    score = exam.score_scaled or SCALE_MIN
    return (
        f"{started:%Y-%m-%d %H:%M}",
        exam_name(exam),
        str(score),
        "pass" if score >= PASSING_SCORE else "fail",
        f"{exam.correct}/{exam.total}",
        span_text(exam.elapsed_ms / 1000),
    )
