"""The CSV layout of each kind of content: its columns, an entry as a row, a row as content data.

A row holds one entry; lists (tags, exam tasks, `renamed_from` ids) are `;`-joined (a note's
sources one per line), a question's options are `choice_a`/`why_a` pairs with the right ones
as letters in `correct`, a scenario's facts one `fact_` column each. `row_data` turns a row back into the mapping a
content file would hold, for the loader's own pydantic models to validate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from studyapp.content.models import Card, Facts, GlossaryEntry, Note, Question, Scenario

Kind = Literal["notes", "cards", "questions", "scenarios", "glossary"]
KINDS: tuple[Kind, ...] = ("notes", "cards", "questions", "scenarios", "glossary")
Entry = Note | Card | Question | Scenario | GlossaryEntry

#: A question has at most 8 options (validation's limit), lettered as they are shown.
LETTERS = "abcdefgh"
#: How many option columns an export has at least, so a template has room for four.
MIN_CHOICE_COLUMNS = 4
LIST_SEPARATOR = ";"
FACT_NAMES = tuple(field.name for field in fields(Facts))
FACT_COLUMNS = tuple(f"fact_{name}" for name in FACT_NAMES)
YES, NO = "yes", "no"
#: An exam guide's task statement as `exam:` names it (`dva-c02:1.2`).
EXAM_TASK = re.compile(r"[a-z0-9][a-z0-9-]*:[0-9]+\.[0-9]+")

#: The column whose presence in a header says which kind a file holds.
KEY_COLUMN: dict[Kind, str] = {
    "notes": "body",
    "cards": "front",
    "questions": "prompt",
    "scenarios": "situation",
    "glossary": "definition",
}
_LABELS = ("source", "tags", "exam", "exam_expects", "renamed_from")
_FIXED_COLUMNS: dict[Kind, tuple[str, ...]] = {
    "notes": ("id", "topic", "title", "body", "sources", "tags"),
    "cards": ("id", "topic", "front", "back", *_LABELS),
    "questions": ("id", "topic", "prompt", "choose", "correct", "pinned", *_LABELS),
    "scenarios": (
        "id",
        "topic",
        "situation",
        *FACT_COLUMNS,
        "options",
        "answer",
        "explanation",
        *_LABELS,
    ),
    "glossary": ("term", "topic", "aliases", "definition", "source", "note"),
}
#: Columns a header must have: what every entry of the kind needs.
REQUIRED_COLUMNS: dict[Kind, tuple[str, ...]] = {
    "notes": ("title", "body", "sources"),
    "cards": ("front", "back", "source"),
    "questions": ("prompt", "correct", "choice_a", "why_a", "choice_b", "why_b", "source"),
    "scenarios": ("situation", "options", "answer", "explanation", "source"),
    "glossary": ("term", "definition", "source"),
}
#: Where a problem with the whole entry (not one field) is reported.
WHOLE_ENTRY_COLUMN: dict[Kind, str] = {
    "notes": "id",
    "cards": "id",
    "questions": "correct",
    "scenarios": "answer",
    "glossary": "term",
}


@dataclass(frozen=True)
class CellProblem:
    """A cell that cannot be read as what its column holds."""

    column: str
    message: str


def choice_columns(count: int) -> tuple[str, ...]:
    """`choice_a, why_a, choice_b, why_b, ...` for `count` options."""
    return tuple(f"{name}_{letter}" for letter in LETTERS[:count] for name in ("choice", "why"))


def columns(kind: Kind, choice_count: int = MIN_CHOICE_COLUMNS) -> tuple[str, ...]:
    """The header of a kind's file, in order; questions with `choice_count` option pairs."""
    fixed = _FIXED_COLUMNS[kind]
    if kind != "questions":
        return fixed
    split = fixed.index("source")
    return (*fixed[:split], *choice_columns(choice_count), *fixed[split:])


def known_columns(kind: Kind) -> frozenset[str]:
    """Every column a file of this kind may have."""
    return frozenset(columns(kind, len(LETTERS)))


def kind_of(entry: Entry) -> Kind:
    kinds: dict[type, Kind] = {
        Note: "notes",
        Card: "cards",
        Question: "questions",
        Scenario: "scenarios",
        GlossaryEntry: "glossary",
    }
    return kinds[type(entry)]


# An entry as a row ------------------------------------------------------------------------


def joined(values: tuple[str, ...], separator: str = LIST_SEPARATOR) -> str:
    return separator.join(values)


def _labels(entry: Card | Question | Scenario) -> dict[str, str]:
    return {
        "source": entry.source,
        "tags": joined(entry.tags),
        "exam": joined(entry.exam),
        "exam_expects": entry.exam_expects or "",
        "renamed_from": joined(entry.renamed_from),
    }


def number_text(value: float) -> str:
    """A fact's number as written by hand: `40`, not `40.0`; `0.7` as it is."""
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def fact_text(value: str | float | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float | int):
        return number_text(float(value))
    return value


def _letters(choices: tuple[Any, ...], flag: str) -> str:
    return joined(tuple(LETTERS[i] for i, choice in enumerate(choices) if getattr(choice, flag)))


def _question_row(question: Question) -> dict[str, str]:
    row = {
        "id": question.id,
        "prompt": question.prompt,
        "choose": str(question.choose),
        "correct": _letters(question.choices, "correct"),
        "pinned": _letters(question.choices, "pinned"),
    }
    for letter, choice in zip(LETTERS, question.choices, strict=False):
        row[f"choice_{letter}"] = choice.text
        row[f"why_{letter}"] = choice.why
    return row | _labels(question)


def _scenario_row(scenario: Scenario) -> dict[str, str]:
    row = {"id": scenario.id, "situation": scenario.situation}
    for name, column in zip(FACT_NAMES, FACT_COLUMNS, strict=True):
        row[column] = fact_text(getattr(scenario.facts, name))
    row |= {
        "options": joined(scenario.options),
        "answer": scenario.answer,
        "explanation": scenario.explanation,
    }
    return row | _labels(scenario)


def entry_row(entry: Entry, topic_id: str) -> dict[str, str]:
    """The cells of one entry, by column name (a column left out is empty)."""
    if isinstance(entry, Note):
        row = {"id": entry.id, "title": entry.title, "body": entry.body}
        row |= {"sources": joined(entry.sources, "\n"), "tags": joined(entry.tags)}
    elif isinstance(entry, Card):
        row = {"id": entry.id, "front": entry.front, "back": entry.back} | _labels(entry)
    elif isinstance(entry, Question):
        row = _question_row(entry)
    elif isinstance(entry, Scenario):
        row = _scenario_row(entry)
    else:
        row = {"term": entry.term, "aliases": joined(entry.aliases)}
        row |= {"definition": entry.definition, "source": entry.source, "note": entry.note or ""}
    return {"topic": topic_id, **row}


# A row as content data ----------------------------------------------------------------------


def split_list(cell: str, separators: str = LIST_SEPARATOR) -> list[str]:
    """A `;`-joined cell as its values, each trimmed, empty ones dropped; `separators` are
    the characters that part them (`,` too where no value may hold one)."""
    parts = re.split(f"[{re.escape(separators)}]", cell)
    return [part.strip() for part in parts if part.strip()]


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    """Set `key` unless the cell was empty: a missing value is the model's to report."""
    if value not in ("", None, []):
        data[key] = value


def _label_data(data: dict[str, Any], cells: Mapping[str, str]) -> None:
    _put(data, "tags", split_list(cells.get("tags", ""), ",;"))
    _put(data, "source", cells.get("source", "").strip())
    _put(data, "exam", split_list(cells.get("exam", ""), ",;"))
    _put(data, "exam_expects", cells.get("exam_expects", ""))
    _put(data, "renamed_from", split_list(cells.get("renamed_from", ""), ",;"))


def _letter_set(
    cells: Mapping[str, str], column: str, count: int, problems: list[CellProblem]
) -> set[int]:
    """The options a letters cell (`b`, `a;d`, `a, d`, `AD`) names, by index."""
    cell = cells.get(column, "").lower()
    picked: set[int] = set()
    for char in cell:
        if char in " ,;":
            continue
        index = LETTERS.find(char)
        if index < 0 or index >= count:
            have = {0: "none", 1: "a"}.get(count, f"a-{LETTERS[count - 1]}")
            problems.append(
                CellProblem(column, f"{char!r} is not the letter of an option of this row ({have})")
            )
            continue
        picked.add(index)
    return picked


def _choice_data(cells: Mapping[str, str]) -> list[dict[str, Any]]:
    """The options a row writes, up to its last filled pair (a gap is the model's to report)."""
    pairs = [(cells.get(f"choice_{x}", ""), cells.get(f"why_{x}", "")) for x in LETTERS]
    while pairs and not (pairs[-1][0].strip() or pairs[-1][1].strip()):
        pairs.pop()
    choices: list[dict[str, Any]] = []
    for text, why in pairs:
        choice: dict[str, Any] = {}
        _put(choice, "text", text)
        _put(choice, "why", why)
        choices.append(choice)
    return choices


def _question_data(cells: Mapping[str, str], problems: list[CellProblem]) -> dict[str, Any]:
    choices = _choice_data(cells)
    correct = _letter_set(cells, "correct", len(choices), problems)
    pinned = _letter_set(cells, "pinned", len(choices), problems)
    for index, choice in enumerate(choices):
        choice |= {"correct": index in correct, "pinned": index in pinned}
    data: dict[str, Any] = {}
    _put(data, "id", cells.get("id", "").strip())
    _put(data, "prompt", cells.get("prompt", ""))
    choose = cells.get("choose", "").strip()
    if not choose:
        data["choose"] = len(correct) or 1
    elif choose.isdigit():
        data["choose"] = int(choose)
    else:
        problems.append(CellProblem("choose", f"{choose!r} is not a whole number"))
    data["choices"] = choices
    _label_data(data, cells)
    return data


_FACT_TYPES = {field.name: str(field.type) for field in fields(Facts)}
_BOOLEANS = {YES: True, "true": True, NO: False, "false": False}


def _fact_value(name: str, cell: str) -> str | float | bool | None:
    """The value a fact's cell states, or None when it is not of the fact's type."""
    kind = _FACT_TYPES[name]
    if kind.startswith("bool"):
        return _BOOLEANS.get(cell.lower())
    if kind.startswith("float"):
        try:
            number = float(cell)
        except ValueError:
            return None
        return number if number == number and abs(number) != float("inf") else None
    return cell


def _facts_data(cells: Mapping[str, str], problems: list[CellProblem]) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for name, column in zip(FACT_NAMES, FACT_COLUMNS, strict=True):
        cell = cells.get(column, "").strip()
        if not cell:
            continue
        value = _fact_value(name, cell)
        if value is None:
            wanted = "yes or no" if _FACT_TYPES[name].startswith("bool") else "a number"
            problems.append(CellProblem(column, f"{cell!r} is not {wanted}"))
            continue
        facts[name] = value
    return facts


def _scenario_data(cells: Mapping[str, str], problems: list[CellProblem]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    _put(data, "id", cells.get("id", "").strip())
    _put(data, "situation", cells.get("situation", ""))
    data["facts"] = _facts_data(cells, problems)
    _put(data, "options", split_list(cells.get("options", ""), ",;"))
    _put(data, "answer", cells.get("answer", "").strip())
    _put(data, "explanation", cells.get("explanation", ""))
    _label_data(data, cells)
    return data


def _note_data(cells: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    _put(data, "id", cells.get("id", "").strip())
    _put(data, "title", cells.get("title", ""))
    _put(data, "body", cells.get("body", ""))
    _put(data, "sources", cells.get("sources", "").replace(";", "\n").split())
    _put(data, "tags", split_list(cells.get("tags", ""), ",;"))
    return data


def _card_data(cells: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    _put(data, "id", cells.get("id", "").strip())
    _put(data, "front", cells.get("front", ""))
    _put(data, "back", cells.get("back", ""))
    _label_data(data, cells)
    return data


def _glossary_data(cells: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    _put(data, "term", cells.get("term", ""))
    _put(data, "aliases", split_list(cells.get("aliases", "")))
    _put(data, "definition", cells.get("definition", ""))
    _put(data, "source", cells.get("source", "").strip())
    _put(data, "note", cells.get("note", "").strip())
    return data


def row_data(kind: Kind, cells: Mapping[str, str]) -> tuple[dict[str, Any], list[CellProblem]]:
    """The mapping a content file would hold for this row, and the cells that could not be
    read (letters, numbers, yes/no); the loader's models validate the rest."""
    problems: list[CellProblem] = []
    if kind == "questions":
        return _question_data(cells, problems), problems
    if kind == "scenarios":
        return _scenario_data(cells, problems), problems
    if kind == "notes":
        return _note_data(cells), problems
    if kind == "cards":
        return _card_data(cells), problems
    return _glossary_data(cells), problems


def column_of(kind: Kind, loc: tuple[str | int, ...]) -> str:
    """The column a validation error at `loc` (a path into the row's mapping) belongs to."""
    if not loc:
        return WHOLE_ENTRY_COLUMN[kind]
    head = str(loc[0])
    if head == "choices":
        if len(loc) >= 3 and isinstance(loc[1], int) and loc[1] < len(LETTERS):
            field = {"text": "choice", "why": "why"}.get(str(loc[2]), "correct")
            return f"{field}_{LETTERS[loc[1]]}"
        return "choice_a"
    if head == "facts" and len(loc) >= 2:
        return f"fact_{loc[1]}"
    return head
