"""Line mode's renderings of a `present.table.Table`: a rich table, or aligned plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.present.table import Table
from studyapp.text import printable

if TYPE_CHECKING:
    from rich.table import Table as RichTable


def rich_table(table: Table) -> RichTable:
    """The table with its title on the left, its total row bold after a rule."""
    from rich.table import Table as RichTable
    from rich.text import Text

    shown = RichTable(title=table.title, title_justify="left")
    for header, align in zip(table.headers, table.align, strict=True):
        shown.add_column(header, justify=align, no_wrap=align == "left")
    for row in table.rows:
        shown.add_row(*(Text(printable(cell)) for cell in row))
    if table.total is not None:
        shown.add_section()
        shown.add_row(*(Text(printable(cell)) for cell in table.total), style="bold")
    return shown


def text_lines(table: Table) -> list[str]:
    """The headers and every row (the total last) as columns two spaces apart; no title."""
    rows = [table.headers, *table.all_rows()]
    widths = [max(len(row[n]) for row in rows) for n in range(len(table.headers))]

    def line(row: tuple[str, ...]) -> str:
        cells = (
            cell.ljust(width) if align == "left" else cell.rjust(width)
            for cell, width, align in zip(row, widths, table.align, strict=True)
        )
        return "  ".join(cells).rstrip()

    return [line(row) for row in rows]
