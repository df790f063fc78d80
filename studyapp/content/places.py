"""Where a value of an item was written: the file, line and column an author's editor jumps to.

Checks that run after loading (exam tags, lint) locate their findings through a `Locator`,
which reads the marks of each file it is asked about at most once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studyapp.content.deck import Deck
from studyapp.content.loader import Marks, compose_document, decode_text

_SECTIONS = ("notes", "cards", "questions", "scenarios")
#: Each id's (section, index), the file's marks, and its lines.
_Places = tuple[dict[str, tuple[str, int]], Marks, list[str]]


@dataclass
class Locator:
    """Finds where a value of an item was written, reading each file's marks at most once."""

    files: dict[str, _Places | None] = field(default_factory=dict)

    def __call__(self, deck: Deck, item_id: str, *keys: str | int) -> tuple[str, int, int]:
        """The place of `keys` inside the item (e.g. `"choices", 2, "text"`), or its line."""
        origin = deck.origin_of[item_id]
        if origin.path not in self.files:
            self.files[origin.path] = _item_places(origin.path)
        found = self.files[origin.path]
        place = None if found is None else found[0].get(item_id)
        if found is None or place is None:
            return origin.path, origin.line, origin.column
        line, column = found[1].find((*place, *keys))
        return origin.path, line, column

    def in_text(
        self, deck: Deck, item_id: str, key: str, line: int, column: int
    ) -> tuple[str, int, int]:
        """Where `line` (0 the first) and `column` (1 the first) of the text value `key` are:
        exact in a literal block (`key: |`), whose lines are the file's; the start of the
        value in any other style, whose lines YAML folds or unescapes."""
        path, start_line, start_column = self(deck, item_id, key)
        found = self.files.get(path)
        lines = found[2] if found else []
        written = lines[start_line - 1][start_column - 1 :] if start_line <= len(lines) else ""
        if written.startswith("|"):
            return path, start_line + 1 + line, _block_indent(lines, start_line) + column
        if line == 0 and written[:1] not in ("'", '"', ">"):
            return path, start_line, start_column + column - 1
        return path, start_line, start_column


def _block_indent(lines: list[str], header_line: int) -> int:
    """The indentation of a block scalar whose `|` is on `header_line` (1 the first): that of
    its first line that is not blank."""
    for text in lines[header_line:]:
        if text.strip():
            return len(text) - len(text.lstrip(" "))
    return 0


def _item_places(path: str) -> _Places | None:
    """Each item id of the file with its (section, index), and the file's marks."""
    try:
        text, _problems = decode_text(path, Path(path).read_bytes())
    except OSError:
        return None
    if text is None:
        return None
    data, marks, _problems = compose_document(path, text)
    if not isinstance(data, dict):
        return None
    places: dict[str, tuple[str, int]] = {}
    for section in _SECTIONS:
        entries = data.get(section)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                places.setdefault(entry["id"], (section, index))
    return places, marks, text.split("\n")
