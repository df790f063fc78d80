"""What both front ends say when a bookmark is set or taken away."""

from __future__ import annotations


def bookmark_toggled_text(added: bool) -> str:
    """The one line after `b`: the item was bookmarked, or its bookmark removed."""
    return "Bookmarked." if added else "Bookmark removed."
