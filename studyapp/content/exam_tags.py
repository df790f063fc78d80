"""Hold items' `exam:` tags to the exam guides, and `newer-than-exam` items to `exam_expects`.

`content check` runs these after loading: a tag naming no guide or task statement is a
problem located at the tag itself; an item tagged `newer-than-exam` without `exam_expects`
is a warning, or a problem under `--strict` (the texts are still being written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studyapp.content.deck import Deck
from studyapp.content.files import Problem
from studyapp.content.guides import Guides
from studyapp.content.loader import Marks, compose_document, decode_text
from studyapp.content.models import NEWER_THAN_EXAM

_SECTIONS = ("cards", "questions", "scenarios")


@dataclass(frozen=True)
class ExamTagCheck:
    """What `content check` reports about exam tags: problems fail it, warnings do not."""

    problems: list[Problem]
    warnings: list[Problem]


def check_exam_tags(deck: Deck, guides: Guides, strict: bool = False) -> ExamTagCheck:
    """Unknown exam tags (always problems) and `newer-than-exam` items lacking `exam_expects`
    (warnings, or problems when `strict`)."""
    locate = _Locator()
    unknown = unknown_exam_tags(deck, guides, locate)
    missing = missing_exam_expects(deck, locate, strict)
    return ExamTagCheck(unknown + missing, []) if strict else ExamTagCheck(unknown, missing)


def unknown_exam_tags(deck: Deck, guides: Guides, locate: _Locator | None = None) -> list[Problem]:
    """One problem per `exam:` entry naming an unknown guide or task statement."""
    locate = locate or _Locator()
    problems = []
    for item_id, item in deck.items.items():
        for index, tag in enumerate(item.exam):
            message = guides.unknown_tag_message(tag)
            if message is not None:
                where = locate(deck, item_id, "exam", index)
                problems.append(Problem(*where, f"{item_id}: {message}"))
    return problems


def missing_exam_expects(
    deck: Deck, locate: _Locator | None = None, strict: bool = False
) -> list[Problem]:
    """One finding per item tagged `newer-than-exam` that does not say `exam_expects`."""
    locate = locate or _Locator()
    findings = []
    prefix = "" if strict else "warning: "
    for item_id, item in deck.items.items():
        if NEWER_THAN_EXAM in item.tags and not item.exam_expects:
            where = locate(deck, item_id, "tags", item.tags.index(NEWER_THAN_EXAM))
            message = (
                f"{prefix}{item_id}: tagged {NEWER_THAN_EXAM} but has no exam_expects "
                "(what the exam, written from its guide, still expects)"
            )
            findings.append(Problem(*where, message))
    return findings


_Places = tuple[dict[str, tuple[str, int]], Marks]


@dataclass
class _Locator:
    """Finds where a value of an item was written, reading each file's marks at most once."""

    files: dict[str, _Places | None] = field(default_factory=dict)

    def __call__(self, deck: Deck, item_id: str, key: str, index: int) -> tuple[str, int, int]:
        origin = deck.origin_of[item_id]
        if origin.path not in self.files:
            self.files[origin.path] = _item_places(origin.path)
        found = self.files[origin.path]
        place = None if found is None else found[0].get(item_id)
        if found is None or place is None:
            return origin.path, origin.line, 1
        line, column = found[1].find((*place, key, index))
        return origin.path, line, column


def _item_places(path: str) -> _Places | None:
    """Each item id of the file with its (section, index), and the file's marks."""
    try:
        text, _problems = decode_text(path, Path(path).read_bytes())
    except OSError:
        return None
    if text is None:
        return None
    data, marks, _problems = compose_document(path, text)
    if not isinstance(data, dict):
        return None
    places: dict[str, tuple[str, int]] = {}
    for section in _SECTIONS:
        entries = data.get(section)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                places.setdefault(entry["id"], (section, index))
    return places, marks
