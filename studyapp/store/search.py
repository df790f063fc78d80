"""Full-text search over the deck's notes and items (SQLite FTS5), rebuilt when content changes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from studyapp.content.deck import Deck
from studyapp.content.models import (
    SERVICE_NAMES,
    Card,
    Item,
    Note,
    Question,
    content_hash,
    item_kind,
)
from studyapp.store.database import Store

#: Bump when the rows written to the index change shape, so existing indexes are rebuilt.
SEARCH_INDEX_VERSION = 1
FINGERPRINT_KEY = "search_fingerprint"
#: What `search` puts around each matched term in a snippet, unless told otherwise.
MATCH_OPEN = "«"
MATCH_CLOSE = "»"
SNIPPET_TOKENS = 12
#: Title matches weigh twice as much as body matches in bm25 ranking.
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0


@dataclass(frozen=True)
class SearchHit:
    """One note or item that matched a search, with a one-line snippet around the match.

    `title` and `snippet` are plain text (not markup); matched terms sit between the marks.
    """

    item_id: str
    kind: str
    topic_id: str
    title: str
    snippet: str


@dataclass(frozen=True)
class _SearchRow:
    """What the index holds for one note or item."""

    item_id: str
    kind: str
    topic_id: str
    title: str
    body: str


def _item_title_body(item: Item) -> tuple[str, str]:
    """The searchable title and body of a card, question or scenario."""
    if isinstance(item, Card):
        return item.front, item.back
    if isinstance(item, Question):
        return item.prompt, "\n".join(f"{c.text}\n{c.why}" for c in item.choices)
    options = "\n".join(SERVICE_NAMES[option] for option in item.options)
    return item.situation, f"{item.explanation}\n{options}"


def _search_rows(deck: Deck) -> Iterator[_SearchRow]:
    """Every note and item of the deck as an index row."""
    for note_id, note in deck.notes.items():
        yield _SearchRow(note_id, "note", deck.topic_of[note_id], note.title, note.body)
    for item_id, item in deck.items.items():
        title, body = _item_title_body(item)
        yield _SearchRow(item_id, item_kind(item), deck.topic_of[item_id], title, body)


def deck_fingerprint(deck: Deck) -> str:
    """A hash of every note's and item's id, topic and text: equal fingerprints, equal index."""
    entries: list[Note | Item] = [*deck.notes.values(), *deck.items.values()]
    lines = sorted(f"{e.id}\t{deck.topic_of[e.id]}\t{content_hash(e)}" for e in entries)
    digest = hashlib.sha256(f"v{SEARCH_INDEX_VERSION}\n".encode())
    digest.update("\n".join(lines).encode())
    return digest.hexdigest()


def _stored_fingerprint(store: Store) -> str | None:
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
    return None if row is None else str(row[0])


def ensure_search_index(store: Store, deck: Deck) -> bool:
    """Rebuild the search index if it was built from other content; True if it was rebuilt."""
    fingerprint = deck_fingerprint(deck)
    if _stored_fingerprint(store) == fingerprint:
        return False
    rows = [vars(row) for row in _search_rows(deck)]
    with store.write():
        if _stored_fingerprint(store) == fingerprint:  # another process just rebuilt it
            return False
        store.conn.execute("DELETE FROM search")
        store.conn.executemany(
            "INSERT INTO search (item_id, kind, topic_id, title, body) "
            "VALUES (:item_id, :kind, :topic_id, :title, :body)",
            rows,
        )
        store.conn.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        store.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (FINGERPRINT_KEY, fingerprint)
        )
    return True


def match_expression(query: str) -> str | None:
    """Free text as an FTS5 query: each word a quoted prefix term, all required; None if no words."""
    # FTS5 reads the query as a C string, so a NUL would cut it short inside a quoted term;
    # lone surrogates (from undecodable terminal bytes) cannot be encoded for SQLite at all.
    text = query.replace("\x00", " ").encode("utf-8", "replace").decode("utf-8")
    words = [word for word in text.split() if any(ch.isalnum() for ch in word)]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _one_line(text: str) -> str:
    """Text with every run of whitespace (YAML block scalars keep newlines) as one space."""
    return " ".join(text.split())


def _hit_from_row(row: tuple[str, str, str, str, str]) -> SearchHit:
    item_id, kind, topic_id, title, snippet = row
    return SearchHit(item_id, kind, topic_id, _one_line(title), _one_line(snippet))


def search(
    store: Store,
    query: str,
    limit: int = 50,
    *,
    mark_open: str = MATCH_OPEN,
    mark_close: str = MATCH_CLOSE,
) -> list[SearchHit]:
    """The best `limit` notes and items matching every word of `query`, best first."""
    expression = match_expression(query)
    if expression is None or limit <= 0:
        return []
    rows = store.conn.execute(
        "SELECT search.item_id, search.kind, search.topic_id, search.title, "
        "snippet(search_fts, -1, ?, ?, '…', ?) "
        "FROM search_fts JOIN search ON search.id = search_fts.rowid "
        "WHERE search_fts MATCH ? "
        "ORDER BY bm25(search_fts, ?, ?), search.item_id LIMIT ?",
        (mark_open, mark_close, SNIPPET_TOKENS, expression, TITLE_WEIGHT, BODY_WEIGHT, limit),
    )
    return [_hit_from_row(row) for row in rows]


__all__ = [
    "MATCH_CLOSE",
    "MATCH_OPEN",
    "SearchHit",
    "deck_fingerprint",
    "ensure_search_index",
    "match_expression",
    "search",
]
