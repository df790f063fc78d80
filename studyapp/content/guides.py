"""AWS exam guides as the app uses them: domains, weights and task statements, by guide id.

The shipped guides live in `data/exam-guides/*.yaml` (one file per guide, named after its
id); `load_guides` validates them with the pydantic models of `guide_validation` and reports
every problem as `path:line:col: message`, like the content loader.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.content.files import Problem
from studyapp.errors import UsageError

#: Items tagged with fewer task statements than this are listed as thin by `content stats`.
THIN_TASK_ITEMS = 5


@dataclass(frozen=True, slots=True)
class TaskStatement:
    """One task statement of a guide's domain, `1.2` in `dva-c02:1.2`."""

    guide_id: str
    id: str
    text: str

    @property
    def tag(self) -> str:
        """How an item names it in `exam:`, `dva-c02:1.2`."""
        return f"{self.guide_id}:{self.id}"


@dataclass(frozen=True, slots=True)
class Domain:
    """A content domain: its number, name, share of the scored content and task statements."""

    number: int
    name: str
    weight: int
    tasks: tuple[TaskStatement, ...]


@dataclass(frozen=True, slots=True)
class ResponseType:
    """A kind of question: `correct` right answers among `options` (each "or more" if so)."""

    id: str
    text: str
    correct: int
    options: int
    or_more: bool = False


@dataclass(frozen=True, slots=True)
class ExamFormat:
    """How the exam is given and scored."""

    scored_questions: int
    unscored_questions: int
    minutes: int
    passing_score: int
    lowest_score: int
    highest_score: int
    response_types: tuple[ResponseType, ...]

    @property
    def questions(self) -> int:
        """Every question shown, scored or not."""
        return self.scored_questions + self.unscored_questions


@dataclass(frozen=True, slots=True)
class ExamGuide:
    """One exam's published guide, with the page it was taken from."""

    id: str
    title: str
    version: str
    source: str
    format: ExamFormat
    domains: tuple[Domain, ...]

    def tasks(self) -> Iterator[TaskStatement]:
        """Every task statement, in the guide's order."""
        for domain in self.domains:
            yield from domain.tasks

    def domain_of(self, exam_tags: Sequence[str]) -> Domain | None:
        """The domain of the first of an item's `exam:` tags that names a task statement of
        this guide (an item counts for one domain only), or None."""
        for tag in exam_tags:
            guide_id, _, task_id = tag.partition(":")
            if guide_id != self.id:
                continue
            for domain in self.domains:
                if any(task.id == task_id for task in domain.tasks):
                    return domain
        return None

    @property
    def label(self) -> str:
        """How screens name it: `DVA-C02`."""
        return self.id.upper()


@dataclass(frozen=True)
class Guides:
    """The known exam guides by id, and every task statement by its tag (`dva-c02:1.2`)."""

    by_id: Mapping[str, ExamGuide]

    def __iter__(self) -> Iterator[ExamGuide]:
        return iter(self.by_id.values())

    def task(self, tag: str) -> TaskStatement | None:
        """The task statement `tag` names, or None."""
        guide_id, _, task_id = tag.partition(":")
        guide = self.by_id.get(guide_id)
        if guide is None:
            return None
        return next((task for task in guide.tasks() if task.id == task_id), None)

    def unknown_tag_message(self, tag: str) -> str | None:
        """Why `tag` names nothing (the known guides or task statements listed), or None."""
        guide_id, _, task_id = tag.partition(":")
        guide = self.by_id.get(guide_id)
        if guide is None:
            known = ", ".join(self.by_id) or "none"
            return f"exam: unknown exam guide {guide_id!r} in {tag!r} (known guides: {known})"
        if self.task(tag) is None:
            known = ", ".join(task.id for task in guide.tasks())
            return (
                f"exam: {guide_id} has no task statement {task_id!r} in {tag!r} "
                f"(its task statements: {known})"
            )
        return None


def find_guide(
    guide_id: str, guides: Mapping[str, ExamGuide], other_choices: Sequence[str] = ()
) -> ExamGuide:
    """The guide `guide_id` names among `guides`, in any case, or a UsageError naming the
    known ones (and `other_choices`, what the caller also accepts)."""
    guide = guides.get(guide_id.strip().lower())
    if guide is None:
        known = ", ".join([*guides, *other_choices]) or "none"
        raise UsageError(f"unknown exam guide {guide_id!r} (known: {known})")
    return guide


def builtin_guides_dir() -> Path:
    """The shipped guides: inside the wheel when installed, in `data/` in a checkout."""
    from studyapp.paths import builtin_guides_dir as where

    return where()


def guide_files(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Every `*.yaml` guide file under the given files and folders, sorted by name."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix == ".yaml" and p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or directory"))
    return files, problems


def load_guides(paths: Sequence[Path] | None = None) -> tuple[Guides, list[Problem]]:
    """The valid guides under `paths` (default: the shipped ones) and every problem found."""
    from studyapp.content.guide_validation import parse_guide_file

    files, problems = guide_files([builtin_guides_dir()] if paths is None else paths)
    by_id: dict[str, ExamGuide] = {}
    first_at: dict[str, str] = {}
    for path in files:
        guide, found = parse_guide_file(path)
        problems += found
        if guide is None:
            continue
        if guide.id in by_id:
            message = f"guide {guide.id!r} is already defined in {first_at[guide.id]}"
            problems.append(Problem(str(path), 1, 1, message))
            continue
        by_id[guide.id] = guide
        first_at[guide.id] = str(path)
    return Guides(by_id), problems
