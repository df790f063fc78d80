"""One study item as line mode shows it: a card's two sides, a question or scenario with its
options, and the answer with every option's why and the source.

A session, the mock exam (asking and reviewing) and `studyapp content show` all print items
through these functions, so what an author checks is what a learner sees.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from studyapp.content import SCENARIO_QUESTION, Card, Item, Question, Scenario
from studyapp.lines.writer import source_lines, wrap_text
from studyapp.present.newer import newer_than_exam_note
from studyapp.study import OPTION_LETTERS, ShownOptions


def item_heading(topic_id: str, kind: str, *details: str) -> str:
    """`── lambda · card · new · 3 more after this ──`: the topic, the kind, then `details`."""
    return "── " + " · ".join([topic_id, kind, *details]) + " ──"


def wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """Authored text wrapped to `width`, its own lines and list indents kept, without the
    blank lines a YAML block may start or end with."""
    return wrap_text(text.strip("\n"), width, indent)


def card_front_lines(card: Card, width: int) -> list[str]:
    """What a flashcard asks."""
    return wrapped(card.front, width)


def card_back_lines(card: Card, width: int) -> list[str]:
    """A flashcard's answer: what the exam may still expect (an item newer than the exam
    guides), the back and its source."""
    return [
        *newer_lines(card, width),
        *wrapped(card.back, width),
        *source_lines(card.source, width),
    ]


def stem_lines(item: Question | Scenario, width: int) -> list[str]:
    """What a question asks, or what a scenario describes and then asks."""
    if isinstance(item, Question):
        return wrapped(item.prompt, width)
    return [*wrapped(item.situation, width), "", SCENARIO_QUESTION]


def question_lines(item: Question | Scenario, shown: ShownOptions, width: int) -> list[str]:
    """The stem, then each option by the letter it is shown with."""
    lines = stem_lines(item, width)
    for letter, choice in zip(OPTION_LETTERS, shown.choices, strict=False):
        lines += wrapped(f"{letter}) {choice.text}", width, "  ")
    return lines


def answer_lines(
    item: Question | Scenario,
    shown: ShownOptions,
    width: int,
    picked: Collection[int] | None = None,
    trace: Sequence[str] = (),
) -> list[str]:
    """Every option marked right (✓) or wrong (✗) with its why, the learner's `picked`
    (authored indices) marked, a scenario's explanation and the rules' `trace`, the source."""
    lines = newer_lines(item, width)
    for letter, choice in zip(OPTION_LETTERS, shown.choices, strict=False):
        mark = "✓" if choice.correct else "✗"
        chosen = " (your pick)" if picked is not None and choice.index in picked else ""
        why = f": {choice.why}" if choice.why else ""
        lines += wrapped(f"{letter}) {mark}{chosen} {choice.text}{why}", width, "  ")
    if isinstance(item, Scenario):
        lines += wrapped(item.explanation, width, "  ")
        for line in trace:
            lines += wrapped(line, width, "  ")
    return [*lines, *source_lines(item.source, width)]


def newer_lines(item: Item, width: int) -> list[str]:
    """What the exam may still expect, before the answer of an item newer than it."""
    note = newer_than_exam_note(item)
    return [] if note is None else wrapped(note, width, "  ")
