"""A mock exam's results: each question reviewed, the score per topic, and the review log rows
that submitting writes (wrong or blank is Again)."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from studyapp.content import Question, Scenario, content_hash, item_kind
from studyapp.content.guides import Domain
from studyapp.scoring import PASSING_SCORE, scaled_score
from studyapp.srs import Rating, StudyScheduler
from studyapp.store import ItemState, ReviewRecord
from studyapp.study.options import ShownOptions

ExamItem = Question | Scenario


def given_answer(item: ExamItem, chosen: Collection[int]) -> list[str]:
    """What was picked, as the review log stores it: choice texts, or a scenario's service ids."""
    if isinstance(item, Scenario):
        return [item.options[i] for i in sorted(chosen)]
    return [item.choices[i].text for i in sorted(chosen)]


@dataclass(frozen=True)
class ReviewedQuestion:
    """One question after the exam: the pick, the right options and each option's why.

    `picked` and `right` are authored indices; `shown` has the options as the exam showed them."""

    position: int
    item: ExamItem
    topic_id: str
    #: The topic's title in the deck, as the learner knows it (`Amazon API Gateway`).
    topic_title: str
    picked: tuple[int, ...] | None
    right: tuple[int, ...]
    shown: ShownOptions
    flagged: bool
    #: False for one of a guide exam's unscored questions (revealed only after the exam).
    scored: bool = True
    #: The guide domain it counted for, in a guide exam.
    domain: int | None = None

    @property
    def correct(self) -> bool:
        """Right only when exactly the right options were picked (both of a choose-two)."""
        return self.picked == self.right


@dataclass(frozen=True)
class TopicScore:
    """How one topic went: questions right of questions asked."""

    topic_id: str
    title: str
    correct: int
    total: int


@dataclass(frozen=True)
class DomainScore:
    """How one domain of a guide exam went: scored questions right of scored questions asked,
    and its verdict as AWS's score report words it."""

    number: int
    name: str
    weight: int
    correct: int
    total: int
    unscored: int = 0

    @property
    def meets_competencies(self) -> bool | None:
        """Whether this domain alone would score the pass mark on the same simulated scale
        (at least 620 of every 900 points right, 68.9%); None with no scored question."""
        if self.total == 0:
            return None
        return scaled_score(self.correct, self.total) >= PASSING_SCORE


@dataclass(frozen=True)
class ExamResult:
    """The score on the simulated scale, per topic (and per domain of a guide exam), the time
    used and every question reviewed; `correct` of `total` counts only scored questions."""

    exam_id: str
    correct: int
    total: int
    score: int
    time_used: timedelta
    time_limit: timedelta
    topics: tuple[TopicScore, ...]
    questions: tuple[ReviewedQuestion, ...]
    guide_id: str | None = None
    domains: tuple[DomainScore, ...] = ()
    #: When the questions missed (wrong or blank) are due for review, as scheduled on submit,
    #: earliest first; empty before submitting.
    missed_due: tuple[datetime, ...] = ()

    @property
    def passed(self) -> bool:
        return self.score >= PASSING_SCORE

    @property
    def unscored(self) -> int:
        """How many questions did not count."""
        return sum(1 for question in self.questions if not question.scored)

    @property
    def missed(self) -> tuple[ReviewedQuestion, ...]:
        """The questions answered wrong or left unanswered, in exam order."""
        return tuple(question for question in self.questions if not question.correct)


def topic_scores(
    questions: Sequence[ReviewedQuestion], topic_order: Sequence[str]
) -> tuple[TopicScore, ...]:
    """Right and asked per topic that had questions, in the deck's topic order."""
    tally: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for question in questions:
        counts = tally.setdefault(question.topic_id, [0, 0])
        titles[question.topic_id] = question.topic_title
        counts[0] += int(question.correct)
        counts[1] += 1
    rank = {topic: n for n, topic in enumerate(topic_order)}
    ordered = sorted(tally.items(), key=lambda entry: rank.get(entry[0], len(rank)))
    return tuple(
        TopicScore(topic, titles[topic], right, asked) for topic, (right, asked) in ordered
    )


def domain_scores(
    questions: Sequence[ReviewedQuestion], domains: Sequence[Domain]
) -> tuple[DomainScore, ...]:
    """Scored right and asked (and unscored asked) per domain, every domain of the guide in
    its order."""
    tally = {domain.number: [0, 0, 0] for domain in domains}
    for question in questions:
        if question.domain not in tally:
            continue
        counts = tally[question.domain]
        if question.scored:
            counts[0] += int(question.correct)
            counts[1] += 1
        else:
            counts[2] += 1
    return tuple(DomainScore(d.number, d.name, d.weight, *tally[d.number]) for d in domains)


def review_of(
    question: ReviewedQuestion, now: datetime, exam_id: str, scheduler: StudyScheduler
) -> tuple[ReviewRecord, Callable[[ItemState | None], ItemState]]:
    """The review log row for one question of a submitted exam, and its next memory state."""
    item, kind = question.item, item_kind(question.item)
    rating = Rating.GOOD if question.correct else Rating.AGAIN
    picked = question.picked
    record = ReviewRecord(
        item_id=item.id,
        kind=kind,
        reviewed_at=now,
        rating=int(rating),
        correct=question.correct,
        answer=None if picked is None else json.dumps(given_answer(item, picked)),
        session_id=exam_id,
        content_hash=content_hash(item),
    )

    def next_state(prior: ItemState | None) -> ItemState:
        return scheduler.next_state(prior, item.id, kind, rating, now)

    return record, next_state
