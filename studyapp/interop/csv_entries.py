"""A CSV row as a content entry, validated by the loader's own pydantic models; ids from text.

A row without an id gets one made from its text: a slug of its first words and a short
hash of the whole text (whitespace runs counted as one space), so importing the same row
again gives the same id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from studyapp.content.loader import SECTIONS
from studyapp.content.validation import to_runtime
from studyapp.interop.csv_columns import (
    CellProblem,
    Entry,
    Kind,
    column_of,
    entry_row,
    row_data,
)
from studyapp.interop.csv_files import from_spreadsheet, spreadsheet_safe
from studyapp.text import slug

#: The column whose text an id is made from, and what the id says after the topic.
ID_SOURCE: dict[Kind, tuple[str, str]] = {
    "notes": ("title", "note-"),
    "cards": ("front", ""),
    "questions": ("prompt", "q-"),
    "scenarios": ("situation", "scn-"),
}
MAX_ID_CHARS = 120
SLUG_CHARS = 40
HASH_CHARS = 8
#: Pydantic errors whose message is clearer with the value that was refused.
_SHOW_VALUE = {"literal_error", "string_pattern_mismatch", "enum"}


def generated_id(kind: Kind, topic_id: str, text: str) -> str:
    """`lambda-q-a-nightly-job-runs-for-40-minutes-3f2a1c0d`: the topic, the kind, a slug of
    the text's first words and a hash of all of it."""
    words = " ".join(text.split())
    digest = hashlib.sha256(f"{kind}\n{topic_id}\n{words}".encode()).hexdigest()[:HASH_CHARS]
    prefix = ID_SOURCE[kind][1]
    head = f"{topic_id}-{prefix}{slug(words, SLUG_CHARS)}".rstrip("-")
    head = head[: MAX_ID_CHARS - HASH_CHARS - 1].rstrip("-._")
    return f"{head}-{digest}"


def _message(detail: Any) -> str:
    """A validation error as a cell's problem: `is empty`, or pydantic's words (and the
    value, where that says more)."""
    if detail["type"] in ("missing", "string_too_short"):
        return "is empty"
    message = re.sub(r"^(Value|Assertion) error, ", "", str(detail["msg"]))
    value = detail.get("input")
    listed = bool(detail["loc"]) and isinstance(detail["loc"][-1], int)
    if isinstance(value, str) and (listed or detail["type"] in _SHOW_VALUE):
        shown = value if len(value) <= 60 else value[:59] + "…"
        message = f"{message} (not {shown!r})"
    return message


def entry_from_cells(
    kind: Kind, cells: Mapping[str, str]
) -> tuple[Entry | None, list[CellProblem]]:
    """The entry a row holds, or None and every problem found in its cells."""
    data, problems = row_data(kind, cells)
    try:
        model = SECTIONS[kind].model_validate(data)
    except ValidationError as error:
        reported = {problem.column for problem in problems}
        for detail in error.errors():
            column = column_of(kind, tuple(detail["loc"]))
            if column not in reported:
                problems.append(CellProblem(column, _message(detail)))
        return None, problems
    if problems:
        return None, problems
    return to_runtime(model), []  # type: ignore[arg-type]


def exported_cells(entry: Entry, topic_id: str) -> dict[str, str]:
    """The cells of an entry as a spreadsheet would hand them back."""
    row = entry_row(entry, topic_id)
    return {column: from_spreadsheet(spreadsheet_safe(cell)) for column, cell in row.items()}


def round_trip(entry: Entry, kind: Kind, topic_id: str) -> Entry | None:
    """What importing the entry's row gives back (None when the row would not import)."""
    again, _problems = entry_from_cells(kind, exported_cells(entry, topic_id))
    return again
