"""Rows of the `exams` and `exam_answers` tables, to and from their records."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.store.records import ExamAnswer, ExamRecord

EXAM_COLUMNS = (
    "id, started_at, time_limit_seconds, question_ids, topic_ids, status, elapsed_ms, "
    "submitted_at, score_scaled, correct, total"
)
ANSWER_COLUMNS = "exam_id, item_id, position, chosen, flagged"


def exam_to_row(exam: ExamRecord) -> tuple[Any, ...]:
    """The values of EXAM_COLUMNS for `exam`, in that order."""
    return (
        exam.id,
        to_utc_text(exam.started_at),
        exam.time_limit_seconds,
        json.dumps(list(exam.question_ids)),
        None if exam.topic_ids is None else json.dumps(list(exam.topic_ids)),
        exam.status,
        exam.elapsed_ms,
        None if exam.submitted_at is None else to_utc_text(exam.submitted_at),
        exam.score_scaled,
        exam.correct,
        exam.total,
    )


def exam_from_row(row: Sequence[Any]) -> ExamRecord:
    """The record of a row read with EXAM_COLUMNS."""
    (exam_id, started, limit, question_ids, topic_ids, status, elapsed, submitted) = row[:8]
    (score, correct, total) = row[8:]
    return ExamRecord(
        id=exam_id,
        started_at=from_utc_text(started),
        time_limit_seconds=limit,
        question_ids=tuple(json.loads(question_ids)),
        topic_ids=None if topic_ids is None else tuple(json.loads(topic_ids)),
        status=status,
        elapsed_ms=elapsed,
        submitted_at=None if submitted is None else from_utc_text(submitted),
        score_scaled=score,
        correct=correct,
        total=total,
    )


def chosen_to_text(chosen: Sequence[int] | None) -> str | None:
    """Picked option indices as JSON (sorted, no repeats), or None for unanswered."""
    return None if chosen is None else json.dumps(sorted(set(chosen)))


def answer_from_row(row: Sequence[Any]) -> ExamAnswer:
    """The record of a row read with ANSWER_COLUMNS."""
    (exam_id, item_id, position, chosen, flagged) = row
    picked = None if chosen is None else tuple(int(i) for i in json.loads(chosen))
    return ExamAnswer(exam_id, item_id, position, picked, bool(flagged))
