"""`b` on a study screen: bookmark the item showing, or take its bookmark away."""

from __future__ import annotations

from textual.dom import DOMNode

from studyapp.present.bookmarks import BOOKMARK_MARK, bookmark_toggled_text
from studyapp.tui.app import study_app


def toggle_bookmark(node: DOMNode, item_id: str) -> bool:
    """Flip the item's bookmark and say so; whether it is bookmarked now."""
    context = study_app(node).context
    bookmarks = context.store.bookmarks
    added = bookmarks.add(item_id, context.clock.now())
    if not added:
        bookmarks.remove(item_id)
    node.app.notify(bookmark_toggled_text(added), markup=False)
    return added


def bookmark_mark(node: DOMNode, item_id: str) -> str:
    """The mark a bookmarked item shows in its screen's header, or ""."""
    return BOOKMARK_MARK if study_app(node).context.store.bookmarks.has(item_id) else ""
