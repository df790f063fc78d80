"""Every question of the exam at a glance: answered or not, flagged or not; pick one to go."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label
from textual.widgets.button import ButtonVariant

from studyapp.present.exam import overview_cell, overview_legend
from studyapp.study.exam import PositionStatus
from studyapp.text import plural

#: Questions per row where there is room; a cell and its gap take CELL_WIDTH columns, and
#: the dialog's border and padding OUTSIDE (exam_overview.tcss).
COLUMNS, CELL_WIDTH, OUTSIDE = 10, 7, 6


class ExamOverview(ModalScreen[int | None]):
    """Returns the question number chosen, or None.

    | Key | Does |
    | --- | --- |
    | ← → | the question before, after |
    | ↑ ↓ | the question a row above, below (ten a row; fewer on a narrow terminal) |
    | Enter | go to it |
    | Esc, o | back to the exam |
    """

    CSS_PATH = "exam_overview.tcss"
    BINDINGS = [
        Binding("escape,o", "close", "Close", id="overview.close"),
        Binding("left", "move(-1)", "Previous", show=False, id="overview.left"),
        Binding("right", "move(1)", "Next", show=False, id="overview.right"),
        Binding("up", "move_row(-1)", "Row up", show=False, id="overview.up"),
        Binding("down", "move_row(1)", "Row down", show=False, id="overview.down"),
    ]

    def __init__(self, cells: tuple[PositionStatus, ...], current: int = 1) -> None:
        super().__init__()
        self.cells = cells
        self.current = current
        self.columns = COLUMNS

    def compose(self) -> ComposeResult:
        total = len(self.cells)
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = f"All {plural(total, 'question')}"
            yield Label(overview_legend(self.cells), id="legend")
            with Grid(id="cells"):
                for cell in self.cells:
                    variant: ButtonVariant = (
                        "warning" if cell.flagged else "success" if cell.answered else "default"
                    )
                    yield Button(
                        overview_cell(cell, total),
                        id=f"q{cell.position}",
                        variant=variant,
                        compact=True,
                    )
            yield Label("← → ↑ ↓ move · Enter go to it · Esc back to the exam", id="keys")

    def on_mount(self) -> None:
        self._focus(self.current)

    def on_resize(self, event: events.Resize) -> None:
        """Ten questions a row, or as many as fit: a cell is never cut off."""
        self.columns = max(1, min(COLUMNS, (event.size.width - OUTSIDE + 1) // CELL_WIDTH))
        self.query_one("#cells", Grid).styles.grid_size_columns = self.columns

    def _focus(self, position: int) -> None:
        if 1 <= position <= len(self.cells):
            self.query_one(f"#q{position}", Button).focus()

    def _focused_position(self) -> int:
        focused = self.focused
        if isinstance(focused, Button) and (focused.id or "").startswith("q"):
            return int((focused.id or "q1")[1:])
        return self.current

    def action_move(self, step: int) -> None:
        """Focus the question `step` away; past either end, stay."""
        self._focus(self._focused_position() + step)

    def action_move_row(self, rows: int) -> None:
        self.action_move(rows * self.columns)

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(int((event.button.id or "q1")[1:]))

    def action_close(self) -> None:
        self.dismiss(None)
