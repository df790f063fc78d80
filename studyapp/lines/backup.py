"""What `studyapp backup` and `studyapp restore` print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.text import plural

if TYPE_CHECKING:
    from studyapp.interop import BackupResult, RestoreResult


def size_text(size_bytes: int) -> str:
    """A file size for people: bytes, KB or MB."""
    if size_bytes < 1024:
        return f"{size_bytes} bytes"
    if size_bytes < 1024 * 1024:
        return f"{size_bytes / 1024:.1f} KB"
    return f"{size_bytes / (1024 * 1024):.1f} MB"


def backup_line(result: BackupResult) -> str:
    """The one line `backup` prints: the file, its size and its reviews."""
    size = size_text(result.size_bytes)
    line = f"Backed up to {result.path} ({size}, {plural(result.reviews, 'review')})"
    if result.pruned:
        line += f"; {plural(len(result.pruned), 'older backup')} deleted"
    return line


def restore_line(result: RestoreResult, db_path: Path) -> str:
    """The one line `restore` prints: what came back, and where the replaced file is."""
    line = f"Restored {plural(result.reviews, 'review')} from {result.source} into {db_path}"
    if result.upgraded:
        line += f" (upgraded from schema version {result.schema_version})"
    if result.kept_aside is not None:
        line += f"; the database it replaced is kept as {result.kept_aside}"
    return line
