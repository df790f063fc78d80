"""`studyapp merge OTHER.db`: another device's progress joined into this database.

OTHER is checked first as `restore` checks a backup (an SQLite file, a studyapp schema not
newer than this one, `integrity_check` ok) and only ever read, through a read-only
connection: one from an older studyapp is upgraded on a temporary copy, never in place.
The whole merge is one write transaction on the current database (`Store.write`): the
table rules are in `studyapp.store.merging`; then the log, in time order, is replayed to
rebuild every item's state and the totals read from it. The two files' logs of renamed
items (`store.renames`) are joined first, so every row either keeps under an old id comes
under the new one. Settings are this database's: the settings table records no times, so
there is no telling which device changed one last.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from studyapp.interop.restore import open_checked, refused, upgraded_copy
from studyapp.srs.replay import open_store, step_for
from studyapp.store import SCHEMA_VERSION, Store
from studyapp.store import merging as rules
from studyapp.store.exams import ANSWER_COLUMNS, EXAM_COLUMNS
from studyapp.store.rebuild import replay_under_current_rules

_LAPSES = "SELECT item_id, lapses FROM item_state"


@dataclass(frozen=True)
class MergeResult:
    """What came in from the other file, table by table."""

    other: Path
    db_path: Path
    #: OTHER's schema version when it was older and upgraded on a copy; else None.
    upgraded_from: int | None
    reviews_in_other: int
    reviews_new: int
    reviews_total: int
    #: Whether the log changed (reviews came in, or were put in time order) and so every
    #: item's state was replayed from it; an unchanged log keeps the states it had.
    log_changed: bool
    sessions_new: int
    flags_in_other: int
    flags_new: int
    flags_resolved: int
    bookmarks_in_other: int
    bookmarks_new: int
    suspensions_in_other: int
    suspensions_new: int
    leeches_new: int
    exams_finished_in_other: int
    exams_new: int
    exams_unfinished_left: int


def merge_database(other: Path, db_path: Path) -> MergeResult:
    """Join the progress in `other` into the database at `db_path`, in one transaction."""
    if db_path.exists() and other.exists() and os.path.samefile(other, db_path):
        raise refused(other, db_path, "it is the database itself", "merged")
    with _readable_other(other, db_path) as (source, upgraded_from):
        store = open_store(db_path)
        try:
            with store.write():
                counts = _merge_into(store, source)
            total = store.reviews.count()
        finally:
            store.close()
    log_changed = bool(counts.pop("log_changed"))
    return MergeResult(
        other, db_path, upgraded_from, reviews_total=total, log_changed=log_changed, **counts
    )


@contextmanager
def _readable_other(other: Path, db_path: Path) -> Iterator[tuple[sqlite3.Connection, int | None]]:
    """A read-only connection to OTHER once checked, or to an upgraded copy of an older one;
    and the version it was upgraded from (None when current)."""
    checked = open_checked(other, db_path, "merged")
    try:
        version = int(checked.execute("PRAGMA user_version").fetchone()[0])
        if version == SCHEMA_VERSION:
            yield checked, None
            return
        with tempfile.TemporaryDirectory(prefix="studyapp-merge-") as folder:
            upgraded = upgraded_copy(checked, other, db_path, Path(folder) / other.name, "merged")
            try:
                yield upgraded, version
            finally:
                upgraded.close()
    finally:
        checked.close()


def _merge_into(store: Store, source: sqlite3.Connection) -> dict[str, int]:
    """Every table's rows from `source` joined into `store`, inside its write transaction."""
    conn = store.conn
    renames = rules.join_renames(
        conn, source.execute(f"SELECT {rules.RENAME_COLUMNS} FROM item_renames")
    )
    renamed_reviews = rules.move_renamed(conn, renames)
    lapses_before: dict[str, int] = {}
    for rows in (conn.execute(_LAPSES), source.execute(_LAPSES)):
        for item_id, lapses in rules.renamed_rows(rows, renames):
            lapses_before[item_id] = max(lapses, lapses_before.get(item_id, 0))
    counts = _merge_log(conn, source, renames, renamed_reviews > 0)
    if counts["log_changed"]:
        replay_under_current_rules(store.db, step_for)
    suspensions = source.execute(f"SELECT {rules.SUSPENSION_COLUMNS} FROM suspensions").fetchall()
    counts["suspensions_in_other"] = len(suspensions)
    counts["suspensions_new"] = rules.merge_suspensions(
        conn, rules.renamed_rows(suspensions, renames)
    )
    counts["leeches_new"] = rules.after_replay(conn, lapses_before)
    flags = source.execute(f"SELECT {rules.FLAG_COLUMNS} FROM flags").fetchall()
    counts["flags_in_other"] = len(flags)
    counts["flags_new"], counts["flags_resolved"] = rules.merge_flags(
        conn, rules.renamed_rows(flags, renames)
    )
    bookmarks = source.execute(f"SELECT {rules.BOOKMARK_COLUMNS} FROM bookmarks").fetchall()
    counts["bookmarks_in_other"] = len(bookmarks)
    counts["bookmarks_new"] = rules.merge_bookmarks(conn, rules.renamed_rows(bookmarks, renames))
    counts.update(_merge_exams(conn, source, renames))
    return counts


def _merge_log(
    conn: sqlite3.Connection, source: sqlite3.Connection, renames: Mapping[str, str], moved: bool
) -> dict[str, int]:
    """The sessions OTHER's reviews and finished exams name, then its reviews (under their
    items' new ids); the log put in time order and its totals recounted, unless nothing came
    in, nothing was renamed (`moved`) and its order stood."""
    sessions = source.execute(
        f"SELECT {rules.SESSION_COLUMNS} FROM sessions WHERE id IN "
        "(SELECT session_id FROM reviews UNION SELECT id FROM exams WHERE status = 'submitted') "
        # A review naming a session its file lacks (never written so; a hand-made file) gets one.
        "UNION ALL SELECT session_id, 'merged', min(reviewed_at), NULL FROM reviews "
        "WHERE session_id NOT IN (SELECT id FROM sessions) GROUP BY session_id"
    )
    sessions_new = rules.add_sessions(conn, sessions)
    reviews = source.execute(f"SELECT {rules.REVIEW_COLUMNS} FROM reviews ORDER BY id")
    reviews_new = rules.add_reviews(conn, rules.renamed_reviews(reviews, renames))
    log_changed = rules.put_in_time_order(conn) or reviews_new > 0 or moved
    if log_changed:
        rules.recount_totals(conn)
    reviews_in_other = int(source.execute("SELECT count(*) FROM reviews").fetchone()[0])
    return {
        "reviews_in_other": reviews_in_other,
        "reviews_new": reviews_new,
        "log_changed": int(log_changed),
        "sessions_new": sessions_new,
    }


def _merge_exams(
    conn: sqlite3.Connection, source: sqlite3.Connection, renames: Mapping[str, str]
) -> dict[str, int]:
    """OTHER's finished exams with their answers; its unfinished ones are only counted."""
    finished = source.execute(
        f"SELECT {EXAM_COLUMNS} FROM exams WHERE status = 'submitted' ORDER BY id"
    ).fetchall()
    answers: dict[str, list[tuple[object, ...]]] = {}
    rows = source.execute(
        f"SELECT {ANSWER_COLUMNS} FROM exam_answers WHERE exam_id IN "
        "(SELECT id FROM exams WHERE status = 'submitted') ORDER BY exam_id, position"
    )
    seen: set[tuple[object, object]] = set()
    for row in rules.renamed_rows(rows, renames, column=1):
        if (row[0], row[1]) not in seen:  # two questions folded into one: the first answer
            seen.add((row[0], row[1]))
            answers.setdefault(row[0], []).append(tuple(row))
    unfinished = source.execute("SELECT count(*) FROM exams WHERE status != 'submitted'")
    return {
        "exams_finished_in_other": len(finished),
        "exams_new": rules.merge_exams(conn, rules.renamed_exams(finished, renames), answers),
        "exams_unfinished_left": int(unfinished.fetchone()[0]),
    }


__all__ = ["MergeResult", "merge_database"]
