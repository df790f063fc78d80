"""Authored text as the HTML of an Anki field: its Markdown rendered, every character of it
escaped, and nothing left that Anki would act on.

Anki fields are HTML, and Anki also reads its own syntax inside them: `[sound:…]` plays a
file, `[latex]…[/latex]` and `[$]…[$]` render LaTeX, `\\(…\\)` and `\\[…\\]` MathJax. A deck
is input from someone else, so raw HTML in it is shown as text (markdown-it-py with HTML
off), images are not loaded (a remote image is a request to someone's server each time the
card shows), and every `[` and `\\` is written as a character reference, which a browser
shows as the character and Anki's syntax never matches.
"""

from __future__ import annotations

import html
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_PARAGRAPH, _PARAGRAPH_END = "<p>", "</p>"


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable("image")


def _defused(field_html: str) -> str:
    """`field_html` with Anki's own syntax made inert (see the module docstring)."""
    return field_html.replace("[", "&#91;").replace("\\", "&#92;")


def markdown_html(text: str) -> str:
    """Authored Markdown as field HTML; a lone paragraph without its `<p>`, so a short
    front or option reads as it would in Anki's own editor."""
    rendered = _markdown().render(text).strip()
    # Raw HTML is escaped, so a `<p>` here is one the renderer wrote.
    lone = rendered.startswith(_PARAGRAPH) and rendered.endswith(_PARAGRAPH_END)
    if lone and rendered.count(_PARAGRAPH) == 1:
        rendered = rendered.removeprefix(_PARAGRAPH).removesuffix(_PARAGRAPH_END)
    return _defused(rendered)


def plain_html(text: str) -> str:
    """Text that is not Markdown (an item id, a service name) as field HTML."""
    return _defused(html.escape(text).replace("\n", "<br>"))


def link_html(address: str) -> str:
    """A source address as a link when it is a web address, else as text."""
    if not address.startswith(("https://", "http://")):
        return plain_html(address)
    return _defused(f'<a href="{html.escape(address)}">{html.escape(address)}</a>')


def one_line(text: str) -> str:
    """`text` on one line with single spaces: the plain text Anki sorts and searches by."""
    return " ".join(text.split())
