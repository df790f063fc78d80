"""`studyapp content new`: which file a new item goes in, its id, and its skeleton added there.

Without a file named, the item goes in the topic's file among the user's own folders (never
the built-in deck), else in `<topic>.yaml` in the user deck folder, started for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.content.deck import Deck
from studyapp.content.files import content_files
from studyapp.content.insert import appended, checked, read_text, write_text
from studyapp.content.loader import compose_document
from studyapp.content.models import ITEM_ID_PATTERN
from studyapp.content.skeletons import SECTION_OF, Kind, new_item_id, skeleton_lines, yaml_text
from studyapp.content.starter import SCHEMA_LINE, schema_text, write_schema
from studyapp.errors import ContentError, UsageError


@dataclass(frozen=True)
class NewItemRequest:
    """What the author asked for: the kind, the topic, and optionally the file, the first
    words (which also make the id) and a title for a topic the deck does not have."""

    kind: Kind
    topic_id: str
    file: Path | None = None
    text: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class NewItem:
    """Where the skeleton went: the file, the line of its `- id:`, its id, and whether the
    file was started for it."""

    path: Path
    line: int
    item_id: str
    started_file: bool


def add_new_item(
    request: NewItemRequest, deck: Deck, user_paths: Sequence[Path], decks_dir: Path
) -> NewItem:
    """Add the skeleton of a new item to the topic's file (see the module) and say where."""
    topic_id, section = request.topic_id, SECTION_OF[request.kind]
    if not re.fullmatch(ITEM_ID_PATTERN, topic_id):
        raise UsageError(f"{topic_id!r} is not a topic id (letters, digits, '.', '_', '-')")
    path = request.file or _topic_file(topic_id, section, user_paths, decks_dir)
    before = _text_for(path, topic_id, deck, request.title)
    # An id an item lists in renamed_from is taken too: its history would move to that item.
    taken = {*deck.origin_of, *deck.renames, *_ids_in(str(path), before)}
    item_id = new_item_id(request.kind, topic_id, taken, request.text, _counted(deck, request))
    entry = skeleton_lines(request.kind, item_id, request.text)
    added = appended(str(path), before, section, entry)
    checked(str(path), before, added, section, item_id)
    started = not path.exists()
    if started:
        write_schema(path.parent, schema_text())
    write_text(path, added.text)
    return NewItem(path, added.line, item_id, started)


def file_topic(path: Path, text: str) -> str | None:
    """The id of the topic a content file's text names (`topic: ID` or a header), if any."""
    data, _marks, _problems = compose_document(str(path), text)
    topic = data.get("topic") if isinstance(data, dict) else None
    if isinstance(topic, dict):
        topic = topic.get("id")
    return topic if isinstance(topic, str) else None


def _topic_file(topic_id: str, section: str, user_paths: Sequence[Path], decks_dir: Path) -> Path:
    """The user's file of the topic (one that has the section already, else the first), or
    `<topic>.yaml` in the user deck folder."""
    files, _missing = content_files(user_paths)
    found = []
    for path in files:
        try:
            text = read_text(path)
        except ContentError:
            continue
        if file_topic(path, text) == topic_id:
            found.append((path, re.search(rf"(?m)^{section}\s*:", text) is not None))
    with_section = [path for path, has in found if has]
    if with_section or found:
        return (with_section or [path for path, _has in found])[0]
    return decks_dir / f"{topic_id}.yaml"


def _text_for(path: Path, topic_id: str, deck: Deck, title: str | None) -> str:
    """The file's text to add to: as written when it is the topic's, else a new file's header
    (`topic: ID` adding to a topic the deck has, or a header starting one)."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; name a .yaml file")
    text = read_text(path) if path.exists() else ""
    if text.strip() and (found := file_topic(path, text)) != topic_id:
        what = f"topic {found!r}" if found else "no topic"
        raise UsageError(
            f"{path} names {what}, not {topic_id!r}; name a file of topic {topic_id!r} with --file"
        )
    if text.strip():
        return text
    if topic_id in deck.topics:
        return f"{text}{SCHEMA_LINE}\ntopic: {topic_id}\n"
    if title is None:
        known = ", ".join(deck.topics) or "none"
        raise UsageError(
            f"unknown topic {topic_id!r} (topics: {known}); give --title TITLE to start it"
        )
    _check_title(topic_id, title)
    return f"{text}{SCHEMA_LINE}\ntopic: {{id: {topic_id}, title: {yaml_text(title)}}}\n"


def _check_title(topic_id: str, title: str) -> None:
    """Refuse a title the loader would refuse (empty, control characters), before writing."""
    from pydantic import ValidationError

    from studyapp.content.validation import Topic

    try:
        Topic.model_validate({"id": topic_id, "title": title})
    except ValidationError as error:
        message = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise UsageError(f"--title: {message}") from error


def _ids_in(path: str, text: str) -> set[str]:
    """Every id the file's entries give, valid or not (a broken entry is not in the deck,
    but its id is still the author's)."""
    data, _marks, _problems = compose_document(path, text) if text.strip() else (None, None, [])
    if not isinstance(data, dict):
        return set()
    ids = set()
    for section in SECTION_OF.values():
        entries = data.get(section)
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                ids.add(entry["id"])
    return ids


def _counted(deck: Deck, request: NewItemRequest) -> int:
    """How many of the kind the topic has, so a counted id goes on from there."""
    if request.kind == "note":
        return len(deck.notes_of(request.topic_id))
    return len(deck.item_ids_of([request.kind], [request.topic_id]))
