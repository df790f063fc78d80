"""Pilot tests: a guide exam names its guide and shows its domains; quiz and review screens
say what the exam may still expect of an item newer than it."""

from __future__ import annotations

import random
from pathlib import Path

from textual.widgets import DataTable, Static

from studyapp.clock import FixedClock
from studyapp.paths import builtin_content_dir
from studyapp.present.newer import NEWER_LEAD
from studyapp.tui import StartAt, make_app
from studyapp.tui.screens.exam import ExamScreen
from studyapp.tui.screens.exam_result import ExamResultScreen
from studyapp.tui.screens.home import HomeScreen
from studyapp.tui.screens.quiz import QuizScreen
from studyapp.tui.screens.review import ReviewScreen
from tests.conftest import START
from tests.test_tui import card_text

NEWER_DECK = """
topic: {id: newer, title: "Newer [b]things[/b]"}
cards:
  - id: nc
    front: How long may it run now?
    back: Up to 5 minutes.
    source: https://docs.aws.amazon.com/a
    tags: [newer-than-exam]
    exam_expects: "The exam says [red]29 seconds[/red]."
questions:
  - id: nq
    prompt: Which limit applies?
    choices:
      - {text: Right, correct: true, why: Because.}
      - {text: Wrong, why: Because not.}
    source: https://docs.aws.amazon.com/q
    tags: [newer-than-exam]
    exam_expects: "The exam still says [b]29 seconds[/b]."
"""


def rendered(widget: Static) -> str:
    """What a Static shows, as plain text, whatever renderables make it up."""
    import os

    from rich.console import Console

    console = Console(width=100, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(widget.content)
    return " ".join(console.export_text().split())


def newer_deck(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "newer.yaml").write_text(NEWER_DECK, encoding="utf-8")
    return folder


async def test_the_quiz_and_review_say_what_the_exam_may_still_expect(tmp_path: Path) -> None:
    deck = newer_deck(tmp_path)
    app = make_app([deck], tmp_path / "p.db", FixedClock(START), StartAt("quiz", count=1))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("a")
        await pilot.pause()
        feedback = rendered(app.screen.query_one("#feedback", Static))
        # shown as written: the brackets are text, not markup
        assert f"{NEWER_LEAD} The exam still says [b]29 seconds[/b]." in feedback
        assert feedback.index(NEWER_LEAD) < feedback.index("Source:")
    app = make_app([deck], tmp_path / "p.db", FixedClock(START), StartAt("review"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        assert NEWER_LEAD not in card_text(app)  # not before the answer shows
        await pilot.press("space")
        text = " ".join(card_text(app).split())
        assert f"{NEWER_LEAD} The exam says [red]29 seconds[/red]." in text
        assert text.index(NEWER_LEAD) < text.index("Up to 5 minutes.")


async def test_a_guide_exam_names_its_guide_and_ends_with_its_domains(tmp_path: Path) -> None:
    start = StartAt("exam", count=10, guide_id="dva-c02")
    app = make_app(
        [builtin_content_dir()], tmp_path / "p.db", FixedClock(START), start, rng=random.Random(1)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        assert str(app.screen.sub_title).startswith("DVA-C02 · 10 questions · 20 min")
        assert len(app.screen.exam.record.unscored_ids) == 2
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ExamResultScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
        assert [row[0] for row in rows] == [
            "1 Development with AWS Services",
            "2 Security",
            "3 Deployment",
            "4 Troubleshooting and Optimization",
        ]
        assert [row[1] for row in rows] == ["32%", "26%", "24%", "18%"]
        assert sum(int(row[2].split("/")[1]) for row in rows) == 8  # the scored ones
        assert {row[4] for row in rows} == {"Needs improvement"}
        summary = rendered(app.screen.query_one("#result-summary", Static))
        assert "0 of 8 scored (2 unscored not counted) right" in summary


async def test_home_names_the_exam_e_would_start(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    app = make_app([builtin_content_dir()], db, FixedClock(START))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        scope = app.screen.query_one("#exam-scope", Static)
        assert rendered(scope) == "e mock exam: All topics · 30 questions · 60 min"
        app.context.store.settings.set("exam_guide", "dva-c02")
        app.screen.refresh_counts()
        await pilot.pause()
        assert rendered(scope) == "e mock exam: DVA-C02 · 65 questions · 130 min"
        await pilot.press("down")  # a topic: e stays the guide's, x is the topic's
        await pilot.pause()
        assert rendered(scope) == "e mock exam: DVA-C02 · 65 questions · 130 min"
        hint = rendered(app.screen.query_one("#home-hint", Static))
        assert hint.startswith("x topic exam: ") and hint.endswith(" · 30 questions · 60 min")
