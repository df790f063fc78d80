"""Readiness per domain of an exam guide, from the same per-item chances as per topic.

A question or scenario counts for the domain of its first task tag in the guide (`exam:
["dva-c02:1.2", ...]`); one with no tag in the guide counts for no domain. The guide's exam
shares its scored questions out by domain weight (largest remainder, as topics share an
exam by size), so each domain's outlook is that of its own share of the exam.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from studyapp.content import Deck
from studyapp.content.guides import ExamGuide, find_guide
from studyapp.scoring import topic_quotas
from studyapp.srs import StudyScheduler
from studyapp.stats.readiness_model import (
    QuestionGroup,
    domain_first_sight,
    exam_outlook_and_range,
    group_of,
    item_knowledge,
    widened_spread,
)
from studyapp.stats.readiness_types import DomainReadiness, FirstSight, ItemEvidence, LaterAnswers
from studyapp.store import Store

#: The guide readiness is per domain of while the learner has chosen none.
DEFAULT_GUIDE_ID = "dva-c02"
#: Ties between domains' quota remainders are broken with this seed, so readiness is stable.
_QUOTA_SEED = 0


def guide_for(store: Store | None = None, asked: str | None = None) -> str:
    """The guide readiness is per domain of: `asked` (`stats --guide`), else the learner's
    preferred guide (`studyapp settings exam_guide …`), else DEFAULT_GUIDE_ID."""
    if asked:
        return asked
    preferred = "none" if store is None else store.settings.current().exam_guide
    return DEFAULT_GUIDE_ID if preferred == "none" else preferred


def exam_guide(guide_id: str, guides: Mapping[str, ExamGuide] | None = None) -> ExamGuide:
    """The guide `guide_id` among `guides` (default: the shipped ones, read from disk), or a
    UsageError naming the known ones."""
    if guides is None:
        from studyapp.content.guides import load_guides

        guides = load_guides()[0].by_id
    return find_guide(guide_id, guides)


def item_ids_by_domain(
    deck: Deck, guide: ExamGuide, item_ids: Iterable[str]
) -> dict[int, list[str]]:
    """The items of each domain with any, by the first of their task tags in `guide`."""
    domain_of_task = {task.tag: domain.number for domain in guide.domains for task in domain.tasks}
    by_domain: dict[int, list[str]] = {domain.number: [] for domain in guide.domains}
    for item_id in item_ids:
        tags = deck.items[item_id].exam
        number = next((domain_of_task[t] for t in tags if t in domain_of_task), None)
        if number is not None:
            by_domain[number].append(item_id)
    return {number: ids for number, ids in by_domain.items() if ids}


def domain_chances(
    ids_by_domain: Mapping[int, Sequence[str]],
    floors: Mapping[str, float],
    evidence: Mapping[str, ItemEvidence],
    first: FirstSight,
    later: LaterAnswers,
    scheduler: StudyScheduler,
    at: datetime,
) -> tuple[dict[str, tuple[float, float]], dict[int, float]]:
    """Each domain item's (guessing floor, knowledge at `at`), as per topic but with the
    domain's own first-sight knowledge (`domain_first_sight`) in place of the overall one;
    and each domain's standard deviation of that knowledge."""
    chances: dict[str, tuple[float, float]] = {}
    sds: dict[int, float] = {}
    for number, item_ids in ids_by_domain.items():
        firsts = [
            (floors[i], seen.first_right)
            for i in item_ids
            if (seen := evidence.get(i)) is not None and seen.first_right is not None
        ]
        k, sds[number] = domain_first_sight(firsts, first)
        for i in item_ids:
            seen = evidence.get(i)
            known = (
                k
                if seen is None
                else item_knowledge(floors[i], k, seen, scheduler, at, later.exponent)
            )
            chances[i] = (floors[i], known)
    return chances, sds


def domain_quotas(
    guide: ExamGuide, pool_sizes: Mapping[int, int], question_count: int | None = None
) -> dict[int, int]:
    """How many of the guide exam's questions (default: its scored ones) each domain gets:
    its weight's share of those among domains with items, never more than it has."""
    count = guide.format.scored_questions if question_count is None else question_count
    weights = {str(d.number): d.weight for d in guide.domains if pool_sizes.get(d.number)}
    rng = random.Random(_QUOTA_SEED)
    quotas = topic_quotas(weights, min(count, sum(pool_sizes.values())), rng)
    return {int(number): min(quota, pool_sizes[int(number)]) for number, quota in quotas.items()}


def domain_readiness(
    guide: ExamGuide,
    ids_by_domain: Mapping[int, Sequence[str]],
    chances: Mapping[str, tuple[float, float]],
    evidence: Mapping[str, ItemEvidence],
    first_sight_sds: Mapping[int, float] | None = None,
    question_count: int | None = None,
) -> tuple[tuple[DomainReadiness, ...], list[QuestionGroup]]:
    """Each domain's readiness, and the question groups of the guide's whole exam. `chances`:
    each item's (guessing floor, knowledge at the horizon); `first_sight_sds`: each domain's
    standard deviation of its unseen items' knowledge, which widens its range."""
    sizes = {number: len(ids) for number, ids in ids_by_domain.items()}
    quotas = domain_quotas(guide, sizes, question_count)
    groups: list[QuestionGroup] = []
    domains: list[DomainReadiness] = []
    sds = first_sight_sds or {}
    for domain in guide.domains:
        item_ids = ids_by_domain.get(domain.number, ())
        if not quotas.get(domain.number):
            continue
        floors = [chances[i][0] for i in item_ids]
        group = group_of(floors, [chances[i][1] for i in item_ids], quotas[domain.number])
        spread = _domain_spread(group, item_ids, chances, evidence, sds.get(domain.number, 0.0))
        outlook, (low, high) = exam_outlook_and_range([group], spread=spread)
        groups.append(group)
        domains.append(
            DomainReadiness(
                guide_id=guide.id,
                number=domain.number,
                name=domain.name,
                weight=domain.weight,
                items=len(item_ids),
                seen=sum(i in evidence for i in item_ids),
                outlook=outlook,
                right_low=low,
                right_high=high,
            )
        )
    return tuple(domains), groups


def _domain_spread(
    group: QuestionGroup,
    item_ids: Sequence[str],
    chances: Mapping[str, tuple[float, float]],
    evidence: Mapping[str, ItemEvidence],
    first_sight_sd: float,
) -> float:
    """The domain's spread: MODEL_SPREAD widened by its unseen items' uncertain knowledge,
    by their share of its headroom above guessing."""
    headroom = sum(1.0 - chances[i][0] for i in item_ids)
    unseen = sum(1.0 - chances[i][0] for i in item_ids if i not in evidence)
    share = unseen / headroom if headroom > 0 else 0.0
    return widened_spread(group.knowledge, share, first_sight_sd)
