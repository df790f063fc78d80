"""Where an export may be written: a file, never a folder or the progress database."""

from __future__ import annotations

from pathlib import Path

from studyapp.errors import ExportError


def check_export_target(target: Path, database: Path | None, kind: str) -> None:
    """Refuse a folder, or the database itself (an export replaces its target), naming the
    `kind` of file wanted (`.csv`)."""
    if target.is_dir():
        raise ExportError(f"{target}: is a directory; name a {kind} file")
    if database is not None and target.exists() and target.resolve() == database.resolve():
        raise ExportError(f"{target}: is the progress database itself; name a {kind} file")


def partial_path(target: Path, pid: int) -> Path:
    """The hidden file beside `target` an export is written to before it is renamed."""
    return target.with_name(f".{target.name}.{pid}.partial")
