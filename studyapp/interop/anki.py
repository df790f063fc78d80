"""`studyapp export anki`: the deck as an Anki package (.apkg), written with genanki.

A deck per topic, `studyapp::<topic title>`. Everything Anki matches an import by is fixed
or derived from a stable id, so importing a later export updates what an earlier one
added instead of adding copies: the two note types have fixed ids, a deck's id comes from
its topic id, and a note's GUID from its item id. Each note is stamped with the export
time, which is how Anki tells that it is newer than the copy it has.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import sqlite3
import tempfile
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyapp.content import Card, Deck, Item, Question, Scenario, item_kind
from studyapp.errors import ExportError
from studyapp.interop.anki_html import one_line
from studyapp.interop.anki_notes import (
    CARD_FIELDS,
    CHOICE_FIELDS,
    card_fields,
    choice_fields,
    note_tags,
)
from studyapp.interop.targets import check_export_target, partial_path

if TYPE_CHECKING:
    from studyapp.decide import RuleBook

#: Never change these: Anki knows a note type by its id, and a note of a type it does not
#: know is imported as a new note.
CARD_MODEL_ID = 1_607_392_611
CHOICE_MODEL_ID = 1_607_392_612
CARD_MODEL_NAME = "studyapp card"
CHOICE_MODEL_NAME = "studyapp multiple choice"
DECK_PREFIX = "studyapp::"
#: Deck ids are drawn from [2**30, 2**31), the range genanki's documentation suggests.
_DECK_ID_BASE = 1 << 30

_CSS = """\
.card { font-family: sans-serif; font-size: 18px; text-align: left; line-height: 1.4; }
.ask { margin-top: 0.6em; }
.option { margin: 0.3em 0; }
.why { margin: 0.4em 0; }
.why.right { color: #1b7f3b; }
.nightMode .why.right { color: #6fd38f; }
.exam, .rules { margin-top: 0.6em; font-size: 0.9em; }
.source, .item-id { margin-top: 0.8em; font-size: 0.75em; opacity: 0.7; }
pre { white-space: pre-wrap; }
"""
_FOOTER = '<div class="source">{{Source}}</div><div class="item-id">{{Item ID}}</div>'


@dataclass(frozen=True)
class AnkiExport:
    """What `export_anki` wrote: the file and how many notes of each kind, in how many decks."""

    path: Path
    decks: int
    cards: int
    questions: int
    scenarios: int

    @property
    def notes(self) -> int:
        return self.cards + self.questions + self.scenarios


def deck_id_of(topic_id: str) -> int:
    """A topic's Anki deck id: the same on every export, whatever its title becomes."""
    digest = hashlib.sha256(f"studyapp deck {topic_id}".encode()).digest()
    return _DECK_ID_BASE + int.from_bytes(digest[:8], "big") % _DECK_ID_BASE


def note_guid(item_id: str) -> str:
    """An item's note GUID, from its id alone, so an edited item updates its note."""
    import genanki

    guid: str = genanki.guid_for("studyapp", item_id)
    return guid


def deck_names(deck: Deck, topic_ids: Sequence[str]) -> dict[str, str]:
    """`studyapp::<title>` per topic; `::` in a title would nest decks, so it is written
    `:`, and a title two topics share gets the topic id after it."""
    titles = {t: re.sub(":{2,}", ":", one_line(deck.topics[t].title)) or t for t in topic_ids}
    shared = {title for title, times in Counter(titles.values()).items() if times > 1}
    return {
        topic_id: DECK_PREFIX + (f"{title} ({topic_id})" if title in shared else title)
        for topic_id, title in titles.items()
    }


def export_anki(
    deck: Deck,
    target: Path,
    now: datetime,
    topic_ids: Sequence[str] = (),
    *,
    database: Path | None = None,
    rules: RuleBook | None = None,
) -> AnkiExport:
    """Write the items of `topic_ids` (every topic when empty) to `target` as an .apkg,
    stamped `now`, replacing it unless it is `database`; `rules` explain scenarios' options
    (default: the shipped rules)."""
    import genanki

    check_export_target(target, database, ".apkg")
    wanted = _checked_topics(deck, topic_ids)
    items = list(deck.items_of(("card", "question", "scenario"), wanted))
    if rules is None and any(isinstance(item, Scenario) for item in items):
        from studyapp.decide import load_rules

        rules = load_rules()
    models, names = _models(), deck_names(deck, wanted)
    decks: dict[str, Any] = {}
    for position, item in enumerate(items):
        topic_id = deck.topic_of[item.id]
        if topic_id not in decks:
            decks[topic_id] = genanki.Deck(deck_id_of(topic_id), names[topic_id])
        decks[topic_id].add_note(_note(item, topic_id, position, models, rules))
    _write_package(genanki.Package(list(decks.values())), target, now.timestamp())
    counts = Counter(item_kind(item) for item in items)
    return AnkiExport(target, len(decks), counts["card"], counts["question"], counts["scenario"])


def _checked_topics(deck: Deck, topic_ids: Sequence[str]) -> list[str]:
    from studyapp.study.context import unknown_topic_error

    for topic_id in topic_ids:
        if topic_id not in deck.topics:
            raise unknown_topic_error(topic_id, deck)
    return list(dict.fromkeys(topic_ids)) if topic_ids else list(deck.topics)


def _note(
    item: Item, topic_id: str, position: int, models: dict[str, Any], rules: RuleBook | None
) -> Any:
    """One note; `position` keeps the authored order among new cards in Anki."""
    import genanki

    if isinstance(item, Card):
        model, fields, sort = models["card"], card_fields(item), item.front
    elif isinstance(item, Question):
        model, fields, sort = models["choice"], choice_fields(item), item.prompt
    else:
        from studyapp.decide import decide

        assert rules is not None  # export_anki loads them when a scenario is exported
        decision = decide(item.facts, rules)
        model, fields, sort = models["choice"], choice_fields(item, decision), item.situation
    return genanki.Note(
        model=model,
        fields=fields,
        sort_field=one_line(sort),
        tags=note_tags(item, topic_id),
        # A renamed item keeps the note of the id it was first exported under, oldest first.
        guid=note_guid(item.renamed_from[0] if item.renamed_from else item.id),
        due=position,
    )


def _models() -> dict[str, Any]:
    import genanki

    card = genanki.Model(
        CARD_MODEL_ID,
        CARD_MODEL_NAME,
        fields=[{"name": name} for name in CARD_FIELDS],
        templates=[
            {
                "name": "Card",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}' + _FOOTER,
            }
        ],
        css=_CSS,
    )
    choice = genanki.Model(
        CHOICE_MODEL_ID,
        CHOICE_MODEL_NAME,
        fields=[{"name": name} for name in CHOICE_FIELDS],
        templates=[
            {
                "name": "Choice",
                "qfmt": "{{Prompt}}{{Options}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}{{Why}}' + _FOOTER,
            }
        ],
        css=_CSS,
    )
    return {"card": card, "choice": choice}


def _write_package(package: Any, target: Path, timestamp: float) -> None:
    """The package's collection zipped as Anki reads it, renamed into place when complete.

    Not genanki's `write_to_file`, which leaves its temporary database behind in the system's
    temporary folder on every call."""
    partial = partial_path(target, os.getpid())
    try:
        with tempfile.TemporaryDirectory(prefix="studyapp-anki-") as scratch:
            collection = Path(scratch) / "collection.anki2"
            conn = sqlite3.connect(collection)
            try:
                package.write_to_db(
                    conn.cursor(), timestamp, itertools.count(int(timestamp * 1000))
                )
                conn.commit()
            finally:
                conn.close()
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as apkg:
                apkg.write(collection, "collection.anki2")
                apkg.writestr("media", "{}")
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from exc
