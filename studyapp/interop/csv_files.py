"""CSV files as spreadsheets write them: reading one into rows by column, writing one safely.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return)
as a formula, so such a cell is written with a `'` in front (CSV injection); reading takes
one `'` off a cell that has one in front of such a character, so every cell reads back as
it was. Files are UTF-8 with a byte-order mark (Excel needs it to see UTF-8); reading takes
`,`, `;` or a tab between cells, whichever the header uses.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.errors import ContentError
from studyapp.interop.csv_columns import (
    KEY_COLUMN,
    KINDS,
    REQUIRED_COLUMNS,
    Kind,
    known_columns,
)
from studyapp.text import plural, printable

#: What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
#: A CSV of a whole deck is a few megabytes; this is far past any real one.
MAX_CSV_BYTES = 50 * 1024 * 1024
_DELIMITERS = (",", ";", "\t")


def spreadsheet_safe(cell: str) -> str:
    """`cell` with a `'` in front when a spreadsheet would take it for a formula."""
    return QUOTE + cell if cell.lstrip(QUOTE).startswith(FORMULA_STARTS) else cell


def from_spreadsheet(cell: str) -> str:
    """The cell `spreadsheet_safe` was given; line breaks as `\\n` whatever wrote them."""
    if cell.startswith(QUOTE) and cell.lstrip(QUOTE).startswith(FORMULA_STARTS):
        cell = cell[1:]
    return cell.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True, order=True)
class CsvProblem:
    """One thing wrong with a CSV file: its row (the header is row 1, as a spreadsheet
    numbers them) and column (by its name in the header, else its number)."""

    path: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        text = f"{self.path}:{self.row}:{self.column}: {self.message}"
        return printable(text, newlines=False)


class CsvImportError(ContentError):
    """A CSV file that cannot be imported, with every problem found in it."""

    def __init__(self, path: str, problems: Sequence[CsvProblem]) -> None:
        self.problems = sorted(problems, key=lambda problem: (problem.path, problem.row))
        count = len(self.problems)
        super().__init__(
            printable(
                f"{path}: {plural(count, 'problem')} found; nothing was written", newlines=False
            )
        )


@dataclass(frozen=True)
class CsvRow:
    """A row of cells by column name, with its number as a spreadsheet shows it."""

    number: int
    cells: Mapping[str, str]


@dataclass
class CsvTable:
    """A file's kind (told by its header), its header and its non-blank rows."""

    path: str
    kind: Kind
    header: tuple[str, ...]
    rows: list[CsvRow] = field(default_factory=list)


def _decoded(path: Path) -> str:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise ContentError(f"{name}: file is {size // 2**20} MB; a CSV may be at most 50 MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(
            printable(f"{name}: cannot read: {exc.strerror}", newlines=False)
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "not UTF-8 text; save the CSV as UTF-8 (CSV UTF-8 in Excel)"
        raise CsvImportError(name, [CsvProblem(name, line, "1", message)]) from exc


def _header_names(first_line: str) -> tuple[str, list[str]]:
    """The delimiter the header uses, and its column names (trimmed, lower case)."""
    best: tuple[int, str, list[str]] = (-1, ",", [])
    for delimiter in _DELIMITERS:
        names = next(csv.reader([first_line], delimiter=delimiter), [])
        names = [name.strip().lower() for name in names]
        known = sum(any(name in known_columns(kind) for kind in KINDS) for name in names)
        if known > best[0]:
            best = (known, delimiter, names)
    return best[1], best[2]


def _kind(path: str, names: Sequence[str]) -> Kind:
    kinds = [kind for kind in KINDS if KEY_COLUMN[kind] in names]
    if len(kinds) == 1:
        return kinds[0]
    expected = ", ".join(f"{KEY_COLUMN[kind]} ({kind})" for kind in KINDS)
    what = "cannot tell" if not kinds else "the header mixes kinds; cannot tell"
    message = f"{what} what the file holds: its header needs one of the columns {expected}"
    raise CsvImportError(path, [CsvProblem(path, 1, "1", message)])


def _header_problems(path: str, kind: Kind, names: Sequence[str]) -> list[CsvProblem]:
    problems = []
    known = known_columns(kind)
    for number, name in enumerate(names, 1):
        if name and name not in known:
            listing = ", ".join(sorted(known))
            message = f"unknown column {name!r} in a file of {kind} (its columns: {listing})"
            problems.append(CsvProblem(path, 1, name, message))
        elif name and names.index(name) != number - 1:
            problems.append(CsvProblem(path, 1, name, "this column is in the header twice"))
    for name in REQUIRED_COLUMNS[kind]:
        if name not in names:
            problems.append(CsvProblem(path, 1, name, f"missing column: {kind} need it"))
    return problems


def _row(
    path: str, number: int, names: Sequence[str], record: Sequence[str]
) -> tuple[CsvRow | None, list[CsvProblem]]:
    """The row of one record (None when every cell is blank), and its stray cells."""
    if not any(cell.strip() for cell in record):
        return None, []
    problems = []
    cells: dict[str, str] = {}
    for index, cell in enumerate(record):
        name = names[index] if index < len(names) else ""
        if name:
            cells[name] = from_spreadsheet(cell)
        elif cell.strip():
            columns = plural(len(names), "column")
            message = f"a cell beyond the header's {columns}, or under no name"
            problems.append(CsvProblem(path, number, str(index + 1), message))
    return CsvRow(number, cells), problems


def read_table(path: Path) -> CsvTable:
    """Read a CSV of one kind of content; raise CsvImportError listing what is wrong with
    its header or the shape of its rows."""
    name = str(path)
    text = _decoded(path)
    delimiter, names = _header_names(text.split("\n", 1)[0])
    table = CsvTable(name, _kind(name, names), tuple(names))
    problems = _header_problems(name, table.kind, names)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 1
    try:
        next(reader, None)
        for number, record in enumerate(reader, 2):
            row, found = _row(name, number, names, record)
            problems += found
            if row is not None:
                table.rows.append(row)
    except csv.Error as exc:
        problems.append(CsvProblem(name, number + 1, "1", f"not readable as CSV: {exc}"))
    if problems:
        raise CsvImportError(name, problems)
    return table


def csv_text(header: Sequence[str], rows: Iterable[Mapping[str, str]]) -> str:
    """A CSV file's text: the header, then each row's cells, made spreadsheet-safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(row.get(column, "")) for column in header])
    return buffer.getvalue()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_files(contents: Mapping[Path, bytes]) -> None:
    """Write every file or none: each to a temporary file beside it first, then all renamed
    into place (with the permissions a new file gets)."""
    mode = 0o666 & ~_umask()
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.chmod(temporary, mode)
        for temporary, path in staged:
            os.replace(temporary, path)
    except OSError as exc:
        where = exc.filename or "a file"
        raise ContentError(
            printable(f"cannot write {where}: {exc.strerror}", newlines=False)
        ) from exc
    finally:
        for temporary, _path in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
