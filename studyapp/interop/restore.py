"""`studyapp restore FILE`: put a backup's progress in place, keeping the current one aside.

FILE is checked first through a read-only connection (an SQLite file, a studyapp schema not
newer than this one, `integrity_check` ok); on any problem nothing is changed. The swap is
one write transaction on the current database, through SQLite's backup API: its first step
takes the write lock, and while it is held the current content is copied aside
(`<db>.before-restore-<timestamp>`, also through the backup API, so a `-wal` is read as
SQLite reads it). Another studyapp writing meanwhile waits for the lock and then writes
into the restored database: no committed review is missing from both files.

A backup from an older studyapp is upgraded first, on a copy beside the database, exactly
as opening it would (`open_store`): the live file never goes back to an older schema under
a window that has it open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studyapp.errors import StoreError
from studyapp.interop.backup import copy_into_new_file, remove_with_sidecars, stamp
from studyapp.srs.replay import open_store
from studyapp.store import SCHEMA_VERSION
from studyapp.store.opening import connect_read_only, inspect, problem_lines

SQLITE_HEADER = b"SQLite format 3\x00"
#: How long the swap waits for another studyapp's write to finish (seconds).
LOCK_TIMEOUT = 15.0
_SQLITE_DONE = 101


@dataclass(frozen=True)
class RestoreResult:
    """What was restored, and where the database it replaced was kept."""

    source: Path
    reviews: int
    schema_version: int
    kept_aside: Path | None

    @property
    def upgraded(self) -> bool:
        """Whether the backup came from an older studyapp and was upgraded on the way in."""
        return self.schema_version < SCHEMA_VERSION


def restore_database(source: Path, db_path: Path, now: datetime) -> RestoreResult:
    """Replace the content of `db_path` with that of the backup `source`, checked first."""
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise refused(source, db_path, "it is the database itself")
    backup = open_checked(source, db_path)
    upgraded = db_path.with_name(f".{db_path.name}.restore-upgrade")
    aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp(now)}")
    try:
        if db_path.exists():
            _check_header(db_path, db_path, "the current database is not an SQLite file")
            if aside.exists():
                raise refused(source, db_path, f"{aside.name} already exists")
        version = int(backup.execute("PRAGMA user_version").fetchone()[0])
        if version < SCHEMA_VERSION:
            backup = upgraded_copy(backup, source, db_path, upgraded)
        reviews = int(backup.execute("SELECT count(*) FROM reviews").fetchone()[0])
        if not db_path.exists():
            copy_into_new_file(backup, db_path, source)
            return RestoreResult(source, reviews, version, None)
        _swap(backup, db_path, aside)
    finally:
        backup.close()
        remove_with_sidecars(upgraded)
    return RestoreResult(source, reviews, version, aside)


def upgraded_copy(
    backup: sqlite3.Connection, source: Path, db_path: Path, copy: Path, verb: str = "restored"
) -> sqlite3.Connection:
    """A read-only connection to a copy of `backup` brought to this schema by opening it as
    studyapp opens any older file (`backup` is closed; the file it came from is never
    written); a failed upgrade is refused as not `verb`."""
    try:
        copy_into_new_file(backup, copy, source)
    finally:
        backup.close()
    try:
        open_store(copy).close()
    except (StoreError, sqlite3.Error) as exc:
        raise refused(source, db_path, f"its upgrade to this studyapp failed: {exc}", verb) from exc
    return connect_read_only(copy, LOCK_TIMEOUT)


def refused(source: Path, db_path: Path, why: str, verb: str = "restored") -> StoreError:
    """The one line for a restore (or a merge: `verb`) that changed nothing."""
    return StoreError(f"{source}: not {verb} ({why}); {db_path} unchanged")


def open_checked(source: Path, db_path: Path, verb: str = "restored") -> sqlite3.Connection:
    """A read-only connection to `source` once it proves a sound studyapp database."""
    if not source.is_file():
        raise refused(source, db_path, "no such file", verb)
    _check_header(source, db_path, "not an SQLite database", verb)
    try:
        conn = connect_read_only(source, LOCK_TIMEOUT)
    except (sqlite3.DatabaseError, StoreError) as exc:
        raise refused(source, db_path, f"cannot be read: {exc}", verb) from exc
    try:
        _check_content(conn, source, db_path, verb)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_header(path: Path, db_path: Path, why: str, verb: str = "restored") -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise refused(path, db_path, f"cannot read: {exc.strerror}", verb) from exc
    if header != SQLITE_HEADER:
        raise refused(path, db_path, why, verb)


def _check_content(conn: sqlite3.Connection, source: Path, db_path: Path, verb: str) -> None:
    """Ours, not newer, every table there, and every page sound."""
    try:
        version = inspect(conn, source, check_pages=False)
    except StoreError as exc:
        reason = str(exc).removeprefix(f"{source}: ").split(";")[0]
        raise refused(source, db_path, reason, verb) from exc
    if version == 0:
        raise refused(source, db_path, "an empty database, no studyapp progress in it", verb)
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows != ["ok"]:
        problem = problem_lines(rows)[0] if problem_lines(rows) else rows[0]
        raise refused(source, db_path, f"it is damaged: {problem}", verb)


def _swap(backup: sqlite3.Connection, db_path: Path, aside: Path) -> None:
    """Overwrite `db_path` with `backup` in one write transaction, copying the current
    content to `aside` once that transaction holds the write lock."""
    current = sqlite3.connect(db_path, timeout=LOCK_TIMEOUT)
    kept: list[Path] = []

    def keep_aside(status: int, _remaining: int, _total: int) -> None:
        if not kept:  # the first step took the write lock; nothing can commit now
            if status == _SQLITE_DONE:  # copied and committed in one step: too late
                raise StoreError(f"{db_path}: restore could not keep the current one aside")
            reader = connect_read_only(db_path, LOCK_TIMEOUT)
            try:
                copy_into_new_file(reader, aside, db_path)
            finally:
                reader.close()
            kept.append(aside)

    try:
        current.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT * 1000)}")
        backup.backup(current, pages=1, progress=keep_aside)
    except sqlite3.OperationalError as exc:
        aside.unlink(missing_ok=True)
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(
                f"{db_path}: another studyapp is writing to it; close it and restore again; "
                "unchanged"
            ) from exc
        raise StoreError(f"{db_path}: restore failed ({exc}); unchanged") from exc
    finally:
        current.close()
    if not kept:
        raise StoreError(f"{db_path}: restore did not keep the current database aside")
