"""The loaded deck: every valid item by its stable id, with its topic and where it was written."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from studyapp.content.models import (
    Card,
    GlossaryEntry,
    Item,
    ItemKind,
    Note,
    Question,
    Scenario,
    Topic,
    item_kind,
)


@dataclass(frozen=True)
class Origin:
    """Where an item was written, so messages and flags can point an author at it."""

    path: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        """`path:line:column`, as problems name a place."""
        return f"{self.path}:{self.line}:{self.column}"


#: Bump when what a catalogue entry holds changes, so every stored copy is rewritten.
CATALOGUE_FORMAT = 1


class CatalogueEntry(NamedTuple):
    """One study item as the progress database lists it, so SQL can show its text."""

    item_id: str
    topic_id: str
    kind: ItemKind
    #: The front, prompt or situation, on one line (runs of whitespace as one space).
    title: str
    source: str


def item_title(item: Item) -> str:
    """What a learner is asked, on one line: a card's front, a question's prompt, a scenario's
    situation."""
    if isinstance(item, Card):
        text = item.front
    elif isinstance(item, Question):
        text = item.prompt
    else:
        text = item.situation
    return " ".join(text.split())


@dataclass(frozen=True)
class Deck:
    """Immutable content: topics, notes and study items keyed by id."""

    topics: dict[str, Topic] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    topic_of: dict[str, str] = field(default_factory=dict)
    origin_of: dict[str, Origin] = field(default_factory=dict)
    glossary: dict[str, tuple[GlossaryEntry, ...]] = field(default_factory=dict)
    #: Old id -> the id of the item that took its place (`renamed_from`, the claims that hold).
    renames: dict[str, str] = field(default_factory=dict)

    def current_id(self, item_id: str) -> str:
        """`item_id`, or the id of the item that renamed it away (`renamed_from`)."""
        return self.renames.get(item_id, item_id)

    def item_ids_of(
        self, kinds: Iterable[ItemKind], topic_ids: Iterable[str] | None = None
    ) -> list[str]:
        """The ids of `items_of`, from a per-kinds list kept after the first call (queues
        ask for the same kinds every time, and a deck of 20,000 items is long to walk)."""
        wanted_kinds = frozenset(kinds)
        ids = self._ids_by_kinds.get(wanted_kinds)
        if ids is None:
            ids = tuple(i for i, item in self.items.items() if item_kind(item) in wanted_kinds)
            self._ids_by_kinds[wanted_kinds] = ids
        if topic_ids is None:
            return list(ids)
        wanted_topics = set(topic_ids)
        return [item_id for item_id in ids if self.topic_of[item_id] in wanted_topics]

    @cached_property
    def item_topic_of(self) -> dict[str, str]:
        """Each study item's topic (`topic_of` names the notes' too), made once."""
        return {item_id: self.topic_of[item_id] for item_id in self.items}

    @cached_property
    def catalogue(self) -> tuple[CatalogueEntry, ...]:
        """Every study item's id, topic, kind, title and source, in authored order, made once."""
        return tuple(CatalogueEntry._make(entry) for entry in self._catalogue_rows())

    @cached_property
    def catalogue_digest(self) -> str:
        """A digest of `catalogue`, so a copy of it (the progress database's `items`) can tell
        it is current. The deck cache stores it with the deck (`content.cache`): hashing
        every item's text on each start would cost 12 ms at 20,000 items."""
        # Titles are one line and ids and sources hold no whitespace: tabs and newlines frame.
        text = "\n".join("\t".join(row) for row in self._catalogue_rows())
        payload = f"{CATALOGUE_FORMAT}\n{text}".encode(errors="surrogatepass")
        return hashlib.blake2b(payload, digest_size=16).hexdigest()

    def _catalogue_rows(self) -> Iterator[tuple[str, str, ItemKind, str, str]]:
        kind_of = _KINDS
        for item_id, item in self.items.items():
            kind = kind_of[type(item)]
            yield (item_id, self.topic_of[item_id], kind, item_title(item), item.source)

    @cached_property
    def _ids_by_kinds(self) -> dict[frozenset[ItemKind], tuple[str, ...]]:
        """Filled by `item_ids_of`; a deck is never changed, so the lists stay right."""
        return {}

    def items_of(
        self, kinds: Iterable[ItemKind], topic_ids: Iterable[str] | None = None
    ) -> Iterator[Item]:
        """The items of the given kinds, in authored order, optionally only from some topics."""
        wanted_kinds = set(kinds)
        wanted_topics = None if topic_ids is None else set(topic_ids)
        for item_id, item in self.items.items():
            if item_kind(item) not in wanted_kinds:
                continue
            if wanted_topics is not None and self.topic_of[item_id] not in wanted_topics:
                continue
            yield item

    def notes_of(self, topic_id: str) -> list[Note]:
        """The notes of one topic, in authored order."""
        return [note for note_id, note in self.notes.items() if self.topic_of[note_id] == topic_id]

    def glossary_of(self, topic_id: str) -> tuple[GlossaryEntry, ...]:
        """The glossary of one topic, in authored order (empty if it has none)."""
        return self.glossary.get(topic_id, ())

    def counts(self) -> dict[str, dict[str, int]]:
        """Per topic, how many notes, cards, questions and scenarios it has."""
        table = {
            topic_id: {"notes": 0, "cards": 0, "questions": 0, "scenarios": 0}
            for topic_id in self.topics
        }
        for note_id in self.notes:
            table[self.topic_of[note_id]]["notes"] += 1
        for item_id, item in self.items.items():
            table[self.topic_of[item_id]][_PLURAL[type(item)]] += 1
        return table


_PLURAL: dict[type, str] = {Card: "cards", Question: "questions", Scenario: "scenarios"}
_KINDS: dict[type, ItemKind] = {Card: "card", Question: "question", Scenario: "scenario"}
