"""Simulated learners whose true recall follows models other than readiness's own.

Each truth model decides, for one simulated learner, the chance of a right answer to each
question at any time. The learner studies for some days as studyapp would schedule it (the
real `StudyScheduler` writes the states readiness reads), readiness predicts an exam some
days later, and exams drawn as `draw_exam_item_ids` draws them are scored from the truth.
Used by tests/test_readiness.py and bench/calibrate_readiness.py.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import fsrs

from studyapp.content import Deck
from studyapp.content.guides import ExamGuide
from studyapp.srs import Rating, StudyScheduler
from studyapp.stats import (
    FirstSight,
    Horizon,
    ItemEvidence,
    LaterAnswers,
    Readiness,
    first_sight,
    guessing_floor,
    later_answers,
    readiness_from_evidence,
)
from studyapp.store import ItemState
from studyapp.study.exam import EXAM_KINDS, PASSING_SCORE, draw_exam_item_ids, scaled_score

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


class LearnerTruth:
    """One learner's true chance of answering each item right, and how answers change it."""

    def __init__(self, rng: random.Random, floors: Mapping[str, float]) -> None:
        self.rng = rng
        self.floors = floors
        #: Items the learner knew before studying: always right.
        self.known_before = {i for i in floors if rng.random() < self.prior_knowledge()}

    def prior_knowledge(self) -> float:
        return self.rng.uniform(0.0, 0.3)

    def guess(self, item_id: str) -> float:
        return self.floors[item_id]

    def recall(self, item_id: str, at: datetime) -> float:
        raise NotImplementedError

    def studied(self, item_id: str, right: bool, at: datetime) -> None:
        raise NotImplementedError

    def chance(self, item_id: str, at: datetime) -> float:
        if item_id in self.known_before:
            return 1.0
        g = self.guess(item_id)
        return g + (1.0 - g) * self.recall(item_id, at)


class FsrsOther(LearnerTruth):
    """FSRS-6 with a steeper forgetting curve and its own initial stabilities per learner."""

    def __init__(self, rng: random.Random, floors: Mapping[str, float]) -> None:
        super().__init__(rng, floors)
        weights = list(fsrs.scheduler.DEFAULT_PARAMETERS)
        ability = math.exp(rng.gauss(0.0, 0.6))
        weights[0:4] = [w * ability for w in weights[0:4]]
        weights[20] = 0.5  # FSRS-4.5's curve: far steeper than FSRS-6's default 0.1542
        self.scheduler = StudyScheduler(parameters=weights)
        self.states: dict[str, ItemState] = {}

    def recall(self, item_id: str, at: datetime) -> float:
        return self.scheduler.retrievability(self.states.get(item_id), at)

    def studied(self, item_id: str, right: bool, at: datetime) -> None:
        rating = Rating.GOOD if right else Rating.AGAIN
        prior = self.states.get(item_id)
        self.states[item_id] = self.scheduler.next_state(prior, item_id, "question", rating, at)


class Exponential(LearnerTruth):
    """Exponential forgetting, 2^(-t/h), with half-lives per learner and item."""

    def __init__(self, rng: random.Random, floors: Mapping[str, float]) -> None:
        super().__init__(rng, floors)
        self.first_half_life = rng.uniform(0.3, 3.0)
        self.growth = rng.uniform(1.5, 4.0)
        self.half_life: dict[str, float] = {}
        self.last_seen: dict[str, datetime] = {}

    def recall(self, item_id: str, at: datetime) -> float:
        if item_id not in self.last_seen:
            return 0.0
        days = (at - self.last_seen[item_id]) / DAY
        return float(2.0 ** (-days / self.half_life[item_id]))

    def studied(self, item_id: str, right: bool, at: datetime) -> None:
        if item_id not in self.half_life:
            h = self.first_half_life * math.exp(self.rng.gauss(0.0, 0.5))
        elif right:
            h = self.half_life[item_id] * self.growth * math.exp(self.rng.gauss(0.0, 0.3))
        else:
            h = max(0.2, self.half_life[item_id] * 0.4)
        self.half_life[item_id] = h
        self.last_seen[item_id] = at  # every answer shows the right one


class BetterGuesser(FsrsOther):
    """Eliminates options: guesses right with floor + 30% of the rest; recall 0.9 x R."""

    def guess(self, item_id: str) -> float:
        return self.floors[item_id] + 0.3 * (1.0 - self.floors[item_id])

    def recall(self, item_id: str, at: datetime) -> float:
        return 0.9 * super().recall(item_id, at)


class FlatGuesser(Exponential):
    """Guesses right a quarter of the time whatever the form; recall 0.9 x an exponential."""

    def guess(self, item_id: str) -> float:
        return 0.25

    def recall(self, item_id: str, at: datetime) -> float:
        return 0.9 * super().recall(item_id, at)


TRUTH_MODELS: dict[str, Callable[[random.Random, Mapping[str, float]], LearnerTruth]] = {
    "fsrs-steep": FsrsOther,
    "exponential": Exponential,
    "better-guesser": BetterGuesser,
    "flat-guesser": FlatGuesser,
}


@dataclass
class Record:
    """What studyapp would know of one learner: states and the shape of each item's answers."""

    states: dict[str, ItemState] = field(default_factory=dict)
    first_right: dict[str, bool] = field(default_factory=dict)
    ever_wrong: set[str] = field(default_factory=set)
    last_right_at: dict[str, datetime] = field(default_factory=dict)
    answers: dict[str, list[int]] = field(default_factory=dict)

    def evidence(self) -> dict[str, ItemEvidence]:
        return {
            i: ItemEvidence(
                s.stability, self.first_right[i], i in self.ever_wrong, self.last_right_at.get(i)
            )
            for i, s in self.states.items()
        }

    def first_sight(self, floors: Mapping[str, float]) -> FirstSight:
        return first_sight((floors[i], right) for i, right in self.first_right.items())

    def later_answers(self, floors: Mapping[str, float]) -> LaterAnswers:
        return later_answers(
            (floors[i], n - 1, right - self.first_right[i])
            for i, (n, right) in self.answers.items()
        )


def study(
    truth: LearnerTruth, item_ids: list[str], scheduler: StudyScheduler, rng: random.Random
) -> tuple[Record, datetime]:
    """Some days of quizzes: due items first, then a few new ones; returns the last study time."""
    record = Record()
    days, new_per_day = rng.randint(3, 40), rng.choice([3, 6, 10, 20])
    unseen = list(item_ids)
    rng.shuffle(unseen)
    now = START
    for day in range(days):
        if rng.random() < 0.2:
            continue
        now = START + day * DAY + timedelta(hours=rng.uniform(0, 12))
        due = [i for i, s in record.states.items() if s.due <= now]
        new = [unseen.pop() for _ in range(min(new_per_day, len(unseen)))]
        for item_id in due + new:
            right = rng.random() < truth.chance(item_id, now)
            rating = Rating.GOOD if right else Rating.AGAIN
            prior = record.states.get(item_id)
            record.states[item_id] = scheduler.next_state(prior, item_id, "question", rating, now)
            record.first_right.setdefault(item_id, right)
            counts = record.answers.setdefault(item_id, [0, 0])
            counts[0] += 1
            counts[1] += right
            if right:
                record.last_right_at[item_id] = now
            else:
                record.ever_wrong.add(item_id)
            truth.studied(item_id, right, now)
    return record, now


@dataclass(frozen=True)
class LearnerCheck:
    """One simulated learner: the prediction and how their simulated exams went."""

    predicted: Readiness
    inside: int
    exams: int
    passed: int
    mean_score: float


def check_learner(
    deck: Deck,
    make_truth: Callable[[random.Random, Mapping[str, float]], LearnerTruth],
    seed: int,
    exams: int,
    floors: Mapping[str, float] | None = None,
) -> LearnerCheck:
    """Simulate one learner, predict, then sit `exams` simulated exams from the truth."""
    rng = random.Random(seed)
    item_ids = deck.item_ids_of(EXAM_KINDS)
    true_floors = {i: guessing_floor(deck.items[i]) for i in item_ids}
    truth = make_truth(rng, true_floors)
    scheduler = StudyScheduler()
    record, last = study(truth, item_ids, scheduler, rng)
    days_ahead = rng.choice([0, 1, 3, 7, 14, 30])
    at = last + timedelta(days=days_ahead)
    horizon = Horizon(at, float(days_ahead), "default")
    used_floors = floors if floors is not None else true_floors
    predicted = readiness_from_evidence(
        deck,
        record.evidence(),
        record.first_sight(used_floors),
        record.later_answers(used_floors),
        scheduler,
        horizon,
        floors=used_floors,
    )
    chance = {i: truth.chance(i, at) for i in item_ids}
    outlook = predicted.overall
    scores = []
    for _ in range(exams):
        drawn = draw_exam_item_ids(deck, None, outlook.questions, rng)
        right = sum(rng.random() < chance[i] for i in drawn)
        scores.append(scaled_score(right, len(drawn)))
    return LearnerCheck(
        predicted=predicted,
        inside=sum(outlook.score_low <= s <= outlook.score_high for s in scores),
        exams=exams,
        passed=sum(s >= PASSING_SCORE for s in scores),
        mean_score=sum(scores) / len(scores),
    )


@dataclass(frozen=True)
class Calibration:
    """Coverage of the range and error of the pass chance over many simulated learners."""

    model: str
    learners: int
    coverage: float
    mean_pass_error: float
    mean_score_error: float


def calibrate(
    deck: Deck,
    model: str,
    learners: int,
    exams: int,
    seed: int,
    floors: Mapping[str, float] | None = None,
) -> Calibration:
    checks = [
        check_learner(deck, TRUTH_MODELS[model], seed * 10_000 + n, exams, floors)
        for n in range(learners)
    ]
    inside = sum(c.inside for c in checks)
    total = sum(c.exams for c in checks)
    pass_error = sum(
        abs(c.passed / c.exams - c.predicted.overall.pass_probability) for c in checks
    ) / len(checks)
    score_error = sum(abs(c.mean_score - c.predicted.overall.expected_score) for c in checks) / len(
        checks
    )
    return Calibration(model, learners, inside / total, pass_error, score_error)


# per domain of an exam guide ------------------------------------------------------------


class DomainStrengths(LearnerTruth):
    """Another model's learner who is stronger in some domains of a guide than in others.

    Per domain, its own share of items known before studying (0-50%) and a factor (0.5-1)
    on the other model's recall; items of no domain keep the other model's own.
    """

    def __init__(
        self, inner: LearnerTruth, domain_of: Mapping[str, int], rng: random.Random
    ) -> None:
        self.rng, self.floors, self.inner, self.domain_of = rng, inner.floors, inner, domain_of
        domains = sorted(set(domain_of.values()))
        self.known_share = {d: rng.uniform(0.0, 0.5) for d in domains}
        self.recall_factor = {d: rng.uniform(0.5, 1.0) for d in domains}
        self.known_before = {i for i in self.floors if self._knew(i)}

    def _knew(self, item_id: str) -> bool:
        domain = self.domain_of.get(item_id)
        if domain is None:
            return item_id in self.inner.known_before
        return self.rng.random() < self.known_share[domain]

    def guess(self, item_id: str) -> float:
        return self.inner.guess(item_id)

    def recall(self, item_id: str, at: datetime) -> float:
        factor = self.recall_factor.get(self.domain_of.get(item_id, -1), 1.0)
        return factor * self.inner.recall(item_id, at)

    def studied(self, item_id: str, right: bool, at: datetime) -> None:
        self.inner.studied(item_id, right, at)


def first_tag_domains(deck: Deck, guide: ExamGuide) -> dict[str, int]:
    """Each exam item's domain: that of its first task tag naming `guide` (written out here
    rather than taken from readiness, which it checks)."""
    number_of = {f"{guide.id}:{t.id}": d.number for d in guide.domains for t in d.tasks}
    domain_of: dict[str, int] = {}
    for item_id in deck.item_ids_of(EXAM_KINDS):
        tags = [t for t in deck.items[item_id].exam if t.startswith(f"{guide.id}:")]
        if tags and tags[0] in number_of:
            domain_of[item_id] = number_of[tags[0]]
    return domain_of


@dataclass(frozen=True)
class DomainLearnerCheck:
    """One simulated learner's guide exams: per domain and overall, how many fell in range."""

    predicted: Readiness
    domain_inside: int
    domain_results: int
    inside: int
    exams: int
    #: Mean |expected share - the truth's mean chance of the domain's items| over domains.
    share_error: float


def check_learner_by_domain(
    deck: Deck,
    guide: ExamGuide,
    make_truth: Callable[[random.Random, Mapping[str, float]], LearnerTruth],
    seed: int,
    exams: int,
) -> DomainLearnerCheck:
    """Simulate a learner with strengths per domain, predict with `guide`, then sit guide
    exams: each domain's questions drawn from its items, as many as readiness gives it."""
    rng = random.Random(seed)
    item_ids = deck.item_ids_of(EXAM_KINDS)
    floors = {i: guessing_floor(deck.items[i]) for i in item_ids}
    domain_of = first_tag_domains(deck, guide)
    truth = DomainStrengths(make_truth(rng, floors), domain_of, rng)
    scheduler = StudyScheduler()
    record, last = study(truth, item_ids, scheduler, rng)
    days_ahead = rng.choice([0, 1, 3, 7, 14, 30])
    at = last + timedelta(days=days_ahead)
    predicted = readiness_from_evidence(
        deck,
        record.evidence(),
        record.first_sight(floors),
        record.later_answers(floors),
        scheduler,
        Horizon(at, float(days_ahead), "default"),
        floors=floors,
        guide=guide,
    )
    chance = {i: truth.chance(i, at) for i in item_ids}
    pools = {d.number: [i for i in item_ids if domain_of.get(i) == d.number] for d in guide.domains}
    domain_inside = inside = 0
    share_error = 0.0
    for _ in range(exams):
        right = total = 0
        for domain in predicted.domains:
            drawn = rng.sample(pools[domain.number], domain.outlook.questions)
            got = sum(rng.random() < chance[i] for i in drawn)
            domain_inside += domain.right_low <= got <= domain.right_high
            right, total = right + got, total + len(drawn)
        o = predicted.overall
        inside += o.score_low <= scaled_score(right, total) <= o.score_high
    for domain in predicted.domains:  # the truth's own expectation of the domain's share
        pool = pools[domain.number]
        share_error += abs(sum(chance[i] for i in pool) / len(pool) - domain.expected_share)
    results = exams * len(predicted.domains)
    return DomainLearnerCheck(
        predicted, domain_inside, results, inside, exams, share_error / len(predicted.domains)
    )


@dataclass(frozen=True)
class DomainCalibration:
    """Coverage of the domains' ranges and of the guide exam's, over simulated learners."""

    model: str
    learners: int
    domain_coverage: float
    coverage: float
    worst_learner_domain_coverage: float
    mean_share_error: float
    #: The mean chance the domains' ranges give themselves (at least RANGE_COVERAGE: counts
    #: of a few questions cannot split the distribution at exactly 5% and 95%).
    stated_domain_coverage: float


def calibrate_by_domain(
    deck: Deck, guide: ExamGuide, model: str, learners: int, exams: int, seed: int
) -> DomainCalibration:
    checks = [
        check_learner_by_domain(deck, guide, TRUTH_MODELS[model], seed * 10_000 + n, exams)
        for n in range(learners)
    ]
    return DomainCalibration(
        model,
        learners,
        sum(c.domain_inside for c in checks) / sum(c.domain_results for c in checks),
        sum(c.inside for c in checks) / sum(c.exams for c in checks),
        min(c.domain_inside / c.domain_results for c in checks),
        sum(c.share_error for c in checks) / len(checks),
        sum(d.outlook.range_probability for c in checks for d in c.predicted.domains)
        / sum(len(c.predicted.domains) for c in checks),
    )
