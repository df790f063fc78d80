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

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from studyapp.store.exams import ANSWER_COLUMNS, EXAM_COLUMNS
from studyapp.store.leeches import LEECH_LAPSES, LEECH_REASON, LEECH_REPEAT_LAPSES
from studyapp.store.rollups import RECOUNT_TOTALS
from studyapp.store.settings import CACHE_PREFIX

Row = Sequence[Any]

REVIEW_COLUMNS = (
    "item_id, kind, reviewed_at, rating, correct, answer, duration_ms, session_id, "
    "content_hash, prior_state, uid"
)
SESSION_COLUMNS = "id, mode, started_at, scope"
FLAG_COLUMNS = "item_id, flagged_at, comment, content_hash, resolved"
SUSPENSION_COLUMNS = "item_id, suspended_at, reason"
BOOKMARK_COLUMNS = "item_id, bookmarked_at"


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
        if _last_leech_mark(lapses) > lapses_before.get(item_id, 0)
    ]
    conn.executemany(f"INSERT INTO suspensions ({SUSPENSION_COLUMNS}) VALUES (?, ?, ?)", leeches)
    conn.execute("DELETE FROM new_item_claims WHERE item_id IN (SELECT item_id FROM item_state)")
    conn.execute("DELETE FROM meta WHERE substr(key, 1, ?) = ?", (len(CACHE_PREFIX), CACHE_PREFIX))
    return len(leeches)


def _last_leech_mark(lapses: int) -> int:
    """The highest leech mark at or below `lapses` (given at least LEECH_LAPSES)."""
    return lapses - (lapses - LEECH_LAPSES) % LEECH_REPEAT_LAPSES


def merge_flags(conn: sqlite3.Connection, rows: Iterable[Row]) -> tuple[int, int]:
    """Flags by (item, time, comment): as many of each as the file with more has, resolved
    if resolved in either; (flags added, flags newly resolved)."""
    theirs: dict[tuple[Any, ...], list[Any]] = {}
    for item_id, flagged_at, comment, content_hash, resolved in rows:
        entry = theirs.setdefault((item_id, flagged_at, comment), [0, 0, content_hash])
        entry[0] += 1
        entry[1] = max(entry[1], int(resolved))
    ours = {
        (item_id, at, comment): (count, resolved)
        for item_id, at, comment, count, resolved in conn.execute(
            "SELECT item_id, flagged_at, comment, count(*), max(resolved) FROM flags "
            "GROUP BY item_id, flagged_at, comment"
        )
    }
    added = resolved_now = 0
    for key, (count, resolved, content_hash) in theirs.items():
        have, have_resolved = ours.get(key, (0, 0))
        for _ in range(count - have):
            conn.execute(
                f"INSERT INTO flags ({FLAG_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                (*key, content_hash, max(resolved, have_resolved)),
            )
            added += 1
        if resolved and have and not have_resolved:
            resolved_now += conn.execute(
                "UPDATE flags SET resolved = 1 WHERE item_id = ? AND flagged_at = ? "
                "AND comment IS ?",
                key,
            ).rowcount
    return added, resolved_now


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
    "REVIEW_COLUMNS",
    "SESSION_COLUMNS",
    "SUSPENSION_COLUMNS",
    "add_reviews",
    "add_sessions",
    "after_replay",
    "merge_bookmarks",
    "merge_exams",
    "merge_flags",
    "merge_suspensions",
    "put_in_time_order",
    "recount_totals",
]
