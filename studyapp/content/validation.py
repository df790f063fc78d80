"""Validation of authored content with pydantic: what a YAML file may say, and its schema.

Only the loader and the JSON Schema need these; everything else works with the plain
dataclasses in `models.py` that `to_runtime` turns them into (no pydantic at start-up).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlparse

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from studyapp.content import models
from studyapp.content.models import ITEM_ID_PATTERN, ServiceId
from studyapp.text import describe_character, first_refused

#: The longest a text field may be (the longest note in the shipped deck is under 3,000).
MAX_TEXT_CHARS = 20_000
#: The longest a source URL may be.
MAX_URL_CHARS = 2_000


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text


def _no_control_codes(text: str) -> str:
    """Text is data: no terminal control codes, no bidi overrides (newline and tab are fine)."""
    position = first_refused(text)
    if position is not None:
        raise ValueError(
            f"contains the control character {describe_character(text[position])} at "
            f"character {position + 1}; only printable text, newlines and tabs are allowed"
        )
    return text


def _one_line(text: str) -> str:
    if "\n" in text or "\t" in text:
        raise ValueError("must be one line of text")
    return text


def _http_url(text: str) -> str:
    _no_control_codes(text)
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"not an http(s) URL: {text[:100]!r}")
    return text


Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS),
    AfterValidator(_not_blank),
    AfterValidator(_no_control_codes),
]
ItemId = Annotated[str, StringConstraints(pattern=ITEM_ID_PATTERN, max_length=120)]
Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
_EXAM_TASK = re.compile(r"[a-z0-9][a-z0-9-]*:[0-9]+\.[0-9]+")


def _exam_task(text: str) -> str:
    if not _EXAM_TASK.fullmatch(text):
        raise ValueError(
            f"{text[:60]!r} is not an exam task statement; write guide:domain.task, "
            "e.g. dva-c02:1.2"
        )
    return text


#: An exam guide's task statement, `guide:domain.task` (`dva-c02:1.2`); see data/exam-guides/.
ExamTask = Annotated[str, StringConstraints(max_length=60), AfterValidator(_exam_task)]
SourceUrl = Annotated[str, StringConstraints(max_length=MAX_URL_CHARS), AfterValidator(_http_url)]
#: The ids an item had before, oldest first: its reviews, state, flags and bookmarks follow it.
RenamedFrom = Annotated[
    list[ItemId],
    Field(
        description="Ids this item had before, oldest first: the progress recorded under "
        "them (reviews, schedule, flags, bookmarks) moves to this id the next time studyapp "
        "opens the database. Keep every earlier id listed."
    ),
]


class _Strict(BaseModel):
    """Unknown keys are errors; numbers written where text belongs are taken as text."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Topic(_Strict):
    """A subject area; every item belongs to exactly one."""

    id: ItemId
    title: Text
    domain: Text | None = None


class Note(_Strict):
    """A short Markdown explanation a learner reads."""

    id: ItemId
    title: Text
    body: Text
    sources: list[SourceUrl] = Field(min_length=1)
    tags: list[Tag] = []


#: A glossary term or alias: one line of text, short enough for a list of terms.
Term = Annotated[
    str,
    StringConstraints(min_length=1, max_length=80),
    AfterValidator(_not_blank),
    AfterValidator(_no_control_codes),
    AfterValidator(_one_line),
]


class GlossaryEntry(_Strict):
    """A term the topic's notes use: its plain-text definition (not Markdown) and its source;
    `aliases` are other ways the notes write it, `note` the id of the note that explains it."""

    term: Term
    definition: Text
    source: SourceUrl
    aliases: list[Term] = []
    note: ItemId | None = None


class Card(_Strict):
    """A flashcard: recall the back from the front."""

    id: ItemId
    front: Text
    back: Text
    source: SourceUrl
    tags: list[Tag] = []
    exam: list[ExamTask] = []
    exam_expects: Text | None = None
    renamed_from: RenamedFrom = []


class Choice(_Strict):
    """One option of a question, with why it is right or wrong; `pinned: true` keeps it in its
    written place when the options are shuffled (for "Both of the above")."""

    text: Text
    correct: bool = False
    why: Text
    pinned: bool = False


class Question(_Strict):
    """An exam-style multiple-choice question; `choose` says how many options are right."""

    id: ItemId
    prompt: Text
    choose: int = Field(default=1, ge=1)
    choices: list[Choice] = Field(min_length=2, max_length=8)
    source: SourceUrl
    tags: list[Tag] = []
    exam: list[ExamTask] = []
    exam_expects: Text | None = None
    renamed_from: RenamedFrom = []

    @model_validator(mode="after")
    def _correct_count_matches_choose(self) -> Question:
        correct = sum(choice.correct for choice in self.choices)
        if correct != self.choose:
            raise ValueError(
                f"question says choose {self.choose} but marks {correct} "
                f"choice{'s' if correct != 1 else ''} correct"
            )
        if self.choose >= len(self.choices):
            raise ValueError("a question needs more choices than it asks to choose")
        return self


class Facts(_Strict):
    """What a scenario states about a workload, in the decision engine's vocabulary."""

    need: (
        Literal[
            "compute", "event-routing", "serverless-deploy", "workflow", "front-door", "work-queue"
        ]
        | None
    ) = Field(
        default=None,
        description="What the answer must do: run code (compute, the default), route events, "
        "deploy serverless apps, coordinate steps (workflow), take HTTP requests in front of "
        "code (front-door), or hold work until a consumer takes it (work-queue).",
    )
    runtime_minutes: float | None = Field(default=None, ge=0)
    memory_gb: float | None = Field(default=None, ge=0)
    packaging: Literal["function", "container", "machine"] | None = None
    workload: Literal["event-driven", "spiky", "steady", "scheduled", "batch"] | None = Field(
        default=None,
        description="The shape of the work; batch: many queued jobs that each run to completion.",
    )
    manage_servers: bool | None = None
    os_access: bool | None = None
    gpu: bool | None = None
    kubernetes: bool | None = None
    on_premises: bool | None = None
    aws_only: bool | None = None
    cost_priority: Literal["lowest-steady-cost", "pay-per-use"] | None = None
    managed_platform: bool | None = Field(
        default=None,
        description="Wants a platform that turns code or an image into a running web app, "
        "with the load balancer, scaling and deployments set up for it.",
    )
    app_runner_customer: bool | None = Field(
        default=None,
        description="The account already uses AWS App Runner (closed to new customers since "
        "30 April 2026).",
    )
    api_management: bool | None = Field(
        default=None,
        description="The HTTP front door must manage the API: API keys, usage plans and "
        "throttling per client, request validation, authorizers, caching.",
    )


class Scenario(_Strict):
    """A "which service fits?" situation with the facts it states and the right service."""

    id: ItemId
    situation: Text
    facts: Facts
    options: list[ServiceId] = Field(min_length=2, max_length=8)
    answer: ServiceId
    explanation: Text
    source: SourceUrl
    tags: list[Tag] = []
    exam: list[ExamTask] = []
    exam_expects: Text | None = None
    renamed_from: RenamedFrom = []

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> Scenario:
        if len(set(self.options)) != len(self.options):
            raise ValueError("options repeat a service")
        if self.answer not in self.options:
            raise ValueError(f"answer {self.answer!r} is not one of the options")
        return self


class ContentFile(_Strict):
    """One YAML file: a topic (defined here, or named to add to one defined elsewhere) and items."""

    topic: Topic | ItemId
    notes: list[Note] = []
    cards: list[Card] = []
    questions: list[Question] = []
    scenarios: list[Scenario] = []
    glossary: list[GlossaryEntry] = []


RuntimeEntry = models.Note | models.Card | models.Question | models.Scenario | models.GlossaryEntry


def to_runtime(value: Note | Card | Question | Scenario | GlossaryEntry) -> RuntimeEntry:
    """The plain dataclass the rest of studyapp works with, from a validated model."""
    if isinstance(value, GlossaryEntry):
        return models.GlossaryEntry(
            value.term, value.definition, value.source, tuple(value.aliases), value.note
        )
    if isinstance(value, Note):
        return models.Note(
            value.id, value.title, value.body, tuple(value.sources), tuple(value.tags)
        )
    if isinstance(value, Card):
        return models.Card(value.id, value.front, value.back, value.source, *_item_labels(value))
    if isinstance(value, Question):
        return _question_to_runtime(value)
    return _scenario_to_runtime(value)


def _item_labels(value: Card | Question | Scenario) -> tuple[Any, ...]:
    """The fields every item ends with: tags, exam tasks, what the guide-era exam expects,
    the ids it had before."""
    return (tuple(value.tags), tuple(value.exam), value.exam_expects, tuple(value.renamed_from))


def _question_to_runtime(value: Question) -> models.Question:
    choices = tuple(models.Choice(c.text, c.correct, c.why, c.pinned) for c in value.choices)
    return models.Question(
        value.id, value.prompt, value.choose, choices, value.source, *_item_labels(value)
    )


def _scenario_to_runtime(value: Scenario) -> models.Scenario:
    return models.Scenario(
        value.id,
        value.situation,
        facts_to_runtime(value.facts),
        tuple(value.options),
        value.answer,
        value.explanation,
        value.source,
        *_item_labels(value),
    )


def topic_to_runtime(topic: Topic) -> models.Topic:
    return models.Topic(topic.id, topic.title, topic.domain)


def facts_to_runtime(facts: Facts) -> models.Facts:
    return models.Facts(**facts.model_dump())
