"""An item named in a list: what it asks, on one line, cut at a word boundary."""

from __future__ import annotations

from studyapp.content import Item
from studyapp.content.deck import item_title
from studyapp.content.markdown import searchable_text
from studyapp.text import ellipsize, printable


def item_line(item: Item, width: int) -> str:
    """A card's front, a question's prompt or a scenario's situation as plain text (no
    Markdown markup, no control codes) on one line, ellipsized to `width` cells."""
    text = " ".join(searchable_text(item_title(item)).split())
    return ellipsize(printable(text, newlines=False), width)
