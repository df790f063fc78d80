"""What `studyapp content init` and `studyapp content new` print."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from studyapp.content.new_item import NewItem
from studyapp.content.starter import SCHEMA_FILE, STARTER_FILE, STARTER_QUESTION_ID
from studyapp.lines.interchange import not_loaded_line


def init_lines(folder: Path, written: Sequence[Path], loaded: bool) -> list[str]:
    """The files written, and what to run next (with how to load the folder when sessions
    do not yet)."""
    lines = [f"Wrote {path}" for path in written]
    if folder / SCHEMA_FILE not in written:
        lines.append(f"Kept {folder / SCHEMA_FILE} (it was there already)")
    where = shlex.quote(str(folder))
    if not loaded:
        lines.append(not_loaded_line(folder))
    content = "" if loaded else f" --content {where}"
    return [
        *lines,
        f"Next: edit {folder / STARTER_FILE}, then `studyapp content check {where}`; "
        f"`studyapp content show {STARTER_QUESTION_ID}{content}` shows its question as a "
        "learner sees it.",
    ]


def new_item_lines(kind: str, made: NewItem, loaded: bool) -> list[str]:
    """After `path:line` (on stdout, for an editor): what was added, and what to do next."""
    started = f" (started {made.path} for it)" if made.started_file else ""
    lines = [
        f"Added {kind} {made.item_id}{started}: write over its placeholder text; "
        "`studyapp content check` warns about the item until you do."
    ]
    return lines if loaded else [*lines, not_loaded_line(made.path.parent)]
