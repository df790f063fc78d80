"""What line mode prints about mock exams: the result, each question reviewed, past exams."""

from __future__ import annotations

from datetime import datetime, tzinfo

from studyapp.lines.items import answer_lines, stem_lines
from studyapp.lines.tables import text_lines
from studyapp.lines.writer import wrap_text
from studyapp.present.exam import (
    DOMAIN_RULE,
    domain_scores_table,
    missed_due_text,
    time_used_text,
    topic_scores_table,
)
from studyapp.present.exam_history import exam_history_table, exam_name
from studyapp.store import Store
from studyapp.study.exam import (
    PASSING_SCORE,
    SCALE_LABEL,
    SCALE_MAX,
    SCALE_MIN,
    ExamResult,
    ReviewedQuestion,
)
from studyapp.text import printable

SCALE_RULE = (
    f"The {SCALE_LABEL} is {SCALE_MIN} + {SCALE_MAX - SCALE_MIN} × right ÷ asked, rounded; "
    "AWS does not publish its own scaling."
)


def result_lines(result: ExamResult, now: datetime, local_tz: tzinfo) -> list[str]:
    """The score on the simulated scale with pass or fail, the time used, when the questions
    missed come back, and a table per domain with its verdict (a guide exam) or per topic."""
    verdict = "PASS" if result.passed else "FAIL"
    unscored = f" scored ({result.unscored} unscored not counted)" if result.unscored else ""
    due = missed_due_text(result, now, local_tz)
    lines = [
        f"Score: {result.score} on a {SCALE_LABEL} of {SCALE_MIN}-{SCALE_MAX} "
        f"({PASSING_SCORE} to pass): {verdict}",
        f"Right: {result.correct} of {result.total}{unscored}",
        time_used_text(result),
        *([due] if due else []),
        SCALE_RULE,
        "",
    ]
    if result.domains:
        guide = (result.guide_id or "").upper()
        return [
            *lines,
            f"{guide} domains (scored questions only):",
            *text_lines(domain_scores_table(result.domains)),
            DOMAIN_RULE,
        ]
    return [*lines, *text_lines(topic_scores_table(result.topics))]


def review_lines(question: ReviewedQuestion, width: int) -> list[str]:
    """One question after the exam: the pick, the right answer and every option's why, with
    the letters as the exam showed them."""
    picked, shown = question.picked, question.shown
    right = shown.letters(question.right)
    yours = "not answered" if picked is None else "you chose " + shown.letters(picked)
    item = question.item
    unscored = " · unscored" if not question.scored else ""
    # A long topic title wraps the heading rather than running past the width.
    lines = wrap_text(
        f"── Question {question.position} · {question.topic_title}{unscored} · {yours} · "
        f"answer {right} ──",
        width,
    )
    return [*lines, *stem_lines(item, width), *answer_lines(item, shown, width, picked)]


def history_lines(store: Store, local_tz: tzinfo) -> list[str]:
    """Past exams newest first (date, exam guide or topics, score, pass or fail, right, time
    used), and any unfinished."""
    submitted = store.exams.records("submitted")
    if submitted:
        table = exam_history_table(submitted, local_tz)
        lines = [printable(line, newlines=False) for line in text_lines(table)]
    else:
        lines = ["No submitted exams yet. Start one with `studyapp exam`."]
    unfinished = store.exams.unfinished()
    if unfinished is not None:
        started = unfinished.started_at.astimezone(local_tz)
        lines.append(
            f"Unfinished: the {exam_name(unfinished)} exam started at {started:%Y-%m-%d %H:%M}; "
            "`studyapp exam` offers to resume it."
        )
    return lines
