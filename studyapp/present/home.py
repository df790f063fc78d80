"""The day's plan as Home shows it: the exam day, readiness, the last mock exam, the streak,
and what "study now" runs."""

from __future__ import annotations

from datetime import date, tzinfo
from typing import TYPE_CHECKING

from studyapp.clock import study_day
from studyapp.present.readiness import readiness_headline
from studyapp.scoring import PASSING_SCORE
from studyapp.stats.overview import KindCounts
from studyapp.store import ExamRecord

if TYPE_CHECKING:
    from studyapp.stats import Readiness

#: How to set the exam date, where there is none.
SET_EXAM_DATE = "studyapp plan --exam YYYY-MM-DD"
#: The readiness line while its worker computes it.
READINESS_COMPUTING = "Readiness: computing…"


def _day_text(day: date) -> str:
    """`Fri 20 Mar 2026`."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _count(number: int, singular: str, plural: str | None = None) -> str:
    """`1 day`, `3 days`."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def exam_day_text(exam_date: date | None, today: date) -> str:
    """The exam date set in Settings or with `studyapp plan --exam` and the study days left
    until it, or how to set one (under 80 columns: it is one line of Home)."""
    if exam_date is None:
        return f"No exam date: set one in Settings (,) or {SET_EXAM_DATE}"
    if exam_date < today:
        return f"Exam day {_day_text(exam_date)} has passed: studyapp plan --clear"
    if exam_date == today:
        return f"Exam day: today, {_day_text(exam_date)}"
    return f"Exam day: {_day_text(exam_date)} · {_count((exam_date - today).days, 'day')} left"


def readiness_line(ready: Readiness | None) -> str:
    """The headline `studyapp stats` gives, after `Readiness: `; the exam's date is left to
    the Exam day line above it, so the line fits 80 columns."""
    if ready is None:
        return "Readiness: no questions or scenarios to predict from"
    return f"Readiness: {readiness_headline(ready, dated=False)}"


def last_exam_text(exam: ExamRecord | None, local_tz: tzinfo) -> str:
    """`Last mock exam: 640, fail (DVA-C02, Mon 2 Mar)`, or that there has been none."""
    if exam is None or exam.score_scaled is None:
        return "No mock exam yet"
    verdict = "pass" if exam.score_scaled >= PASSING_SCORE else "fail"
    which = _exam_scope(exam)
    day = study_day(exam.submitted_at or exam.started_at, local_tz)
    return f"Last mock exam: {exam.score_scaled}, {verdict} ({which}, {day:%a} {day.day} {day:%b})"


def _exam_scope(exam: ExamRecord) -> str:
    """`DVA-C02` for an exam guide's, else `all topics` or `2 topics` (the ones picked)."""
    if exam.guide_id is not None:
        return exam.guide_id.upper()
    return _count(len(exam.topic_ids), "topic") if exam.topic_ids else "all topics"


def streak_text(days: int | None) -> str:
    """`Streak: 3 days` (study days in a row with a review); `Streak: …` while unknown."""
    return "Streak: …" if days is None else f"Streak: {_count(days, 'day')}"


def kind_text(counts: KindCounts, singular: str, plural: str) -> str:
    """`5 due + 7 new cards`, `7 new cards`, `1 due card`; "" when there is neither."""
    total = counts.due + counts.new
    noun = singular if total == 1 else plural
    if counts.due and counts.new:
        return f"{counts.due} due + {counts.new} new {noun}"
    if counts.due:
        return f"{counts.due} due {noun}"
    return f"{counts.new} new {noun}" if counts.new else ""


def study_now_text(cards: KindCounts, questions: KindCounts, topic_title: str | None) -> str:
    """What Enter runs, in order, for all topics or the highlighted one (`topic_title`)."""
    what = f"Enter study now ({topic_title})" if topic_title else "Enter study now"
    parts = [
        part
        for part in (
            kind_text(cards, "card", "cards"),
            kind_text(questions, "question", "questions"),
        )
        if part
    ]
    if not parts:
        return f"{what}: nothing due, no new items left today · z quizzes early ones"
    return f"{what}: " + ", then ".join(parts)
