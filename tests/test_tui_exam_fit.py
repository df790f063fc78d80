"""Pilot tests of the mock exam at 80x24: the resume dialog, the overview, the header, the
results and the review fit and say what they should (issue 14, "Mock exam")."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from rich.style import Style
from textual.widgets import Button, DataTable, Static

from studyapp.clock import FixedClock
from studyapp.paths import builtin_content_dir
from studyapp.tui import StartAt, StudyApp, make_app
from studyapp.tui.screens.confirm import ConfirmDialog
from studyapp.tui.screens.exam_overview import ExamOverview
from studyapp.tui.screens.exam_result import ExamResultScreen, ExamReviewScreen
from studyapp.tui.screens.home import HomeScreen
from tests.conftest import START
from tests.test_tui_exam import answer_first_option, exam_screen
from tests.test_tui_exam_guide import rendered

SIZE = (80, 24)


def guide_deck_dir(tmp_path: Path) -> Path:
    """A deck of 120 short questions, 30 in each DVA-C02 domain: enough for the guide's
    65-question exam, and text that stays the same whatever the shipped deck becomes."""
    folder = tmp_path / "guide-deck"
    folder.mkdir()
    lines = ["topic: {id: guide, title: Guide topic}", "questions:"]
    for n in range(1, 121):
        domain = (n - 1) % 4 + 1
        lines += [
            f"  - id: gq{n:03d}",
            f"    prompt: Guide question {n}, domain {domain}. Which is right?",
            "    choices:",
            "      - {text: This one, correct: true, why: It is.}",
            "      - {text: That one, why: It is not.}",
            f"    exam: [dva-c02:{domain}.1]",
            "    source: https://docs.aws.amazon.com/q",
        ]
    (folder / "guide.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def screen_lines(app: StudyApp) -> list[str]:
    """The screen as it would show, one string per row."""
    from textual._compositor import LayoutUpdate

    update = app.screen._compositor.render_update(full=True)
    assert isinstance(update, LayoutUpdate)
    return ["".join(strip.text for strip in row) for row in update.strips]


def build(deck_dir: Path, db: Path, clock: FixedClock, start: StartAt) -> StudyApp:
    return make_app([deck_dir], db, clock, start, rng=random.Random(3))


async def test_the_resume_dialog_says_how_far_and_how_long_and_fits(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    db, clock = tmp_path / "p.db", FixedClock(START)
    app = build(small_deck_dir, db, clock, StartAt("exam", count=3, minutes=5))
    async with app.run_test(size=SIZE) as pilot:
        await answer_first_option(pilot, exam_screen(app).exam)
        clock.advance(timedelta(seconds=75))
        await pilot.press("escape")
        await pilot.pause()
    again = make_app([small_deck_dir], db, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(again.screen, ConfirmDialog)
        shown = screen_lines(again)
        # every line whole: the same three line mode prints (tests/test_exam.py)
        for line in (
            "Resume the exam started 2026-03-02 10:00?",
            "1 of 3 answered · 3 min 45 s left",
            "No (n) discards it and starts a new one.",
        ):
            assert any(line in row for row in shown), (line, shown)
        assert any("Yes (y)" in row and "No (n)" in row for row in shown)
        # Escape goes back and keeps the exam; Enter is on the safe answer: resume
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
        assert again.context.store.exams.unfinished() is not None
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        status = rendered(exam_screen(again).query_one("#exam-status", Static))
        assert status.endswith("1 answered · 3 min 45 s left")


async def test_the_overview_shows_both_states_in_aligned_cells_and_moves_with_arrows(
    tmp_path: Path,
) -> None:
    start = StartAt("exam", guide_id="dva-c02")
    app = build(guide_deck_dir(tmp_path), tmp_path / "p.db", FixedClock(START), start)
    async with app.run_test(size=SIZE) as pilot:
        exam = exam_screen(app).exam
        assert exam.total == 65
        await pilot.press("a", "left", "f", "right", "f", "o")  # 1 answered; 1 and 2 flagged
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, ExamOverview)
        shown = screen_lines(app)
        assert any("✓ 1 answered  ⚑ 2 flagged  · 64 not yet" in row for row in shown)
        assert any("← → ↑ ↓ move" in row for row in shown)
        assert str(overview.query_one("#q1", Button).label) == " 1✓⚑"
        assert str(overview.query_one("#q2", Button).label) == " 2·⚑"
        # the cells' marks line up in columns on every row, one digit or two
        grid = [row for row in shown if "█" in row and sum(map(row.count, "✓·")) >= 5]
        marks_at = [[n for n, char in enumerate(row) if char in "✓·"] for row in grid]
        assert len(grid) == 7 and len(marks_at[0]) == 10  # 65 questions: 6 rows of 10 and 5
        assert all(row == marks_at[0][: len(row)] for row in marks_at), grid
        # it opens on the current question; arrows move by one, and by a row of ten
        assert overview.focused is overview.query_one("#q2")
        await pilot.press("right", "down", "down", "left", "up")
        assert overview.focused is overview.query_one("#q12")
        await pilot.press("left", "left", "left")  # stops at the first
        assert overview.focused is overview.query_one("#q9")
        await pilot.press("enter")
        await pilot.pause()
        assert exam_screen(app).exam.position == 9


async def test_the_header_names_the_scope_in_whole_words_at_80_columns(tmp_path: Path) -> None:
    start = StartAt("exam", topic_ids=("lambda", "api-gateway"), count=30)
    app = build(builtin_content_dir(), tmp_path / "p.db", FixedClock(START), start)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = screen_lines(app)[0]
        sub_title = str(app.screen.sub_title)
        assert sub_title.startswith("Topics: AWS Lambda, Amazon API Gateway")
        assert f"Mock exam · {sub_title}" in header  # whole: not cut by the header
        assert "…" not in header
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert str(app.screen.sub_title).endswith(" · 30 questions · 60 min")


async def test_the_results_say_when_the_missed_come_back_in_one_time_format(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    clock = FixedClock(START)
    app = build(small_deck_dir, tmp_path / "p.db", clock, StartAt("exam", count=3, minutes=5))
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(timedelta(seconds=26))
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ExamResultScreen)
        summary = rendered(app.screen.query_one("#result-summary", Static))
        assert "Time used: 26 s of 5 min" in summary
        assert "3 missed or blank questions are due for review tomorrow." in summary
        assert "now due" not in summary


async def test_the_results_and_review_name_topics_by_title_not_id(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db", FixedClock(START), StartAt("exam", count=3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ExamResultScreen)
        table = app.screen.query_one("#result-topics", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == ["Demo topic", "0", "3", "0%"]
        await pilot.press("r")
        await pilot.pause()
        heading = rendered(app.screen.query_one("#reviewed", Static)).splitlines()[0]
        assert heading.startswith("Question 1 · Demo topic · "), heading
        assert "demo" not in heading


async def test_the_review_colours_right_and_wrong_marks(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db", FixedClock(START), StartAt("exam", count=3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "y", "r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ExamReviewScreen)
        right = review.get_component_rich_style("exam-review--right")
        wrong = review.get_component_rich_style("exam-review--wrong")
        assert right.color is not None and wrong.color is not None
        assert right.color != wrong.color
        styles = marks_styles(app)
        assert styles["✓"] and styles["✗"]
        assert all(style.color == right.color for style in styles["✓"])
        assert all(style.color == wrong.color for style in styles["✗"])
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def marks_styles(app: StudyApp) -> dict[str, list[Style]]:
    """The style of every ✓ and ✗ the screen shows."""
    from textual._compositor import LayoutUpdate

    update = app.screen._compositor.render_update(full=True)
    assert isinstance(update, LayoutUpdate)
    found: dict[str, list[Style]] = {"✓": [], "✗": []}
    for row in update.strips:
        for strip in row:
            for segment in strip:
                for mark, styles in found.items():
                    if mark in segment.text and segment.style is not None:
                        styles.append(segment.style)
    return found
