"""Renamed items: the history kept under an old id moves to the new one (`store.renames`).

An author who renames an item lists its old ids (`renamed_from`), and the deck maps each to
the new one (`Deck.renames`). When a writable store is told the deck (`Items.sync`), each
rename not yet logged here is logged, and the rows an old id still has move, all in that one
transaction: its reviews (the log's guard, `store.rollups.APPEND_ONLY_TRIGGER`, lets exactly
a logged rename change a review's `item_id`, keeping the id it was recorded under in
`recorded_as`), flags, bookmark, suspension, exam answers, new-item claim and totals. The
item's state is then its log replayed under the new id (the old id's reviews joined with
any the new id has), so it is what a replay of the whole log gives. With only the old id's
history that is the state it had, due date included: a long interval's small random spread
(fuzz) is seeded by the item's id, as Anki seeds it by the card's, and a replay seeds each
review by the id it was recorded under.
A card's history never becomes a question's: a rename across kinds is left undone
(`content check --db` says why).

`item_renames` logs each move (old id -> new id, when), kept closed under chains: after
a -> b and then b -> c it holds a -> c and b -> c, and no id in it is both old and new, so
one pass of it moves any row (`studyapp.interop.merge` applies the joined logs of two files).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from studyapp.clock import to_utc_text
from studyapp.content.models import item_kind
from studyapp.content.renames import IdHistory
from studyapp.errors import StoreError
from studyapp.store.flags import FLAG_COLUMNS, join_flags
from studyapp.store.items import refile_learned_days
from studyapp.store.leeches import LEECH_LAPSES, LEECH_REASON, last_leech_mark
from studyapp.store.settings import CACHE_PREFIX

if TYPE_CHECKING:
    from studyapp.content.deck import Deck
    from studyapp.store.database import Store

RENAMES_TABLE = """
    CREATE TABLE item_renames (
        old_id TEXT PRIMARY KEY,
        new_id TEXT NOT NULL,
        renamed_at TEXT NOT NULL
    )
"""
#: The tables that file rows under an item id, besides the totals kept from the log.
_KEYED_TABLES = (
    "reviews",
    "item_state",
    "flags",
    "bookmarks",
    "suspensions",
    "exam_answers",
    "new_item_claims",
)


def _has_rows(old_id: str) -> str:
    """SQL: whether any table files a row under the id `old_id` (a column) names."""
    return " OR ".join(
        f"EXISTS (SELECT 1 FROM {table} WHERE item_id = {old_id})" for table in _KEYED_TABLES
    )


#: One item's totals, recounted from its reviews (as `store.rollups.RECOUNT_TOTALS` does all).
_RECOUNT_ITEM = (
    "INSERT INTO item_tallies SELECT item_id, count(*), sum(rating > 1), "
    "coalesce(sum(duration_ms), 0), (SELECT correct FROM reviews AS latest "
    "WHERE latest.item_id = r.item_id ORDER BY latest.id DESC LIMIT 1) "
    "FROM reviews AS r WHERE item_id = :new GROUP BY item_id",
    "INSERT INTO wrong_answers SELECT item_id, answer, count(*) FROM reviews "
    "WHERE item_id = :new AND correct = 0 AND answer IS NOT NULL GROUP BY item_id, answer",
)


@dataclass(frozen=True)
class Renamed:
    """One rename made, and how many reviews moved with it (none when the old id had none
    here: only the log, or flags and the like, changed)."""

    old_id: str
    new_id: str
    reviews: int


def old_ids_with_rows(conn: sqlite3.Connection, old_ids: Iterable[str]) -> set[str]:
    """Which of `old_ids` still has a row filed under it here (one query, by the item-id
    index of each table)."""
    wanted = json.dumps(sorted(old_ids))
    rows = conn.execute(
        f"SELECT old.value FROM json_each(?) AS old WHERE {_has_rows('old.value')}", (wanted,)
    )
    return {row[0] for row in rows}


def record_rename(conn: sqlite3.Connection, old_id: str, new_id: str, renamed_at: str) -> None:
    """Log `old_id -> new_id`, keeping the log closed: ids renamed to `old_id` before now name
    `new_id`, and `new_id`, in use again, is no one's old id."""
    conn.execute("UPDATE item_renames SET new_id = ? WHERE new_id = ?", (new_id, old_id))
    # `new_id` renamed away before (b -> a, now a -> b), and any a -> a that made: gone.
    conn.execute("DELETE FROM item_renames WHERE old_id = ? OR old_id = new_id", (new_id,))
    conn.execute(
        "INSERT INTO item_renames (old_id, new_id, renamed_at) VALUES (?, ?, ?) "
        "ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, "
        "renamed_at = excluded.renamed_at WHERE new_id IS NOT excluded.new_id",
        (old_id, new_id, renamed_at),
    )


def move_rows(conn: sqlite3.Connection, old_id: str, new_id: str) -> int:
    """File every row kept under `old_id` under `new_id` (a logged rename); how many reviews
    moved. Flags join as a merge joins them; of two bookmarks the earlier stays, of two
    suspensions the later, of two claims `new_id`'s, of an exam's two answers the one asked
    first; states and totals are the caller's."""
    ids = {"old": old_id, "new": new_id}
    moved = conn.execute(
        "UPDATE reviews SET item_id = :new, recorded_as = coalesce(recorded_as, item_id) "
        "WHERE item_id = :old",
        ids,
    ).rowcount
    flags = conn.execute(f"SELECT {FLAG_COLUMNS} FROM flags WHERE item_id = :old ORDER BY id", ids)
    moved_flags = [(new_id, *flag[1:]) for flag in flags.fetchall()]
    conn.execute("DELETE FROM flags WHERE item_id = :old", ids)
    join_flags(conn, moved_flags)  # one flag both had (copies of one file) stays one
    conn.execute(
        "INSERT INTO bookmarks (item_id, bookmarked_at) SELECT :new, bookmarked_at "
        "FROM bookmarks WHERE item_id = :old ON CONFLICT (item_id) DO UPDATE "
        "SET bookmarked_at = excluded.bookmarked_at "
        "WHERE excluded.bookmarked_at < bookmarks.bookmarked_at",
        ids,
    )
    conn.execute(
        "INSERT INTO suspensions (item_id, suspended_at, reason) SELECT :new, suspended_at, "
        "reason FROM suspensions WHERE item_id = :old ON CONFLICT (item_id) DO UPDATE "
        "SET suspended_at = excluded.suspended_at, reason = excluded.reason "
        "WHERE (excluded.suspended_at, excluded.reason) > (suspended_at, reason)",
        ids,
    )
    for table in ("bookmarks", "suspensions"):
        conn.execute(f"DELETE FROM {table} WHERE item_id = :old", ids)
    conn.execute("UPDATE OR IGNORE new_item_claims SET item_id = :new WHERE item_id = :old", ids)
    conn.execute("DELETE FROM new_item_claims WHERE item_id = :old", ids)
    _rename_in_exams(conn, old_id, new_id)
    return moved


def _rename_in_exams(conn: sqlite3.Connection, old_id: str, new_id: str) -> None:
    """The exams' answers and their lists of questions (and of unscored ones) name `new_id`
    for `old_id`."""
    ids = {"old": old_id, "new": new_id}
    # An exam that asked both keeps the answer asked first, as its list keeps the first.
    conn.execute(
        "DELETE FROM exam_answers WHERE item_id IN (:old, :new) AND EXISTS (SELECT 1 "
        "FROM exam_answers AS first WHERE first.exam_id = exam_answers.exam_id "
        "AND first.item_id IN (:old, :new) AND first.position < exam_answers.position)",
        ids,
    )
    conn.execute("UPDATE exam_answers SET item_id = :new WHERE item_id = :old", ids)
    rows = conn.execute(
        "SELECT id, question_ids, unscored_ids FROM exams WHERE EXISTS "
        "(SELECT 1 FROM json_each(question_ids) WHERE value = ?)",
        (old_id,),
    ).fetchall()
    for exam_id, question_ids, unscored_ids in rows:
        questions = _renamed_list(question_ids, old_id, new_id)
        unscored = None if unscored_ids is None else _renamed_list(unscored_ids, old_id, new_id)
        conn.execute(
            "UPDATE exams SET question_ids = ?, unscored_ids = ? WHERE id = ?",
            (questions, unscored, exam_id),
        )


def _renamed_list(listed: str, old_id: str, new_id: str) -> str:
    """A JSON list of ids with `old_id` read as `new_id`, each id once."""
    ids = [new_id if item_id == old_id else item_id for item_id in json.loads(listed)]
    return json.dumps(list(dict.fromkeys(ids)))


def refile_totals(conn: sqlite3.Connection) -> None:
    """After reviews moved: the learned-review totals filed under their items' topics again,
    and the kept figures computed from the old log forgotten."""
    refile_learned_days(conn)
    conn.execute("DELETE FROM meta WHERE substr(key, 1, ?) = ?", (len(CACHE_PREFIX), CACHE_PREFIX))


class Renames:
    """The deck's renames applied to this file's rows, and the log of them (`store.renames`)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store.conn

    def pending(self, deck: Deck) -> dict[str, str]:
        """The deck's renames to make here: not logged yet, or with rows still under the old
        id; none across kinds (for a deck without renames nothing is read; else one query)."""
        claims = [
            (old_id, new_id, item_kind(deck.items[new_id]))
            for old_id, new_id in deck.renames.items()
            if new_id in deck.items
        ]
        if not claims:
            return {}
        rows = self._conn.execute(
            "SELECT old, new FROM (SELECT json_extract(value, '$[0]') AS old, "
            "json_extract(value, '$[1]') AS new, json_extract(value, '$[2]') AS kind "
            "FROM json_each(?)) AS claim WHERE NOT EXISTS (SELECT 1 FROM reviews "
            "WHERE item_id = claim.old AND reviews.kind != claim.kind) "
            f"AND ({_has_rows('claim.old')} OR NOT EXISTS (SELECT 1 FROM item_renames "
            "WHERE old_id = claim.old AND new_id = claim.new))",
            (json.dumps(claims),),
        )
        return dict(rows.fetchall())

    def apply(self, deck: Deck, now: datetime) -> list[Renamed]:
        """Log every pending rename of the deck and move its rows to the new id, inside the
        caller's write transaction (a rename across kinds is never pending)."""
        renamed_at = to_utc_text(now)
        done = [self._move(old, new, renamed_at) for old, new in self.pending(deck).items()]
        if any(renamed.reviews for renamed in done):
            refile_totals(self._conn)
        return done

    def _move(self, old_id: str, new_id: str, renamed_at: str) -> Renamed:
        """One rename: logged, the rows moved, the item's log replayed and its totals recounted."""
        conn, ids = self._conn, {"old": old_id, "new": new_id}
        lapses = conn.execute(
            "SELECT max(lapses) FROM item_state WHERE item_id IN (:old, :new)", ids
        ).fetchone()[0]
        record_rename(conn, old_id, new_id, renamed_at)
        moved = move_rows(conn, old_id, new_id)
        if moved:
            self._replay(old_id, new_id, lapses or 0)
            conn.execute("DELETE FROM item_tallies WHERE item_id IN (:old, :new)", ids)
            conn.execute("DELETE FROM wrong_answers WHERE item_id IN (:old, :new)", ids)
            for statement in _RECOUNT_ITEM:
                conn.execute(statement, ids)
        conn.execute(
            "DELETE FROM new_item_claims WHERE item_id = :new "
            "AND EXISTS (SELECT 1 FROM item_state WHERE item_id = :new)",
            ids,
        )
        return Renamed(old_id, new_id, moved)

    def _replay(self, old_id: str, new_id: str, lapses_before: int) -> None:
        """The new id's state: its log (now with the old id's reviews) replayed; a leech
        mark the joined log reaches that neither id reached alone suspends it."""
        from studyapp.store.rebuild import replay_items

        step_for = self._store.step_for
        if step_for is None:
            raise StoreError(
                f"moving the reviews of {old_id!r} to {new_id!r} replays them, which needs the "
                "scheduler; open the database with studyapp.srs.replay.open_store"
            )
        replay_items(self._store.db, step_for, (old_id, new_id))
        row = self._conn.execute(
            "SELECT lapses, last_review FROM item_state WHERE item_id = ?", (new_id,)
        ).fetchone()
        if row is not None and row[0] >= LEECH_LAPSES and last_leech_mark(row[0]) > lapses_before:
            self._conn.execute(
                "INSERT OR IGNORE INTO suspensions (item_id, suspended_at, reason) "
                "VALUES (?, ?, ?)",
                (new_id, row[1], LEECH_REASON),
            )

    def history(self) -> dict[str, IdHistory]:
        """Every item id with reviews here: the kind they were given and how many there are."""
        rows = self._conn.execute(
            "SELECT t.item_id, (SELECT kind FROM reviews WHERE item_id = t.item_id LIMIT 1), "
            "t.reviews FROM item_tallies AS t"
        )
        return {item_id: IdHistory(str(kind), int(count)) for item_id, kind, count in rows}

    def log(self) -> list[tuple[str, str, str]]:
        """The renames logged here: (old id, new id, when), oldest first."""
        return list(self._conn.execute("SELECT * FROM item_renames ORDER BY renamed_at, old_id"))


__all__ = [
    "RENAMES_TABLE",
    "Renamed",
    "Renames",
    "move_rows",
    "old_ids_with_rows",
    "record_rename",
    "refile_totals",
]
