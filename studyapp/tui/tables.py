"""The TUI's renderings of a `present.table.Table`: a Rich table for a `Static`, or a `DataTable`."""

from __future__ import annotations

from rich import box
from rich.table import Table as RichTable
from rich.text import Text
from textual.widgets import DataTable

from studyapp.present.table import Align, Table
from studyapp.tui.safe_text import plain


def rich_table(table: Table) -> RichTable:
    """Untitled (the screen's section label names it), a rule under the headers and before
    the total row, which is bold."""
    shown = RichTable(box=box.SIMPLE_HEAD, title_justify="left")
    for header, align in zip(table.headers, table.align, strict=True):
        shown.add_column(header, justify=align, no_wrap=align == "left")
    for row in table.rows:
        shown.add_row(*(plain(cell) for cell in row))
    if table.total is not None:
        shown.add_section()
        shown.add_row(*(plain(cell) for cell in table.total), style="bold")
    return shown


def fill_data_table(widget: DataTable[object], table: Table) -> None:
    """Replace the widget's columns and rows with the table's; headers are capitalised."""
    widget.clear(columns=True)
    widget.add_columns(*(header.capitalize() for header in table.headers))
    for row in table.all_rows():
        widget.add_row(
            *(_aligned(cell, align) for cell, align in zip(row, table.align, strict=True))
        )


def _aligned(cell: str, align: Align) -> Text:
    text = plain(cell)
    text.justify = align
    return text
