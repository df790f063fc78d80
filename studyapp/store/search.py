"""Full-text search over the deck's notes and items (SQLite FTS5), rebuilt when content changes.

A note is indexed as its sections (`content/markdown.py`: the text before the first heading
or bold lead-in, then one per heading or lead-in), in plain text, so a hit names and opens
the section and its snippet holds no Markdown. The index is derived data, so a change of
what it holds bumps `SEARCH_INDEX_VERSION` (a rebuild) rather than the schema: a later
section's row is keyed `note-id#N` in the `item_id` column (ids never hold a `#`).
"""

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
from studyapp.text import ELLIPSIS

#: Bump when the rows written to the index change shape, so existing indexes are rebuilt.
SEARCH_INDEX_VERSION = 2
FINGERPRINT_KEY = "search_fingerprint"
#: Between a row key's note id and its section number.
SECTION_MARK = "#"
#: What SQLite puts around each matched term of a snippet, taken out again as `SearchHit.matches`:
#: control codes, which validation refuses in content, so they never come from the text.
_MATCH_OPEN = "\x02"
_MATCH_CLOSE = "\x03"
SNIPPET_TOKENS = 12
#: Title matches weigh twice as much as body matches in bm25 ranking.
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0


@dataclass(frozen=True)
class SearchHit:
    """One note section or item that matched a search, with a one-line snippet around the match.

    `title` and `snippet` are plain text (no markup); `matches` are the (start, end) offsets of
    the matched terms in `snippet`, for the front end to highlight. For a note, `title` is
    its section's (`section` > 0) or the note's own (section 0, its beginning).

    `preview` (with `preview_matches`) is set when the match is in the title, so that the
    snippet only repeats it: the start of the body instead (a note section's text, a card's
    back), with any matches in it. `shown` is what a results list shows under the title.
    """

    item_id: str
    kind: str
    topic_id: str
    title: str
    snippet: str
    matches: tuple[tuple[int, int], ...] = ()
    section: int = 0
    preview: str | None = None
    preview_matches: tuple[tuple[int, int], ...] = ()

    @property
    def shown(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The text to show under the title, and its matches: the preview, else the snippet."""
        if self.preview is None:
            return self.snippet, self.matches
        return self.preview, self.preview_matches


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
    """Every note section and item of the deck as an index row."""
    from studyapp.content.markdown import parse, searchable_text

    for note_id, note in deck.notes.items():
        topic_id = deck.topic_of[note_id]
        for section in parse(note.body).sections():
            key = f"{note_id}{SECTION_MARK}{section.index}" if section.index else note_id
            title = section.title if section.index else note.title
            yield _SearchRow(key, "note", topic_id, title, section.text)
    for item_id, item in deck.items.items():
        title, body = map(searchable_text, _item_title_body(item))
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


def _unmarked(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet without SQLite's match marks, and where the marked terms are in it."""
    text: list[str] = []
    matches: list[tuple[int, int]] = []
    length = 0
    for n, part in enumerate(marked.split(_MATCH_OPEN)):
        term, closed, rest = part.partition(_MATCH_CLOSE)
        if n and closed:
            matches.append((length, length + len(term)))
        else:  # text before the first match, or a mark SQLite did not close
            term, rest = "", part.replace(_MATCH_CLOSE, "")
        text += [term, rest]
        length += len(term) + len(rest)
    return "".join(text), tuple(matches)


def _repeats_title(snippet: str, title: str) -> bool:
    """Whether a snippet is all or part of the title (SQLite took it from the title column)."""
    return snippet.strip(ELLIPSIS + " ") in title


def _hit_from_row(row: tuple[str, str, str, str, str, str]) -> SearchHit:
    key, kind, topic_id, title, marked, body_marked = row
    item_id, _mark, section = key.partition(SECTION_MARK)
    title = _one_line(title)
    snippet, matches = _unmarked(_one_line(marked))
    preview: str | None = None
    preview_matches: tuple[tuple[int, int], ...] = ()
    if _repeats_title(snippet, title):
        body, body_matches = _unmarked(_one_line(body_marked))
        if body:  # a section that is only its heading keeps the title's snippet
            preview, preview_matches = body, body_matches
    number = int(section) if section.isdigit() else 0
    return SearchHit(
        item_id, kind, topic_id, title, snippet, matches, number, preview, preview_matches
    )


def search(store: Store, query: str, limit: int = 50) -> list[SearchHit]:
    """The best `limit` note sections and items matching every word of `query`, best first."""
    expression = match_expression(query)
    if expression is None or limit <= 0:
        return []
    rows = store.conn.execute(
        "SELECT search.item_id, search.kind, search.topic_id, search.title, "
        "snippet(search_fts, -1, ?1, ?2, ?3, ?4), snippet(search_fts, 1, ?1, ?2, ?3, ?4) "
        "FROM search_fts JOIN search ON search.id = search_fts.rowid "
        "WHERE search_fts MATCH ?5 "
        "ORDER BY bm25(search_fts, ?6, ?7), search.item_id LIMIT ?8",
        (
            _MATCH_OPEN,
            _MATCH_CLOSE,
            ELLIPSIS,
            SNIPPET_TOKENS,
            expression,
            TITLE_WEIGHT,
            BODY_WEIGHT,
            limit,
        ),
    )
    return [_hit_from_row(row) for row in rows]


__all__ = [
    "SearchHit",
    "deck_fingerprint",
    "ensure_search_index",
    "match_expression",
    "search",
]
