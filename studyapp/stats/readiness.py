"""Exam readiness: the mock-exam score to expect on the exam date, with an honest range.

The model and what it assumes are in `readiness_model`; the evidence it reads in
`readiness_evidence`; what it reports in `readiness_types`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from studyapp.content import Deck
from studyapp.content.guides import ExamGuide
from studyapp.errors import UsageError
from studyapp.scoring import DEFAULT_QUESTION_COUNT, EXAM_KINDS, topic_quotas
from studyapp.srs import StudyScheduler
from studyapp.stats.readiness_domains import domain_chances, domain_readiness, item_ids_by_domain
from studyapp.stats.readiness_evidence import DEFAULT_HORIZON_DAYS, deck_evidence, deck_floors
from studyapp.stats.readiness_model import (
    MODEL_SPREAD,
    RANGE_COVERAGE,
    QuestionGroup,
    chance_right,
    exam_outlook,
    group_of,
    guessing_floor,
    item_knowledge,
)
from studyapp.stats.readiness_types import (
    DomainReadiness,
    ExamOutlook,
    FirstSight,
    Horizon,
    ItemEvidence,
    LaterAnswers,
    Readiness,
    TopicReadiness,
)
from studyapp.store import Store

#: Ties between topics' quota remainders are broken with this seed, so readiness is stable.
_QUOTA_SEED = 0


def _exam_item_ids_by_topic(deck: Deck, topic_ids: Sequence[str] | None) -> dict[str, list[str]]:
    """The questions and scenarios of each topic that has any, in deck order."""
    unknown = [topic for topic in topic_ids or () if topic not in deck.topics]
    if unknown:
        raise UsageError(f"no topic {unknown[0]!r} in the deck")
    by_topic: dict[str, list[str]] = {topic: [] for topic in (topic_ids or deck.topics)}
    topic_of = deck.topic_of
    for item_id in deck.item_ids_of(EXAM_KINDS, topic_ids):
        by_topic[topic_of[item_id]].append(item_id)
    return {topic: item_ids for topic, item_ids in by_topic.items() if item_ids}


def _drawn_groups(
    floors: Mapping[str, Sequence[float]],
    knowledge: Mapping[str, Sequence[float]],
    question_count: int,
) -> list[QuestionGroup]:
    """Each topic's quota of drawn questions as one group with the topic's mean chance."""
    sizes = {topic: len(values) for topic, values in floors.items()}
    quotas = topic_quotas(sizes, question_count, random.Random(_QUOTA_SEED))
    return [
        group_of(floors[topic], knowledge[topic], quotas[topic])
        for topic in floors
        if quotas[topic]
    ]


def _floors_by_topic(
    deck: Deck, ids_by_topic: Mapping[str, Sequence[str]], floors: Mapping[str, float] | None
) -> dict[str, list[float]]:
    """Each topic's items' guessing floors, from `floors` when given."""
    return {
        topic: [guessing_floor(deck.items[i]) if floors is None else floors[i] for i in item_ids]
        for topic, item_ids in ids_by_topic.items()
    }


class _Shown(NamedTuple):
    """What the learner's first and later answers show, and how and when memory counts."""

    first: FirstSight
    later: LaterAnswers
    scheduler: StudyScheduler
    at: datetime


def _knowledge_by_topic(
    ids_by_topic: Mapping[str, Sequence[str]],
    item_floors: Mapping[str, Sequence[float]],
    evidence: Mapping[str, ItemEvidence],
    shown: _Shown,
) -> dict[str, list[float]]:
    """Each topic's items' knowledge at `at`: first-sight knowledge for an unseen one."""
    k, exponent = shown.first.knowledge, shown.later.exponent
    scheduler, at = shown.scheduler, shown.at
    return {
        topic: [
            k
            if (seen := evidence.get(i)) is None
            else item_knowledge(f, k, seen, scheduler, at, exponent)
            for f, i in zip(item_floors[topic], item_ids, strict=True)
        ]
        for topic, item_ids in ids_by_topic.items()
    }


def _unseen_prior(
    ids_by_topic: Mapping[str, Sequence[str]],
    item_floors: Mapping[str, Sequence[float]],
    evidence: Mapping[str, ItemEvidence],
    first: FirstSight,
) -> float:
    """The mean chance of an unseen item (of a four-option question when none is unseen)."""
    unseen = [
        chance_right(f, first.knowledge)
        for topic, item_ids in ids_by_topic.items()
        for f, i in zip(item_floors[topic], item_ids, strict=True)
        if i not in evidence
    ]
    return sum(unseen) / len(unseen) if unseen else chance_right(0.25, first.knowledge)


def _topic_readiness(
    deck: Deck,
    topic: str,
    item_ids: Sequence[str],
    evidence: Mapping[str, ItemEvidence],
    floors: Sequence[float],
    knowledge: Sequence[float],
    question_count: int,
) -> TopicReadiness:
    """One topic's readiness: the outlook of an exam drawn from that topic alone."""
    return TopicReadiness(
        topic_id=topic,
        title=deck.topics[topic].title,
        items=len(item_ids),
        seen=sum(item_id in evidence for item_id in item_ids),
        outlook=exam_outlook(_drawn_groups({topic: floors}, {topic: knowledge}, question_count)),
    )


def _guide_readiness(
    deck: Deck,
    guide: ExamGuide,
    ids_by_topic: Mapping[str, Sequence[str]],
    item_floors: Mapping[str, Sequence[float]],
    evidence: Mapping[str, ItemEvidence],
    shown: _Shown,
) -> tuple[tuple[DomainReadiness, ...], list[QuestionGroup]]:
    """The guide's domains, each with its own first-sight knowledge, and the groups of the
    guide's exam."""
    floors = {
        item_id: floor
        for topic, item_ids in ids_by_topic.items()
        for item_id, floor in zip(item_ids, item_floors[topic], strict=True)
    }
    ids_by_domain = item_ids_by_domain(deck, guide, floors)
    chances, sds = domain_chances(ids_by_domain, floors, evidence, *shown)
    return domain_readiness(guide, ids_by_domain, chances, evidence, sds)


def readiness_from_evidence(
    deck: Deck,
    evidence: Mapping[str, ItemEvidence],
    first: FirstSight,
    later: LaterAnswers,
    scheduler: StudyScheduler,
    horizon: Horizon,
    topic_ids: Sequence[str] | None = None,
    question_count: int = DEFAULT_QUESTION_COUNT,
    floors: Mapping[str, float] | None = None,
    guide: ExamGuide | None = None,
) -> Readiness:
    """Readiness from each seen item's evidence and the learner's first-sight knowledge;
    `floors`: each item's guessing floor, if known. With a `guide`, per domain too, and
    without `topic_ids` the exam is the guide's (scored questions by domain weight)."""
    ids_by_topic = _exam_item_ids_by_topic(deck, topic_ids)
    item_floors = _floors_by_topic(deck, ids_by_topic, floors)
    shown = _Shown(first, later, scheduler, horizon.at)
    knowledge = _knowledge_by_topic(ids_by_topic, item_floors, evidence, shown)
    topics = _topics_readiness(deck, ids_by_topic, evidence, item_floors, knowledge, question_count)
    domains, guide_exam = _by_guide(
        deck, guide, topic_ids, ids_by_topic, item_floors, evidence, shown
    )
    return Readiness(
        at=horizon.at,
        horizon=horizon,
        items=sum(len(item_ids) for item_ids in ids_by_topic.values()),
        seen=sum(topic.seen for topic in topics),
        first_sight=first,
        later_answers=later,
        unseen_prior=_unseen_prior(ids_by_topic, item_floors, evidence, first),
        range_coverage=RANGE_COVERAGE,
        model_spread=MODEL_SPREAD,
        overall=guide_exam or exam_outlook(_drawn_groups(item_floors, knowledge, question_count)),
        topics=topics,
        guide_id=None if guide is None else guide.id,
        domains=domains,
        weighting="topics" if guide_exam is None else "domains",
    )


def _topics_readiness(
    deck: Deck,
    ids_by_topic: Mapping[str, list[str]],
    evidence: Mapping[str, ItemEvidence],
    item_floors: Mapping[str, Sequence[float]],
    knowledge: Mapping[str, Sequence[float]],
    question_count: int,
) -> tuple[TopicReadiness, ...]:
    return tuple(
        _topic_readiness(
            deck, topic, item_ids, evidence, item_floors[topic], knowledge[topic], question_count
        )
        for topic, item_ids in ids_by_topic.items()
    )


def _by_guide(
    deck: Deck,
    guide: ExamGuide | None,
    topic_ids: Sequence[str] | None,
    ids_by_topic: Mapping[str, list[str]],
    item_floors: Mapping[str, Sequence[float]],
    evidence: Mapping[str, ItemEvidence],
    shown: _Shown,
) -> tuple[tuple[DomainReadiness, ...], ExamOutlook | None]:
    """Readiness per domain of the guide, and the guide's whole exam when no topics narrow
    it (None: keep the topic-weighted exam)."""
    if guide is None:
        return (), None
    domains, guide_groups = _guide_readiness(
        deck, guide, ids_by_topic, item_floors, evidence, shown
    )
    if topic_ids is None and guide_groups:
        return domains, exam_outlook(guide_groups)
    return domains, None


def readiness(
    deck: Deck,
    store: Store,
    scheduler: StudyScheduler,
    now: datetime,
    topic_ids: Sequence[str] | None = None,
    question_count: int = DEFAULT_QUESTION_COUNT,
    horizon: Horizon | None = None,
    guide: ExamGuide | None = None,
) -> Readiness:
    """The expected mock-exam score at the horizon (default: 7 days from `now`), overall and
    per topic (and per domain of `guide`). First-sight knowledge comes from every question
    and scenario of the deck."""
    floors = deck_floors(deck)
    evidence, first, later = deck_evidence(store, list(floors), floors)
    when = horizon or Horizon(
        now + timedelta(days=DEFAULT_HORIZON_DAYS), float(DEFAULT_HORIZON_DAYS), "default"
    )
    return readiness_from_evidence(
        deck, evidence, first, later, scheduler, when, topic_ids, question_count, floors, guide
    )
