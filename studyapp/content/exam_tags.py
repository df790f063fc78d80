"""Hold items' `exam:` tags to the exam guides, and `newer-than-exam` items to `exam_expects`.

`content check` runs these after loading: a tag naming no guide or task statement is a
problem located at the tag itself; an item tagged `newer-than-exam` without `exam_expects`
is a warning, or a problem under `--strict` (the texts are still being written).
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.content.deck import Deck
from studyapp.content.files import Problem
from studyapp.content.guides import Guides
from studyapp.content.models import NEWER_THAN_EXAM
from studyapp.content.places import Locator


@dataclass(frozen=True)
class ExamTagCheck:
    """What `content check` reports about exam tags: problems fail it, warnings do not."""

    problems: list[Problem]
    warnings: list[Problem]


def check_exam_tags(deck: Deck, guides: Guides, strict: bool = False) -> ExamTagCheck:
    """Unknown exam tags (always problems) and `newer-than-exam` items lacking `exam_expects`
    (warnings, or problems when `strict`)."""
    locate = Locator()
    unknown = unknown_exam_tags(deck, guides, locate)
    missing = missing_exam_expects(deck, locate, strict)
    return ExamTagCheck(unknown + missing, []) if strict else ExamTagCheck(unknown, missing)


def unknown_exam_tags(deck: Deck, guides: Guides, locate: Locator | None = None) -> list[Problem]:
    """One problem per `exam:` entry naming an unknown guide or task statement."""
    locate = locate or Locator()
    problems = []
    for item_id, item in deck.items.items():
        for index, tag in enumerate(item.exam):
            message = guides.unknown_tag_message(tag)
            if message is not None:
                where = locate(deck, item_id, "exam", index)
                problems.append(Problem(*where, f"{item_id}: {message}"))
    return problems


def missing_exam_expects(
    deck: Deck, locate: Locator | None = None, strict: bool = False
) -> list[Problem]:
    """One finding per item tagged `newer-than-exam` that does not say `exam_expects`."""
    locate = locate or Locator()
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
