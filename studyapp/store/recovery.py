"""`studyapp db check` and `studyapp db recover`: find damage, and rebuild what can be read.

Both read the original through a read-only connection and never write to it. Recovery
builds a fresh database by replaying the review log's readable rows (read range by range,
halving a range that meets a damaged page until the damage is fenced off), falling back to
what an index of the log still holds for rows its table has lost, then copies settings,
preferences, flags, sessions, suspensions, exams, bookmarks and the log of renames row by
row, and rebuilds every item's state from the recovered log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.errors import StoreError
from studyapp.store.identity import content_uids
from studyapp.store.opening import connect_read_only, problem_lines
from studyapp.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from studyapp.store.rebuild import StepFor

#: Rows read per range of ids before halving ranges that fail.
_RANGE = 512
#: Failed range reads after which the rest of a table is left to the index fallback.
_FAILURE_BUDGET = 20_000
_REVIEW_COLUMNS = (
    "id",
    "item_id",
    "kind",
    "reviewed_at",
    "rating",
    "correct",
    "answer",
    "duration_ms",
    "session_id",
    "content_hash",
    "prior_state",
    "recorded_as",
    "uid",
)
#: The tables copied as they are, with the columns copied (the rest is rebuilt).
_COPIED: dict[str, tuple[str, ...]] = {
    "settings": ("key", "value"),
    "sessions": ("id", "mode", "started_at", "scope"),
    "flags": ("id", "item_id", "flagged_at", "comment", "content_hash", "resolved"),
    "suspensions": ("item_id", "suspended_at", "reason"),
    "exams": (
        "id",
        "started_at",
        "time_limit_seconds",
        "question_ids",
        "topic_ids",
        "status",
        "elapsed_ms",
        "submitted_at",
        "score_scaled",
        "correct",
        "total",
        "guide_id",
        "unscored_ids",
    ),
    "exam_answers": ("exam_id", "item_id", "position", "chosen", "flagged"),
    "bookmarks": ("item_id", "bookmarked_at"),
    "item_renames": ("old_id", "new_id", "renamed_at"),
}


@dataclass
class CheckResult:
    """What `PRAGMA integrity_check` and the schema check found; nothing when sound."""

    problems: list[str]
    schema_version: int | None


def check_database(path: Path) -> CheckResult:
    """Run `integrity_check` on `path` through a read-only connection."""
    conn = _open_original(path)
    try:
        try:
            version: int | None = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            return CheckResult([str(exc)], None)
        try:
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(100)")]
        except sqlite3.DatabaseError as exc:
            return CheckResult([str(exc)], version)
        return CheckResult([] if rows == ["ok"] else problem_lines(rows), version)
    finally:
        conn.close()


@dataclass
class RecoveryReport:
    """How much of each table came across, and how many reviews came from an index only."""

    copied: dict[str, int] = field(default_factory=dict)
    reviews: int = 0
    reviews_from_index: int = 0
    unreadable_ranges: int = 0
    lost_tables: list[str] = field(default_factory=list)


def recover_database(source: Path, target: Path, step_for: StepFor) -> RecoveryReport:
    """Build a new database at `target` from what can be read of `source` (left untouched).

    `step_for` rebuilds the states from the recovered log (`studyapp.srs.replay.recover`).
    """
    if target.exists():
        raise StoreError(f"{target}: already exists; name a new file to recover into")
    if target.resolve() == source.resolve():
        raise StoreError("recover into a new file, not the damaged one")
    from studyapp.store.database import Store
    from studyapp.store.rebuild import replay_under_current_rules

    original = _open_original(source)
    report = RecoveryReport()
    fresh = Store.open(target, step_for=step_for)
    try:
        with fresh.write():
            for table, columns in _COPIED.items():
                rows = list(_readable_rows(original, table, columns, report))
                if table == "exam_answers":  # only for the exams that came across
                    exams = {row[0] for row in fresh.conn.execute("SELECT id FROM exams")}
                    rows = [row for row in rows if row[0] in exams]
                _insert(fresh.conn, table, columns, rows)
                report.copied[table] = len(rows)
            _copy_preferences(original, fresh.conn, report)
            reviews = _recovered_reviews(original, report)
            _add_missing_sessions(fresh.conn, reviews)
            _insert(fresh.conn, "reviews", _REVIEW_COLUMNS, reviews)
            report.reviews = len(reviews)
            replay_under_current_rules(fresh.db, step_for)
    finally:
        original.close()
        fresh.close()
    return report


def _open_original(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise StoreError(f"{path}: no such database file")
    try:
        return connect_read_only(path, 5.0)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot be read at all: {exc}") from exc


def _insert(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list[tuple[object, ...]]
) -> None:
    marks = ", ".join("?" * len(columns))
    conn.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _readable_rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], report: RecoveryReport
) -> Iterator[tuple[object, ...]]:
    """Every row of `table` that can be read, in rowid order, skipping damaged pages;
    columns an older schema lacks read as NULL, a table it lacks as no rows."""
    present = _columns_of(conn, table)
    if present is not None and not present:
        return
    selected = ", ".join(c if present is None or c in present else "NULL" for c in columns)
    try:
        bounds = conn.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
    except sqlite3.DatabaseError:
        bounds = (-(2**62), 2**62)  # unknown: halving finds the readable parts
    if bounds is None or bounds[0] is None:
        return
    low, high = int(bounds[0]), int(bounds[1]) + 1
    failures = 0
    if high - low > _RANGE * 100_000:  # ids far apart, or bounds unknown: halve from one range
        pending = [(low, high)]
    else:
        pending = [(start, min(start + _RANGE, high)) for start in range(low, high, _RANGE)]
    pending.reverse()
    while pending:
        start, end = pending.pop()
        try:
            yield from conn.execute(
                f"SELECT {selected} FROM {table} WHERE rowid >= ? AND rowid < ? ORDER BY rowid",
                (start, end),
            ).fetchall()
            continue
        except sqlite3.DatabaseError:
            failures += 1
        if failures > _FAILURE_BUDGET:
            report.lost_tables.append(table)
            return
        if end - start <= 1:
            report.unreadable_ranges += 1
            continue
        middle = start + (end - start) // 2
        pending += [(middle, end), (start, middle)]


def _columns_of(conn: sqlite3.Connection, table: str) -> set[str] | None:
    """The columns `table` has (none if it does not exist), or None if the schema itself
    cannot be read."""
    try:
        return {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}
    except sqlite3.DatabaseError:
        return None


def _recovered_reviews(
    conn: sqlite3.Connection, report: RecoveryReport
) -> list[tuple[object, ...]]:
    """The log's readable rows, plus what the learned-review index holds of the others
    (time, item, rating, prior state; the answer given is lost)."""
    rows = _readable_rows(conn, "reviews", _REVIEW_COLUMNS, report)
    by_id: dict[object, tuple[object, ...]] = {row[0]: row for row in rows}
    kinds = {str(row[1]): str(row[2]) for row in by_id.values()}
    kinds.update(_item_kinds(conn))
    for review_id, prior_state, at, item_id, rating in _index_rows(conn):
        if review_id in by_id or item_id not in kinds:
            continue
        kind = kinds[item_id]
        correct = None if kind == "card" else int(rating > 1)
        by_id[review_id] = (
            (review_id, item_id, kind, at, rating, correct)
            + (None,) * 4
            + (prior_state,)
            + (None, None)  # recorded_as, uid
        )
        report.reviews_from_index += 1
    ordered = [by_id[key] for key in sorted(by_id, key=lambda review_id: int(str(review_id)))]
    return _with_uids(ordered)


def _with_uids(reviews: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The rows, those without a uid (from before v11, or from the index alone) given the
    one derived from their content, as the upgrade to v11 gives it."""
    missing = [n for n, row in enumerate(reviews) if row[-1] is None]
    uids = content_uids(reviews[n][1:10] for n in missing)
    rows = list(reviews)
    for n, uid in zip(missing, uids, strict=True):
        rows[n] = (*rows[n][:-1], uid)
    return rows


def _item_kinds(conn: sqlite3.Connection) -> dict[str, str]:
    rows = _readable_rows(conn, "item_state", ("item_id", "kind"), RecoveryReport())
    return {str(item_id): str(kind) for item_id, kind in rows}


def _index_rows(conn: sqlite3.Connection) -> list[tuple[int, int, str, str, int]]:
    """(id, prior_state, reviewed_at, item_id, rating) from the covering index alone."""
    found: list[tuple[int, int, str, str, int]] = []
    try:
        cursor = conn.execute(
            "SELECT id, prior_state, reviewed_at, item_id, rating "
            "FROM reviews INDEXED BY idx_reviews_learned"
        )
        for row in cursor:
            found.append(row)
    except sqlite3.DatabaseError:
        pass  # keep what was read before the damage
    return found


def _copy_preferences(
    original: sqlite3.Connection, fresh: sqlite3.Connection, report: RecoveryReport
) -> None:
    """The learner's preferences (fitted parameters, exam date, a theme kept before it was a
    setting); kept figures and digests are left behind, to be computed again."""
    rows = [
        row
        for row in _readable_rows(original, "meta", ("key", "value"), report)
        if str(row[0]).startswith("preference.")
    ]
    _insert(fresh, "meta", ("key", "value"), rows)
    report.copied["meta"] = len(rows)


def _add_missing_sessions(conn: sqlite3.Connection, reviews: list[tuple[object, ...]]) -> None:
    """A session row for every session the recovered reviews name but was not readable."""
    known = {row[0] for row in conn.execute("SELECT id FROM sessions")}
    missing: dict[object, object] = {}
    for review in reviews:
        if review[8] is not None and review[8] not in known:
            missing.setdefault(review[8], review[3])
    conn.executemany(
        "INSERT INTO sessions (id, mode, started_at) VALUES (?, 'recovered', ?)", missing.items()
    )


__all__ = ["SCHEMA_VERSION", "CheckResult", "RecoveryReport", "check_database", "recover_database"]
