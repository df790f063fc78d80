"""Add one entry to a content file as text, keeping every other byte as it was written.

The file is composed with PyYAML, whose node marks say where a section's list is and where
its last entry's text (and the comments indented under it) ends; the entry's lines go in
after it at the list's own indentation, or in a new section at the end of the file. The
file is never dumped again: comments, quoting and layout stay. What the new text says is read back and must be what the old text said plus
the one entry, or nothing is written.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from studyapp.content.loader import SECTIONS, compose_document, validation_problems
from studyapp.errors import ContentError

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Where a new section's list goes when the file has no other list to copy.
DEFAULT_INDENT = 2
_BOM = "\ufeff"


@dataclass(frozen=True)
class Added:
    """A file's text with one entry added, and the line (1 the first) of its `- id:`."""

    text: str
    line: int


def appended(path: str, text: str, section: str, entry: Sequence[str]) -> Added:
    """`text` with `entry` (the lines of one list entry, `- ` first, not indented) at the end of
    `section`'s list, or in a new `section:` at the end of the file."""
    newline = "\r\n" if "\r\n" in text else "\n"
    root = _root(path, text)
    value = next((v for k, v in root.value if k.value == section), None) if root else None
    if value is None:
        return _new_section(text, section, entry, _list_indent(root), newline)
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        return _after_last(text, value, entry, newline)
    if _is_empty(value):
        return _into_empty(text, value, entry, _list_indent(root), newline)
    where = f"{path}:{value.start_mark.line + 1}:{value.start_mark.column + 1}"
    raise ContentError(
        f"{where}: {section} is not a list of `- ` entries (written inline?); write it as one "
        "to add to it, or add the entry by hand"
    )


def _root(path: str, text: str) -> yaml.MappingNode | None:
    """The file's top-level mapping (None for a file with no YAML in it yet)."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        raise ContentError(
            f"{path}: YAML cannot read the file ({str(error).splitlines()[0]}); fix that first"
        ) from error
    finally:
        loader.dispose()
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise ContentError(f"{path}: not a content file (a mapping with `topic:` and lists)")
    return node


def _list_indent(root: yaml.MappingNode | None) -> int:
    """How far the file indents the `- ` of its lists (the first block list's), else 2."""
    for _key, value in root.value if root else []:
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            return int(value.start_mark.column)
    return DEFAULT_INDENT


def _is_empty(value: yaml.Node) -> bool:
    """`cards:` with nothing, `cards: ~` or `cards: []`."""
    if isinstance(value, yaml.SequenceNode):
        return not value.value
    return isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null"


def _indented(entry: Sequence[str], indent: int, newline: str) -> str:
    return "".join((" " * indent + line if line else "") + newline for line in entry)


def _line_end(text: str, index: int) -> tuple[int, str]:
    """Where the line holding `index` ends (past its line break), and the break to put
    first when the text ends on that line without one."""
    found = text.find("\n", index)
    return (len(text), "\n") if found < 0 else (found + 1, "")


def _insert(text: str, at: int, lead: str, block: str) -> Added:
    line = text.count("\n", 0, at) + lead.count("\n") + 1
    return Added(text[:at] + lead + block + text[at:], line)


def _new_section(text: str, section: str, entry: Sequence[str], indent: int, newline: str) -> Added:
    lead = "" if not text or text.endswith("\n") else newline
    if text.strip() and not (text + lead).endswith(newline * 2):
        lead += newline  # a blank line between the last section and the new one
    return _insert(
        text, len(text), lead + f"{section}:{newline}", _indented(entry, indent, newline)
    )


def _after_last(
    text: str, sequence: yaml.SequenceNode, entry: Sequence[str], newline: str
) -> Added:
    """After the text of the list's last entry and the comments indented under it (those
    are the entry's own, such as a skeleton's optional fields); comments at the list's
    indentation or less, and blank lines, stay after the new entry. Blank-line separated
    when the entries are."""
    last = sequence.value[-1]
    at, missing_break = _line_end(text, _text_end(text, last))
    if not missing_break:
        at = _past_own_comments(text, at, sequence.start_mark.column)
    lead = missing_break.replace("\n", newline)
    if _spaced(text, sequence):
        lead += newline
    return _insert(text, at, lead, _indented(entry, sequence.start_mark.column, newline))


def _past_own_comments(text: str, at: int, list_column: int) -> int:
    """Past the comment lines from `at` on that are indented deeper than the list's `- `
    (blank lines between them included, none after the last)."""
    end, cursor = at, at
    while cursor < len(text):
        found = text.find("\n", cursor)
        line_end = len(text) if found < 0 else found + 1
        line = text[cursor:line_end]
        stripped = line.lstrip(" ")
        if stripped.startswith("#") and len(line) - len(stripped) > list_column:
            end = line_end
        elif stripped.strip():
            break
        cursor = line_end
    return end


def _into_empty(
    text: str, value: yaml.Node, entry: Sequence[str], indent: int, newline: str
) -> Added:
    """`cards: []` or `cards:` becomes `cards:` with the entry under it."""
    start, end = value.start_mark.index, value.end_mark.index
    head = text[:start].rstrip(" \t")
    text = head + text[end:]
    at, missing_break = _line_end(text, len(head))
    return _insert(
        text, at, missing_break.replace("\n", newline), _indented(entry, indent, newline)
    )


def _text_end(text: str, node: yaml.Node) -> int:
    """Where the written text of `node` ends: its last value's, without the blank lines a
    block scalar's mark runs on over."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
        if not node.value:
            break
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = int(node.end_mark.index)
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _spaced(text: str, sequence: yaml.SequenceNode) -> bool:
    """Whether a blank line goes before a new entry: the last two entries have one between
    them, or the only entry spans several lines."""
    entries = sequence.value
    if len(entries) == 1:
        return "\n" in text[entries[0].start_mark.index : _text_end(text, entries[0])]
    gap = text[_text_end(text, entries[-2]) : entries[-1].start_mark.index]
    return any(not line.strip() for line in gap.split("\n")[1:-1])


def checked(path: str, before: str, added: Added, section: str, item_id: str) -> None:
    """Refuse (ContentError, nothing written) unless `added` says what `before` said plus one
    valid entry `item_id` at the end of `section`, written at `added.line`."""
    old, _marks, old_problems = compose_document(path, before)
    new, marks, problems = compose_document(path, added.text)
    # Problems the file had already (a duplicate key elsewhere) are the author's to fix later.
    fresh = Counter(p.message for p in problems) - Counter(p.message for p in old_problems)
    if not isinstance(new, dict) or fresh:
        first = next(iter(fresh), "not a mapping")
        raise ContentError(f"{path}: the entry would not read back ({first}); nothing written")
    entries = new.get(section) or []
    index = len(entries) - 1
    kept = {**(old if isinstance(old, dict) else {}), section: _listed(old, section)}
    said = {**new, section: entries[:-1]}
    placed = marks.find((section, index))[0] == added.line
    if said != kept or not placed or not isinstance(entries[-1], dict):
        raise ContentError(
            f"{path}: adding the entry here would change what the file says (an unusual "
            "layout?); nothing written: add it by hand"
        )
    if entries[-1].get("id") != item_id:
        raise ContentError(f"{path}:{added.line}: the new entry reads back without its id")
    try:
        SECTIONS[section].model_validate(entries[-1])
    except ValidationError as error:
        problem = validation_problems(path, marks, (section, index), error)[0]
        raise ContentError(f"{problem}; nothing written") from error


def _listed(data: Any, section: str) -> list[Any]:
    value = data.get(section) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def read_text(path: Path) -> str:
    """A content file's text as written (line breaks kept; a byte-order mark left out)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(f"{path}: cannot read: {error.strerror}") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(f"{path}: file is not UTF-8 text") from error


def write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` in one rename (a byte-order mark it had is kept), so an
    editor or a session never reads half a file."""
    try:
        bom = _BOM if path.read_bytes().startswith(_BOM.encode()) else ""
    except FileNotFoundError:
        bom = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Made with open(), not mkstemp, so a new file gets the user's usual permissions.
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        with temp.open("x", encoding="utf-8", newline="") as handle:
            handle.write(bom + text)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ContentError(f"{path}: cannot write: {error.strerror or error}") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
