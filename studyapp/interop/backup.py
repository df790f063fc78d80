"""`studyapp backup`: a consistent copy of the progress file through SQLite's backup API.

The API copies one snapshot of the database in a single step, so a backup taken while the
full-screen app answers (WAL mode: writers are not blocked) holds every review committed
before it started and none half-written. The copy is written to a temporary file beside
the target, checked with `PRAGMA integrity_check`, and only then renamed into place.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from studyapp.errors import StoreError
from studyapp.store.opening import connect_read_only, inspect, problem_lines

#: The folder, beside the database, that default backups go to.
BACKUP_FOLDER = "backups"
#: How a default backup's timestamp is written (UTC, sortable as text).
STAMP_FORMAT = "%Y-%m-%dT%H%M%SZ"
_STAMP_PATTERN = r"\d{4}-\d{2}-\d{2}T\d{6}Z"
_TIMEOUT = 15.0


@dataclass(frozen=True)
class BackupResult:
    """The backup written, its size, the reviews it holds, and old backups deleted."""

    path: Path
    size_bytes: int
    reviews: int
    pruned: tuple[Path, ...] = ()


def stamp(now: datetime) -> str:
    """`now` as the UTC timestamp in backup names (`2026-12-07T175000Z`)."""
    return now.astimezone(UTC).strftime(STAMP_FORMAT)


def default_backup_path(db_path: Path, now: datetime) -> Path:
    """`backups/<stem>-<timestamp>.db` beside the database."""
    return db_path.parent / BACKUP_FOLDER / f"{db_path.stem}-{stamp(now)}.db"


def is_own_backup(path: Path, db_path: Path) -> bool:
    """Whether `path` is named as `default_backup_path` names a backup of `db_path`."""
    pattern = rf"{re.escape(db_path.stem)}-{_STAMP_PATTERN}\.db"
    return re.fullmatch(pattern, path.name) is not None


def backup_database(db_path: Path, target: Path, *, force: bool = False) -> BackupResult:
    """Copy the database at `db_path` to `target`; refuse to overwrite unless `force`."""
    if not db_path.is_file():
        raise StoreError(f"{db_path}: no such database file; nothing to back up")
    if target.exists() and target.resolve() == db_path.resolve():
        raise StoreError(f"{target}: is the database itself; name another file")
    if target.exists() and not force:
        raise StoreError(f"{target}: already exists; name a new file or add --force")
    if target.is_dir():
        raise StoreError(f"{target}: is a directory")
    source = _open_source(db_path)
    try:
        reviews = copy_into_new_file(source, target, db_path)
    finally:
        source.close()
    return BackupResult(target, target.stat().st_size, reviews)


def _open_source(db_path: Path) -> sqlite3.Connection:
    """A read-only connection to a studyapp database, not newer than this studyapp."""
    try:
        conn = connect_read_only(db_path, _TIMEOUT)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db_path}: cannot be read: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(_TIMEOUT * 1000)}")
        inspect(conn, db_path, check_pages=False)
    except BaseException:
        conn.close()
        raise
    return conn


def copy_into_new_file(source: sqlite3.Connection, target: Path, name: Path) -> int:
    """Copy `source` into a checked, self-contained file at `target`; its review count.

    Written beside `target` and renamed over it, so a failure leaves `target` as it was.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{target.parent}: cannot create folder: {exc.strerror}") from exc
    partial = target.with_name(f".{target.name}.partial")
    remove_with_sidecars(partial)
    try:
        reviews = _copy_and_check(source, partial, name)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        remove_with_sidecars(partial)
        raise StoreError(f"{name}: backup failed: {exc}") from exc
    except BaseException:
        remove_with_sidecars(partial)
        raise
    return reviews


def _copy_and_check(source: sqlite3.Connection, partial: Path, name: Path) -> int:
    """One backup step of every page (one consistent snapshot), then a full check."""
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE").fetchone()  # one file, no -wal
        rows = [str(row[0]) for row in copy.execute("PRAGMA integrity_check(5)")]
        if rows != ["ok"]:
            problem = problem_lines(rows)[0]
            raise StoreError(f"{name}: the copy fails SQLite's integrity check ({problem})")
        return int(copy.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        copy.close()


def remove_with_sidecars(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def prune_backups(db_path: Path, keep: int, written: Path) -> tuple[Path, ...]:
    """Delete all but the newest `keep` default backups of `db_path`, never the one just
    `written`; only files named as `default_backup_path` names them."""
    folder = db_path.parent / BACKUP_FOLDER
    if not folder.is_dir():
        return ()
    own = sorted(
        path
        for path in folder.iterdir()
        if is_own_backup(path, db_path) and path.is_file() and not path.is_symlink()
    )
    old = [path for path in own[: max(len(own) - keep, 0)] if path.name != written.name]
    for path in old:
        path.unlink(missing_ok=True)
    return tuple(old)
