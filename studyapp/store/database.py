"""The progress database: one SQLite file, one connection, and a part per thing it keeps."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from studyapp.errors import StoreError
from studyapp.store.aggregates import Rollups
from studyapp.store.bookmarks import Bookmarks
from studyapp.store.exams import Exams
from studyapp.store.flags import Flags
from studyapp.store.items import Items
from studyapp.store.opening import (
    PageCheck,
    connect_read_only,
    damaged,
    inspect,
    inspect_file,
    is_wal_file,
)
from studyapp.store.renames import Renames
from studyapp.store.reviews import ReviewLog
from studyapp.store.schema import SCHEMA_VERSION
from studyapp.store.settings import StoredSettings

if TYPE_CHECKING:
    from sqlite_utils import Database

    from studyapp.store.rebuild import StepFor

T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000


def _check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not an SQLite database."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from exc
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path}: not an SQLite database; left untouched (use --db for another)")


def _connect(path: Path | None) -> sqlite3.Connection:
    target = ":memory:" if path is None else str(path)
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        _set_up(conn)
        if path is not None:
            _enable_wal(conn, path)
            # WAL + FULL syncs the log at every commit: an acknowledged answer survives a
            # power cut (bench/bench_core.py measures what that costs per answer).
            conn.execute("PRAGMA synchronous = FULL")
            # Reading the schema here makes a damaged file fail now, with its path named.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _set_up(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")


def _enable_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Switch to WAL, waiting out another writer: this pragma ignores the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            break
        except sqlite3.OperationalError as exc:
            waiting = "locked" in str(exc) or "busy" in str(exc)
            if not waiting or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    if str(mode).lower() != "wal":
        raise StoreError(f"{path}: could not switch the database to WAL mode ({mode})")


class Store:
    """One progress file's connection, shared by a part for each thing the file keeps.

    The parts: `settings` (settings, preferences, kept figures), `reviews` (sessions, the
    review log, item states, new-item claims), `flags` (flags and suspensions), `exams`
    (mock exams), `rollups` (totals for statistics), `bookmarks`, `items` (the deck's
    items, for SQL and the totals by topic) and `renames` (renamed items' history moved).
    Each write of any part is its own committed transaction through `write`. A review's commit also updates four totals through
    triggers, declared in the schema module `studyapp.store.rollups`.
    Use it as `with Store.open(path) as store:`; leaving the `with` closes it.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        read_only: bool = False,
        step_for: StepFor | None = None,
    ) -> None:
        self.path = path
        self.conn = conn
        #: Opened with `read_only=True`: nothing is written, kept figures are recomputed.
        self.read_only = read_only
        #: The scheduler, for a rename that joins two items' logs (`store.renames`).
        self.step_for = step_for
        #: The page check still running on the file; every write waits for it first.
        self._page_check: PageCheck | None = None
        self.settings = StoredSettings(self)
        self.reviews = ReviewLog(self, self.settings)
        self.flags = Flags(self)
        self.exams = Exams(self, self.reviews)
        self.rollups = Rollups(self)
        self.bookmarks = Bookmarks(self)
        self.items = Items(self)
        self.renames = Renames(self)

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on the same connection; imported only for migrations and tooling."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    @classmethod
    def open(
        cls, path: Path | None, *, read_only: bool = False, step_for: StepFor | None = None
    ) -> Store:
        """Open (creating if needed) the database at `path`, or an in-memory one for None.

        An existing file is first inspected through a read-only connection (ours? not
        newer? every table there? every page sound?) and refused, untouched, if not; only
        then is it switched to WAL and migrated. `read_only` opens it for reading only,
        which also works on a read-only file and folder; a missing file then reads as an
        empty database, and none is created. `step_for` is the scheduler an upgrade that
        replays the review log needs (`studyapp.srs.replay.open_store` passes it).
        """
        if path is None:
            return cls._opened(_connect(None), None, step_for)
        _check_file(path)
        exists = path.exists() and path.stat().st_size > 0
        if read_only:
            return cls._open_read_only(path, step_for) if exists else cls.open(None)
        check: PageCheck | None = None
        if exists:
            timeout = BUSY_TIMEOUT_MS / 1000
            ready = is_wal_file(path)  # opening it for writing changes nothing yet
            version = inspect_file(path, timeout, check_pages=not ready)
            if ready and version == SCHEMA_VERSION:
                check = PageCheck(path, timeout)
            elif ready:
                inspect_file(path, timeout, check_pages=True)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create folder: {exc.strerror}") from exc
        try:
            conn = _connect(path)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise damaged(path, str(exc)) from exc
        store = cls._opened(conn, path, step_for)
        store._page_check = check
        return store

    @classmethod
    def _opened(
        cls, conn: sqlite3.Connection, path: Path | None, step_for: StepFor | None
    ) -> Store:
        """The store on a writable connection, migrated to the current schema."""
        store = cls(conn, path, step_for=step_for)
        where = path if path is not None else ":memory:"
        try:
            if store.schema_version != SCHEMA_VERSION:
                from studyapp.store.migrations import apply_migrations

                with store.write():
                    apply_migrations(store.db, step_for)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise damaged(where, str(exc)) from exc
        except StoreError as exc:
            conn.close()
            raise StoreError(f"{where}: {exc}") from exc
        return store

    @classmethod
    def _open_read_only(cls, path: Path, step_for: StepFor | None) -> Store:
        timeout = BUSY_TIMEOUT_MS / 1000
        try:
            conn = connect_read_only(path, timeout)
        except sqlite3.DatabaseError as exc:
            raise damaged(path, str(exc)) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = inspect(conn, path, check_pages=False)
        except BaseException:
            conn.close()
            raise
        if version == SCHEMA_VERSION:
            return cls(conn, path, read_only=True)
        conn.close()
        if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise StoreError(
                f"{path}: database from an older studyapp (schema version {version}); it is "
                "upgraded once on first use, which needs write access to it and its folder"
            )
        cls.open(path, step_for=step_for).close()  # the one-time upgrade, then read as asked
        return cls._open_read_only(path, step_for)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._page_check is not None:
            self._page_check.wait()
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[None]:
        """One IMMEDIATE transaction: take the write lock up front so two processes queue.

        Every part writes through this, so each write of any part commits on its own."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; this command cannot change it")
        if self._page_check is not None:
            self._page_check.raise_if_damaged()
            self._page_check = None
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def decoded(self, decode: Callable[[Any], T], rows: Iterable[Any], table: str) -> Iterator[T]:
        """Rows turned into records; a value no studyapp wrote means the file is damaged."""
        for row in rows:
            try:
                yield decode(row)
            except (TypeError, ValueError, AttributeError, OverflowError) as exc:
                where = self.path if self.path is not None else ":memory:"
                raise damaged(where, f"a row of {table} cannot be read: {exc}") from exc

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])


__all__ = ["SCHEMA_VERSION", "Store"]
