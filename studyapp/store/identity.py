"""Each review's identity across devices: the `uid` two copies of one history agree on.

A review recorded from v11 on gets a random UUID (version 4) when it is written. A review
already in the log when a database is upgraded to v11 gets a UUID derived from its content
(version 5 of the item, kind, time, rating, answer, duration, session and item hash): two
devices that upgrade copies of the same old file then give each old review the same uid,
so merging the two copies takes every shared review once. Identical rows (only a frozen
clock writes two) are told apart by their order: the second gets `#1`, and so on.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence

#: The namespace of the content-derived uids (a fixed, random UUID: never change it).
CONTENT_NAMESPACE = uuid.UUID("5d1d7a52-6a8e-4c3b-9f0e-2b7f4a9c1e63")
#: The columns a content-derived uid is computed from, in this order.
CONTENT_COLUMNS = (
    "item_id, kind, reviewed_at, rating, correct, answer, duration_ms, session_id, content_hash"
)
#: SQL for a random version-4 UUID in its usual text form.
RANDOM_UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
    "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)
#: A row written without a uid (by hand, or an older tool) gets a random one at once.
UID_ON_INSERT_TRIGGER = f"""
    CREATE TRIGGER reviews_uid_on_insert AFTER INSERT ON reviews WHEN NEW.uid IS NULL BEGIN
        UPDATE reviews SET uid = {RANDOM_UUID_SQL} WHERE id = NEW.id;
    END
"""
#: A review's uid, once given, never changes: a merge finds the review by it.
UID_FIXED_TRIGGER = """
    CREATE TRIGGER reviews_uid_fixed BEFORE UPDATE OF uid ON reviews
        WHEN OLD.uid IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'a review''s uid never changes');
    END
"""
_CHUNK = 10_000


def new_review_uid() -> str:
    """A fresh random uid for a review being recorded now."""
    return str(uuid.uuid4())


def _content_text(values: Sequence[object]) -> str:
    return json.dumps(list(values), separators=(",", ":"), ensure_ascii=False)


def content_uid(values: Sequence[object], ordinal: int = 0) -> str:
    """The uid of a review with these CONTENT_COLUMNS values, the `ordinal`-th such row."""
    text = _content_text(values)
    return str(uuid.uuid5(CONTENT_NAMESPACE, f"{text}#{ordinal}" if ordinal else text))


def add_content_uids(conn: sqlite3.Connection) -> None:
    """Give every review without a uid its content-derived one, in log order.

    Read in chunks, so a million reviews are never held at once; the unique index on `uid` tells an
    identical earlier row, which moves the later one to the next ordinal.
    """
    last_id = -(2**63)
    while True:
        rows = conn.execute(
            f"SELECT id, {CONTENT_COLUMNS} FROM reviews WHERE id > ? AND uid IS NULL "
            "ORDER BY id LIMIT ?",
            (last_id, _CHUNK),
        ).fetchall()
        if not rows:
            return
        for review_id, *values in rows:
            _set_content_uid(conn, review_id, values)
        last_id = rows[-1][0]


def _set_content_uid(conn: sqlite3.Connection, review_id: int, values: list[object]) -> None:
    ordinal = 0
    while True:
        try:
            conn.execute(
                "UPDATE reviews SET uid = ? WHERE id = ?", (content_uid(values, ordinal), review_id)
            )
            return
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" not in str(exc):
                raise
            ordinal += 1


def content_uids(rows: Iterable[Sequence[object]]) -> list[str]:
    """The content-derived uids of rows of CONTENT_COLUMNS values, identical rows numbered
    in the order given (what `add_content_uids` gives them in a log of only these)."""
    seen: Counter[str] = Counter()
    uids = []
    for values in rows:
        text = _content_text(values)
        uids.append(content_uid(values, seen[text]))
        seen[text] += 1
    return uids


__all__ = [
    "CONTENT_COLUMNS",
    "UID_FIXED_TRIGGER",
    "UID_ON_INSERT_TRIGGER",
    "add_content_uids",
    "content_uid",
    "content_uids",
    "new_review_uid",
]
