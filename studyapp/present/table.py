"""A table as plain data: title, headers, rows of strings and how each column aligns.

Both front ends show some of the same tables (readiness per topic, an exam's topics); the
rows are built once here, and each front end renders them its own way (rich or aligned
text in line mode, a Rich table or a `DataTable` in the TUI).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "right"]


@dataclass(frozen=True)
class Table:
    """Rows of cell text under headers; `total` is a last row shown apart (bold, after a rule)."""

    title: str
    headers: tuple[str, ...]
    align: tuple[Align, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        width = len(self.headers)
        rows = (*self.rows, *([self.total] if self.total is not None else []))
        if len(self.align) != width or any(len(row) != width for row in rows):
            raise ValueError(f"every row of {self.title!r} needs {width} cells")

    def all_rows(self) -> tuple[tuple[str, ...], ...]:
        """The rows and then the total row, if any."""
        return self.rows if self.total is None else (*self.rows, self.total)
