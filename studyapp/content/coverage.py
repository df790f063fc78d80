"""How well the deck covers each exam guide: items tagged per guide, domain and task statement.

An item counts once in a domain or guide however many of its task statements it names;
tags that name nothing known are left to `content check`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from studyapp.content.deck import Deck
from studyapp.content.guides import THIN_TASK_ITEMS, ExamGuide, Guides, TaskStatement
from studyapp.content.models import ItemKind, item_kind

KINDS: tuple[ItemKind, ...] = ("card", "question", "scenario")


@dataclass(frozen=True)
class KindCounts:
    """How many cards, questions and scenarios."""

    card: int = 0
    question: int = 0
    scenario: int = 0

    @property
    def total(self) -> int:
        return self.card + self.question + self.scenario

    @classmethod
    def of(cls, kinds: Iterable[ItemKind]) -> KindCounts:
        kinds = list(kinds)
        return cls(*(kinds.count(kind) for kind in KINDS))


@dataclass(frozen=True)
class TaskCoverage:
    """The items tagged with one task statement."""

    task: TaskStatement
    items: KindCounts

    @property
    def thin(self) -> bool:
        """Fewer items than a learner needs to practise it (`THIN_TASK_ITEMS`)."""
        return self.items.total < THIN_TASK_ITEMS


@dataclass(frozen=True)
class DomainCoverage:
    """The distinct items tagged with any task statement of one domain."""

    number: int
    name: str
    weight: int
    items: KindCounts
    tasks: tuple[TaskCoverage, ...]


@dataclass(frozen=True)
class GuideCoverage:
    """The distinct items tagged with any task statement of one guide."""

    guide: ExamGuide
    items: KindCounts
    domains: tuple[DomainCoverage, ...]

    def thin_tasks(self) -> list[TaskCoverage]:
        """The task statements with fewer than `THIN_TASK_ITEMS` items, in guide order."""
        return [task for domain in self.domains for task in domain.tasks if task.thin]


@dataclass(frozen=True)
class ExamCoverage:
    """Coverage of every guide, and how many items name no exam task at all."""

    guides: tuple[GuideCoverage, ...]
    untagged: KindCounts


def exam_coverage(deck: Deck, guides: Guides) -> ExamCoverage:
    """Count the deck's items per guide, domain and task statement, split by kind."""
    kinds_by_tag: dict[str, dict[str, ItemKind]] = {}
    untagged: list[ItemKind] = []
    for item_id, item in deck.items.items():
        if not item.exam:
            untagged.append(item_kind(item))
        for tag in item.exam:
            kinds_by_tag.setdefault(tag, {})[item_id] = item_kind(item)
    return ExamCoverage(
        tuple(_guide_coverage(guide, kinds_by_tag) for guide in guides),
        KindCounts.of(untagged),
    )


def _guide_coverage(
    guide: ExamGuide, kinds_by_tag: dict[str, dict[str, ItemKind]]
) -> GuideCoverage:
    in_guide: dict[str, ItemKind] = {}
    domains = []
    for domain in guide.domains:
        in_domain: dict[str, ItemKind] = {}
        tasks = []
        for task in domain.tasks:
            tagged = kinds_by_tag.get(task.tag, {})
            in_domain.update(tagged)
            tasks.append(TaskCoverage(task, KindCounts.of(tagged.values())))
        in_guide.update(in_domain)
        domains.append(
            DomainCoverage(
                domain.number,
                domain.name,
                domain.weight,
                KindCounts.of(in_domain.values()),
                tuple(tasks),
            )
        )
    return GuideCoverage(guide, KindCounts.of(in_guide.values()), tuple(domains))
