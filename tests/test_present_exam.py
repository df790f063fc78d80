"""What both front ends say about a mock exam: its times, its overview's cells, its header,
and when the questions missed come back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from studyapp.present.durations import span_text
from studyapp.present.exam import (
    exam_header_text,
    missed_due_text,
    overview_cell,
    overview_legend,
)
from studyapp.study import StudyContext
from studyapp.study.exam import ExamResult, PositionStatus


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (26.9, "26 s"),
        (60, "1 min"),
        (4 * 60 + 32, "4 min 32 s"),
        (10 * 60 + 32, "10 min"),
        (60 * 60, "60 min"),
        (72 * 60 + 59, "1 h 12 min"),
        (130 * 60, "2 h 10 min"),
        (120 * 60, "2 h"),
        (-5, "0 s"),
    ],
)
def test_one_format_for_every_exam_time(seconds: float, text: str) -> None:
    assert span_text(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (0.2, "1 s"),
        (4 * 60 + 31.5, "4 min 32 s"),
        (9 * 60 + 59.5, "10 min"),
        (59 * 60 + 1, "60 min"),
        (129 * 60 + 56, "2 h 10 min"),
        (129 * 60, "2 h 9 min"),
    ],
)
def test_a_countdown_rounds_up(seconds: float, text: str) -> None:
    assert span_text(seconds, round_up=True) == text


@given(st.integers(1, 999), st.data())
def test_overview_cells_of_one_exam_are_all_as_wide(total: int, data: st.DataObject) -> None:
    statuses = [
        PositionStatus(position, data.draw(st.booleans()), data.draw(st.booleans()))
        for position in sorted(data.draw(st.sets(st.integers(1, total), min_size=1, max_size=20)))
    ]
    widths = {cell_len(overview_cell(status, total)) for status in statuses}
    assert widths == {len(str(total)) + 2}


def test_an_answered_and_flagged_question_shows_both() -> None:
    cells = [
        PositionStatus(1, True, True),
        PositionStatus(2, False, True),
        PositionStatus(12, True, False),
        PositionStatus(13, False, False),
    ]
    assert [overview_cell(cell, 65) for cell in cells] == [" 1✓⚑", " 2·⚑", "12✓ ", "13· "]
    assert overview_legend(cells) == "✓ 2 answered  ⚑ 2 flagged  · 2 not yet"


def test_the_header_drops_whole_parts_before_cutting_a_word() -> None:
    parts = ("Topic: AWS Lambda", "30 questions", "60 min")
    assert exam_header_text(parts, 80) == "Topic: AWS Lambda · 30 questions · 60 min · 720 to pass"
    assert exam_header_text(parts, 50) == "Topic: AWS Lambda · 30 questions · 60 min"
    assert exam_header_text(parts, 20) == "Topic: AWS Lambda"
    assert exam_header_text(parts, 16) == "Topic: AWS…"


def submitted(context: StudyContext) -> ExamResult:
    """A three-question exam submitted blank at START (10:00 UTC): all three missed."""
    import random

    exam = context.start_exam((), 3, 60, random.Random(1))
    return exam.submit()


def test_the_missed_are_due_from_the_next_study_day(context: StudyContext) -> None:
    result = submitted(context)
    now = context.clock.now()
    assert result.missed_due == (datetime(2026, 3, 3, 4, 0, tzinfo=UTC),) * 3
    assert missed_due_text(result, now, UTC) == (
        "3 missed or blank questions are due for review tomorrow."
    )
    # at 02:00 the study day is still yesterday's: 04:00 the same morning is "tomorrow"
    early = replace(result, missed_due=(datetime(2026, 3, 3, 4, 0, tzinfo=UTC),))
    assert "tomorrow" in missed_due_text(early, datetime(2026, 3, 3, 2, 0, tzinfo=UTC), UTC)


def test_the_missed_due_later_or_on_several_days_name_the_date(context: StudyContext) -> None:
    result = submitted(context)
    now = context.clock.now()
    later = datetime(2026, 3, 5, 4, 0, tzinfo=UTC)
    spread = (datetime(2026, 3, 3, 4, 0, tzinfo=UTC), later, later)
    one = replace(result, missed_due=(later,) * 3)
    assert missed_due_text(one, now, UTC).endswith("due for review on Thu 5 Mar.")
    assert missed_due_text(replace(result, missed_due=spread), now, UTC).endswith(
        "due for review from tomorrow."
    )
    # a day is a study day where the learner is, not in UTC
    evening = datetime(2026, 3, 4, 20, 0, tzinfo=UTC)  # 05:00 on the 5th in Tokyo
    assert missed_due_text(one, evening, UTC).endswith("for review tomorrow.")
    assert missed_due_text(one, evening, ZoneInfo("Asia/Tokyo")).endswith("for review today.")
    assert missed_due_text(replace(result, questions=()), now, UTC) == ""
