"""Content as the app uses it: plain frozen dataclasses, keyed by stable author-chosen ids.

The YAML is validated by the pydantic models in `validation.py`, which turn into these;
keeping pydantic out of this module keeps it out of start-up (a cached deck unpickles
straight into these classes).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Literal

ITEM_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
#: The tag of an item that teaches something newer than the exam guides know.
NEWER_THAN_EXAM = "newer-than-exam"
#: What every scenario asks after its situation, in every front end and export.
SCENARIO_QUESTION = "Which service fits best?"

#: The services a scenario can be answered with, and how they are shown. A label names the
#: service (and the variant), never the situation it suits: the learner must tell that.
#: Stored reviews keep the ids picked, so an id is never renamed or removed.
SERVICE_NAMES: dict[str, str] = {
    "lambda": "AWS Lambda",
    "fargate": "AWS Fargate (with Amazon ECS)",
    "app-runner": "AWS App Runner",
    "elastic-beanstalk": "AWS Elastic Beanstalk",
    "batch": "AWS Batch",
    "ecs-ec2": "Amazon ECS on Amazon EC2",
    "ecs-anywhere": "Amazon ECS Anywhere",
    "eks": "Amazon EKS",
    "ec2": "Amazon EC2 instances",
    "eventbridge": "Amazon EventBridge",
    "sqs": "Amazon SQS",
    "sam": "AWS SAM",
    "step-functions": "AWS Step Functions",
    "api-gateway": "Amazon API Gateway",
    "function-url": "Lambda function URL",
    "alb": "Application Load Balancer",
}
ServiceId = Literal[
    "lambda",
    "fargate",
    "app-runner",
    "elastic-beanstalk",
    "batch",
    "ecs-ec2",
    "ecs-anywhere",
    "eks",
    "ec2",
    "eventbridge",
    "sqs",
    "sam",
    "step-functions",
    "api-gateway",
    "function-url",
    "alb",
]
#: Facts added after reviews were logged: left out of a scenario's fingerprint while unstated.
LATER_FACTS = ("managed_platform", "app_runner_customer", "api_management")


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject area; every item belongs to exactly one."""

    id: str
    title: str
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A short Markdown explanation a learner reads."""

    id: str
    title: str
    body: str
    sources: tuple[str, ...]
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A term a topic's notes use, defined once in plain text, with where it is explained.

    `note` names the note that explains the term, if one does: no earlier note of the topic
    may use the term (content check says where), so a reader meets it defined."""

    term: str
    definition: str
    source: str
    aliases: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases: every way a note may write it."""
        return (self.term, *self.aliases)


@dataclass(frozen=True, slots=True)
class Card:
    """A flashcard: recall the back from the front."""

    id: str
    front: str
    back: str
    source: str
    tags: tuple[str, ...] = ()
    exam: tuple[str, ...] = ()
    exam_expects: str | None = None
    #: Ids the item had before; their history moves to this id (`studyapp.store.renames`).
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a question, with why it is right or wrong; a pinned one is never moved
    when the options are shuffled ("Both of the above")."""

    text: str
    correct: bool
    why: str
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class Question:
    """An exam-style multiple-choice question; `choose` says how many options are right."""

    id: str
    prompt: str
    choose: int
    choices: tuple[Choice, ...]
    source: str
    tags: tuple[str, ...] = ()
    exam: tuple[str, ...] = ()
    exam_expects: str | None = None
    #: Ids the item had before; their history moves to this id (`studyapp.store.renames`).
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Facts:
    """What a scenario states about a workload, in the decision engine's vocabulary."""

    need: str | None = None
    runtime_minutes: float | None = None
    memory_gb: float | None = None
    packaging: str | None = None
    workload: str | None = None
    manage_servers: bool | None = None
    os_access: bool | None = None
    gpu: bool | None = None
    kubernetes: bool | None = None
    on_premises: bool | None = None
    aws_only: bool | None = None
    cost_priority: str | None = None
    managed_platform: bool | None = None
    app_runner_customer: bool | None = None
    api_management: bool | None = None


@dataclass(frozen=True, slots=True)
class Scenario:
    """A "which service fits?" situation with the facts it states and the right service."""

    id: str
    situation: str
    facts: Facts
    options: tuple[str, ...]
    answer: str
    explanation: str
    source: str
    tags: tuple[str, ...] = ()
    exam: tuple[str, ...] = ()
    exam_expects: str | None = None
    #: Ids the item had before; their history moves to this id (`studyapp.store.renames`).
    renamed_from: tuple[str, ...] = ()


Item = Card | Question | Scenario
ItemKind = Literal["card", "question", "scenario"]


def item_kind(item: Item) -> ItemKind:
    """The kind name stored with each review."""
    if isinstance(item, Card):
        return "card"
    if isinstance(item, Question):
        return "question"
    return "scenario"


def content_hash(item: Item | Note) -> str:
    """A short fingerprint of an item's text, stored with each review of it.

    An unpinned choice is fingerprinted without its `pinned` field, as before pinning existed;
    `exam` and `renamed_from` never count and `exam_expects` only once written."""
    fields = asdict(item)
    # Which exam tasks an item tests is not its text: retagging keeps its fingerprint. What the
    # guide-era exam expects is shown to the learner, so it counts once it is written.
    fields.pop("exam", None)
    # The ids an item had are not its text either: listing one keeps every stored fingerprint.
    fields.pop("renamed_from", None)
    if fields.get("exam_expects", "") is None:
        del fields["exam_expects"]
    # Facts added after reviews were logged are left out while unstated, so old prints hold.
    facts = fields.get("facts") or {}
    for later_fact in LATER_FACTS:
        if facts.get(later_fact, False) is None:
            del facts[later_fact]
    for choice in fields.get("choices", ()):
        if not choice["pinned"]:
            del choice["pinned"]
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    # Validation refuses lone surrogates; an unvalidated item must still fingerprint.
    return hashlib.sha256(canonical.encode(errors="surrogatepass")).hexdigest()[:16]
