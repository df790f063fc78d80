"""Notes' Markdown, parsed once with markdown-it-py (CommonMark and pipe tables).

A parsed note gives plain text for line mode (headings underlined, emphasis and code as
their words, links as "text (url)", tables aligned, lists wrapped with a hanging indent)
and its sections for the search index (split at headings and at bold lead-ins such as
`**Pricing.** You pay ...`). `markdown_lint.py` reads the same tokens. No markup and no
control code survives into the text: it goes to terminals, pipes and screen readers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from studyapp.text import printable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from rich.console import JustifyMethod

#: How deep quotes, lists and links may nest; markdown-it drops what is nested deeper, so
#: this is its default preset's limit (CommonMark's preset stops at 20).
MAX_NESTING = 100
#: The narrowest a nested block (a list in a quote in a list ...) is wrapped to.
MIN_WIDTH = 20
#: What wide enough means for text that is never wrapped (the search index).
UNWRAPPED = 1_000_000
BULLET = "• "
QUOTE_BAR = "│ "
CODE_INDENT = "    "
RULE = "─"
TAB_SIZE = 4


@cache
def parser() -> MarkdownIt:
    """CommonMark with pipe tables; escapes stay their own `text_special` tokens, so the lint
    can tell a written `\\*` from an emphasis marker left without its pair."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    return markdown.enable("table").disable("text_join")


@dataclass(frozen=True)
class Section:
    """A part of a note a search hit can open at: the text before the first heading or bold
    lead-in (index 0, `title` empty), then one per heading or lead-in."""

    index: int
    title: str
    #: The line of the Markdown (0 the first) where the section starts.
    line: int
    text: str


@dataclass(frozen=True)
class ParsedMarkdown:
    """One Markdown text with its tokens and their tree."""

    source: str
    tokens: tuple[Token, ...]
    tree: SyntaxTreeNode

    def plain_text(self, width: int = 80) -> str:
        """The text for a terminal, wrapped to `width` columns."""
        return _finish("\n".join(_Writer(width, aligned_tables=True).blocks(self.tree)))

    def sections(self) -> tuple[Section, ...]:
        """The text before the first heading or lead-in, then each heading or lead-in's part."""
        writer = _Writer(UNWRAPPED, aligned_tables=False)
        found: list[Section] = []
        title, line = "", 0
        blocks: list[SyntaxTreeNode] = []
        for node in self.tree.children:
            heading = section_title(node)
            if heading is not None:
                found.append(Section(len(found), title, line, _finish(writer.join(blocks))))
                title, line, blocks = heading, _first_line(node), []
                if node.type == "heading":
                    continue  # the heading's words are the title
            blocks.append(node)
        found.append(Section(len(found), title, line, _finish(writer.join(blocks))))
        return tuple(found)


def parse(markdown: str) -> ParsedMarkdown:
    """Parse `markdown` once; never raises."""
    from markdown_it.tree import SyntaxTreeNode

    tokens = parser().parse(markdown)
    return ParsedMarkdown(markdown, tuple(tokens), SyntaxTreeNode(tokens))


def plain_text(markdown: str, width: int = 80) -> str:
    """`markdown` as plain text wrapped to `width` columns."""
    return parse(markdown).plain_text(width)


#: Characters without which a text has no Markdown markup to take out (list markers and
#: the like aside, which read the same as plain text).
_MARKUP_CHARACTERS = frozenset("*_`[]<>#|\\&!~")


def searchable_text(text: str) -> str:
    """`text` (a card's or question's) as unwrapped plain text for the search index; parsed
    only when it holds a character Markdown could mean something by (most do not)."""
    if _MARKUP_CHARACTERS.isdisjoint(text):
        return _finish(text)
    return plain_text(text, UNWRAPPED)


def underlined(title: str, width: int = 80, rule: str = "=") -> list[str]:
    """A title as a heading in plain text: its words wrapped, then a rule under them."""
    lines = _wrap(printable(title, newlines=False), width) or [""]
    return [*lines, rule * max(1, min(width, max(map(_cells, lines))))]


def section_title(node: SyntaxTreeNode) -> str | None:
    """The title a top-level block starts a section with: a heading's words, or a paragraph's
    bold lead-in without its closing stop; None for any other block."""
    if node.type == "heading":
        return _one_line(_Writer(UNWRAPPED, aligned_tables=False).inline(node.children[0])) or None
    if node.type != "paragraph" or not node.children:
        return None
    spans = [child for child in node.children[0].children if child.type != "text" or child.content]
    if not spans or spans[0].type != "strong":
        return None
    words = _one_line(_Writer(UNWRAPPED, aligned_tables=False).inline(spans[0]))
    return words.rstrip(".:").strip() or None


def _first_line(node: SyntaxTreeNode) -> int:
    return node.map[0] if node.map else 0


def _one_line(text: str) -> str:
    """Words on one line, a control code (an ESC in a heading) shown as a stand-in."""
    return printable(" ".join(text.split()), newlines=False)


def _finish(text: str) -> str:
    """Tabs as spaces and any control code as a visible stand-in: only newlines are left."""
    lines = (line.rstrip() for line in text.expandtabs(TAB_SIZE).split("\n"))
    return printable("\n".join(lines).strip("\n"))


def _cells(text: str) -> int:
    """How many terminal columns `text` takes (wide East Asian characters take two)."""
    from rich.cells import cell_len

    return cell_len(text)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns, broken at spaces only (URLs and code stay whole)."""
    if width >= UNWRAPPED:
        return [text] if text.strip() else []
    return textwrap.wrap(
        text, max(width, MIN_WIDTH), break_long_words=False, break_on_hyphens=False
    )


@dataclass(frozen=True)
class _Writer:
    """Turns the token tree into lines of plain text `width` columns wide."""

    width: int
    aligned_tables: bool

    def join(self, nodes: list[SyntaxTreeNode]) -> str:
        return "\n".join(self._blocks_of(nodes, self.width))

    def blocks(self, node: SyntaxTreeNode) -> list[str]:
        return self._blocks_of(node.children, self.width)

    def _blocks_of(self, nodes: list[SyntaxTreeNode], width: int, loose: bool = True) -> list[str]:
        """Each block's lines, a blank line between blocks (none in a tight list item)."""
        lines: list[str] = []
        for node in nodes:
            if lines and loose:
                lines.append("")
            lines.extend(self._block(node, width))
        return lines

    def _block(self, node: SyntaxTreeNode, width: int) -> list[str]:
        kind = node.type
        if kind == "paragraph":
            return self._paragraph(node, width)
        if kind == "heading":
            return underlined(self.inline(node.children[0]), width, rule="-")
        if kind in ("bullet_list", "ordered_list"):
            return self._list(node, width)
        if kind == "blockquote":
            inner = self._blocks_of(node.children, max(width - 2, MIN_WIDTH))
            return [(QUOTE_BAR + line).rstrip() for line in inner]
        if kind in ("fence", "code_block", "html_block"):
            indent = "" if kind == "html_block" else CODE_INDENT
            code = node.content.expandtabs(TAB_SIZE).rstrip("\n").split("\n")
            return [(indent + line).rstrip() for line in code]
        if kind == "hr":
            return [RULE * min(width, 40)]
        if kind == "table":
            return self._table(node, width)
        return self._blocks_of(node.children, width)

    def _paragraph(self, node: SyntaxTreeNode, width: int) -> list[str]:
        text = self.inline(node.children[0]) if node.children else ""
        return [line for hard in text.split("\n") for line in _wrap(hard, width)]

    def _list(self, node: SyntaxTreeNode, width: int) -> list[str]:
        """Each item after its bullet or number, its further lines indented under its text."""
        loose = any(not para.hidden for para in node.walk() if para.type == "paragraph")
        start = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 1
        markers = [
            BULLET if node.type == "bullet_list" else f"{start + n}{item.markup or '.'} "
            for n, item in enumerate(node.children)
        ]
        hang = max(map(len, markers), default=0)
        lines: list[str] = []
        for marker, item in zip(markers, node.children, strict=True):
            if lines and loose:
                lines.append("")
            inner = self._blocks_of(item.children, max(width - hang, MIN_WIDTH), loose) or [""]
            lines.append((marker.ljust(hang) + inner[0]).rstrip())
            lines.extend((" " * hang + line).rstrip() if line else "" for line in inner[1:])
        return lines

    def _table(self, node: SyntaxTreeNode, width: int) -> list[str]:
        rows = [
            [
                (self.inline(cell.children[0]) if cell.children else "", _align(cell))
                for cell in tr.children
            ]
            for tr in node.walk()
            if tr.type == "tr"
        ]
        if not self.aligned_tables:
            return ["  ".join(_one_line(text) for text, _ in row) for row in rows]
        return _aligned_table(rows, width)

    def inline(self, node: SyntaxTreeNode) -> str:
        """An inline run as words: emphasis and code as their text, a link as "text (url)"."""
        return "".join(self._inline_parts(node))

    def _inline_parts(self, node: SyntaxTreeNode) -> Iterator[str]:
        for child in node.children:
            kind = child.type
            if kind == "softbreak":
                yield " "
            elif kind == "hardbreak":
                yield "\n"
            elif kind == "link":
                yield _link_text(self.inline(child), str(child.attrs.get("href") or ""))
            elif kind == "image":  # its description, then where the picture is
                yield _link_text(self.inline(child), str(child.attrs.get("src") or ""))
            elif child.children:
                yield from self._inline_parts(child)
            else:  # text, text_special, code_inline, html_inline
                yield child.content


def _link_text(label: str, href: str) -> str:
    """A link's words and then its address, once when the words are the address."""
    if not href or label.strip() in (href, href.removeprefix("mailto:")):
        return label or href
    return f"{label} ({href})"


def _align(cell: SyntaxTreeNode) -> str:
    style = str(cell.attrs.get("style", ""))
    return style.removeprefix("text-align:") if style.startswith("text-align:") else "left"


_JUSTIFY: dict[str, JustifyMethod] = {"right": "right", "center": "center"}


def _aligned_table(rows: list[list[tuple[str, str]]], width: int) -> list[str]:
    """The rows as columns two spaces apart under a rule, laid out by Rich as line mode's
    other tables are; when a cell wraps (the table is wider than `width`), a blank line
    between rows shows where each one ends."""
    lines = _rich_table(rows, width, between_rows=False)
    if len(lines) > len(rows) + 1:  # the header's rule, and a line per row: none wrapped
        lines = _rich_table(rows, width, between_rows=True)
    return lines


def _rich_table(rows: list[list[tuple[str, str]]], width: int, between_rows: bool) -> list[str]:
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    header, *body = rows
    table = Table(
        box=box.SIMPLE_HEAD,  # a rule under the header, and blank lines between rows if shown
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),  # with the box's blank column separator, two spaces
        show_lines=between_rows,
    )
    for text, align in header:
        table.add_column(Text(text), justify=_JUSTIFY.get(align, "left"), overflow="fold")
    for row in body:
        table.add_row(*(Text(text.replace("\n", " ")) for text, _ in row))
    out = io.StringIO()
    console = Console(
        file=out, width=max(width, MIN_WIDTH), color_system=None, legacy_windows=False
    )
    console.print(table, markup=False, highlight=False, emoji=False, crop=False)
    return [line.rstrip() for line in out.getvalue().rstrip("\n").split("\n")]
