"""Items a learner flagged as looking wrong, and items suspended from the study queues."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.errors import StoreError
from studyapp.store.records import FlagRecord, Suspension

if TYPE_CHECKING:
    from studyapp.store.database import Store

_FLAG_COLUMNS = "id, item_id, flagged_at, comment, content_hash, resolved"
#: A flag's columns but its row id, as a merge or a rename carries it.
FLAG_COLUMNS = "item_id, flagged_at, comment, content_hash, resolved"


def _flag_from_row(row: tuple[Any, ...]) -> FlagRecord:
    (fid, item_id, at, comment, digest, resolved) = row
    return FlagRecord(
        id=fid,
        item_id=item_id,
        flagged_at=from_utc_text(at),
        comment=comment,
        content_hash=digest,
        resolved=bool(resolved),
    )


def join_flags(conn: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> tuple[int, int]:
    """Other flags (FLAG_COLUMNS rows: another file's, or a renamed item's) joined with
    these by (item, time, comment): as many of each as the side with more has, and as many
    of them resolved as either side resolved; (flags added, flags of ours newly resolved).

    Flags alike in all three are told apart by nothing, so only their counts join: the
    same counts whichever file a merge runs in."""
    theirs: dict[tuple[Any, ...], list[Any]] = {}
    for item_id, flagged_at, comment, content_hash, resolved in rows:
        entry = theirs.setdefault((item_id, flagged_at, comment), [0, 0, content_hash])
        entry[0] += 1
        entry[1] += int(resolved)
    ours = {
        (item_id, at, comment): (count, resolved)
        for item_id, at, comment, count, resolved in conn.execute(
            "SELECT item_id, flagged_at, comment, count(*), sum(resolved) FROM flags "
            "GROUP BY item_id, flagged_at, comment"
        )
    }
    added = resolved_now = 0
    for key, (count, resolved, content_hash) in theirs.items():
        have, have_resolved = ours.get(key, (0, 0))
        wanted = max(count, have)
        to_resolve = min(wanted, max(resolved, have_resolved)) - have_resolved
        conn.executemany(
            f"INSERT INTO flags ({FLAG_COLUMNS}) VALUES (?, ?, ?, ?, 0)",
            [(*key, content_hash)] * (wanted - have),
        )
        added += wanted - have
        if to_resolve > 0:  # ours first (the lower ids), then those just added
            conn.execute(
                "UPDATE flags SET resolved = 1 WHERE id IN (SELECT id FROM flags WHERE "
                "item_id = ? AND flagged_at = ? AND comment IS ? AND resolved = 0 "
                "ORDER BY id LIMIT ?)",
                (*key, to_resolve),
            )
            resolved_now += min(to_resolve, have - have_resolved)
    return added, resolved_now


class Flags:
    """The `flags` and `suspensions` tables (`store.flags`); leeches are suspended by
    `store.reviews` in the commit of the lapse that makes them one."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store.conn

    # flags ----------------------------------------------------------------------------

    def add(
        self, item_id: str, flagged_at: datetime, comment: str | None, content_hash: str | None
    ) -> int:
        """Record that an item looks wrong (with the hash of the text seen); returns the flag id."""
        if flagged_at.tzinfo is None:
            raise ValueError("flagged_at must be timezone-aware")
        with self._store.write():
            cursor = self._conn.execute(
                "INSERT INTO flags (item_id, flagged_at, comment, content_hash) VALUES (?, ?, ?, ?)",
                (item_id, to_utc_text(flagged_at), comment, content_hash),
            )
        return int(cursor.lastrowid or 0)

    def resolve(self, flag_id: int) -> None:
        """Mark a flag as dealt with by an author; it then leaves the default `records()`."""
        with self._store.write():
            cursor = self._conn.execute("UPDATE flags SET resolved = 1 WHERE id = ?", (flag_id,))
            if cursor.rowcount == 0:
                raise StoreError(f"flag {flag_id} does not exist")

    def records(self, include_resolved: bool = False) -> list[FlagRecord]:
        """Flags, newest first; open ones only unless `include_resolved`."""
        where = "" if include_resolved else "WHERE resolved = 0"
        rows = self._conn.execute(
            f"SELECT {_FLAG_COLUMNS} FROM flags {where} ORDER BY flagged_at DESC, id DESC"
        )
        return list(self._store.decoded(_flag_from_row, rows, "flags"))

    # suspensions ----------------------------------------------------------------------

    def unsuspend(self, item_id: str) -> None:
        """Let a suspended item back into the study queues."""
        with self._store.write():
            cursor = self._conn.execute("DELETE FROM suspensions WHERE item_id = ?", (item_id,))
            if cursor.rowcount == 0:
                raise StoreError(f"{item_id} is not suspended")

    def suspended_item_ids(self) -> set[str]:
        return {row[0] for row in self._conn.execute("SELECT item_id FROM suspensions")}

    def suspended(self) -> list[Suspension]:
        """Suspended items, most recently suspended first."""
        rows = self._conn.execute(
            "SELECT item_id, suspended_at, reason FROM suspensions "
            "ORDER BY suspended_at DESC, item_id"
        )
        return [Suspension(item_id, from_utc_text(at), reason) for item_id, at, reason in rows]

    def lapses_of_suspended(self) -> dict[str, int]:
        """How often each suspended item was forgotten (0 for one with no state left)."""
        rows = self._conn.execute(
            "SELECT p.item_id, coalesce(s.lapses, 0) FROM suspensions AS p "
            "LEFT JOIN item_state AS s ON s.item_id = p.item_id"
        )
        return dict(rows)


__all__ = ["FLAG_COLUMNS", "Flags", "join_flags"]
