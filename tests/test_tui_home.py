"""Home as the day's plan (issue 14, "Home and planning"): the exam day, readiness as
`studyapp stats` heads it, the last mock exam, the streak, Enter to study now, what `e`
and `x` start, Home and End on the topics, and the footer and header at 80 columns."""

from __future__ import annotations

import random
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, Static

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.paths import builtin_content_dir
from studyapp.srs import Rating
from studyapp.srs.personal import EXAM_DATE_PREFERENCE
from studyapp.tui import StudyApp, make_app
from studyapp.tui.screens import home as home_module
from studyapp.tui.screens.confirm import ConfirmDialog
from studyapp.tui.screens.exam import ExamScreen
from studyapp.tui.screens.home import HomeScreen
from studyapp.tui.screens.quiz import QuizScreen
from studyapp.tui.screens.review import ReviewScreen
from tests.conftest import START
from tests.test_tui_exam_fit import guide_deck_dir, screen_lines
from tests.test_tui_workers import WAIT_SECONDS, Gate


def build(deck_dir: Path, db: Path, clock: FixedClock | None = None) -> StudyApp:
    return make_app([deck_dir], db, clock or FixedClock(START), rng=random.Random(3))


def line(app: StudyApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return str(getattr(content, "plain", content))


def sit_blank_exam(app: StudyApp, topic_ids: tuple[str, ...], questions: int) -> None:
    """A mock exam drawn and submitted with nothing answered, as a learner could."""
    app.context.start_exam(topic_ids, questions, rng=random.Random(1)).submit()


async def test_home_shows_the_exam_day_readiness_last_exam_and_streak(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    app = build(builtin_content_dir(), db)
    app.context.store.settings.set_preference(EXAM_DATE_PREFERENCE, "2026-03-20")
    app.context.reload_scheduler()
    sit_blank_exam(app, ("lambda",), 5)
    cards = app.context.start("review", ["ecs"])
    cards.current()
    cards.rate(Rating.GOOD)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert line(app, "#exam-day") == "Exam day: Fri 20 Mar 2026 · 18 days left"
        assert line(app, "#last-exam") == "Last mock exam: 100, fail (1 topic, Mon 2 Mar) · " + (
            "Streak: 1 day"
        )
        readiness = line(app, "#readiness")
    stats = CliRunner().invoke(
        cli, ["stats", "--db", str(db)], env={"STUDYAPP_NOW": START.isoformat()}
    )
    # The headline `studyapp stats` gives, its date left to the Exam day line above.
    assert readiness.endswith(" · on exam day") and "range" in readiness
    headline = readiness.removesuffix("on exam day") + "exam day 2026-03-20"
    assert headline in " ".join(stats.stdout.split())
    assert len(readiness) + 2 <= 80  # on one line at 80 columns, with Home's margin


async def test_home_says_how_to_set_an_exam_date(small_deck_dir: Path, tmp_path: Path) -> None:
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert line(app, "#exam-day") == (
            "No exam date: set one in Settings (,) or studyapp plan --exam YYYY-MM-DD"
        )
        assert line(app, "#last-exam") == "No mock exam yet · Streak: 0 days"
        assert line(app, "#readiness").startswith("Readiness: Expected score ")


async def test_home_paints_first_and_computes_readiness_in_a_worker(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studyapp.present.home import READINESS_COMPUTING

    gate = Gate(home_module.home_standing)
    monkeypatch.setattr(home_module, "home_standing", gate)
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert line(app, "#readiness") == READINESS_COMPUTING
        assert line(app, "#last-exam") == "No mock exam yet · Streak: …"
        assert line(app, "#study-now").startswith("Enter study now: ")  # the rest is painted
        gate.open()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert line(app, "#readiness").startswith("Readiness: Expected score ")
        assert line(app, "#last-exam") == "No mock exam yet · Streak: 0 days"
    [(thread, context)] = gate.calls
    assert thread is not threading.main_thread()
    assert context.store is not app.context.store
    assert gate.opened.wait(WAIT_SECONDS)


async def test_enter_studies_due_cards_then_new_ones_then_the_questions(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    clock = FixedClock(START - timedelta(days=30))
    app = build(small_deck_dir, tmp_path / "p.db", clock)
    store = app.context.store
    store.settings.set("new_per_day", "3")
    store.settings.set("new_questions_per_day", "1")
    first = app.context.start("review")
    due_card = first.current()
    assert due_card is not None
    first.rate(Rating.EASY)  # due again in about a week: due now, 30 days on
    first.end()
    clock.current = START
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert line(app, "#study-now") == (
            "Enter study now: 1 due + 2 new cards, then 1 new question"
        )
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.current() == due_card  # the due one first
        for _ in range(3):
            await pilot.press("space", "4")
        await pilot.press("enter")  # the summary, back to Home
        assert isinstance(app.screen, HomeScreen)
        assert line(app, "#study-now") == "Enter study now: 1 new question"
        await pilot.press("enter")
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.mode == "quiz" and app.screen.session.remaining == 1
        await pilot.press("a", "enter", "enter")  # answered, the summary, Home
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)  # nothing left: it says so instead
        assert "Nothing is due" in list(app._notifications)[-1].message


async def test_e_starts_the_mock_exam_whatever_the_row_and_x_the_topic_exam(
    tmp_path: Path,
) -> None:
    deck = guide_deck_dir(tmp_path)
    app = build(deck, tmp_path / "p.db")
    app.context.store.settings.set("exam_guide", "dva-c02")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")  # the cursor on the topic, as in the issue
        await pilot.pause()
        assert line(app, "#exam-scope") == "e mock exam: DVA-C02 · 65 questions · 130 min"
        assert line(app, "#home-hint") == "x topic exam: Guide topic · 30 questions · 60 min"
        await pilot.press("e")
        assert isinstance(app.screen, ExamScreen)
        assert app.screen.exam.record.guide_id == "dva-c02"
        assert app.screen.exam.record.topic_ids in (None, ())
        assert "Mock exam · DVA-C02 · 65 questions" in screen_lines(app)[0]  # its first screen
    other = build(deck, tmp_path / "q.db")
    other.context.store.settings.set("exam_guide", "dva-c02")
    async with other.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")  # on All topics: there is no topic to draw from
        assert isinstance(other.screen, HomeScreen)
        await pilot.press("down", "x")
        assert isinstance(other.screen, ExamScreen)
        assert other.screen.exam.record.topic_ids == ("guide",)
        assert "Topic: Guide topic" in screen_lines(other)[0]


async def test_home_and_end_move_the_topic_cursor(tmp_path: Path) -> None:
    app = build(builtin_content_dir(), tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        assert line(app, "#study-now").startswith("Enter study now (AWS Step Functions): ")
        await pilot.press("home")
        assert table.cursor_row == 0
        assert line(app, "#study-now").startswith("Enter study now: ")


async def test_after_a_30_question_mock_exam_home_still_offers_new_flashcards(
    tmp_path: Path,
) -> None:
    app = build(builtin_content_dir(), tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExamScreen) and app.screen.exam.total == 30
        await pilot.press("s", "y")  # submitted blank: 30 questions seen for the first time
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(app.context.store.reviews.seen_item_ids()) == 30
        assert line(app, "#study-now") == ("Enter study now: 20 new cards, then 10 new questions")
        assert str(app.screen.query_one(DataTable).get_row("*all*")[2]) == "30"


async def test_the_footer_and_header_fit_at_80_columns(tmp_path: Path) -> None:
    app = build(builtin_content_dir(), tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_lines(app)
        assert shown[0].split() == ["⭘", "studyapp", "·", "AWS", "serverless", "and", "containers"]
        footer = shown[-1]
        for key in ("⏎ Study now", "s Scenarios", "e Exam", "q Quit", "? Help", "^p palette"):
            assert key in footer
        assert "Drill" not in footer


async def test_the_resume_question_shows_before_a_mock_exam_from_home(tmp_path: Path) -> None:
    """`e` with an exam left unfinished still asks first (the resume offer)."""
    app = build(guide_deck_dir(tmp_path), tmp_path / "p.db")
    app.context.start_exam((), 3, rng=random.Random(2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ConfirmDialog)
