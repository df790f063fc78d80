"""SVG snapshots: Home and one study screen at 100x30 and 80x24 in a dark and a light theme,
every other screen once, at 80x24 in the dark theme.

Sizes and themes are a question of layout and colour variables shared by every screen, so
two screens catch their regressions; the others are each shown once for their own layout.
Update after an intended change of looks: `pytest tests/test_snapshots.py --snapshot-update`,
then look at the new SVGs before committing them.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from studyapp.clock import FixedClock
from studyapp.tui import StartAt, StudyApp, make_app
from tests.conftest import START
from tests.test_tui_exam_fit import guide_deck_dir

SIZES = [(100, 30), (80, 24)]
THEMES = ["textual-dark", "textual-light"]

# screen name: where the app starts, and the keys that bring the screen up
SCREENS: dict[str, tuple[StartAt, tuple[str, ...]]] = {
    "home": (StartAt(), ()),
    "review": (StartAt("review"), ("space",)),
    "quiz": (StartAt("quiz", count=3), ("b",)),
    "quiz-choose-two": (StartAt("quiz", count=3), ("b", "enter", "a")),
    "scenarios": (StartAt("scenarios"), ()),
    "notes": (StartAt("notes"), ()),
    "search": (StartAt("notes"), ("slash", "b", "a", "c", "k")),
    "stats": (StartAt(), ("t",)),
    "settings": (StartAt(), ("comma",)),
    "summary": (StartAt("quiz", count=3), ("b", "enter", "escape")),
    "flag": (StartAt("review"), ("f",)),
    "scenarios-answered": (StartAt("scenarios"), ("a",)),
    "advisor": (StartAt(), ("a",)),
    "exam": (StartAt("exam", count=3, minutes=5), ("a", "right", "f")),
    # a guide exam of 65: 1 answered and flagged, 2 flagged, 4 answered and the cursor on it
    "exam-overview": (
        StartAt("exam", guide_id="dva-c02"),
        ("a", "f", "right", "f", "right", "right", "a", "o"),
    ),
    "exam-result": (StartAt("exam", count=3, minutes=5), ("a", "s", "y")),
    "exam-resume": (StartAt("exam", count=3, minutes=5), ("a", "escape", "e")),
}
#: Screens shown over another deck than the small one.
DECKS: dict[str, Callable[[Path], Path]] = {"exam-overview": guide_deck_dir}


#: Shown at every size and in every theme; the rest once, at ONE_SIZE in ONE_THEME.
EVERY_SIZE_AND_THEME = ("home", "review")
ONE_SIZE, ONE_THEME = (80, 24), "textual-dark"


def _cases() -> list[Any]:
    """(screen, size, theme) for each snapshot, with the ids the SVG files are named by."""
    cases = []
    for screen in SCREENS:
        every = screen in EVERY_SIZE_AND_THEME
        for size in SIZES if every else [ONE_SIZE]:
            for theme in THEMES if every else [ONE_THEME]:
                case_id = f"{screen}-{size[0]}x{size[1]}-{theme}"
                cases.append(pytest.param(screen, size, theme, id=case_id))
    return cases


def brought_up(theme: str, keys: tuple[str, ...]) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Set the theme, press the keys, and wait for the screen's workers to post back."""

    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()

    return run_before


@pytest.mark.parametrize(("screen", "size", "theme"), _cases())
def test_screen_looks(
    snap_compare: Any,
    small_deck_dir: Path,
    tmp_path: Path,
    screen: str,
    size: tuple[int, int],
    theme: str,
) -> None:
    start, keys = SCREENS[screen]
    deck_dir = DECKS[screen](tmp_path) if screen in DECKS else small_deck_dir
    app: StudyApp = make_app(
        [deck_dir], tmp_path / "p.db", FixedClock(START), start, rng=random.Random(7)
    )
    assert snap_compare(app, terminal_size=size, run_before=brought_up(theme, keys))


def test_every_snapshot_file_is_used() -> None:
    """No SVG is left behind by a case taken out of the matrix."""
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    expected = {f"test_screen_looks[{case.id}].svg" for case in _cases()}
    assert {svg.name for svg in folder.glob("*.svg")} == expected
