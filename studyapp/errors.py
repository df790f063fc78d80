"""The error hierarchy every front end turns into one line for the user."""

from __future__ import annotations


class StudyAppError(Exception):
    """Something the user can fix; shown as one line, never as a traceback."""


class ContentError(StudyAppError):
    """A content file could not be read or validated."""


class StoreError(StudyAppError):
    """The progress database could not be opened or written."""


class UsageError(StudyAppError):
    """The command was asked for something that does not exist."""


class ExportError(StudyAppError):
    """An export could not be written where the user asked."""


def is_disk_full(error: BaseException) -> bool:
    """Whether a database write failed only for want of space (SQLITE_FULL): it can be retried."""
    import sqlite3

    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    return code == sqlite3.SQLITE_FULL or "disk is full" in str(error)


def failure_line(error: BaseException, database: object = "database") -> str:
    """The one line a user sees for a StudyAppError or an SQLite error on `database`."""
    import sqlite3

    if isinstance(error, StudyAppError):
        return str(error)
    if is_disk_full(error):
        return f"{database}: disk full: {error}; free some space and start again"
    damaged = isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.OperationalError
    )
    if damaged:
        return (
            f"{database}: database is corrupt or unreadable ({error}); `studyapp db check` "
            "lists the damage, `studyapp db recover NEW.db` rebuilds what can be read"
        )
    return f"{database}: database error: {error}"
