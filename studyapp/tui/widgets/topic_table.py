"""Home's table of topics, a row each."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import DataTable


class TopicTable(DataTable[Any]):
    """A row-cursor table whose Home and End keys go to the first and last row.

    Textual's table scrolls sideways on Home and End (to the first and last column), which
    a table that fits its width shows as nothing happening.

    | Key | Action |
    | :- | :- |
    | home | The first row (All topics). |
    | end | The last row. |
    """

    BINDINGS = [
        Binding("home", "scroll_top", "First topic", show=False),
        Binding("end", "scroll_bottom", "Last topic", show=False),
    ]
