"""The TUI fails like a program: one line and a non-zero exit, or, when the disk is full, a
notice and the same card to answer again."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest

from studyapp.clock import FixedClock
from studyapp.errors import StoreError
from studyapp.store.exams import Exams
from studyapp.store.reviews import ReviewLog
from studyapp.study import StudySession
from studyapp.tui import StartAt
from studyapp.tui.screens.exam import ExamScreen
from studyapp.tui.screens.quiz import QuizScreen
from studyapp.tui.screens.review import ReviewScreen
from tests.conftest import START, shown_letters
from tests.test_tui import build, card_text, rows
from tests.test_tui_exam import answer_first_option, exam_screen
from tests.test_tui_exam import build as build_exam

DISK_FULL = "database or disk is full"


def failing(error: Exception) -> Any:
    def fail(*_args: object, **_kwargs: object) -> Any:
        raise error

    return fail


def notices(app: Any) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


# an error the learner cannot retry: the app ends with one line ------------------------------


@pytest.mark.parametrize(
    "error",
    [StoreError("the database went away"), sqlite3.OperationalError("database is locked")],
    ids=["StoreError", "OperationalError"],
)
async def test_an_error_in_a_screen_action_exits_non_zero_with_one_line(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, StartAt("review"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "3")  # the first card is answered and committed
        await pilot.pause()
        monkeypatch.setattr(StudySession, "rate", failing(error))
        await pilot.press("space", "3")
    assert app.return_code == 1
    assert app.failure is not None
    assert "\n" not in app.failure and str(error) in app.failure
    assert rows(db, "SELECT item_id FROM reviews") == [("c1",)]


async def test_a_bug_still_exits_non_zero(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db", StartAt("review"))
    monkeypatch.setattr(StudySession, "rate", failing(ZeroDivisionError("a bug")))
    with pytest.raises(ZeroDivisionError):  # Pilot re-raises what the app did not handle
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("space", "3")
            await pilot.pause()
    assert app.return_code == 1 and app.failure is None


# disk full: say so, keep the card, let the learner answer again -----------------------------


async def test_disk_full_in_review_keeps_the_card_to_answer_again(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, StartAt("review"))
    async with app.run_test(size=(100, 30)) as pilot:
        real_write = ReviewLog.record
        monkeypatch.setattr(ReviewLog, "record", failing(sqlite3.OperationalError(DISK_FULL)))
        await pilot.press("space", "3")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert any("Disk full" in notice for notice in notices(app))
        assert "Front one" in card_text(app) and "Back one" in card_text(app)
        assert rows(db, "SELECT count(*) FROM reviews") == [(0,)]
        monkeypatch.setattr(ReviewLog, "record", real_write)
        await pilot.press("3")  # space freed: the same answer again
        await pilot.pause()
        assert "Front two" in card_text(app)
    assert not app.return_code and app.failure is None
    assert rows(db, "SELECT item_id, rating FROM reviews") == [("c1", 3)]


async def test_disk_full_in_a_quiz_keeps_the_question_open(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, StartAt("quiz", count=3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.shown is not None
        letter = shown_letters(screen.shown, "a")
        real_write = ReviewLog.record
        monkeypatch.setattr(ReviewLog, "record", failing(sqlite3.OperationalError(DISK_FULL)))
        await pilot.press(letter)
        await pilot.pause()
        assert not screen.answered
        assert app.screen is screen
        assert any("Disk full" in notice for notice in notices(app))
        monkeypatch.setattr(ReviewLog, "record", real_write)
        await pilot.press(letter)
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.answered
    assert not app.return_code and app.failure is None
    assert rows(db, "SELECT item_id, correct FROM reviews") == [("q1", 1)]


async def test_disk_full_on_undo_keeps_the_answer(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, StartAt("review"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "3")
        await pilot.pause()
        monkeypatch.setattr(ReviewLog, "undo", failing(sqlite3.OperationalError(DISK_FULL)))
        await pilot.press("u")
        await pilot.pause()
        assert any("Disk full" in notice for notice in notices(app))
        assert isinstance(app.screen, ReviewScreen) and len(app.screen.session.history) == 1
        assert "Front two" in card_text(app)
    assert rows(db, "SELECT item_id FROM reviews") == [("c1",)]


async def test_disk_full_in_an_exam_keeps_the_question_and_its_place(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build_exam(small_deck_dir, tmp_path / "p.db", FixedClock(START))
    async with app.run_test(size=(100, 30)) as pilot:
        exam = exam_screen(app).exam
        full = failing(sqlite3.OperationalError(DISK_FULL))
        monkeypatch.setattr(Exams, "save_answer", full)
        monkeypatch.setattr(Exams, "save_elapsed", full)
        await answer_first_option(pilot, exam)
        await pilot.press("right")
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        assert exam.position == 1 and exam.picked(1) is None
        assert any("Disk full" in notice for notice in notices(app))
        monkeypatch.undo()
        picks = await answer_first_option(pilot, exam)
        assert exam.picked(1) == picks
    assert not app.return_code and app.failure is None


# the real program on a terminal ------------------------------------------------------------

FAULT = """
import sqlite3
from studyapp.store.reviews import ReviewLog

def record(*args, **kwargs):
    raise sqlite3.OperationalError("database is locked")

ReviewLog.record = record
"""


def test_a_database_error_in_the_real_tui_restores_the_terminal_and_exits_1(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(textwrap.dedent(FAULT))
    root = Path(__file__).resolve().parent.parent
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("STUDYAPP_")},
        "TERM": "xterm-256color",
        "STUDYAPP_NOW": "2026-03-02T10:00:00+00:00",
        "STUDYAPP_TZ": "UTC",
        "STUDYAPP_CACHE": "off",
        "PYTHONPATH": f"{inject}{os.pathsep}{root}",
    }
    db = tmp_path / "p.db"
    args = ["-m", "studyapp", "review", "--content", str(small_deck_dir), "--topic", "demo"]
    child = pexpect.spawn(
        sys.executable, [*args, "--db", str(db)], env=env, dimensions=(30, 100), cwd=str(root)
    )
    try:
        child.expect("show the answer", timeout=20)
        time.sleep(0.2)
        child.send(" ")
        child.expect("How well did you recall it", timeout=20)
        time.sleep(0.2)
        child.send("3")
        child.expect(pexpect.EOF, timeout=20)
        before = child.before
        assert isinstance(before, bytes)
        tail = before.decode("utf-8", "replace")
    finally:
        child.close(force=True)
    assert child.exitstatus == 1, tail[-2000:]
    assert "Traceback" not in tail
    assert "\x1b[?1049l" in tail  # the alternate screen was left, then the line was printed
    after = re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z]", "", tail.rsplit("\x1b[?1049l", 1)[1])
    assert after.strip() == f"studyapp: {db}: database error: database is locked", after
