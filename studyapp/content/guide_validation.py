"""What an exam-guide file may say, checked with pydantic and located like content problems.

Only `load_guides` and the JSON Schema need this module; the rest of studyapp works with the
plain dataclasses of `guides.py`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints, ValidationError

from studyapp.content.files import Problem
from studyapp.content.guides import (
    Domain,
    ExamFormat,
    ExamGuide,
    ResponseType,
    TaskStatement,
)
from studyapp.content.loader import (
    MAX_FILE_BYTES,
    Marks,
    compose_document,
    decode_text,
    validation_problems,
)
from studyapp.content.validation import SourceUrl, Text, _Strict

GUIDE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TASK_ID_PATTERN = r"^[0-9]+\.[0-9]+$"

GuideId = Annotated[str, StringConstraints(pattern=GUIDE_ID_PATTERN, max_length=40)]


def _quoted_task_id(value: object) -> object:
    """A task id is text: unquoted, YAML reads 1.10 as the number 1.1."""
    if not isinstance(value, str):
        raise ValueError(
            f'write the task id in quotes, e.g. "1.2" (unquoted, {value!r} is read as a '
            "number, and 1.10 would become 1.1)"
        )
    return value


TaskId = Annotated[
    str,
    BeforeValidator(_quoted_task_id),
    StringConstraints(pattern=TASK_ID_PATTERN, max_length=12),
]
Count = Annotated[int, Field(ge=0, le=1000)]
Score = Annotated[int, Field(ge=0, le=10_000)]


class Task(_Strict):
    """A task statement: `id` is the domain's number, a dot and the task's (`"1.2"`)."""

    id: TaskId
    text: Text


class GuideDomain(_Strict):
    """A content domain with its share of the scored content and its task statements."""

    id: int = Field(ge=1, le=99)
    name: Text
    weight: int = Field(ge=1, le=100, description="Percent of the scored content.")
    tasks: list[Task] = Field(min_length=1)


class GuideResponseType(_Strict):
    """A kind of question: `correct` right responses among `options` (or more, if so)."""

    id: Annotated[str, StringConstraints(pattern=GUIDE_ID_PATTERN, max_length=40)]
    text: Text
    correct: int = Field(ge=1, le=20)
    options: int = Field(ge=2, le=20)
    or_more: bool = False


class GuideFormat(_Strict):
    """How the exam is given and scored (questions, minutes, the scaled score)."""

    scored_questions: Count
    unscored_questions: Count
    minutes: int = Field(ge=1, le=1000)
    passing_score: Score
    lowest_score: Score
    highest_score: Score
    response_types: list[GuideResponseType] = Field(min_length=1)


class GuideSource(_Strict):
    """Which edition of the guide this file follows, and where AWS publishes it."""

    version: Text
    source: SourceUrl
    checked: date | None = None
    pages: list[SourceUrl] = []


class GuideFile(_Strict):
    """One exam guide file: `data/exam-guides/<id>.yaml`."""

    id: GuideId
    title: Text
    guide: GuideSource
    format: GuideFormat
    domains: list[GuideDomain] = Field(min_length=1)


def guide_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that describes one exam-guide YAML file."""
    schema = GuideFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "studyapp exam guide file"
    return schema


def parse_guide_file(path: Path) -> tuple[ExamGuide | None, list[Problem]]:
    """Read and validate one guide file; never raises for bad content."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [Problem(name, 1, 1, "file is larger than 2 MB")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 1, 1, f"cannot read: {exc.strerror}")]
    text, problems = decode_text(name, raw)
    if text is None:
        return None, problems
    return parse_guide_text(name, text, expected_id=path.stem)


def parse_guide_text(
    path: str, text: str, expected_id: str | None = None
) -> tuple[ExamGuide | None, list[Problem]]:
    """Validate one guide's text: the guide, or None and every problem located."""
    data, marks, problems = compose_document(path, text)
    if data is None or problems:
        return None, problems
    try:
        model = GuideFile.model_validate(data)
    except ValidationError as error:
        return None, validation_problems(path, marks, (), error)
    problems = _cross_problems(path, model, marks, expected_id)
    return (None, problems) if problems else (_to_runtime(model), [])


def _cross_problems(
    path: str, model: GuideFile, marks: Marks, expected_id: str | None
) -> list[Problem]:
    """What the fields say together: the file's name, the weights, the numbering."""
    problems = []

    def at(loc: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(path, *marks.find(loc), message))

    if expected_id is not None and model.id != expected_id:
        at(("id",), f"id {model.id!r} differs from the file's name; call the file {model.id}.yaml")
    total = sum(domain.weight for domain in model.domains)
    if total != 100:
        at(("domains",), f"the domains' weights add up to {total}, not 100")
    fmt = model.format
    if not fmt.lowest_score <= fmt.passing_score <= fmt.highest_score:
        at(("format", "passing_score"), "passing_score lies outside lowest_score..highest_score")
    for index, kind in enumerate(fmt.response_types):
        if kind.correct >= kind.options:
            at(
                ("format", "response_types", index),
                "a response type needs more options than correct",
            )
    seen_domains: set[int] = set()
    seen_tasks: set[str] = set()
    for d_index, domain in enumerate(model.domains):
        if domain.id in seen_domains:
            at(("domains", d_index, "id"), f"domain {domain.id} is listed twice")
        seen_domains.add(domain.id)
        for t_index, task in enumerate(domain.tasks):
            loc = ("domains", d_index, "tasks", t_index, "id")
            if task.id.split(".")[0] != str(domain.id):
                at(loc, f"task {task.id!r} is not numbered in domain {domain.id}")
            elif task.id in seen_tasks:
                at(loc, f"task {task.id!r} is listed twice")
            seen_tasks.add(task.id)
    return problems


def _to_runtime(model: GuideFile) -> ExamGuide:
    fmt = model.format
    return ExamGuide(
        id=model.id,
        title=model.title,
        version=model.guide.version,
        source=model.guide.source,
        format=ExamFormat(
            fmt.scored_questions,
            fmt.unscored_questions,
            fmt.minutes,
            fmt.passing_score,
            fmt.lowest_score,
            fmt.highest_score,
            tuple(
                ResponseType(kind.id, kind.text, kind.correct, kind.options, kind.or_more)
                for kind in fmt.response_types
            ),
        ),
        domains=tuple(
            Domain(
                domain.id,
                domain.name,
                domain.weight,
                tuple(TaskStatement(model.id, task.id, task.text) for task in domain.tasks),
            )
            for domain in model.domains
        ),
    )
