"""`export csv`: the deck's notes, cards, questions, scenarios and glossary, one CSV file each.

Every row is read back before anything is written, so an export is one `import csv` can
turn into the same entries, field for field; an entry that would not come back exactly
stops the export with its id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from studyapp.content.deck import Deck
from studyapp.content.models import GlossaryEntry
from studyapp.errors import ContentError, UsageError
from studyapp.interop.csv_columns import (
    KINDS,
    MIN_CHOICE_COLUMNS,
    Entry,
    Kind,
    columns,
    entry_row,
)
from studyapp.interop.csv_entries import round_trip
from studyapp.interop.csv_files import csv_text, write_files
from studyapp.text import printable


@dataclass(frozen=True)
class ExportedFile:
    """One file an export wrote and how many rows it holds."""

    path: Path
    kind: Kind
    rows: int


def topic_entries(deck: Deck, kind: Kind, topic_id: str) -> list[Entry]:
    """A topic's entries of one kind, in the order they were written."""
    if kind == "notes":
        return list(deck.notes_of(topic_id))
    if kind == "glossary":
        return list(deck.glossary_of(topic_id))
    item_kind = {"cards": "card", "questions": "question", "scenarios": "scenario"}[kind]
    return list(deck.items_of([item_kind], [topic_id]))  # type: ignore[list-item]


def chosen_topics(deck: Deck, topic_ids: Sequence[str]) -> list[str]:
    """The topics asked for (all of the deck's when none are), each known to the deck."""
    unknown = [topic_id for topic_id in topic_ids if topic_id not in deck.topics]
    if unknown:
        known = ", ".join(deck.topics)
        raise UsageError(
            printable(f"unknown topic {unknown[0]!r}; topics: {known}", newlines=False)
        )
    return list(dict.fromkeys(topic_ids)) or list(deck.topics)


def _check_round_trip(entry: Entry, kind: Kind, topic_id: str) -> None:
    """Refuse an entry whose row would not import as the entry, naming the cells that differ."""
    again = round_trip(entry, kind, topic_id)
    if again == entry:
        return
    differ = [
        field.name
        for field in fields(entry)
        if again is None or getattr(again, field.name) != getattr(entry, field.name)
    ]
    name = entry.term if isinstance(entry, GlossaryEntry) else entry.id
    message = (
        f"{kind} entry {name!r} of topic {topic_id!r} cannot be written to CSV exactly: its "
        f"{', '.join(differ)} would read back otherwise (a list value with a ';' or spaces at "
        "its ends?)"
    )
    raise ContentError(printable(message, newlines=False))


def kind_csv(deck: Deck, kind: Kind, topic_ids: Sequence[str]) -> tuple[str, int]:
    """The CSV text of one kind for these topics, and its number of rows."""
    rows = []
    widest = MIN_CHOICE_COLUMNS
    for topic_id in topic_ids:
        for entry in topic_entries(deck, kind, topic_id):
            _check_round_trip(entry, kind, topic_id)
            widest = max(widest, len(getattr(entry, "choices", ())))
            rows.append(entry_row(entry, topic_id))
    return csv_text(columns(kind, widest), rows), len(rows)


def export_csv(
    deck: Deck, directory: Path, topic_ids: Sequence[str] = (), force: bool = False
) -> list[ExportedFile]:
    """Write `notes.csv`, `cards.csv`, `questions.csv`, `scenarios.csv` and `glossary.csv`
    (a header only where a kind has no entries) into `directory`, all or none of them."""
    topics = chosen_topics(deck, topic_ids)
    paths = {kind: directory / f"{kind}.csv" for kind in KINDS}
    existing = [str(path) for path in paths.values() if path.exists()]
    if existing and not force:
        listing = ", ".join(existing)
        raise UsageError(
            printable(f"{listing}: already there; --force replaces them", newlines=False)
        )
    contents: dict[Path, bytes] = {}
    exported = []
    for kind, path in paths.items():
        text, count = kind_csv(deck, kind, topics)
        contents[path] = text.encode("utf-8-sig")
        exported.append(ExportedFile(path, kind, count))
    write_files(contents)
    return exported
