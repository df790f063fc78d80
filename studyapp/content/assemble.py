"""Join parsed content files into one deck, checking what only shows across files: topics
defined once and referred to, ids used once, each topic's glossary, the ids items had.

The files come in load order (the built-in deck first, then the user's folders), so a user
file may add to a built-in topic, and the later of two uses of an id is the one reported.
Kept free of YAML and pydantic, like the deck it builds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from studyapp.content.deck import Deck, Origin
from studyapp.content.files import Problem
from studyapp.content.glossary import LocatedEntry, glossary_problems
from studyapp.content.models import GlossaryEntry, Item, Note, Topic
from studyapp.content.renames import RenameClaim, held_renames


@dataclass
class ParsedFile:
    """The valid parts of one content file, and what was wrong with the rest."""

    path: str
    topic: Topic | None = None
    topic_ref: str | None = None
    topic_mark: tuple[int, int] = (1, 1)
    notes: list[tuple[Note, Origin]] = field(default_factory=list)
    items: list[tuple[Item, Origin]] = field(default_factory=list)
    glossary: list[tuple[GlossaryEntry, Origin]] = field(default_factory=list)
    #: The items' `renamed_from` entries, in the order written.
    renames: list[RenameClaim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def topic_origin(self) -> Origin:
        return Origin(self.path, *self.topic_mark)


def assemble(
    parsed_files: Sequence[ParsedFile], problems: list[Problem]
) -> tuple[Deck, list[Problem]]:
    """Join parsed files into one deck, checking what only shows across files."""
    problems = list(problems)
    deck = Deck()
    _define_topics(deck, parsed_files, problems)
    glossaries: dict[str, list[LocatedEntry]] = {}
    for parsed in parsed_files:
        problems.extend(parsed.problems)
        topic_id = parsed.topic.id if parsed.topic else parsed.topic_ref
        if topic_id is None:
            continue
        if topic_id not in deck.topics:
            message = f"topic {topic_id!r} is not defined in any content file"
            problems.append(Problem(parsed.path, *parsed.topic_mark, message))
            continue
        _add_entries(deck, parsed, topic_id, problems)
        located = glossaries.setdefault(topic_id, [])
        located.extend(LocatedEntry(entry, origin) for entry, origin in parsed.glossary)
    glossary, glossary_found = glossary_problems(deck, glossaries)
    deck.glossary.update(glossary)
    problems.extend(glossary_found)
    renames, rename_problems = held_renames(deck, [c for p in parsed_files for c in p.renames])
    deck.renames.update(renames)
    problems.extend(rename_problems)
    return deck, sorted(set(problems), key=_problem_order(parsed_files))


def _define_topics(deck: Deck, parsed_files: Sequence[ParsedFile], problems: list[Problem]) -> None:
    """The first file to give a topic's header defines it. A later file repeating the same
    header adds to it, as `topic: ID` does; one giving another title or domain is a problem
    (its entries still join the topic, so one wrong title hides nothing else)."""
    defined_at: dict[str, Origin] = {}
    for parsed in parsed_files:
        topic = parsed.topic
        if topic is None:
            continue
        if topic.id not in deck.topics:
            deck.topics[topic.id] = topic
            defined_at[topic.id] = parsed.topic_origin
            continue
        if topic != deck.topics[topic.id]:
            message = (
                f"topic {topic.id!r} is already defined at {defined_at[topic.id]} with "
                f"{_header(deck.topics[topic.id])}; write `topic: {topic.id}` to add to it"
            )
            problems.append(Problem(parsed.path, *parsed.topic_mark, message))
        parsed.topic_ref, parsed.topic = topic.id, None


def _header(topic: Topic) -> str:
    """A topic's header as an author writes it."""
    domain = "" if topic.domain is None else f", domain: {topic.domain!r}"
    return f"title: {topic.title!r}{domain}"


def _add_entries(deck: Deck, parsed: ParsedFile, topic_id: str, problems: list[Problem]) -> None:
    entries: list[tuple[Note | Item, Origin]] = [*parsed.notes, *parsed.items]
    for entry, origin in entries:
        if entry.id in deck.origin_of:
            message = f"id {entry.id!r} is already used at {deck.origin_of[entry.id]}"
            problems.append(Problem(origin.path, origin.line, origin.column, message))
            continue
        deck.origin_of[entry.id] = origin
        deck.topic_of[entry.id] = topic_id
        if isinstance(entry, Note):
            deck.notes[entry.id] = entry
        else:
            deck.items[entry.id] = entry


def _problem_order(parsed_files: Sequence[ParsedFile]) -> Any:
    file_rank = {parsed.path: rank for rank, parsed in enumerate(parsed_files)}

    def key(problem: Problem) -> tuple[int, str, int, int, str]:
        rank = file_rank.get(problem.path, -1)
        return (rank, problem.path, problem.line, problem.column, problem.message)

    return key
