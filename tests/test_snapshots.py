"""SVG snapshots of every screen, at 100x30 and 80x24, in a dark and a light theme.

Update after an intended change of looks: `pytest tests/test_snapshots.py --snapshot-update`,
then look at the new SVGs before committing them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from studyapp.clock import FixedClock
from studyapp.tui import StartAt, StudyApp, make_app
from tests.conftest import START

SIZES = [(100, 30), (80, 24)]
THEMES = ["textual-dark", "textual-light"]

# screen name: where the app starts, and the keys that bring the screen up
SCREENS: dict[str, tuple[StartAt, tuple[str, ...]]] = {
    "home": (StartAt(), ()),
    "review": (StartAt("review"), ("space",)),
    "quiz": (StartAt("quiz", count=3), ("b",)),
    "quiz-choose-two": (StartAt("quiz", count=3), ("b", "enter", "a")),
    "drill": (StartAt("drill"), ()),
    "notes": (StartAt("notes"), ()),
    "search": (StartAt("notes"), ("slash", "b", "a", "c", "k")),
    "stats": (StartAt(), ("t",)),
    "settings": (StartAt(), ("comma",)),
    "summary": (StartAt("quiz", count=3), ("b", "enter", "escape")),
    "flag": (StartAt("review"), ("f",)),
    "drill-answered": (StartAt("drill"), ("a",)),
    "advisor": (StartAt(), ("a",)),
    "exam": (StartAt("exam", count=3, minutes=5), ("a", "right", "f")),
    "exam-overview": (StartAt("exam", count=3, minutes=5), ("a", "right", "f", "o")),
    "exam-result": (StartAt("exam", count=3, minutes=5), ("a", "s", "y")),
}


def themed(theme: str) -> Callable[[Pilot[Any]], None]:
    def set_theme(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme

    return set_theme


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_looks(
    snap_compare: Any,
    small_deck_dir: Path,
    tmp_path: Path,
    screen: str,
    size: tuple[int, int],
    theme: str,
) -> None:
    start, keys = SCREENS[screen]
    app: StudyApp = make_app(
        [small_deck_dir], tmp_path / "p.db", FixedClock(START), start, rng=random.Random(7)
    )
    assert snap_compare(app, press=keys, terminal_size=size, run_before=themed(theme))
