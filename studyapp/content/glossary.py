"""A topic's glossary held to its notes: every term used, none defined twice, none used early.

Kept free of YAML and pydantic (the loader calls it once the notes of every file are in).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from studyapp.content.deck import Deck, Origin
from studyapp.content.files import Problem
from studyapp.content.models import GlossaryEntry, Note


@dataclass(frozen=True)
class LocatedEntry:
    """A glossary entry and where it was written."""

    entry: GlossaryEntry
    origin: Origin


@lru_cache(maxsize=1024)
def _pattern(name: str) -> re.Pattern[str]:
    """`name` as a whole word or words (any line breaks between), plural or not, any case."""
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|es)?(?!\w)", re.IGNORECASE)


def uses_term(note: Note, entry: GlossaryEntry) -> bool:
    """Whether the note's title or body writes the term or one of its aliases."""
    text = f"{note.title}\n{note.body}"
    return any(_pattern(name).search(text) for name in entry.names)


def glossary_problems(
    deck: Deck, located: Mapping[str, Sequence[LocatedEntry]]
) -> tuple[dict[str, tuple[GlossaryEntry, ...]], list[Problem]]:
    """Each topic's glossary without repeated terms, and what is wrong with the entries."""
    glossary: dict[str, tuple[GlossaryEntry, ...]] = {}
    problems: list[Problem] = []
    for topic_id, entries in located.items():
        notes = deck.notes_of(topic_id)
        first_at: dict[str, Origin] = {}
        kept = []
        for found in entries:
            repeated = _repeated(found, first_at)
            if repeated is not None:
                problems.append(_problem(found, repeated))
                continue
            kept.append(found.entry)
            problems.extend(_use_problems(found, topic_id, notes, deck))
        glossary[topic_id] = tuple(kept)
    return glossary, problems


def _repeated(found: LocatedEntry, first_at: dict[str, Origin]) -> str | None:
    """Why the entry repeats an earlier term of its topic, or None; records its names."""
    for name in found.entry.names:
        earlier = first_at.get(name.casefold())
        if earlier is not None:
            return f"glossary term {name!r} is already defined at {earlier}"
    for name in found.entry.names:
        first_at[name.casefold()] = found.origin
    return None


def _use_problems(
    found: LocatedEntry, topic_id: str, notes: Sequence[Note], deck: Deck
) -> list[Problem]:
    """The term is never used in the topic's notes, or used before the note explaining it."""
    entry = found.entry
    using = [index for index, note in enumerate(notes) if uses_term(note, entry)]
    if not using:
        return [_problem(found, f"glossary term {entry.term!r} is used in no note of {topic_id!r}")]
    if entry.note is None:
        return []
    positions = {note.id: index for index, note in enumerate(notes)}
    if entry.note not in positions:
        return [_problem(found, f"note {entry.note!r} is not a note of topic {topic_id!r}")]
    if using[0] >= positions[entry.note]:
        return []
    early = notes[using[0]]
    where = deck.origin_of[early.id]
    message = (
        f"glossary term {entry.term!r} is used in note {early.id!r} ({where}) "
        f"before note {entry.note!r} explains it"
    )
    return [_problem(found, message)]


def _problem(found: LocatedEntry, message: str) -> Problem:
    origin = found.origin
    return Problem(origin.path, origin.line, origin.column, message)
