"""Mock exams: the `exams` and `exam_answers` tables, their rows and records."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.errors import StoreError
from studyapp.store.records import (
    ExamAnswer,
    ExamOutcome,
    ExamRecord,
    ExamStatus,
    ItemState,
    ReviewRecord,
)

if TYPE_CHECKING:
    from studyapp.store.database import Store
    from studyapp.store.reviews import ReviewLog

EXAM_COLUMNS = (
    "id, started_at, time_limit_seconds, question_ids, topic_ids, status, elapsed_ms, "
    "submitted_at, score_scaled, correct, total, guide_id, unscored_ids"
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
        exam.guide_id,
        json.dumps(list(exam.unscored_ids)) if exam.unscored_ids else None,
    )


def exam_from_row(row: Sequence[Any]) -> ExamRecord:
    """The record of a row read with EXAM_COLUMNS."""
    (exam_id, started, limit, question_ids, topic_ids, status, elapsed, submitted) = row[:8]
    (score, correct, total, guide_id, unscored_ids) = row[8:]
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
        guide_id=guide_id,
        unscored_ids=tuple(json.loads(unscored_ids)) if unscored_ids else (),
    )


def chosen_to_text(chosen: Sequence[int] | None) -> str | None:
    """Picked option indices as JSON (sorted, no repeats), or None for unanswered."""
    return None if chosen is None else json.dumps(sorted(set(chosen)))


def answer_from_row(row: Sequence[Any]) -> ExamAnswer:
    """The record of a row read with ANSWER_COLUMNS."""
    (exam_id, item_id, position, chosen, flagged) = row
    picked = None if chosen is None else tuple(int(i) for i in json.loads(chosen))
    return ExamAnswer(exam_id, item_id, position, picked, bool(flagged))


class Exams:
    """Mock exams (`store.exams`): each answer and flag committed as it is given; the
    submission's reviews are appended to `store.reviews` in the same transaction."""

    def __init__(self, store: Store, reviews: ReviewLog) -> None:
        self._store = store
        self._conn = store.conn
        self._reviews = reviews
        #: Unfinished exams this store created or read, with each question's (chosen, flagged)
        #: as last written or read: what `_write_back` puts back after a restore.
        self._open: dict[str, tuple[ExamRecord, dict[str, list[Any]]]] = {}

    def create(self, exam: ExamRecord) -> None:
        """Store a new exam, its session (its reviews name it) and one unanswered row per question."""
        self._open[exam.id] = (exam, {item_id: [None, 0] for item_id in exam.question_ids})
        with self._store.write():
            self._insert(exam.id)

    def _insert(self, exam_id: str, *, again: bool = False) -> None:
        exam, answers = self._open[exam_id]
        marks = ", ".join("?" * len(EXAM_COLUMNS.split(", ")))
        scope = None if exam.topic_ids is None else json.dumps(list(exam.topic_ids))
        started = to_utc_text(exam.started_at)
        self._reviews.insert_session(exam.id, "exam", started, scope, again=again)
        self._conn.execute(
            f"INSERT INTO exams ({EXAM_COLUMNS}) VALUES ({marks})", exam_to_row(exam)
        )
        self._conn.executemany(
            f"INSERT INTO exam_answers ({ANSWER_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            [
                (exam.id, item_id, n, *answers[item_id])
                for n, item_id in enumerate(exam.question_ids, start=1)
            ],
        )

    def _write_back(self, exam_id: str) -> bool:
        """Put an unfinished exam of this window back when the file no longer has it at all:
        `studyapp restore` in another process replaced the content while it was being sat."""
        if exam_id not in self._open:
            return False
        if self._conn.execute("SELECT 1 FROM exams WHERE id = ?", (exam_id,)).fetchone():
            return False  # there, but submitted or discarded: not this window's to undo
        self._insert(exam_id, again=True)
        return True

    def save_answer(
        self, exam_id: str, item_id: str, chosen: Sequence[int] | None, elapsed_ms: int
    ) -> None:
        """Commit one question's picked options (None: unanswered) with the time used so far."""
        self._update_answer(exam_id, item_id, "chosen", chosen_to_text(chosen), elapsed_ms)

    def save_flag(self, exam_id: str, item_id: str, flagged: bool, elapsed_ms: int) -> None:
        """Commit one question's flag with the time used so far."""
        self._update_answer(exam_id, item_id, "flagged", int(flagged), elapsed_ms)

    def _update_answer(
        self, exam_id: str, item_id: str, column: str, value: object, elapsed_ms: int
    ) -> None:
        with self._store.write():
            self._save_elapsed(exam_id, elapsed_ms)
            cursor = self._conn.execute(
                f"UPDATE exam_answers SET {column} = ? WHERE exam_id = ? AND item_id = ?",
                (value, exam_id, item_id),
            )
            if cursor.rowcount == 0:
                raise StoreError(f"exam {exam_id} has no question {item_id!r}")
            if exam_id in self._open:
                self._open[exam_id][1][item_id][0 if column == "chosen" else 1] = value

    def save_elapsed(self, exam_id: str, elapsed_ms: int) -> None:
        """Commit the time an unfinished exam has used so far."""
        with self._store.write():
            self._save_elapsed(exam_id, elapsed_ms)

    def _save_elapsed(self, exam_id: str, elapsed_ms: int) -> None:
        for _attempt in range(2):
            cursor = self._conn.execute(
                "UPDATE exams SET elapsed_ms = ? WHERE id = ? AND status = 'in_progress'",
                (elapsed_ms, exam_id),
            )
            if cursor.rowcount or not self._write_back(exam_id):
                break
        if cursor.rowcount == 0:
            raise StoreError(f"exam {exam_id} is not in progress (submitted or discarded?)")

    def submit(
        self,
        outcome: ExamOutcome,
        reviews: Sequence[tuple[ReviewRecord, Callable[[ItemState | None], ItemState]]],
    ) -> list[tuple[ReviewRecord, ItemState]]:
        """Store an exam's score and append its reviews, all in one committed transaction."""
        with self._store.write():
            self._save_elapsed(outcome.exam_id, outcome.elapsed_ms)
            saved = [self._reviews.append(review, next_state) for review, next_state in reviews]
            self._conn.execute(
                "UPDATE exams SET status = 'submitted', submitted_at = ?, score_scaled = ?, "
                "correct = ?, total = ? WHERE id = ?",
                (
                    to_utc_text(outcome.submitted_at),
                    outcome.score_scaled,
                    outcome.correct,
                    outcome.total,
                    outcome.exam_id,
                ),
            )
        return saved

    def discard(self, exam_id: str) -> None:
        """Delete an unfinished exam and its answers (its empty session row stays)."""
        with self._store.write():
            cursor = self._conn.execute(
                "DELETE FROM exams WHERE id = ? AND status = 'in_progress'", (exam_id,)
            )
            if cursor.rowcount == 0:
                raise StoreError(f"exam {exam_id} is not in progress (submitted or discarded?)")
        self._open.pop(exam_id, None)

    def get(self, exam_id: str) -> ExamRecord | None:
        """The exam; an unfinished one is remembered with its answers, for `_write_back`."""
        row = self._conn.execute(
            f"SELECT {EXAM_COLUMNS} FROM exams WHERE id = ?", (exam_id,)
        ).fetchone()
        if row is None:
            return None
        exam = next(self._store.decoded(exam_from_row, [row], "exams"))
        if exam.status == "in_progress":
            answers = {
                answer.item_id: [chosen_to_text(answer.chosen), int(answer.flagged)]
                for answer in self.answers(exam_id)
            }
            self._open[exam_id] = (exam, answers)
        return exam

    def answers(self, exam_id: str) -> list[ExamAnswer]:
        """Every question of an exam in position order, answered or not."""
        rows = self._conn.execute(
            f"SELECT {ANSWER_COLUMNS} FROM exam_answers WHERE exam_id = ? ORDER BY position",
            (exam_id,),
        )
        return list(self._store.decoded(answer_from_row, rows, "exam_answers"))

    def records(self, status: ExamStatus | None = None) -> list[ExamRecord]:
        """Exams newest first, all of them or only those with `status`."""
        where, args = ("WHERE status = ?", (status,)) if status else ("", ())
        rows = self._conn.execute(
            f"SELECT {EXAM_COLUMNS} FROM exams {where} ORDER BY started_at DESC, rowid DESC", args
        )
        return list(self._store.decoded(exam_from_row, rows, "exams"))

    def unfinished(self) -> ExamRecord | None:
        """The newest exam not yet submitted, to offer to resume."""
        unfinished = self.records("in_progress")
        return unfinished[0] if unfinished else None


__all__ = [
    "ANSWER_COLUMNS",
    "EXAM_COLUMNS",
    "Exams",
    "answer_from_row",
    "chosen_to_text",
    "exam_from_row",
    "exam_to_row",
]
