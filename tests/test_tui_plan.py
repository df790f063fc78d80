"""The exam date and the mock-exam history reachable in the TUI (issue 14: "`exam --history`
and `plan` exist only on the command line"): the date set in Settings, the past exams on
Stats as `studyapp exam --history` lists them."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from studyapp.clock import FixedClock
from studyapp.srs.personal import stored_exam_date
from studyapp.tui import StudyApp, make_app
from studyapp.tui.screens.home import HomeScreen
from studyapp.tui.screens.settings import SettingsScreen
from studyapp.tui.screens.stats import StatsScreen
from tests.conftest import START
from tests.test_exam import RIGHT, answer_all, start
from tests.test_tui import text_of


def build(deck_dir: Path, db: Path, clock: FixedClock | None = None) -> StudyApp:
    return make_app([deck_dir], db, clock or FixedClock(START), rng=random.Random(3))


def shown(app: StudyApp, selector: str) -> str:
    content = app.screen.query_one(selector).render()
    return str(getattr(content, "plain", content))


async def set_exam_date(app: StudyApp, pilot: Pilot[None], text: str) -> None:
    app.screen.query_one("#exam_date", Input).value = text
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_the_exam_date_set_in_settings_shows_on_home(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#exam-day").size.height == 1  # the hint fits 80 columns
        await pilot.press("comma")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#exam_date", Input).value == ""
        await set_exam_date(app, pilot, "2026-03-20")
        assert shown(app, "#message") == "Saved."
        assert stored_exam_date(app.context.store) == date(2026, 3, 20)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert shown(app, "#exam-day") == "Exam day: Fri 20 Mar 2026 · 18 days left"
        # the plan's retention rise applies at once: the scheduler knows the exam day
        assert app.context.scheduler.exam_start is not None
        await pilot.press("comma")
        await pilot.pause()
        assert app.screen.query_one("#exam_date", Input).value == "2026-03-20"
        await set_exam_date(app, pilot, "")  # empty: forget it, as `plan --clear`
        assert stored_exam_date(app.context.store) is None
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app, "#exam-day").startswith("No exam date: set one in Settings (,)")


async def test_a_past_or_malformed_exam_date_is_refused_and_nothing_is_stored(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        app.screen.query_one("#new_per_day", Input).value = "7"
        await set_exam_date(app, pilot, "2026-03-01")
        assert isinstance(app.screen, SettingsScreen)
        assert shown(app, "#message") == (
            "exam date 2026-03-01 is not in the future (today is 2026-03-02)"
        )
        assert app.screen.query_one("#exam_date", Input).value == "2026-03-01"  # kept
        assert stored_exam_date(app.context.store) is None
        assert app.context.store.settings.current().new_per_day != 7
        await set_exam_date(app, pilot, "2026-02-30")
        assert shown(app, "#message") == "exam date must be YYYY-MM-DD, got '2026-02-30'"
        assert stored_exam_date(app.context.store) is None


async def test_a_passed_exam_date_left_as_is_does_not_block_saving(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    clock = FixedClock(START)
    app = build(small_deck_dir, tmp_path / "p.db", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        await set_exam_date(app, pilot, "2026-03-03")
        clock.advance(timedelta(days=3))  # the exam day has passed
        await pilot.press("escape")
        await pilot.press("comma")
        await pilot.pause()
        app.screen.query_one("#new_per_day", Input).value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app, "#message") == "Saved."
        assert app.context.store.settings.current().new_per_day == 7
        assert stored_exam_date(app.context.store) == date(2026, 3, 3)


async def test_stats_lists_the_mock_exams_as_exam_history_does(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    clock = FixedClock(START)
    app = build(small_deck_dir, tmp_path / "p.db", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert shown(app, "#mock-exams") == "No mock exam yet"
        await pilot.press("escape")
        first = start(app.context, question_count=3)
        answer_all(first, RIGHT)
        clock.advance(timedelta(minutes=12, seconds=5))
        first.submit()
        clock.advance(timedelta(days=1))
        start(app.context, question_count=3).submit()
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = text_of(app, "#mock-exams").splitlines()
        words = [line.split() for line in table if line.strip() and "─" not in line]
        assert words[0] == ["date", "exam", "score", "result", "right", "time", "used"]
        assert words[1] == ["2026-03-03", "10:12", "topics", "100", "fail", "0/3", "0", "s"]
        assert words[2] == ["2026-03-02", "10:00", "topics", "1000", "pass", "3/3", "12", "min"]
        assert len(words) == 3
