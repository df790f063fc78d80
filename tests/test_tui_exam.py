"""Pilot tests of a whole mock exam: answer, flag, go back, overview, submit, time out, resume."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot

from studyapp.clock import FixedClock
from studyapp.study import how_many_to_choose
from studyapp.study.exam import ExamSession
from studyapp.tui import StartAt, StudyApp, make_app
from studyapp.tui.screens.confirm import ConfirmDialog
from studyapp.tui.screens.exam import ExamScreen
from studyapp.tui.screens.exam_overview import ExamOverview
from studyapp.tui.screens.exam_result import ExamResultScreen, ExamReviewScreen
from studyapp.tui.screens.home import HomeScreen
from tests.conftest import START


def build(deck_dir: Path, db: Path, clock: FixedClock) -> StudyApp:
    start = StartAt("exam", count=3, minutes=5)
    return make_app([deck_dir], db, clock, start, rng=random.Random(3))


async def answer_first_option(pilot: Pilot[None], exam: ExamSession) -> tuple[int, ...]:
    """Pick the first option written (and the third too on a choose-two) by the letters the
    exam shows them with, as a learner would; returns the picks as authored."""
    picks = (0, 2) if how_many_to_choose(exam.item()) == 2 else (0,)
    await pilot.press(*exam.shown_options().letters(picks))
    return picks


def exam_screen(app: StudyApp) -> ExamScreen:
    assert isinstance(app.screen, ExamScreen)
    return app.screen


async def test_answer_flag_go_back_and_submit(small_deck_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, FixedClock(START))
    async with app.run_test(size=(100, 30)) as pilot:
        exam = exam_screen(app).exam
        assert exam.total == 3
        first = exam.item()
        picks = await answer_first_option(pilot, exam)
        assert exam.picked(1) == picks
        await pilot.press("right", "f")
        assert exam.is_flagged(2)
        await pilot.press("left")
        assert exam.position == 1 and exam.item() == first
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ExamOverview)
        await pilot.click("#q3")
        await pilot.pause()
        assert exam_screen(app).exam.position == 3
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ExamResultScreen)
        assert app.screen.result.total == 3
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ExamReviewScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status FROM exams").fetchall() == [("submitted",)]
    assert conn.execute("SELECT count(*) FROM reviews").fetchone() == (3,)
    conn.close()


async def test_time_running_out_submits(small_deck_dir: Path, tmp_path: Path) -> None:
    clock = FixedClock(START)
    app = build(small_deck_dir, tmp_path / "p.db", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = exam_screen(app)
        await answer_first_option(pilot, screen.exam)
        clock.advance(timedelta(minutes=6))
        screen._tick()
        await pilot.pause()
        assert isinstance(app.screen, ExamResultScreen)
        assert app.screen.result.time_used == timedelta(minutes=5)


async def test_leaving_and_resuming_keeps_answers(small_deck_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    clock = FixedClock(START)
    app = build(small_deck_dir, db, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        picks = await answer_first_option(pilot, exam_screen(app).exam)
        clock.advance(timedelta(minutes=2))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    again = make_app([small_deck_dir], db, clock)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(again.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        exam = exam_screen(again).exam
        assert exam.picked(1) == picks
        assert exam.elapsed() == timedelta(minutes=2)
