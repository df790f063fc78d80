"""What `studyapp export csv` and `studyapp import csv` print."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.content.models import Topic
from studyapp.text import plural

if TYPE_CHECKING:
    from studyapp.interop.csv_export import ExportedFile
    from studyapp.interop.csv_import import ImportPlan


def export_lines(files: Sequence[ExportedFile]) -> list[str]:
    """One line per file written, with its number of rows."""
    return [f"Wrote {file.path} ({plural(file.rows, 'row')})" for file in files]


def _topic_text(topic: Topic | str) -> str:
    if isinstance(topic, Topic):
        return f"topic {topic.id} ({topic.title})"
    return f"topic {topic}"


def import_lines(plan: ImportPlan, folder_is_loaded: bool) -> list[str]:
    """What an import wrote (or that it had nothing to write), rows left out as already in
    the deck, the ids it made, and how to study the folder if it is not loaded yet."""
    counts = f"{len(plan.added)} added, {len(plan.updated)} changed, {plan.unchanged} unchanged"
    if plan.content is None:
        lines = [f"Nothing to write to {plan.target}: {plan.kind} {counts}"]
    else:
        lines = [f"Wrote {plan.target}, {_topic_text(plan.topic)}: {plan.kind} {counts}"]
    if plan.elsewhere:
        rows = plural(plan.elsewhere, "row")
        lines.append(f"{rows} already in the deck, unchanged, in other files: left out")
    lines += [
        f"row {row.number}: id {getattr(row.entry, 'id', '')} made from its text"
        for row in plan.generated
    ]
    if plan.content is not None and not folder_is_loaded:
        lines.append(not_loaded_line(plan.target.parent))
    return lines


def not_loaded_line(folder: Path) -> str:
    """How to study a folder of content that sessions do not load yet."""
    return (
        f"{folder} is not one of your content folders: study it with "
        f"`studyapp --content {folder} ...` or STUDYAPP_CONTENT={folder}"
    )
