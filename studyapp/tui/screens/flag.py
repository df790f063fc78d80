"""Flag a wrong or unclear item, with an optional comment for the author."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from studyapp.text import printable


class FlagDialog(ModalScreen[str | None]):
    """Returns the comment ("" for none), or None when cancelled."""

    CSS_PATH = "flag.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="flag.cancel")]

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(
                Text.assemble("Flag ", (printable(self.item_id), "bold"), " as wrong or unclear")
            )
            yield Input(placeholder="What is wrong? (optional) — Enter to flag", id="comment")
            yield Label("Flags never change scheduling. Esc cancels.", classes="dim")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
