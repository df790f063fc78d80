"""`import csv`: a CSV of one kind of content into a topic file, all of it or nothing.

Every row is validated by the loader's own models and checked against the exam guides, the
decision rules and the deck around it; the file is written only when no row has a problem
and the deck with the new file in it has no problem it did not have before. Rows merge into
the topic file by id (a glossary row by term): a row with a new id is added, one with an id
the file has replaces that entry in place, and entries the CSV does not name are kept. A
row that is already in the deck elsewhere, unchanged, is left out (an export of the whole
deck, with rows added, imports only the new rows); one that changes an entry of another
file is refused, since the import writes only its own topic file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.content.assemble import ParsedFile
from studyapp.content.deck import Deck
from studyapp.content.files import Problem
from studyapp.content.loader import MAX_FILE_BYTES, parse_text
from studyapp.content.models import ITEM_ID_PATTERN, Scenario, Topic
from studyapp.errors import ContentError, UsageError
from studyapp.interop.content_yaml import SECTIONS, content_text
from studyapp.interop.csv_columns import EXAM_TASK, Entry, Kind, split_list
from studyapp.interop.csv_entries import ID_SOURCE, entry_from_cells, generated_id
from studyapp.interop.csv_files import CsvImportError, CsvProblem, CsvTable, read_table, write_files
from studyapp.interop.csv_target import (
    DeckAround,
    TargetFile,
    deck_around,
    deck_problems,
    entry_key,
    new_problems,
    parsed_sections,
    read_target,
)
from studyapp.text import printable


@dataclass(frozen=True)
class ImportedRow:
    """A valid row: its number in the file, its entry, and whether its id was made for it."""

    number: int
    entry: Entry
    generated_id: bool = False


@dataclass
class ImportPlan:
    """What an import will write (`content` is None when nothing changes) and why."""

    csv_path: str
    kind: Kind
    target: Path
    topic: Topic | str
    content: bytes | None = None
    added: list[ImportedRow] = field(default_factory=list)
    updated: list[ImportedRow] = field(default_factory=list)
    unchanged: int = 0
    elsewhere: int = 0

    @property
    def generated(self) -> list[ImportedRow]:
        """The rows written with an id made from their text."""
        return [row for row in [*self.added, *self.updated] if row.generated_id]


def _row_entries(table: CsvTable, topic_id: str) -> tuple[list[ImportedRow], list[CsvProblem]]:
    """The valid rows' entries (ids made where missing) and every cell's problem."""
    rows, problems = [], []
    for row in table.rows:
        cells = dict(row.cells)
        topic_cell = cells.get("topic", "").strip()
        if topic_cell and topic_cell != topic_id:
            message = f"the row is of topic {topic_cell!r}, not {topic_id!r} (--topic)"
            problems.append(CsvProblem(table.path, row.number, "topic", message))
        made = table.kind in ID_SOURCE and not cells.get("id", "").strip()
        if made:
            text = cells.get(ID_SOURCE[table.kind][0], "")
            cells["id"] = generated_id(table.kind, topic_id, text)
        entry, found = entry_from_cells(table.kind, cells)
        problems += [CsvProblem(table.path, row.number, p.column, p.message) for p in found]
        if entry is not None:
            rows.append(ImportedRow(row.number, entry, made))
    return rows, problems


def _repeats(table: CsvTable, rows: Sequence[ImportedRow]) -> list[CsvProblem]:
    column = "term" if table.kind == "glossary" else "id"
    first: dict[str, int] = {}
    problems = []
    for row in rows:
        key = entry_key(row.entry)
        if key in first:
            message = f"{key!r} is also row {first[key]}'s {column}"
            problems.append(CsvProblem(table.path, row.number, column, message))
        first.setdefault(key, row.number)
    return problems


def _exam_problems(table: CsvTable) -> list[CsvProblem]:
    """Exam tasks the guides do not have, in every row (valid or not, so all are listed at
    once); a tag that is not of the form `guide:1.2` is the model's to report."""
    from studyapp.content.guides import load_guides

    guides, _guide_problems = load_guides()
    problems = []
    for row in table.rows:
        for tag in split_list(row.cells.get("exam", ""), ",;"):
            message = guides.unknown_tag_message(tag) if EXAM_TASK.fullmatch(tag) else None
            if message is not None:  # the column names the field already
                message = message.removeprefix("exam: ")
                problems.append(CsvProblem(table.path, row.number, "exam", message))
    return problems


def _rule_problems(table: CsvTable, rows: Sequence[ImportedRow]) -> list[CsvProblem]:
    """Scenarios whose answer the decision rules contradict."""
    from studyapp.decide.engine import decide, explain
    from studyapp.decide.rules import parse_rules, rules_path

    book, _rule_file_problems = parse_rules(rules_path())
    problems = []
    for row in rows:
        if isinstance(row.entry, Scenario) and book is not None:
            decision = decide(row.entry.facts, book)
            if decision.answer != row.entry.answer:
                trace = " | ".join(explain(decision)[1:])
                message = f"the facts decide {decision.answer!r}, not {row.entry.answer!r}: {trace}"
                problems.append(CsvProblem(table.path, row.number, "answer", message))
    return problems


def _found_elsewhere(
    deck: Deck, kind: Kind, topic_id: str, entry: Entry
) -> tuple[Entry | None, str]:
    """The entry of the deck around the target with this row's key (None when there is none,
    or it is of another topic), and where it is."""
    key = entry_key(entry)
    if kind == "glossary":
        for known in deck.glossary_of(topic_id):
            if key in known.names:
                return known, f"the glossary of topic {topic_id!r} in another file"
        return None, ""
    origin = deck.origin_of.get(key)
    if origin is None:
        return None, ""
    where = f"{origin.path}:{origin.line}"
    other_topic = deck.topic_of.get(key, topic_id)
    if other_topic != topic_id:
        return None, f"{where} (topic {other_topic!r})"
    return deck.notes.get(key) or deck.items.get(key), where


def _merge(
    plan: ImportPlan, target: TargetFile, deck: Deck, rows: Sequence[ImportedRow]
) -> tuple[dict[Kind, list[Entry]], list[CsvProblem]]:
    """The target's sections with the rows merged in by key; rows that clash, as problems."""
    sections = {kind: list(target.sections.get(kind, [])) for kind in SECTIONS}
    entries = sections[plan.kind]
    place = {entry_key(entry): index for index, entry in enumerate(entries)}
    other_kinds = {
        entry_key(entry): kind for kind in SECTIONS if kind != plan.kind for entry in sections[kind]
    }
    problems = []
    for row in rows:
        key = entry_key(row.entry)
        if key in place:
            if entries[place[key]] == row.entry:
                plan.unchanged += 1
            else:
                entries[place[key]] = row.entry
                plan.updated.append(row)
            continue
        clash = _clash(plan, deck, row, other_kinds)
        if clash is not None:
            problems.append(CsvProblem(plan.csv_path, row.number, _key_column(plan.kind), clash))
        elif _found_elsewhere(deck, plan.kind, _topic_id(plan.topic), row.entry)[0] == row.entry:
            plan.elsewhere += 1
        else:
            place[key] = len(entries)
            entries.append(row.entry)
            plan.added.append(row)
    return sections, problems


def _key_column(kind: Kind) -> str:
    return "term" if kind == "glossary" else "id"


def _topic_id(topic: Topic | str) -> str:
    return topic.id if isinstance(topic, Topic) else topic


def _clash(
    plan: ImportPlan, deck: Deck, row: ImportedRow, other_kinds: dict[str, Kind]
) -> str | None:
    """Why the row's key may not be written to the target, if it may not."""
    key = entry_key(row.entry)
    if key in other_kinds:
        return f"{key!r} is already one of the {other_kinds[key]} of {plan.target}"
    found, where = _found_elsewhere(deck, plan.kind, _topic_id(plan.topic), row.entry)
    if found == row.entry or not where:
        return None
    message = f"{key!r} is already in the deck at {where}, with other content; an import "
    message += f"writes only {plan.target.name}: change it there"
    if plan.kind != "glossary":
        message += ", or clear the id to add the row as a new entry"
    return message


def _check_topic_id(topic_id: str) -> None:
    if not re.fullmatch(ITEM_ID_PATTERN, topic_id) or len(topic_id) > 120:
        message = f"--topic {topic_id!r}: a topic id is letters, digits, '.', '_' and '-'"
        raise UsageError(printable(message, newlines=False))


def _new_topic(topic_id: str, title: str) -> Topic:
    from pydantic import ValidationError

    from studyapp.content import validation

    try:
        model = validation.Topic.model_validate({"id": topic_id, "title": title})
    except ValidationError as error:
        detail = error.errors()[0]
        message = f"--title: {detail['msg']}".replace("Value error, ", "")
        raise UsageError(printable(message, newlines=False)) from error
    return validation.topic_to_runtime(model)


def _topic_header(target: TargetFile, deck: Deck, topic_id: str, title: str | None) -> Topic | str:
    """The file's `topic:`: the target's own; a new file names a topic the deck has, or
    starts one (with --title) that it does not."""
    if target.topic is not None:
        same = isinstance(target.topic, Topic) and target.topic.title == title
        if title is not None and not same:
            message = f"{target.path} already names its topic; leave out --title"
            raise UsageError(printable(message, newlines=False))
        return target.topic
    if title is not None:
        if topic_id in deck.topics:
            known = deck.topics[topic_id].title
            message = f"topic {topic_id!r} is already in the deck ({known}); leave out --title to add to it"
            raise UsageError(printable(message, newlines=False))
        return _new_topic(topic_id, title)
    if topic_id not in deck.topics:
        known = ", ".join(deck.topics) or "none"
        message = (
            f"topic {topic_id!r} is not in the deck: start it with --title TITLE (topics: {known})"
        )
        raise UsageError(printable(message, newlines=False))
    return topic_id


def _located(
    problem: Problem, parsed: ParsedFile, rows: Sequence[ImportedRow], plan: ImportPlan
) -> CsvProblem:
    """A problem of the deck with the new file in it, at the row whose entry it is in."""
    if problem.path == str(plan.target):
        starts = sorted(
            (origin.line, entry_key(entry))
            for entry, origin in [*parsed.notes, *parsed.items, *parsed.glossary]
        )
        keys = [key for line, key in starts if line <= problem.line]
        row = next((row for row in rows if keys and entry_key(row.entry) == keys[-1]), None)
        if row is not None:
            return CsvProblem(plan.csv_path, row.number, _key_column(plan.kind), problem.message)
    return CsvProblem(problem.path, problem.line, str(problem.column), problem.message)


def _checked_content(
    plan: ImportPlan,
    target: TargetFile,
    around: DeckAround,
    sections: dict[Kind, list[Entry]],
    rows: Sequence[ImportedRow],
) -> bytes:
    """The new file, once it loads back as exactly these entries and the deck with it in
    has no problem it did not have before."""
    text = content_text(plan.topic, sections)
    content = text.encode()
    if len(content) > MAX_FILE_BYTES:
        size = len(content) / 2**20
        message = f"{plan.target} would be {size:.1f} MB, over the 2 MB a content file may be: "
        raise ContentError(printable(message + "split the rows over two topics", newlines=False))
    parsed = parse_text(str(plan.target), text)
    if parsed.problems or parsed_sections(parsed) != sections:
        message = f"{plan.target}: the YAML would not load back as the rows; nothing was written"
        raise ContentError(printable(message, newlines=False))
    before = deck_problems(around, target.parsed)
    found = new_problems(before, deck_problems(around, parsed), plan.target)
    if found:
        raise CsvImportError(plan.csv_path, [_located(p, parsed, rows, plan) for p in found])
    return content


def plan_import(
    csv_path: Path,
    topic_id: str,
    into: Path,
    deck_paths: Sequence[Path] = (),
    title: str | None = None,
) -> ImportPlan:
    """Read, validate and merge a CSV into `into/<topic>.yaml`, without writing anything;
    raise CsvImportError with every problem found (`file:row:column: what`)."""
    _check_topic_id(topic_id)
    table = read_table(csv_path)
    target = read_target(into / f"{topic_id}.yaml", topic_id)
    around = deck_around(deck_paths, target.path)
    plan = ImportPlan(
        table.path, table.kind, target.path, _topic_header(target, around.deck, topic_id, title)
    )
    rows, problems = _row_entries(table, topic_id)
    problems += _exam_problems(table) + _repeats(table, rows) + _rule_problems(table, rows)
    # A row of another topic is refused already; its id would only clash as well.
    other_topic = {problem.row for problem in problems if problem.column == "topic"}
    mergeable = [row for row in rows if row.number not in other_topic]
    sections, clashes = _merge(plan, target, around.deck, mergeable)
    if problems or clashes:
        raise CsvImportError(table.path, problems + clashes)
    if plan.added or plan.updated:
        plan.content = _checked_content(plan, target, around, sections, rows)
    return plan


def import_csv(
    csv_path: Path,
    topic_id: str,
    into: Path,
    deck_paths: Sequence[Path] = (),
    title: str | None = None,
) -> ImportPlan:
    """`plan_import`, then write the topic file if anything changed."""
    plan = plan_import(csv_path, topic_id, into, deck_paths, title)
    if plan.content is not None:
        write_files({plan.target: plan.content})
    return plan
