"""KeyFooter: the most important keys first, each whole or not at all; quit and help always;
the palette key never cut; rebuilt only when what it shows changes."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from studyapp.tui.widgets import KeyFooter
from studyapp.tui.widgets.key_footer import keys_that_fit


class Keys(App[None]):
    BINDINGS = [Binding("u", "undo", "Undo")]
    can_undo = False

    def compose(self) -> ComposeResult:
        yield Button("focus me")
        yield KeyFooter(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "undo" and not self.can_undo else True


class ManyKeys(App[None]):
    """Ten keys of twelve cells each, then help and quit at the end."""

    BINDINGS = [
        *(Binding(str(n), f"noop({n})", f"Action {n:02d}") for n in range(10)),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield KeyFooter(compact=True)

    def action_noop(self, n: int) -> None:
        """Nothing."""


def test_keys_that_fit_keep_the_kept_ones_and_a_prefix_of_the_rest() -> None:
    widths = [10, 10, 10, 5, 7]
    kept = [False, False, False, False, True]
    assert keys_that_fit(widths, kept, 100) == [0, 1, 2, 3, 4]
    assert keys_that_fit(widths, kept, 27) == [0, 1, 4]
    # the first key that does not fit ends the run: a later short one is not squeezed in
    assert keys_that_fit([10, 30, 2], [False, False, False], 15) == [0]
    assert keys_that_fit(widths, kept, 3) == [4]  # kept even when nothing fits


@pytest.mark.parametrize("width", [40, 60, 80, 100, 200])
async def test_every_key_shown_is_whole_and_quit_and_help_always_show(width: int) -> None:
    app = ManyKeys()
    async with app.run_test(size=(width, 5)) as pilot:
        await pilot.pause()
        keys = list(app.query(FooterKey))
        descriptions = [key.description for key in keys]
        assert {"Help", "Quit", "palette"} <= set(descriptions)
        shown = [d for d in descriptions if d.startswith("Action")]
        assert shown == [f"Action {n:02d}" for n in range(len(shown))]  # most important first
        right = 0
        for key in keys:  # none overlaps the next, none runs past the edge
            region = key.region
            assert region.x >= right and region.right <= width, key.description
            assert region.width >= len(key.key_display) + len(key.description)
            right = region.right
        fitted = {40: 1, 60: 2, 80: 4, 100: 6, 200: 10}[width]
        assert len(shown) == fitted


async def test_the_footer_refits_when_the_terminal_is_resized() -> None:
    app = ManyKeys()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        assert len(app.query(FooterKey)) == 2 + 3
        await pilot.resize_terminal(100, 5)
        await pilot.pause()
        await pilot.pause()
        assert len(app.query(FooterKey)) == 6 + 3


async def test_the_footer_shows_its_keys_and_updates_them() -> None:
    app = Keys()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        keys = list(app.query(FooterKey))
        assert [key.description for key in keys] == ["Undo", "palette"]
        assert keys[0].has_class("-disabled")
        app.can_undo = True
        app.screen.refresh_bindings()
        await pilot.pause()
        assert not app.query(FooterKey).first().has_class("-disabled")
