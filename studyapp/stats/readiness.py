"""Exam readiness: the mock-exam score to expect if the exam were today, with an honest range.

The model, and what it assumes:

- Each question and scenario is answered right with its own probability: FSRS's current
  retrievability for an item with a state, `UNSEEN_PRIOR` for one never seen. Answers are
  independent of each other.
- An exam draws its questions as `draw_exam_item_ids` does: each topic gets its share of
  the questions (`topic_quotas`) and fills it with random items of that topic. A drawn item
  is therefore right with its topic's mean probability, and the number right is a sum of
  independent Bernoulli draws (Poisson-binomial), computed exactly by dynamic programming
  over the exam's questions. (Drawing without repeats makes draws very slightly negatively
  correlated, so the true spread is at most this wide.)
- The expected score is `scaled_score`'s formula applied to the expected share right; the
  range holds the middle `RANGE_COVERAGE` of the score's distribution (the 5th to the 95th
  percentile), so a simulated exam lands in it at least 90% of the time.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from studyapp.content import Deck
from studyapp.errors import UsageError
from studyapp.srs import StudyScheduler
from studyapp.store import Store
from studyapp.study.exam import (
    DEFAULT_QUESTION_COUNT,
    EXAM_KINDS,
    PASSING_SCORE,
    scaled_score,
    topic_quotas,
)

#: The chance of a right answer to a never-seen question or scenario. Blind guessing gets
#: about 0.24 on the shipped deck (4-option single answers 0.25, 3-option scenarios 0.33,
#: "choose two of five" 0.10); some background knowledge and elimination of absurd
#: options adds about 15% of the rest: 0.24 + 0.76 * 0.15 ≈ 0.35. Deliberately not 0.5,
#: which would promise a beginner a score they would not get.
UNSEEN_PRIOR = 0.35
#: How much of the score's distribution the range holds: the 5th to the 95th percentile.
RANGE_COVERAGE = 0.9
#: Expected shares are put on the score scale as if out of this many questions.
_SCALE_RESOLUTION = 1_000_000
#: Ties between topics' quota remainders are broken with this seed, so readiness is stable.
_QUOTA_SEED = 0


@dataclass(frozen=True)
class ExamOutlook:
    """What an exam of `questions` questions would score today: expectation, range, pass chance."""

    questions: int
    expected_share: float
    expected_score: int
    score_low: int
    score_high: int
    range_probability: float
    pass_probability: float


@dataclass(frozen=True)
class TopicReadiness:
    """One topic's readiness, with the outlook of an exam on that topic alone."""

    topic_id: str
    title: str
    items: int
    seen: int
    outlook: ExamOutlook


@dataclass(frozen=True)
class Readiness:
    """The whole exam's outlook and each topic's, with the assumptions they were made with."""

    at: datetime
    items: int
    seen: int
    unseen_prior: float
    range_coverage: float
    overall: ExamOutlook
    topics: tuple[TopicReadiness, ...]


def correct_count_distribution(probabilities: Iterable[float]) -> list[float]:
    """P(k right) for k = 0..n when each of n independent items is right with its probability."""
    distribution = [1.0]
    for p in probabilities:
        step = [0.0] * (len(distribution) + 1)
        for k, mass in enumerate(distribution):
            step[k] += mass * (1.0 - p)
            step[k + 1] += mass * p
        distribution = step
    return distribution


def expected_scaled_score(share: float) -> int:
    """`scaled_score` of an expected share right: 100 for none, 1000 for all, monotone between."""
    clamped = min(1.0, max(0.0, share))
    return scaled_score(round(clamped * _SCALE_RESOLUTION), _SCALE_RESOLUTION)


def _central_range(distribution: Sequence[float], coverage: float) -> tuple[int, int]:
    """The counts (low, high) with at most (1 - coverage) / 2 of the mass below and above."""
    tail = (1.0 - coverage) / 2 + 1e-12
    below, low = 0.0, 0
    while below + distribution[low] <= tail:
        below += distribution[low]
        low += 1
    above, high = 0.0, len(distribution) - 1
    while above + distribution[high] <= tail:
        above += distribution[high]
        high -= 1
    return low, high


def exam_outlook(probabilities: Sequence[float], coverage: float = RANGE_COVERAGE) -> ExamOutlook:
    """The score distribution of an exam whose questions are right with these probabilities."""
    total = len(probabilities)
    if total == 0:
        raise UsageError("no questions or scenarios to predict an exam score from")
    distribution = correct_count_distribution(probabilities)
    low, high = _central_range(distribution, coverage)
    passing = [scaled_score(k, total) >= PASSING_SCORE for k in range(total + 1)]
    return ExamOutlook(
        questions=total,
        expected_share=sum(probabilities) / total,
        expected_score=expected_scaled_score(sum(probabilities) / total),
        score_low=scaled_score(low, total),
        score_high=scaled_score(high, total),
        range_probability=sum(distribution[low : high + 1]),
        pass_probability=sum(m for m, passes in zip(distribution, passing, strict=True) if passes),
    )


def _drawn_probabilities(
    recall_by_topic: Mapping[str, Sequence[float]], question_count: int
) -> list[float]:
    """Each drawn question's chance: its topic's mean, repeated for the topic's quota."""
    sizes = {topic: len(recalls) for topic, recalls in recall_by_topic.items()}
    quotas = topic_quotas(sizes, question_count, random.Random(_QUOTA_SEED))
    return [
        sum(recalls) / len(recalls)
        for topic, recalls in recall_by_topic.items()
        for _ in range(quotas[topic])
    ]


def _exam_item_ids_by_topic(deck: Deck, topic_ids: Sequence[str] | None) -> dict[str, list[str]]:
    """The questions and scenarios of each topic that has any, in deck order."""
    unknown = [topic for topic in topic_ids or () if topic not in deck.topics]
    if unknown:
        raise UsageError(f"no topic {unknown[0]!r} in the deck")
    by_topic: dict[str, list[str]] = {topic: [] for topic in (topic_ids or deck.topics)}
    for item in deck.items_of(EXAM_KINDS, topic_ids):
        by_topic[deck.topic_of[item.id]].append(item.id)
    return {topic: item_ids for topic, item_ids in by_topic.items() if item_ids}


def readiness(
    deck: Deck,
    store: Store,
    scheduler: StudyScheduler,
    now: datetime,
    topic_ids: Sequence[str] | None = None,
    prior: float = UNSEEN_PRIOR,
    question_count: int = DEFAULT_QUESTION_COUNT,
) -> Readiness:
    """The expected mock-exam score at `now`, overall and per topic, from one read of the states."""
    ids_by_topic = _exam_item_ids_by_topic(deck, topic_ids)
    all_ids = [item_id for item_ids in ids_by_topic.values() for item_id in item_ids]
    states = store.states(all_ids)
    recall = {
        item_id: scheduler.retrievability(states[item_id], now) if item_id in states else prior
        for item_id in all_ids
    }
    recall_by_topic = {
        topic: [recall[item_id] for item_id in item_ids] for topic, item_ids in ids_by_topic.items()
    }
    topics = tuple(
        TopicReadiness(
            topic_id=topic,
            title=deck.topics[topic].title,
            items=len(item_ids),
            seen=sum(item_id in states for item_id in item_ids),
            outlook=exam_outlook(
                _drawn_probabilities({topic: recall_by_topic[topic]}, question_count)
            ),
        )
        for topic, item_ids in ids_by_topic.items()
    )
    return Readiness(
        at=now,
        items=len(all_ids),
        seen=len(states),
        unseen_prior=prior,
        range_coverage=RANGE_COVERAGE,
        overall=exam_outlook(_drawn_probabilities(recall_by_topic, question_count)),
        topics=topics,
    )
