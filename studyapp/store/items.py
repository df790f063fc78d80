"""The deck's study items in the progress database (`items`), so SQL can show their text.

The deck is the truth for content; `items` is a copy of its catalogue (id, topic, kind,
title, source) for SQL and Datasette, and the topic of each item files the learned-review
totals (`learned_days`) under topics. Until schema v10 that map was the table
`item_topics`; from v12 it is a view of `items` with the same two columns, so the totals'
triggers (`store.rollups`) and queries read it as before.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from studyapp.store.aggregates import REVIEW_STATE
from studyapp.store.settings import read_meta

if TYPE_CHECKING:
    from studyapp.content.deck import CatalogueEntry, Deck
    from studyapp.store.database import Store
    from studyapp.store.renames import Renamed

#: The digest of the catalogue last written to `items`, in `meta`.
ITEMS_DIGEST_KEY = "items.digest"
#: Where v10 kept the digest of `item_topics`; v12 drops it, so the first sync fills `items`.
_V10_DIGEST_KEY = "item_topics.digest"

ITEMS_TABLE = """
    CREATE TABLE items (
        item_id TEXT PRIMARY KEY,
        topic_id TEXT NOT NULL,
        kind TEXT CHECK (kind IN ('card', 'question', 'scenario')),
        title TEXT,
        source TEXT
    ) WITHOUT ROWID
"""
ITEM_TOPICS_VIEW = "CREATE VIEW item_topics AS SELECT item_id, topic_id FROM items"

#: Refiles every learned review under its item's topic (`topics`: the map to read).
_REFILE_LEARNED_DAYS = (
    "INSERT INTO {days} SELECT substr(r.reviewed_at, 1, 10) AS day, "
    "coalesce(t.topic_id, '') AS topic, count(*), sum(r.rating > 1) "
    "FROM main.reviews AS r LEFT JOIN {topics} AS t ON t.item_id = r.item_id "
    f"WHERE r.prior_state = {REVIEW_STATE} GROUP BY day, topic"
)


def create_items_table(conn: sqlite3.Connection) -> None:
    """Schema v12: `items` in place of the table `item_topics`, every item's topic kept
    (kind, title and source are filled the next time studyapp opens the deck)."""
    conn.execute(ITEMS_TABLE)
    conn.execute("INSERT INTO items (item_id, topic_id) SELECT item_id, topic_id FROM item_topics")
    conn.execute("DROP TABLE item_topics")
    conn.execute(ITEM_TOPICS_VIEW)
    conn.execute("DELETE FROM meta WHERE key = ?", (_V10_DIGEST_KEY,))


def refile_learned_days(conn: sqlite3.Connection) -> None:
    """The learned-review totals filed again, from the whole log, under each item's topic."""
    conn.execute("DELETE FROM learned_days")
    conn.execute(_REFILE_LEARNED_DAYS.format(days="learned_days", topics="item_topics"))


class Items:
    """The `items` table and the item-to-topic map it gives the totals (`store.items`)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store.conn
        self._temp_digest: str | None = None

    def sync(self, deck: Deck, now: datetime | None = None) -> list[Renamed]:
        """Make `items` the deck's catalogue, and move the history kept under the ids the
        deck renamed (`store.renames`; `now`, the time logged, defaults to the system's);
        the renames made. An unchanged deck costs one read, and one more if it renames.

        When an item with reviews changes topic (or leaves the deck) the learned-review
        totals are refiled from the log. On a read-only file the map is kept in temporary
        tables instead (see `_sync_temp`), so nothing waits for the write lock, and no
        rename is made.
        """
        digest = deck.catalogue_digest
        read_only = self._store.read_only
        renaming = not read_only and bool(self._store.renames.pending(deck))
        if not renaming and digest in (read_meta(self._conn, ITEMS_DIGEST_KEY), self._temp_digest):
            return []
        if read_only:
            self._sync_temp(deck.catalogue, digest)
            return []
        with self._store.write():
            if read_meta(self._conn, ITEMS_DIGEST_KEY) != digest:  # else another window wrote it
                self._write_catalogue(deck.catalogue, digest)
            if not renaming:
                return []
            return self._store.renames.apply(deck, now or datetime.now(UTC))

    def _write_catalogue(self, catalogue: tuple[CatalogueEntry, ...], digest: str) -> None:
        """`items` rewritten, inside the caller's write transaction."""
        stored = dict(self._conn.execute("SELECT item_id, topic_id FROM items"))
        moved = {e.item_id for e in catalogue if stored.pop(e.item_id, None) != e.topic_id}
        moved.update(stored)  # left the deck
        self._conn.execute("DELETE FROM items")
        self._conn.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?)", catalogue)
        reviewed = {row[0] for row in self._conn.execute("SELECT item_id FROM item_tallies")}
        if moved & reviewed:
            refile_learned_days(self._conn)
        # An id in the deck again is nobody's old id: a merge must not move its new reviews.
        self._conn.execute("DELETE FROM item_renames WHERE old_id IN (SELECT item_id FROM items)")
        self._conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (ITEMS_DIGEST_KEY, digest)
        )

    def _sync_temp(self, catalogue: tuple[CatalogueEntry, ...], digest: str) -> None:
        """On a read-only file: the item-to-topic map and the learned-review totals as
        temporary tables, which stand in for the stored ones (SQLite looks in `temp`
        first) until the store is closed."""
        conn = self._conn
        conn.execute("DROP TABLE IF EXISTS temp.item_topics")
        conn.execute("DROP TABLE IF EXISTS temp.learned_days")
        conn.execute(
            "CREATE TEMP TABLE item_topics (item_id TEXT PRIMARY KEY, topic_id TEXT NOT NULL)"
        )
        conn.executemany(
            "INSERT INTO temp.item_topics VALUES (?, ?)", ((e[0], e[1]) for e in catalogue)
        )
        self._temp_digest = digest
        moved = conn.execute(
            "SELECT 1 FROM main.item_tallies AS r LEFT JOIN main.items AS s "
            "ON s.item_id = r.item_id LEFT JOIN temp.item_topics AS t ON t.item_id = r.item_id "
            "WHERE s.topic_id IS NOT t.topic_id LIMIT 1"
        ).fetchone()
        if moved is not None:
            self._refile_temp()
        conn.commit()  # the temporary tables only: end the read of the file with them

    def _refile_temp(self) -> None:
        """The learned-review totals by the map in `temp.item_topics`, as a temporary table."""
        conn = self._conn
        conn.execute(
            "CREATE TEMP TABLE learned_days (day TEXT NOT NULL, topic_id TEXT NOT NULL, "
            "reviews INTEGER NOT NULL, recalled INTEGER NOT NULL, PRIMARY KEY (day, topic_id))"
        )
        conn.execute(
            _REFILE_LEARNED_DAYS.format(days="temp.learned_days", topics="temp.item_topics")
        )


__all__ = ["ITEMS_DIGEST_KEY", "Items", "create_items_table", "refile_learned_days"]
