"""Slow figures come from workers on their own connection; the screen paints first."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Label, OptionList, Static

from studyapp.clock import FixedClock
from studyapp.store.search import ensure_search_index
from studyapp.study import StudyContext
from studyapp.tui import StartAt, StudyApp, make_app
from studyapp.tui.screens import search as search_module
from studyapp.tui.screens import stats as stats_module
from studyapp.tui.screens.search import BUILDING, PLACEHOLDER, SearchDialog
from studyapp.tui.screens.stats import COMPUTING, StatsScreen
from tests.conftest import START

#: Long enough for any worker here; a hung one fails the test instead of the run.
WAIT_SECONDS = 20


class Gate:
    """Wraps a function of a context so that its calls wait until `open()`, noting where
    they ran."""

    def __init__(self, function: Callable[[StudyContext], Any]) -> None:
        self.function = function
        self.opened = threading.Event()
        self.calls: list[tuple[threading.Thread, StudyContext]] = []

    def __call__(self, context: StudyContext) -> Any:
        self.calls.append((threading.current_thread(), context))
        assert self.opened.wait(WAIT_SECONDS)
        return self.function(context)

    def open(self) -> None:
        self.opened.set()


def _app(deck_dir: Path, tmp_path: Path, start: StartAt | None = None) -> StudyApp:
    return make_app([deck_dir], tmp_path / "p.db", FixedClock(START), start or StartAt())


def _text(app: StudyApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    content = widget.content if isinstance(widget, Static | Label) else ""
    return str(getattr(content, "plain", content))


async def test_stats_paints_first_and_computes_readiness_in_a_worker(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(stats_module.readiness_figures)
    monkeypatch.setattr(stats_module, "readiness_figures", gate)
    app = _app(small_deck_dir, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert _text(app, "#readiness") == COMPUTING
        assert "Today 0 reviews" in _text(app, "#activity-caption")  # the rest is painted
        gate.open()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Expected score" in _text(app, "#readiness")
    [(thread, context)] = gate.calls
    assert thread is not threading.main_thread()
    assert context.store is not app.context.store  # its own connection to the same file
    assert context.store.path == app.context.store.path


async def test_search_builds_its_index_in_a_worker_and_searches_what_was_typed(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[threading.Thread, object]] = []
    opened = threading.Event()

    def gated(store: Any, deck: Any) -> bool:
        calls.append((threading.current_thread(), store))
        assert opened.wait(WAIT_SECONDS)
        return ensure_search_index(store, deck)

    monkeypatch.setattr(search_module, "ensure_search_index", gated)
    app = _app(small_deck_dir, tmp_path, StartAt("notes"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"back two")
        await pilot.pause()
        assert isinstance(app.screen, SearchDialog)
        assert app.screen.query_one(Input).placeholder == BUILDING
        assert app.screen.query_one(OptionList).option_count == 0
        opened.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder == PLACEHOLDER
        assert app.screen.query_one(OptionList).option_count >= 1  # what was typed meanwhile
    [(thread, store)] = calls
    assert thread is not threading.main_thread()
    assert store is not app.context.store
