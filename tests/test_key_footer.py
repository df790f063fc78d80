"""KeyFooter on a Textual without the private flag it relies on: a plain Footer, same keys."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from studyapp.tui.widgets import KeyFooter


class Keys(App[None]):
    BINDINGS = [Binding("u", "undo", "Undo")]
    can_undo = False

    def compose(self) -> ComposeResult:
        yield Button("focus me")
        yield KeyFooter(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "undo" and not self.can_undo else True


def test_textual_still_has_the_flag() -> None:
    """When a Textual update drops it, this fails first: the pin in pyproject.toml moves with
    a look at `KeyFooter.compose`."""
    from textual.widgets import Footer

    assert hasattr(Footer, KeyFooter.READY_FLAG)


async def test_without_the_flag_the_footer_still_shows_and_updates_its_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(KeyFooter, "READY_FLAG", "_flag_this_textual_lacks")
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
