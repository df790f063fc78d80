"""Every question of the exam at a glance: answered, flagged or not yet; pick one to go."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label
from textual.widgets.button import ButtonVariant

from studyapp.study.exam import PositionStatus


class ExamOverview(ModalScreen[int | None]):
    """Returns the question number chosen, or None."""

    CSS_PATH = "exam_overview.tcss"
    BINDINGS = [Binding("escape,o", "close", "Close", id="overview.close")]

    def __init__(self, cells: tuple[PositionStatus, ...]) -> None:
        super().__init__()
        self.cells = cells

    def compose(self) -> ComposeResult:
        answered = sum(1 for c in self.cells if c.answered)
        flagged = sum(1 for c in self.cells if c.flagged)
        with Vertical(id="dialog"):
            yield Label(
                f"{answered} answered · {flagged} flagged · {len(self.cells) - answered} not yet"
                "   (✓ answered, ⚑ flagged, · not yet)"
            )
            with Grid(id="cells"):
                for cell in self.cells:
                    variant: ButtonVariant = (
                        "warning" if cell.flagged else "success" if cell.answered else "default"
                    )
                    yield Button(
                        f"{cell.position}{cell.mark}",
                        id=f"q{cell.position}",
                        variant=variant,
                        compact=True,
                    )

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(int((event.button.id or "q1")[1:]))

    def action_close(self) -> None:
        self.dismiss(None)
