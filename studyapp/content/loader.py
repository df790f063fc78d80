"""Read YAML content files into a Deck, reporting every problem as `path:line:col: message`.

The YAML is composed into nodes first (never `yaml.load`), so every value keeps the mark of
where it was written; pydantic's error locations are mapped back to those marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from studyapp.content import validation
from studyapp.content.assemble import ParsedFile, assemble
from studyapp.content.deck import Deck, Origin
from studyapp.content.files import Problem, content_files
from studyapp.content.models import ITEM_ID_PATTERN, Card, GlossaryEntry, Note, Question, Scenario
from studyapp.content.renames import RenameClaim
from studyapp.errors import ContentError

MAX_FILE_BYTES = 2 * 1024 * 1024
#: A document may not expand (through aliases) past this many nodes or this depth.
MAX_NODES = 200_000
MAX_DEPTH = 64
#: ... or past this many characters of text: twice what a file could hold without aliases,
#: so an anchored scalar repeated through aliases cannot grow past a few megabytes.
MAX_EXPANDED_CHARS = 2 * MAX_FILE_BYTES

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]
SECTIONS: dict[str, type[BaseModel]] = {
    "notes": validation.Note,
    "cards": validation.Card,
    "questions": validation.Question,
    "scenarios": validation.Scenario,
    "glossary": validation.GlossaryEntry,
}


@dataclass
class Marks:
    """Where each value (and each mapping key) of a document was written."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def find(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The mark of `loc`, or of the nearest enclosing value that has one."""
        if key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return (1, 1)


_PLAIN_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _DocumentTooLarge(Exception):
    """The document expands past MAX_NODES, MAX_DEPTH or MAX_EXPANDED_CHARS."""


@dataclass
class _Builder:
    """Turns composed YAML nodes into plain Python values, recording marks and problems."""

    loader: yaml.SafeLoader
    path: str
    marks: Marks = field(default_factory=Marks)
    problems: list[Problem] = field(default_factory=list)
    nodes_seen: int = 0
    chars_seen: int = 0

    def count_text(self, node: yaml.ScalarNode) -> None:
        """Count a scalar's characters each time it is used, aliases included."""
        self.chars_seen += len(node.value)
        if self.chars_seen > MAX_EXPANDED_CHARS:
            raise _DocumentTooLarge(
                f"document expands to more than {MAX_EXPANDED_CHARS} characters "
                "(a long text repeated through aliases?)"
            )

    def problem(self, mark: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.path, mark[0], mark[1], message))

    def build(self, node: yaml.Node, loc: Loc = (), depth: int = 0) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES or depth > MAX_DEPTH:
            raise _DocumentTooLarge(
                f"document expands to more than {MAX_NODES} values or {MAX_DEPTH} levels "
                "(aliases used as a bomb?)"
            )
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.marks.values[loc] = mark
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
            self.problem(mark, f"unsupported YAML tag {_short(node.tag)}")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*loc, i), depth + 1) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self.count_text(node)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            self.problem(mark, f"cannot read this value: {_first_line(exc)}")
            return None

    def _build_mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_mark, "a key must be plain text")
                continue
            self.count_text(key_node)
            key = key_node.value
            if key in result:
                self.problem(key_mark, f"duplicate key {_short(key)} in this mapping")
                continue
            self.marks.keys[(*loc, key)] = key_mark
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result


def _short(value: object, limit: int = 60) -> str:
    """A key or tag as a problem names it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def decode_text(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(path, line, column, "file is not UTF-8 text")]


def compose_document(path: str, text: str) -> tuple[Any, Marks, list[Problem]]:
    """Parse one YAML document into plain values with marks; never raises."""
    loader = _SafeLoader(text)
    builder = _Builder(loader, path)
    try:
        node = loader.get_single_node()
        if node is None:
            builder.problem((1, 1), "file is empty")
            return None, builder.marks, builder.problems
        data = builder.build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"YAML syntax: {exc.problem or exc.context or 'invalid document'}"
        return None, builder.marks, [Problem(path, *where, message)]
    except yaml.YAMLError as exc:
        return None, builder.marks, [Problem(path, 1, 1, f"YAML: {_first_line(exc)}")]
    except _DocumentTooLarge as exc:
        return None, builder.marks, [Problem(path, 1, 1, str(exc))]
    except RecursionError:
        message = f"document nests more than {MAX_DEPTH} levels (aliases used as a bomb?)"
        return None, builder.marks, [Problem(path, 1, 1, message)]
    finally:
        loader.dispose()
    return data, builder.marks, builder.problems


def validation_problems(
    path: str, marks: Marks, prefix: Loc, error: ValidationError
) -> list[Problem]:
    problems = []
    for detail in error.errors():
        loc = (*prefix, *detail["loc"])
        kind = detail["type"]
        if kind == "extra_forbidden":
            message = f"unknown key {_short(detail['loc'][-1])}"
            line, column = marks.find(loc, key=True)
        elif kind == "missing":
            message = f"missing required key {detail['loc'][-1]!r}"
            line, column = marks.find(loc)
        else:
            message = re.sub(r"^(Value|Assertion) error, ", "", detail["msg"])
            if loc[-1:] and isinstance(loc[-1], str) and loc[:-1] and loc in marks.keys:
                message = f"{loc[-1]}: {message}"
            line, column = marks.find(loc)
        problems.append(Problem(path, line, column, message))
    return problems


def parse_text(path: str, text: str) -> ParsedFile:
    """Validate one file's text; invalid items are left out and reported, valid ones kept."""
    parsed = ParsedFile(path)
    data, marks, problems = compose_document(path, text)
    parsed.problems.extend(problems)
    if data is None:
        return parsed
    if not isinstance(data, dict):
        parsed.problems.append(
            Problem(path, 1, 1, "a content file is a mapping with 'topic' and item lists")
        )
        return parsed
    allowed = ["topic", *SECTIONS]
    for key in data:
        if key not in allowed:
            line, column = marks.find((key,), key=True)
            message = f"unknown key {_short(key)} (expected one of: {', '.join(allowed)})"
            parsed.problems.append(Problem(path, line, column, message))
    _parse_topic(parsed, data, marks)
    for section, model in SECTIONS.items():
        _parse_section(parsed, data.get(section), section, model, marks)
    return parsed


def _parse_topic(parsed: ParsedFile, data: dict[str, Any], marks: Marks) -> None:
    parsed.topic_mark = marks.find(("topic",))
    raw = data.get("topic")
    if "topic" not in data:
        parsed.problems.append(Problem(parsed.path, 1, 1, "missing required key 'topic'"))
    elif raw is None:
        already = any((p.line, p.column) == parsed.topic_mark for p in parsed.problems)
        if not already:
            message = "topic must be a mapping with id and title, or the id of a topic"
            parsed.problems.append(Problem(parsed.path, *parsed.topic_mark, message))
    elif isinstance(raw, str):
        if re.fullmatch(ITEM_ID_PATTERN, raw):
            parsed.topic_ref = raw
        else:
            parsed.problems.append(Problem(parsed.path, *parsed.topic_mark, "bad topic id"))
    else:
        try:
            parsed.topic = validation.topic_to_runtime(validation.Topic.model_validate(raw))
        except ValidationError as error:
            parsed.problems.extend(validation_problems(parsed.path, marks, ("topic",), error))


def _parse_section(
    parsed: ParsedFile, raw: Any, section: str, model: type[BaseModel], marks: Marks
) -> None:
    if raw is None:
        return
    if not isinstance(raw, list):
        line, column = marks.find((section,))
        parsed.problems.append(Problem(parsed.path, line, column, f"{section} must be a list"))
        return
    for index, entry in enumerate(raw):
        try:
            value = validation.to_runtime(model.model_validate(entry))  # type: ignore[arg-type]
        except ValidationError as error:
            parsed.problems.extend(validation_problems(parsed.path, marks, (section, index), error))
            continue
        origin = Origin(parsed.path, *marks.find((section, index)))
        if isinstance(value, Note):
            parsed.notes.append((value, origin))
        elif isinstance(value, Card | Question | Scenario):
            parsed.items.append((value, origin))
            for n, old_id in enumerate(value.renamed_from):
                where = Origin(parsed.path, *marks.find((section, index, "renamed_from", n)))
                parsed.renames.append(RenameClaim(old_id, value.id, where, origin))
        elif isinstance(value, GlossaryEntry):
            parsed.glossary.append((value, origin))


def parse_file(path: Path) -> ParsedFile:
    """Read and validate one file from disk; never raises for bad content."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"file is {size / 1024 / 1024:.1f} MB; content files may be at most 2 MB"
            return ParsedFile(name, problems=[Problem(name, 1, 1, message)])
        raw = path.read_bytes()
    except OSError as exc:
        return ParsedFile(name, problems=[Problem(name, 1, 1, f"cannot read: {exc.strerror}")])
    text, problems = decode_text(name, raw)
    if text is None:
        return ParsedFile(name, problems=problems)
    return parse_text(name, text)


def load_deck(paths: Sequence[Path]) -> tuple[Deck, list[Problem]]:
    """Load every content file under `paths`: the deck of valid content and all problems found."""
    files, problems = content_files(paths)
    return assemble([parse_file(path) for path in files], problems)


def load_deck_or_raise(paths: Sequence[Path]) -> Deck:
    """Load a deck, raising ContentError listing every problem if there is any."""
    deck, problems = load_deck(paths)
    if problems:
        raise ContentError("\n".join(str(problem) for problem in problems))
    return deck
