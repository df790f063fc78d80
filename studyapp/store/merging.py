"""Another device's progress joined into this database, table by table (`studyapp merge`).

Each function writes rows read from the other file into this one inside the caller's
transaction; `studyapp.interop.merge` reads the other file and calls them in order. The
rules, as the README states them: reviews are the union by uid, put in time order and
replayed; flags the union (same item, time and comment: one flag; resolved on either,
resolved); bookmarks the union (the earlier time); suspensions the union (the later
time); finished exams the union by exam id (the earlier submission of one finished on
both), unfinished ones of the other file left out.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from studyapp.store.exams import ANSWER_COLUMNS, EXAM_COLUMNS
from studyapp.store.flags import FLAG_COLUMNS
from studyapp.store.flags import join_flags as merge_flags
from studyapp.store.leeches import LEECH_LAPSES, LEECH_REASON, last_leech_mark
from studyapp.store.renames import move_rows, old_ids_with_rows, record_rename
from studyapp.store.rollups import RECOUNT_TOTALS
from studyapp.store.settings import CACHE_PREFIX

Row = Sequence[Any]

REVIEW_COLUMNS = (
    "item_id, kind, reviewed_at, rating, correct, answer, duration_ms, session_id, "
    "content_hash, prior_state, uid, recorded_as"
)
SESSION_COLUMNS = "id, mode, started_at, scope"
SUSPENSION_COLUMNS = "item_id, suspended_at, reason"
BOOKMARK_COLUMNS = "item_id, bookmarked_at"
RENAME_COLUMNS = "old_id, new_id, renamed_at"
#: Where an exam row (EXAM_COLUMNS) lists its questions, and its unscored ones.
_EXAM_LISTS = (3, 12)


def _marks(columns: str) -> str:
    return ", ".join("?" * len(columns.split(", ")))


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _insert(
    conn: sqlite3.Connection, table: str, columns: str, on_conflict: str, rows: Iterable[Row]
) -> int:
    """Insert `rows` into `table`, a clash settled by `on_conflict`; how many rows it gained."""
    before = _count(conn, table)
    conn.executemany(
        f"INSERT INTO {table} ({columns}) VALUES ({_marks(columns)}) {on_conflict}", rows
    )
    return _count(conn, table) - before


def join_renames(conn: sqlite3.Connection, rows: Iterable[Row]) -> dict[str, str]:
    """This file's log of renames and the other's (RENAME_COLUMNS rows) as one, each rename
    made again in time order so the log stays closed, but none of an id this file's deck
    has (it is in use here); old id -> new id."""
    entries = {tuple(row) for row in conn.execute(f"SELECT {RENAME_COLUMNS} FROM item_renames")}
    entries |= {tuple(row) for row in rows}
    in_deck = {row[0] for row in conn.execute("SELECT item_id FROM items")}
    conn.execute("DELETE FROM item_renames")
    for old_id, new_id, renamed_at in sorted(entries, key=lambda e: (e[2], e[0], e[1])):
        if old_id not in in_deck:
            record_rename(conn, old_id, new_id, renamed_at)
    return dict(conn.execute("SELECT old_id, new_id FROM item_renames"))


def move_renamed(conn: sqlite3.Connection, renames: Mapping[str, str]) -> int:
    """Rows this file keeps under an old id moved to its new id; how many were reviews (the
    caller recounts the totals and replays the log)."""
    pending = old_ids_with_rows(conn, renames)
    return sum(move_rows(conn, old_id, renames[old_id]) for old_id in sorted(pending))


def renamed_rows(rows: Iterable[Row], renames: Mapping[str, str], column: int = 0) -> list[Row]:
    """The other file's rows with the item id in `column` read through `renames`."""
    if not renames:
        return list(rows)
    renamed: list[Row] = []
    for row in rows:
        values = list(row)
        values[column] = renames.get(values[column], values[column])
        renamed.append(tuple(values))
    return renamed


def renamed_reviews(rows: Iterable[Row], renames: Mapping[str, str]) -> list[Row]:
    """The other file's reviews (REVIEW_COLUMNS rows) filed under their items' new ids, each
    moved one keeping the id it was recorded under, as `store.renames` moves this file's."""
    if not renames:
        return list(rows)
    moved: list[Row] = []
    for row in rows:
        item_id, recorded_as = row[0], row[-1]
        new_id = renames.get(item_id)
        moved.append(row if new_id is None else (new_id, *row[1:-1], recorded_as or item_id))
    return moved


def renamed_exams(rows: Iterable[Row], renames: Mapping[str, str]) -> list[Row]:
    """The other file's exams (EXAM_COLUMNS rows) with their question lists read through
    `renames`, each id once."""
    renamed: list[Row] = []
    for row in rows:
        values = list(row)
        for column in _EXAM_LISTS:
            listed = [] if values[column] is None else json.loads(values[column])
            if any(item_id in renames for item_id in listed):
                renamed_ids = dict.fromkeys(renames.get(i, i) for i in listed)
                values[column] = json.dumps(list(renamed_ids))
        renamed.append(tuple(values))
    return renamed


def add_sessions(conn: sqlite3.Connection, rows: Iterable[Row]) -> int:
    """Sessions this file lacks (by id); how many were added."""
    return _insert(conn, "sessions", SESSION_COLUMNS, "ON CONFLICT (id) DO NOTHING", rows)


def add_reviews(conn: sqlite3.Connection, rows: Iterable[Row]) -> int:
    """Reviews whose uid this log lacks, appended; how many were added."""
    return _insert(conn, "reviews", REVIEW_COLUMNS, "ON CONFLICT (uid) DO NOTHING", rows)


def put_in_time_order(conn: sqlite3.Connection) -> bool:
    """Renumber the log so that id order is time order (ties by uid); whether it had to.

    Replay, and every total that reads "the latest review" by id, then see the two devices'
    reviews interleaved as they happened, whichever file the merge ran in.
    """
    out_of_order = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM (SELECT reviewed_at, uid, lag(reviewed_at) OVER w AS "
        "before_at, lag(uid) OVER w AS before_uid FROM reviews WINDOW w AS (ORDER BY id)) "
        "WHERE (before_at, before_uid) > (reviewed_at, uid))"
    ).fetchone()[0]
    if not out_of_order:
        return False
    conn.execute("CREATE TEMP TABLE review_order (old_id INTEGER PRIMARY KEY, new_id INTEGER)")
    conn.execute(
        "INSERT INTO temp.review_order SELECT id, row_number() OVER (ORDER BY reviewed_at, uid) "
        "FROM reviews"
    )
    # Through negative ids, so no two rows ever hold one id on the way.
    conn.execute(
        "UPDATE reviews SET id = -(SELECT new_id FROM temp.review_order WHERE old_id = reviews.id)"
    )
    conn.execute("UPDATE reviews SET id = -id")
    conn.execute("DROP TABLE temp.review_order")
    return True


def recount_totals(conn: sqlite3.Connection) -> None:
    """Three rollup totals recounted from the renumbered log (`learned_days` is replay's)."""
    for statement in RECOUNT_TOTALS:
        conn.execute(statement)


def after_replay(conn: sqlite3.Connection, lapses_before: Mapping[str, int]) -> int:
    """Suspend the leeches the joined history made, drop claims on items now seen, and forget
    figures kept from the old log; how many items were suspended.

    An item is a leech of the joined history when its replayed lapses reach a leech mark
    (8, 12, 16 ...) that neither file's own count (`lapses_before`, the larger) reached.
    """
    rows = conn.execute(
        "SELECT item_id, lapses, last_review FROM item_state WHERE lapses >= ? "
        "AND item_id NOT IN (SELECT item_id FROM suspensions)",
        (LEECH_LAPSES,),
    ).fetchall()
    leeches = [
        (item_id, last_review, LEECH_REASON)
        for item_id, lapses, last_review in rows
        if last_leech_mark(lapses) > lapses_before.get(item_id, 0)
    ]
    conn.executemany(f"INSERT INTO suspensions ({SUSPENSION_COLUMNS}) VALUES (?, ?, ?)", leeches)
    conn.execute("DELETE FROM new_item_claims WHERE item_id IN (SELECT item_id FROM item_state)")
    conn.execute("DELETE FROM meta WHERE substr(key, 1, ?) = ?", (len(CACHE_PREFIX), CACHE_PREFIX))
    return len(leeches)


def merge_bookmarks(conn: sqlite3.Connection, rows: Iterable[Row]) -> int:
    """Bookmarks of items this file has none for; a shared one keeps the earlier time."""
    on_conflict = (
        "ON CONFLICT (item_id) DO UPDATE SET bookmarked_at = excluded.bookmarked_at "
        "WHERE excluded.bookmarked_at < bookmarks.bookmarked_at"
    )
    return _insert(conn, "bookmarks", BOOKMARK_COLUMNS, on_conflict, rows)


def merge_suspensions(conn: sqlite3.Connection, rows: Iterable[Row]) -> int:
    """Suspensions of items this file has none for; one of both keeps the later time."""
    on_conflict = (
        "ON CONFLICT (item_id) DO UPDATE SET suspended_at = excluded.suspended_at, "
        "reason = excluded.reason "
        "WHERE (excluded.suspended_at, excluded.reason) > (suspended_at, reason)"
    )
    return _insert(conn, "suspensions", SUSPENSION_COLUMNS, on_conflict, rows)


def merge_exams(
    conn: sqlite3.Connection, exams: Iterable[Row], answers: Mapping[str, Sequence[Row]]
) -> int:
    """Finished exams (EXAM_COLUMNS rows) and their answers (ANSWER_COLUMNS rows, by exam id)
    that this file lacks or has unfinished; how many came in. One finished in both files
    keeps the earlier submission (the whole row breaks a tie)."""
    added = 0
    for row in exams:
        ours = conn.execute(f"SELECT {EXAM_COLUMNS} FROM exams WHERE id = ?", (row[0],)).fetchone()
        if ours is not None and ours[5] == "submitted":
            if (ours[7], repr(tuple(ours))) <= (row[7], repr(tuple(row))):
                continue
        else:
            added += 1
        conn.execute("DELETE FROM exams WHERE id = ?", (row[0],))  # its answers go with it
        conn.execute(f"INSERT INTO exams ({EXAM_COLUMNS}) VALUES ({_marks(EXAM_COLUMNS)})", row)
        conn.executemany(
            f"INSERT INTO exam_answers ({ANSWER_COLUMNS}) VALUES ({_marks(ANSWER_COLUMNS)})",
            answers.get(row[0], ()),
        )
    return added


__all__ = [
    "BOOKMARK_COLUMNS",
    "FLAG_COLUMNS",
    "RENAME_COLUMNS",
    "REVIEW_COLUMNS",
    "SESSION_COLUMNS",
    "SUSPENSION_COLUMNS",
    "add_reviews",
    "add_sessions",
    "after_replay",
    "join_renames",
    "merge_bookmarks",
    "merge_exams",
    "merge_flags",
    "merge_suspensions",
    "move_renamed",
    "put_in_time_order",
    "recount_totals",
    "renamed_exams",
    "renamed_reviews",
    "renamed_rows",
]
