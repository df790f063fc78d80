"""`?` (or F1) on any screen: every key of that screen and of the app, with what it does,
generated from the bindings."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.screen import Screen

from studyapp.clock import FixedClock
from studyapp.tui import StartAt, StudyApp, make_app
from studyapp.tui.screens.help import HelpScreen, KeySection
from studyapp.tui.screens.home import HomeScreen
from tests.conftest import START

#: Where each screen is reached from the start, and its name in the help's first section.
SCREENS: dict[str, tuple[StartAt, tuple[str, ...], str]] = {
    "home": (StartAt(), (), "Home"),
    "review": (StartAt("review"), (), "Review"),
    "quiz": (StartAt("quiz", count=3), (), "Quiz"),
    "scenarios": (StartAt("scenarios"), (), "Scenario drill"),
    "notes": (StartAt("notes"), (), "Notes"),
    "stats": (StartAt(), ("t",), "Stats"),
    "settings": (StartAt(), ("comma",), "Settings"),
    "advisor": (StartAt(), ("a",), ""),
    "summary": (StartAt("quiz", count=3), ("escape",), "Summary"),
    "exam": (StartAt("exam", count=3, minutes=5), (), "Mock exam"),
    "exam-result": (StartAt("exam", count=3, minutes=5), ("s", "y"), "Exam results"),
}


def build(deck_dir: Path, db: Path, start: StartAt) -> StudyApp:
    return make_app([deck_dir], db, FixedClock(START), start, rng=random.Random(3))


def rows_of(sections: tuple[KeySection, ...]) -> dict[str, str]:
    """Description by keys, over every section."""
    return {key.keys: key.description for section in sections for key in section.keys}


def expected_rows(app: StudyApp, screen: Screen[object]) -> dict[str, str]:
    """Every active binding of the screen, as the help must list it: each key somewhere."""
    return {
        app.get_key_display(binding): binding.description
        for _node, binding, _enabled, _tooltip in screen.active_bindings.values()
        if binding.description
    }


async def test_question_mark_lists_every_key_of_home_and_closes_again(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db", StartAt())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        wanted = expected_rows(app, home)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_screen = app.screen
        listed = rows_of(help_screen.sections)
        for key, description in wanted.items():
            row = next(keys for keys in listed if key in keys.split(" / "))
            assert listed[row] == description
        first = help_screen.sections[0]
        assert first.title == "Home"
        assert [key.description for key in first.keys][:3] == ["Study now", "Review", "Quiz"]
        assert {"⏎", "r", "z", "s", "e", "x", "n", "t", ",", "a", "q"} <= {
            key.keys for key in first.keys
        }
        assert help_screen.sections[-1].title == "Everywhere"
        assert "? / f1" in {key.keys for key in help_screen.sections[-1].keys}
        await pilot.press("escape")
        assert app.screen is home


@pytest.mark.parametrize("name", list(SCREENS))
async def test_f1_opens_the_help_of_every_screen(
    small_deck_dir: Path, tmp_path: Path, name: str
) -> None:
    start, keys, title = SCREENS[name]
    app = build(small_deck_dir, tmp_path / "p.db", start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        below = app.screen
        assert not isinstance(below, HelpScreen | HomeScreen) or name == "home"
        wanted = expected_rows(app, below)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        listed = rows_of(app.screen.sections)
        for key in wanted:  # every key with a description, hidden ones too
            assert any(key in keys.split(" / ") for keys in listed), key
        if title:
            assert app.screen.sections[0].title == title
        await pilot.press("f1")  # F1 closes it again
        assert app.screen is below


async def test_the_review_help_lists_the_rating_keys_once_the_answer_shows(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db", StartAt("review"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "3", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = rows_of(app.screen.sections)
        assert "1" not in listed and "Show answer" in listed.values()  # the next card's front
        await pilot.press("question_mark", "space", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = rows_of(app.screen.sections)
        assert [listed[key] for key in ("1", "2", "3", "4")] == ["Again", "Hard", "Good", "Easy"]
        assert listed["u"] == "Undo"  # there is an answer to take back now


async def test_question_mark_types_into_a_text_field_and_f1_still_helps(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input

    app = build(small_deck_dir, tmp_path / "p.db", StartAt("notes"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"why", "question_mark")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == "why?"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
