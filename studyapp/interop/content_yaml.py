"""Content entries written back as a readable YAML content file.

Keys come in the order the shipped files use, values left at their defaults are left out,
text of several lines is a `|` block (as posting writes its YAML, so a diff shows the lines
that changed), short lists stay on one line, and entries are a blank line apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from studyapp.content.models import (
    Card,
    Choice,
    Facts,
    GlossaryEntry,
    Note,
    Question,
    Scenario,
    Topic,
)
from studyapp.interop.csv_columns import EXAM_TASK, FACT_NAMES, Entry, Kind

#: The first line of every file `import csv` writes: only such a file is merged into.
MARKER = "# Written by `studyapp import csv`"
HEADER = (
    f"{MARKER}. Importing a CSV of this topic into this folder again\n"
    "# merges its rows into this file by id (glossary rows by term) and rewrites it: comments\n"
    "# added here are lost. Delete these three lines to keep the file from being merged into.\n"
)
#: The sections of a content file, in the order the loader reads them.
SECTIONS: tuple[Kind, ...] = ("notes", "cards", "questions", "scenarios", "glossary")


class _FlowList(list[str]):
    """A short list written on one line: `tags: [limits, iam]`."""


class _ContentDumper(yaml.SafeDumper):
    """Indents a list inside a mapping and writes exam tasks unquoted, as the shipped files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def analyze_scalar(self, scalar: str) -> Any:
        analysis = super().analyze_scalar(scalar)
        if EXAM_TASK.fullmatch(scalar):
            # PyYAML quotes any `:` in a flow list; one not followed by a space is plain text.
            analysis.allow_flow_plain = True
        return analysis


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow_list(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_ContentDumper.add_representer(str, _text)
_ContentDumper.add_representer(_FlowList, _flow_list)


def _labels(entry: Card | Question | Scenario) -> dict[str, Any]:
    """`tags`, `source`, `exam`, `exam_expects` and `renamed_from`, where the shipped files
    put them."""
    data: dict[str, Any] = {}
    if entry.tags:
        data["tags"] = _FlowList(entry.tags)
    data["source"] = entry.source
    if entry.exam:
        data["exam"] = _FlowList(entry.exam)
    if entry.exam_expects is not None:
        data["exam_expects"] = entry.exam_expects
    if entry.renamed_from:
        data["renamed_from"] = _FlowList(entry.renamed_from)
    return data


def _choice(choice: Choice) -> dict[str, Any]:
    data: dict[str, Any] = {"text": choice.text}
    if choice.correct:
        data["correct"] = True
    if choice.pinned:
        data["pinned"] = True
    return data | {"why": choice.why}


def _fact(value: str | float | bool) -> str | float | bool:
    """A number as written by hand: `40`, not `40.0`."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _facts(facts: Facts) -> dict[str, Any]:
    values = {name: getattr(facts, name) for name in FACT_NAMES}
    return {name: _fact(value) for name, value in values.items() if value is not None}


def _note(note: Note) -> dict[str, Any]:
    data: dict[str, Any] = {"id": note.id, "title": note.title, "body": note.body}
    data["sources"] = list(note.sources)
    if note.tags:
        data["tags"] = _FlowList(note.tags)
    return data


def _glossary_entry(entry: GlossaryEntry) -> dict[str, Any]:
    data: dict[str, Any] = {"term": entry.term}
    if entry.aliases:
        data["aliases"] = _FlowList(entry.aliases)
    data |= {"definition": entry.definition, "source": entry.source}
    if entry.note is not None:
        data["note"] = entry.note
    return data


def entry_data(entry: Entry) -> dict[str, Any]:
    """One entry as a content file writes it."""
    if isinstance(entry, Note):
        return _note(entry)
    if isinstance(entry, GlossaryEntry):
        return _glossary_entry(entry)
    if isinstance(entry, Card):
        return {"id": entry.id, "front": entry.front, "back": entry.back} | _labels(entry)
    if isinstance(entry, Question):
        choices = [_choice(choice) for choice in entry.choices]
        data = {"id": entry.id, "prompt": entry.prompt, "choose": entry.choose}
        return data | {"choices": choices} | _labels(entry)
    data = {"id": entry.id, "situation": entry.situation, "facts": _facts(entry.facts)}
    data |= {"options": _FlowList(entry.options), "answer": entry.answer}
    return data | {"explanation": entry.explanation} | _labels(entry)


def topic_data(topic: Topic | str) -> str | dict[str, str]:
    """A topic named (`topic: lambda`, adding to it) or defined with its title."""
    if isinstance(topic, str):
        return topic
    data = {"id": topic.id, "title": topic.title}
    if topic.domain is not None:
        data["domain"] = topic.domain
    return data


#: A line that starts an entry of a section's list (deeper lines belong to the entry).
_ENTRY_START = re.compile(r"^  - ", re.MULTILINE)


def content_text(topic: Topic | str, sections: Mapping[Kind, Sequence[Entry]]) -> str:
    """A whole content file: the header comment, the topic, then each non-empty section."""
    parts = [HEADER]
    parts.append(_dump({"topic": topic_data(topic)}))
    for kind in SECTIONS:
        entries = sections.get(kind, ())
        if entries:
            key_line, listing = _dump({kind: [entry_data(e) for e in entries]}).split("\n", 1)
            # A blank line between entries, as in the shipped files (never inside a text:
            # a block scalar's lines are indented deeper than an entry's dash).
            spaced = _ENTRY_START.sub("\n  - ", listing).removeprefix("\n")
            parts.append(f"\n{key_line}\n{spaced}")
    return "".join(parts)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_ContentDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
