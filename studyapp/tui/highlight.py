"""The words a search matched, picked out where they stand in the note it opened.

Textual's Markdown widget has no highlight of its own, and rewriting the Markdown to mark the
words would change what the author wrote (and could break a table or a link). Each block of
the rendered note is a widget whose text Textual can select, so the matched words become the
screen's text selection: drawn in the theme's selection colours, cleared by a click like any
selection, and copied by ctrl+c.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from studyapp.text import ELLIPSIS


def matched_phrase(snippet: str, matches: Sequence[tuple[int, int]]) -> list[str]:
    """What to look for, best first: the snippet from its first matched word to its last
    (the words as they stand together), then the first matched word alone."""
    if not matches:
        return []
    first_start, first_end = matches[0]
    phrase = snippet[first_start : matches[-1][1]]
    word = snippet[first_start:first_end]
    return [phrase, word] if phrase != word else [phrase]


def _pattern(text: str) -> re.Pattern[str]:
    """`text` as whole words, any case, any run of spaces between them."""
    words = (re.escape(word) for word in text.split())
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _text_blocks(document: Markdown, from_line: int) -> list[MarkdownBlock]:
    """The blocks that hold text (no blocks inside them) from source line `from_line` on."""
    return [
        block
        for block in document.query(MarkdownBlock)
        if block.source_range[0] >= from_line and not block.query_children(MarkdownBlock)
    ]


def _selection(text: str, start: int, end: int) -> Selection:
    """A selection of `text[start:end]`, in the (line, column) terms a widget's text uses."""

    def offset(position: int) -> Offset:
        line_start = text.rfind("\n", 0, position) + 1
        return Offset(position - line_start, text.count("\n", 0, position))

    return Selection(offset(start), offset(end))


def _snippet_first(blocks: list[MarkdownBlock], snippet: str) -> list[MarkdownBlock]:
    """`blocks`, the one holding the search's snippet first: the words are picked out where
    the result list showed them (a card's answer, say, rather than its question)."""
    words = snippet.strip(ELLIPSIS + " ").split()
    if not words:
        return blocks
    pattern = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
    holding = [block for block in blocks if pattern.search(str(block.content))]
    return holding[:1] + [block for block in blocks if block not in holding[:1]]


def highlight_match(
    document: Markdown, phrases: Sequence[str], from_line: int = 0, snippet: str = ""
) -> MarkdownBlock | None:
    """Select the first place at or below source line `from_line` where one of `phrases`
    stands (tried in order; in the block holding `snippet` first); the block it is in, or
    None. Any earlier selection is cleared."""
    document.screen.clear_selection()
    blocks = _snippet_first(_text_blocks(document, from_line), snippet)
    for phrase in phrases:
        if not phrase.split():
            continue
        pattern = _pattern(phrase)
        for block in blocks:
            text = str(block.content)
            found = pattern.search(text)
            if found is not None:
                selection = _selection(text, found.start(), found.end())
                document.screen.selections = {block: selection}
                return block
    return None
