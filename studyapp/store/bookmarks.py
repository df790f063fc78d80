"""Items the learner bookmarked to come back to: the `bookmarks` table."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.store.records import Bookmark

if TYPE_CHECKING:
    from studyapp.store.database import Store


class Bookmarks:
    """Bookmarked items (`store.bookmarks`), one row per item, each write its own commit."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store.conn

    def add(self, item_id: str, bookmarked_at: datetime) -> bool:
        """Bookmark an item; False if it already was (it keeps its first time)."""
        if bookmarked_at.tzinfo is None:
            raise ValueError("bookmarked_at must be timezone-aware")
        with self._store.write():
            cursor = self._conn.execute(
                "INSERT INTO bookmarks (item_id, bookmarked_at) VALUES (?, ?) "
                "ON CONFLICT (item_id) DO NOTHING",
                (item_id, to_utc_text(bookmarked_at)),
            )
        return cursor.rowcount > 0

    def remove(self, item_id: str) -> bool:
        """Take an item's bookmark away; False if it had none."""
        with self._store.write():
            cursor = self._conn.execute("DELETE FROM bookmarks WHERE item_id = ?", (item_id,))
        return cursor.rowcount > 0

    def records(self) -> list[Bookmark]:
        """Every bookmark, the newest first."""
        rows = self._conn.execute(
            "SELECT item_id, bookmarked_at FROM bookmarks ORDER BY bookmarked_at DESC, item_id"
        )
        return [Bookmark(item_id, from_utc_text(at)) for item_id, at in rows]

    def has(self, item_id: str) -> bool:
        """Whether the item is bookmarked."""
        row = self._conn.execute("SELECT 1 FROM bookmarks WHERE item_id = ?", (item_id,))
        return row.fetchone() is not None

    def item_ids(self) -> set[str]:
        return {row[0] for row in self._conn.execute("SELECT item_id FROM bookmarks")}


__all__ = ["Bookmarks"]
