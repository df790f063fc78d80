"""Authored and echoed text for Textual and Rich: data, never markup or control codes.

Every string that comes from content, the database or an error message reaches a widget
through one of these: a `Text` (never parsed as markup), a Markdown document with its
control codes shown as pictures and its links spelled out, or an escaped toast.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.markup import escape
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.markdown import Markdown

from studyapp.text import cell_width, printable, url_lines


def plain(text: str, style: str = "") -> Text:
    """Authored text as a Rich `Text`: shown as written, brackets and all."""
    return Text(printable(text), style=style)


def one_line(text: str) -> str:
    """Text for a title or a toast: control codes and line breaks shown, not sent."""
    return printable(text, newlines=False)


def markdown(source: str, style: str = "none") -> Markdown:
    """Authored Markdown for a Rich renderable; links show their address instead of
    becoming terminal hyperlinks, so a link's text cannot hide where it goes."""
    # Imported here: rich.markdown loads markdown-it-py (about 12 ms), which Home's first
    # frame does not need (bench/bench_tui.py: start-up).
    from rich.markdown import Markdown

    return Markdown(printable(source), style=style, hyperlinks=False)


def literal(text: str) -> str:
    """`text` for a Markdown document, shown as written (a source URL, say): every ASCII
    punctuation mark backslash-escaped, so nothing in it becomes emphasis or a link."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


class SourceAddress:
    """A source's address as a Rich renderable: whole on one line when it fits, else broken
    only after a `/`, `?`, `&` or `#` at the width it is drawn at (`studyapp.text.url_lines`)."""

    def __init__(self, url: str, style: str = "") -> None:
        self.url = one_line(url)
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in url_lines(self.url, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="ellipsis")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max(map(cell_width, url_lines(self.url, options.max_width)))
        return Measurement(min(longest, options.max_width), cell_width(self.url))


def source_text(url: str, style: str = "dim") -> list[RenderableType]:
    """ "Source:" and, on the lines below it, the address, never broken inside a word."""
    return [Text("Source:", style=style), SourceAddress(url, style)]


def toast(text: str) -> str:
    """A message for `notify` (which reads markup): escaped, control codes shown."""
    return escape(one_line(text))
