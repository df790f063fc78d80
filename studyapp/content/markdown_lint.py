"""Markdown that does not show what its author wrote, found in the notes' tokens.

Four flaws, each a lint finding at the file, line and column it was written (inside a
literal block `body: |`; at the body's start for other YAML styles): a table row whose cell
count differs from its header (Markdown pads or cuts it without a word, or shows the
table as text), an emphasis marker or backtick without its pair (shown as a literal
character), raw HTML (the notes reader leaves it out, line mode prints it as written), and
a link to an address the note does not list in `sources` (every fact names its page).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.content.deck import Deck
from studyapp.content.files import Problem
from studyapp.content.markdown import ParsedMarkdown, parse, parser
from studyapp.text import plural

if TYPE_CHECKING:
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

#: Where a note's text is written: (note id, line of the body with 0 the first, column with 1
#: the first) -> (path, line, column) in its file.
TextPlace = Callable[[str, int, int], tuple[str, int, int]]
#: A flaw inside one note: (line of the body, column, message).
Flaw = tuple[int, int, str]

#: What a list item or block quote puts before a line of its content.
_CONTAINER = re.compile(r"^(?:\s*(?:>|(?:[-+*]|\d{1,9}[.)])(?=\s)))*\s*")
_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_MARKER_RUN = re.compile(r"\*+|_+")


def markdown_findings(deck: Deck, place: TextPlace) -> list[Problem]:
    """Every Markdown flaw of every note's body, each located where it was written."""
    findings = []
    for note_id, note in deck.notes.items():
        for line, column, message in note_flaws(parse(note.body), note.sources):
            findings.append(Problem(*place(note_id, line, column), f"{note_id}: body: {message}"))
    return findings


def note_flaws(parsed: ParsedMarkdown, sources: Sequence[str]) -> list[Flaw]:
    """The flaws of one note's Markdown, in the order they are written."""
    lines = parsed.source.split("\n")
    flaws = [
        *_table_rows(parsed.tree, lines),
        *_tables_shown_as_text(parsed.tree, lines),
        *_inline_flaws(parsed.tokens, lines, sources),
        *_html_blocks(parsed.tokens, lines),
    ]
    return sorted(flaws)


# tables -----------------------------------------------------------------------------------


def _row_cells(line: str) -> int:
    """How many cells a pipe-table row written on `line` has (GFM: outer pipes optional)."""
    row = _CONTAINER.sub("", line, count=1).strip()
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return len(_UNESCAPED_PIPE.split(row))


def _line_start(line: str) -> int:
    """The column (1 the first) where a row starts after its list or quote markers."""
    prefix = _CONTAINER.match(line)
    return (prefix.end() if prefix else 0) + 1


def _table_rows(tree: SyntaxTreeNode, lines: list[str]) -> Iterator[Flaw]:
    for table in (node for node in tree.walk() if node.type == "table" and node.map):
        header = sum(1 for cell in table.walk() if cell.type == "th")
        start, end = table.map or (0, 0)
        for number in range(start + 2, min(end, len(lines))):
            cells = _row_cells(lines[number])
            if cells != header:
                yield (
                    number,
                    _line_start(lines[number]),
                    f"this table row has {plural(cells, 'cell')} and its header {header}: Markdown "
                    f"{'pads' if cells < header else 'cuts'} the row without a word, so the "
                    "columns no longer say what was written",
                )


def _tables_shown_as_text(tree: SyntaxTreeNode, lines: list[str]) -> Iterator[Flaw]:
    """A delimiter row (`|---|---|`) in a paragraph: a table whose header row has another
    number of cells, so it is shown as text, pipes and all."""
    for paragraph in (node for node in tree.walk() if node.type == "paragraph" and node.map):
        start, end = paragraph.map or (0, 0)
        for number in range(start + 1, min(end, len(lines))):
            row = _CONTAINER.sub("", lines[number], count=1).strip()
            if "|" in row and "-" in row and _DELIMITER_ROW.match(row):
                header, delimiter = _row_cells(lines[number - 1]), _row_cells(lines[number])
                yield (
                    number,
                    _line_start(lines[number]),
                    f"this table is shown as text, pipes and all: its header row has "
                    f"{plural(header, 'cell')} and the delimiter row under it {delimiter}; "
                    "make them the same",
                )


# inline: literal markers, raw HTML, links ----------------------------------------------------


def _inline_flaws(
    tokens: Sequence[Token], lines: list[str], sources: Sequence[str]
) -> Iterator[Flaw]:
    allowed = _Sources(sources)
    for token in tokens:
        if token.type != "inline" or not token.map:
            continue
        line = token.map[0]
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "text":
                yield from _literal_markers(child.content, line, lines)
            elif child.type == "html_inline":
                yield (line, _column(lines, line, child.content), _html_message(child.content))
            elif child.type in ("link_open", "image"):
                address = str(child.attrs.get("href") or child.attrs.get("src") or "")
                if not allowed.lists(address):
                    yield (line, _column(lines, line, address), _link_message(address))


@dataclass
class _Sources:
    """A note's sources, as written and as markdown-it writes a link to them (percent-encoded),
    normalised only once a link is not found as written (most notes have no links)."""

    written: Sequence[str]
    normalised: frozenset[str] | None = None

    def lists(self, address: str) -> bool:
        if address in self.written:
            return True
        if self.normalised is None:
            self.normalised = frozenset(map(parser().normalizeLink, self.written))
        return address in self.normalised


def _html_blocks(tokens: Sequence[Token], lines: list[str]) -> Iterator[Flaw]:
    for token in tokens:
        if token.type == "html_block" and token.map:
            first = token.content.strip().split("\n")[0]
            yield (token.map[0], _column(lines, token.map[0], first), _html_message(first))


def _html_message(html: str) -> str:
    shown = html if len(html) <= 40 else html[:39] + "…"
    return (
        f"raw HTML {shown!r} is not shown as written: the notes reader leaves it out and line "
        "mode prints the tags; write it in Markdown"
    )


def _link_message(address: str) -> str:
    return (
        f"the link to {address!r} is not among the note's sources: add the page to `sources` "
        "(every fact names its page), or link one that is"
    )


def _literal_markers(text: str, line: int, lines: list[str]) -> Iterator[Flaw]:
    """Emphasis markers and backticks the parser left as text: each lacks its pair."""
    for match in re.finditer(r"`+", text):
        column = _column(lines, line, text[match.start() : match.start() + 12])
        yield (
            line,
            column,
            f"{match.group()!r} is shown as written: a backtick without its pair (close the "
            "code span, or write \\` for a literal backtick)",
        )
    for match in _MARKER_RUN.finditer(text):
        if _may_emphasise(text, match.start(), match.end()):
            column = _column(lines, line, text[match.start() : match.start() + 12])
            yield (
                line,
                column,
                f"{match.group()!r} is shown as written: an emphasis marker without its pair "
                f"(close it, put code in backticks, or write \\{match.group()[0]} for a literal "
                "one)",
            )


def _may_emphasise(text: str, start: int, end: int) -> bool:
    """Whether the marker run `text[start:end]` could open or close emphasis (CommonMark's
    flanking rules; an underscore inside a word, as in FARGATE_SPOT, cannot)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    left = not after.isspace() and (
        not _punctuation(after) or before.isspace() or _punctuation(before)
    )
    right = not before.isspace() and (
        not _punctuation(before) or after.isspace() or _punctuation(after)
    )
    if text[start] == "*":
        return left or right
    opens = left and (not right or _punctuation(before))
    closes = right and (not left or _punctuation(after))
    return opens or closes


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


def _column(lines: list[str], line: int, needle: str) -> int:
    """Where `needle` starts on `line` (1 the first column), or 1 when it cannot be found."""
    if not 0 <= line < len(lines) or not needle:
        return 1
    found = lines[line].find(needle)
    if found < 0:
        found = lines[line].find(needle[:1])
    return found + 1 if found >= 0 else 1
