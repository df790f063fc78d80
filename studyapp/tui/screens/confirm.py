"""A yes/no question before something that cannot be taken back."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label
from textual.widgets.button import ButtonVariant


class ConfirmDialog(ModalScreen[bool | None]):
    """Returns True for yes, False for no, None for Escape (neither). The question is plain
    text (never markup), one line or several, wrapped to the dialog.

    The safe answer has the focus, so Enter never does what cannot be undone: no, unless
    `yes_is_safe` (resuming an exam, where no discards it)."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(None)", "Back", id="confirm.back"),
    ]

    def __init__(self, question: str, *, yes_is_safe: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes_is_safe = yes_is_safe

    def compose(self) -> ComposeResult:
        safe: ButtonVariant = "primary"
        risky: ButtonVariant = "warning"
        with Vertical(id="dialog"):
            yield Label(self.question, id="question", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Yes (y)", id="yes", variant=safe if self.yes_is_safe else risky)
                yield Button("No (n)", id="no", variant=risky if self.yes_is_safe else safe)

    def on_mount(self) -> None:
        self.query_one("#yes" if self.yes_is_safe else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool | None) -> None:
        self.dismiss(yes)
