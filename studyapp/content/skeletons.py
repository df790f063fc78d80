"""New items for an author to fill in (`studyapp content new`): a commented skeleton of each
kind, a fresh readable id, and the lint finding for an item still holding skeleton text.

A skeleton is valid content as written, so the deck loads and `content check` passes while
the author works; its placeholders are exact texts this module knows, so `content check`
warns (and `--strict` fails) until each is replaced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterator
from typing import Literal

from studyapp.content.deck import Deck
from studyapp.content.files import Problem
from studyapp.content.models import Card, Note, Question, Scenario
from studyapp.text import slug

Kind = Literal["card", "question", "scenario", "note"]
KINDS: tuple[Kind, ...] = ("card", "question", "scenario", "note")
#: The list of a content file each kind is written in.
SECTION_OF: dict[Kind, str] = {
    "card": "cards",
    "question": "questions",
    "scenario": "scenarios",
    "note": "notes",
}
#: What an id says after its topic: the prefixes `import csv` gives made ids, and the word a
#: counted id uses (`starter-q-3`, `starter-card-2`).
ID_PREFIX: dict[Kind, str] = {"card": "", "question": "q-", "scenario": "scn-", "note": "note-"}
COUNTED_PREFIX: dict[Kind, str] = {**ID_PREFIX, "card": "card-"}
SLUG_CHARS = 32
MAX_ID_CHARS = 120

#: The skeleton's placeholders. The source is the documentation's home, never a page a fact
#: comes from; the texts say what to write instead of them.
SOURCE = "https://docs.aws.amazon.com/"
FRONT = "Replace with what the card asks?"
BACK = "Replace with the answer, short enough to check at a glance."
PROMPT = "Replace with a short situation and what it requires. Which solution meets this?"
RIGHT = "Replace with the right option"
WRONG = ("Replace with a wrong option 1", "Replace with a wrong option 2")
THIRD_WRONG = "Replace with a wrong option 3"
RIGHT_WHY = "Replace with why it meets every requirement."
WRONG_WHY = "Replace with the requirement it fails, and why."
SITUATION = "Replace with the situation: what runs, how long, and what the team wants."
EXPLANATION = "Replace with why the answer fits and each other option does not."
TITLE = "Replace with the note's title"
BODY = "Replace with the note, in Markdown."
PLACEHOLDERS = frozenset(
    {SOURCE, FRONT, BACK, PROMPT, RIGHT, *WRONG, THIRD_WRONG, RIGHT_WHY, WRONG_WHY}
    | {SITUATION, EXPLANATION, TITLE, BODY}
)


def yaml_text(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly `text` (JSON's double quotes are
    YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _block(key: str, text: str | None, placeholder: str) -> list[str]:
    """`key: |` with the placeholder under it, or `key: "text"` with the author's words."""
    if text is not None:
        return [f"{key}: {yaml_text(text)}"]
    return [f"{key}: |", f"  {placeholder}"]


def skeleton_lines(kind: Kind, item_id: str, text: str | None = None) -> list[str]:
    """The commented skeleton of one item, as lines of a YAML list entry (`- id: ...` first,
    its keys two spaces in); `text` fills what it asks (front, prompt, situation, title)."""
    body = {
        "card": _card,
        "question": _question,
        "scenario": _scenario,
        "note": _note,
    }[kind](text)
    return [f"- id: {item_id}", *(f"  {line}" if line else "" for line in body)]


_SOURCE_LINES = [
    "# The AWS documentation page this comes from: the page, not the documentation's home.",
    f"source: {SOURCE}",
]
_LABEL_LINES = [
    "# Optional: tags to group items by, and the exam-guide task statements it tests",
    "# (data/exam-guides/ lists them; `content check` checks each tag).",
    "# tags: [limits]",
    "# exam: [dva-c02:1.2]",
]


def _card(text: str | None) -> list[str]:
    return [
        "# What the card asks: one fact, with one short answer a learner can recall.",
        f"front: {yaml_text(text if text is not None else FRONT)}",
        "# The answer, shown after the learner has tried to recall it.",
        f"back: {yaml_text(BACK)}",
        *_SOURCE_LINES,
        *_LABEL_LINES,
    ]


def _question(text: str | None) -> list[str]:
    return [
        "# As the exam asks: a short situation with its requirements, then the question.",
        *_block("prompt", text, PROMPT),
        '# How many options are right; 2 makes it a "Choose TWO" (mark two correct).',
        "choose: 1",
        "# Four options of about the same length, each with why it is right or wrong. They",
        "# are shuffled when shown: never refer to one by its letter (pinned: true keeps one",
        '# in place, for "Both of the above").',
        "choices:",
        f"  - text: {RIGHT}",
        "    correct: true",
        f"    why: {RIGHT_WHY}",
        *(line for wrong in (*WRONG, THIRD_WRONG) for line in _wrong(wrong)),
        *_SOURCE_LINES,
        *_LABEL_LINES,
    ]


def _wrong(text: str) -> list[str]:
    return [f"  - text: {text}", f"    why: {WRONG_WHY}"]


def _scenario(text: str | None) -> list[str]:
    return [
        '# A "which service fits?" story. Tell the facts as part of it, not as a form.',
        *_block("situation", text, SITUATION),
        "# The facts the story states, in the advisor's words (`studyapp decide` takes the",
        "# same); the decision rules must reach `answer` from them, or `content check` says so.",
        "facts: {runtime_minutes: 40, packaging: container, workload: scheduled}",
        "# The services offered (2 to 8), and the one that fits.",
        "options: [lambda, fargate, ec2]",
        "answer: fargate",
        "# Why that service fits and the others do not, shown after the answer.",
        *_block("explanation", None, EXPLANATION),
        *_SOURCE_LINES,
        *_LABEL_LINES,
    ]


def _note(text: str | None) -> list[str]:
    return [
        "# A note to read: its title, then Markdown (lists, tables, **bold**). A link in it",
        "# must be one of its sources.",
        f"title: {yaml_text(text if text is not None else TITLE)}",
        *_block("body", None, BODY),
        "# The AWS documentation pages it comes from: the pages, not the documentation's home.",
        "sources:",
        f"  - {SOURCE}",
    ]


def new_item_id(
    kind: Kind, topic_id: str, taken: Collection[str], text: str | None, counted: int
) -> str:
    """A fresh id not in `taken`: the topic, the kind's prefix and a slug of `text`
    (`lambda-q-a-nightly-job-runs`), else a counter starting after the `counted` items of this
    kind the topic has (`lambda-q-3`); `-2`, `-3` ... when the first choice is taken."""
    # "function's" makes `functions`, not `function-s`.
    words = slug(re.sub(r"['’]", "", text), SLUG_CHARS) if text else ""
    if words:
        base = f"{topic_id}-{ID_PREFIX[kind]}{words}"[:MAX_ID_CHARS].rstrip("-")
        candidates: Iterator[str] = (base if n == 1 else f"{base}-{n}" for n in _from(1))
    else:
        prefix = f"{topic_id}-{COUNTED_PREFIX[kind]}"
        candidates = (f"{prefix}{n}" for n in _from(counted + 1))
    return next(candidate for candidate in candidates if candidate not in taken)


def _from(start: int) -> Iterator[int]:
    number = start
    while True:
        yield number
        number += 1


Where = Callable[..., tuple[str, int, int]]


def skeleton_findings(deck: Deck, where: Where) -> list[Problem]:
    """Items and notes still holding a skeleton's placeholder text, each at its `- id:`."""
    findings = []
    entries = [*deck.notes.values(), *deck.items.values()]
    for entry in entries:
        fields = [name for name, value in _texts(entry) if value.strip() in PLACEHOLDERS]
        if fields:
            named = ", ".join(dict.fromkeys(fields))
            message = (
                f"{entry.id}: still holds the skeleton's placeholder text ({named}); write "
                "your own before studying it"
            )
            findings.append(Problem(*where(entry.id), message))
    return findings


def _texts(entry: Note | Card | Question | Scenario) -> Iterator[tuple[str, str]]:
    """Each text field an author writes, by the name the YAML gives it."""
    if isinstance(entry, Note):
        yield from (("title", entry.title), ("body", entry.body))
        yield from (("sources", url) for url in entry.sources)
        return
    if isinstance(entry, Card):
        yield from (("front", entry.front), ("back", entry.back))
    elif isinstance(entry, Question):
        yield "prompt", entry.prompt
        for choice in entry.choices:
            yield from (("choices", choice.text), ("choices", choice.why))
    else:
        yield from (("situation", entry.situation), ("explanation", entry.explanation))
    yield "source", entry.source
