"""Opening the progress file with care: look at it read-only before anything writes to it.

A file that is not ours, is newer than this studyapp, or is damaged is refused while it is
still byte for byte as it was: no switch to WAL, no migration, no review written into a
broken tree.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from studyapp.errors import StoreError
from studyapp.store.schema import SCHEMA_VERSION, tables_of_version

#: What every "damaged" message ends with: how to find out more and how to get out of it.
RECOVERY_HINT = (
    "left untouched; `studyapp db check` lists the damage, "
    "`studyapp db recover NEW.db` rebuilds what can be read into a new file"
)
#: How many problems `PRAGMA quick_check` reports at most when a file is opened.
_QUICK_CHECK_LIMIT = 5


def damaged(path: Path | str, detail: str) -> StoreError:
    """The one-line error for a database that cannot be trusted to be read or written."""
    return StoreError(f"{path}: database is corrupt ({detail}); {RECOVERY_HINT}")


def connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection that cannot write to `path`, also when its folder is read-only.

    SQLite reads a WAL database through its `-shm` file, which it must create when it is
    missing; in a read-only folder it cannot. Without a `-wal` file nothing is left to
    read from one, so the file is then opened as immutable (no locks, no side files).
    """
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        wal = Path(f"{path}-wal")
        if "readonly" not in str(exc) and "unable to open" not in str(exc):
            raise
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                f"{path}: cannot read the database: its folder is read-only and {wal.name} "
                "holds answers not yet written into it"
            ) from exc
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def inspect(conn: sqlite3.Connection, path: Path | str, *, check_pages: bool) -> int:
    """The schema version of a file known to be ours, readable and not newer; else refuse.

    `check_pages` runs `PRAGMA quick_check`, which reads every page: done before a file is
    written to, so that a review never goes into a damaged tree.
    """
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {str(row[0]) for row in rows}
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from exc
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database has schema version {version}, newer than this studyapp "
            f"understands ({SCHEMA_VERSION}); upgrade studyapp; left untouched"
        )
    if version == 0 and tables:
        raise StoreError(
            f"{path}: an SQLite database, but not a studyapp database; left untouched "
            "(use --db for another file)"
        )
    missing = sorted(tables_of_version(version) - tables)
    if missing:
        raise damaged(path, f"table {missing[0]} is missing")
    if check_pages:
        problems = quick_check(conn, _QUICK_CHECK_LIMIT)
        if problems:
            raise damaged(path, problems[0])
    return version


def quick_check(conn: sqlite3.Connection, limit: int) -> list[str]:
    """The problems `PRAGMA quick_check` finds (at most `limit`), none for a sound file."""
    try:
        rows = [str(row[0]) for row in conn.execute(f"PRAGMA quick_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else problem_lines(rows)


def problem_lines(rows: list[str]) -> list[str]:
    """The lines of `integrity_check` rows (one row may hold several), without the
    "*** in database main ***" headers."""
    lines = (line.strip() for row in rows for line in row.splitlines())
    return [line for line in lines if line and not line.startswith("***")]


def inspect_file(path: Path, timeout: float, *, check_pages: bool) -> int:
    """Inspect an existing file through a read-only connection; its schema version."""
    try:
        conn = connect_read_only(path, timeout)
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from exc
    try:
        return inspect(conn, path, check_pages=check_pages)
    finally:
        conn.close()


def is_wal_file(path: Path) -> bool:
    """Whether the file's header says WAL (bytes 18 and 19 are 2): opening it for writing
    then changes nothing in it until something is written."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18] == header[19] == 2


class PageCheck:
    """`PRAGMA quick_check` of a file on its own read-only connection, in a thread.

    It reads every page (about a second at a million reviews), so for a WAL file of the
    current schema it runs while the first screen is built; the first write waits for it
    (`raise_if_damaged`) and never goes into a damaged tree.
    """

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self._timeout = timeout
        self._problem: str | None = None
        self._thread = threading.Thread(target=self._run, name="studyapp-page-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = connect_read_only(self.path, self._timeout)
            try:
                problems = quick_check(conn, _QUICK_CHECK_LIMIT)
            finally:
                conn.close()
        except (sqlite3.Error, StoreError, OSError) as exc:
            problems = [str(exc)]
        self._problem = problems[0] if problems else None

    def wait(self) -> None:
        self._thread.join()

    def raise_if_damaged(self) -> None:
        """Wait for the check; refuse the damaged file."""
        self.wait()
        if self._problem is not None:
            raise damaged(self.path, self._problem)
