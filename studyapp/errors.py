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
