"""The readiness model: the chance of one item, and the score distribution of an exam.

The model, and what it assumes:

- A question or scenario is answered right when the learner knows the answer, or else by a
  guess that is right with the item's *guessing floor*: 1 in C(n, k) for a "choose k" of n
  options, 1 in n for a scenario. P(right) = floor + (1 - floor) * knowledge.
- An unseen item's knowledge is the learner's *first-sight knowledge* `k`: how far their
  first answers to questions and scenarios were above the floor, shrunk towards the floor
  as if `FIRST_SIGHT_WEIGHT` more first answers had been pure guesses (`first_sight`).
  Per domain of an exam guide, it is the domain's own: its first answers pooled with
  `DOMAIN_PRIOR_WEIGHT` imagined ones at `k` (`domain_first_sight`), and the doubt in it
  widens the domain's range by its unseen items' share (`widened_spread`).
- A seen item's knowledge is 1 - (1 - q) * (1 - m):
  - m, the memory shown: FSRS's recall probability at the exam instant, for the item's
    current stability, counted from its latest *right* answer (0 if it was never right).
    FSRS restarts its clock at every review, an Again included, which would count a wrong
    answer as study; here a wrong answer lowers stability and leaves the clock alone, so
    it never raises m.
  - q, knowledge from before studying: while every answer to it has been right, the chance
    that the first one was known rather than guessed, k / (floor + (1 - floor) * k); 0 once
    any answer was wrong.
- The exam is at `Horizon.at`: the start of the exam day `studyapp plan` stored, or
  `DEFAULT_HORIZON_DAYS` ahead. Nothing is assumed to be studied until then: this is
  what the exam would score if you stopped now.
- An exam draws its questions as `draw_exam_item_ids` does: each topic gets its share
  (`topic_quotas`) of random items of that topic, so a drawn item is right with its topic's
  mean chance, and the number right is Poisson-binomial, computed exactly. An exam of an
  exam guide shares its questions out by the guide's domain weights instead, each domain's
  drawn from the items whose first task tag in the guide is in it (`readiness_domains`).
- The model can be wrong about the learner as a whole (a steeper forgetting curve, better
  guessing). That is stated as a shared shift of every topic's knowledge on the logit scale,
  normal with standard deviation `MODEL_SPREAD`, integrated with Gauss-Hermite quadrature.
  The range holds the middle `RANGE_COVERAGE` of that mixture; the pass chance is its mass
  at `PASSING_SCORE` and above. tests/test_readiness.py checks both against simulated
  learners whose memory follows other models.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from studyapp.content import Item, Question, Scenario
from studyapp.errors import UsageError
from studyapp.scoring import PASSING_SCORE, scaled_score
from studyapp.srs import StudyScheduler
from studyapp.stats.readiness_types import ExamOutlook, FirstSight, ItemEvidence, LaterAnswers

#: First-sight answers are shrunk towards guessing as if this many more first answers (to
#: four-option questions) had been pure guesses: one lucky answer is not knowledge.
FIRST_SIGHT_WEIGHT = 10
#: The headroom above the floor of one of those imagined answers (a 1-in-4 guess).
_IMAGINED_HEADROOM = 0.75
#: A domain's first answers are pooled with this many imagined first answers (to four-option
#: questions) at the learner's overall first-sight knowledge: partial pooling, with the
#: imagined answers standing for how little domains usually differ (see `domain_first_sight`).
DOMAIN_PRIOR_WEIGHT = 10
#: Reviews are scheduled for when FSRS expects this recall; later answers are compared with it.
NOMINAL_RECALL = 0.9
#: Later answers are shrunk towards NOMINAL_RECALL as if this many more had matched it.
LATER_ANSWER_WEIGHT = 50
#: Bounds of the exponent that fits FSRS's recall to the learner's later answers.
_EXPONENT_BOUNDS = (0.25, 4.0)
#: Standard deviation, on the logit scale, of how far the model may be off for a learner.
MODEL_SPREAD = 0.5
#: The least d(share)/d(logit) the widening of a domain's spread divides by (near 0 or 1).
_MIN_SLOPE = 0.05
#: How much of the score's distribution the range holds: the 5th to the 95th percentile.
RANGE_COVERAGE = 0.9
#: Expected shares are put on the score scale as if out of this many questions.
_SCALE_RESOLUTION = 1_000_000
#: Gauss-Hermite nodes and weights (7 points) for the normal shift of knowledge.
_HERMITE_NODES = (
    -2.6519613568352334,
    -1.6735516287674714,
    -0.8162878828589647,
    0.0,
    0.8162878828589647,
    1.6735516287674714,
    2.6519613568352334,
)
_HERMITE_WEIGHTS = (
    0.0009717812450995192,
    0.05451558281912703,
    0.4256072526101278,
    0.8102646175568073,
    0.4256072526101278,
    0.05451558281912703,
    0.0009717812450995192,
)


def later_answers(records: Iterable[tuple[float, int, int]]) -> LaterAnswers:
    """From (floor, later answers, later right answers) of each seen item."""
    answers = right = 0
    above = headroom = 0.0
    for floor, count, count_right in records:
        answers += count
        right += count_right
        above += count_right - count * floor
        headroom += count * (1.0 - floor)
    prior = LATER_ANSWER_WEIGHT * _IMAGINED_HEADROOM
    # Clipped as a whole, so one more right answer never lowers it, one more wrong never raises.
    knowledge = max(0.0, above + prior * NOMINAL_RECALL) / (headroom + prior)
    low, high = _EXPONENT_BOUNDS
    exponent = math.log(min(0.999, max(1e-9, knowledge))) / math.log(NOMINAL_RECALL)
    return LaterAnswers(answers, right, knowledge, min(high, max(low, exponent)))


NO_LATER_ANSWERS = later_answers(())


# the chance of one item ------------------------------------------------------------------


def guessing_floor(item: Item) -> float:
    """The chance of a blind guess: 1 / C(n, k) for a choose-k question, 1 / n for a scenario."""
    if isinstance(item, Question):
        return 1.0 / math.comb(len(item.choices), item.choose)
    if isinstance(item, Scenario):
        return 1.0 / len(item.options)
    raise UsageError(f"{item.id} is a flashcard, not an exam question")


def first_sight(records: Iterable[tuple[float, bool]]) -> FirstSight:
    """First-sight knowledge from (floor, right) of each item's first answer.

    k = max(0, sum(right - floor)) / (sum(1 - floor) + FIRST_SIGHT_WEIGHT * 0.75): the share
    of the headroom above guessing that first answers filled, with the imagined guesses in
    the denominator. A wrong first answer never raises it and a right one never lowers it.
    """
    answers = right = 0
    above = headroom = 0.0
    for floor, was_right in records:
        answers += 1
        right += was_right
        above += was_right - floor
        headroom += 1.0 - floor
    knowledge = max(0.0, above) / (headroom + FIRST_SIGHT_WEIGHT * _IMAGINED_HEADROOM)
    return FirstSight(answers, right, min(1.0, knowledge))


def domain_first_sight(
    records: Iterable[tuple[float, bool]], overall: FirstSight
) -> tuple[float, float]:
    """A domain's first-sight knowledge from (floor, right) of its items' first answers,
    shrunk towards the learner's `overall` one, and its standard deviation.

    k_d = max(0, sum(right - floor) + W * 0.75 * k) / (sum(1 - floor) + W * 0.75), W =
    DOMAIN_PRIOR_WEIGHT, k the overall knowledge: a beta-binomial posterior mean whose prior
    holds W answers at k. W = k (1 - k) / var - 1 for a spread of domains' knowledge around
    k; a spread of 0.10-0.15 at k = 0.3-0.5 gives 8-25. With no first answers in the domain
    it is k; a wrong first answer never raises it and a right one never lowers it. Its
    variance: the posterior's, k_d (1 - k_d) / (n_d + W + 1) for n_d first answers, plus
    that of k (likewise, over its answers and FIRST_SIGHT_WEIGHT) by the prior's share.
    """
    answers, above, headroom = 0, 0.0, 0.0
    for floor, was_right in records:
        answers += 1
        above += was_right - floor
        headroom += 1.0 - floor
    prior = DOMAIN_PRIOR_WEIGHT * _IMAGINED_HEADROOM
    k = overall.knowledge
    k_d = min(1.0, max(0.0, above + prior * k) / (headroom + prior))
    pooled = DOMAIN_PRIOR_WEIGHT / (answers + DOMAIN_PRIOR_WEIGHT)
    variance = k_d * (1.0 - k_d) / (answers + DOMAIN_PRIOR_WEIGHT + 1) + pooled**2 * k * (
        1.0 - k
    ) / (overall.answers + FIRST_SIGHT_WEIGHT + 1)
    return k_d, math.sqrt(variance)


def widened_spread(knowledge: float, unseen_share: float, first_sight_sd: float) -> float:
    """MODEL_SPREAD widened for a group whose unseen share (of its headroom) counts with a
    first-sight knowledge of this standard deviation: its logit-scale spread added."""
    slope = max(knowledge * (1.0 - knowledge), _MIN_SLOPE)
    extra = unseen_share * first_sight_sd / slope
    return math.sqrt(MODEL_SPREAD**2 + extra**2)


def item_knowledge(
    floor: float,
    first_sight_knowledge: float,
    evidence: ItemEvidence | None,
    scheduler: StudyScheduler,
    at: datetime,
    exponent: float = 1.0,
) -> float:
    """The chance the learner knows the item at `at` (see the module docstring)."""
    k = first_sight_knowledge
    if evidence is None:
        return k
    memory = 0.0
    if evidence.last_right_at is not None:  # the clock runs from the latest right answer
        since = evidence.last_right_at
        memory = scheduler.recall(evidence.stability, since, max(at, since)) ** exponent
    known_before = 0.0 if evidence.ever_wrong or k <= 0 else k / (floor + (1.0 - floor) * k)
    return 1.0 - (1.0 - known_before) * (1.0 - memory)


def chance_right(floor: float, knowledge: float) -> float:
    return floor + (1.0 - floor) * knowledge


# the score distribution ------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionGroup:
    """`count` exam questions each right with the same chance: a mean floor and knowledge."""

    floor: float
    knowledge: float
    count: int

    @property
    def chance(self) -> float:
        return chance_right(self.floor, self.knowledge)


def group_of(floors: Sequence[float], knowledge: Sequence[float], count: int) -> QuestionGroup:
    """The group of `count` questions drawn from items with these floors and knowledge.

    Its knowledge is the headroom-weighted mean, so its chance is the items' mean chance.
    """
    floor = sum(floors) / len(floors)
    headroom = sum(1.0 - f for f in floors)
    filled = sum((1.0 - f) * k for f, k in zip(floors, knowledge, strict=True))
    return QuestionGroup(floor, filled / headroom if headroom > 0 else 1.0, count)


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


def _shifted(knowledge: float, shift: float) -> float:
    """Knowledge moved by `shift` on the logit scale (0 and 1 stay put)."""
    if knowledge <= 0.0 or knowledge >= 1.0 or shift == 0.0:
        return min(1.0, max(0.0, knowledge))
    logit = math.log(knowledge / (1.0 - knowledge)) + shift
    return 1.0 / (1.0 + math.exp(-logit)) if logit > -700 else 0.0


def score_distribution(groups: Sequence[QuestionGroup], spread: float) -> list[float]:
    """P(k right) for k = 0..n, mixed over the model's shared shift of knowledge."""
    total = sum(group.count for group in groups)
    mixed = [0.0] * (total + 1)
    for node, weight in zip(_HERMITE_NODES, _HERMITE_WEIGHTS, strict=True):
        shift = math.sqrt(2.0) * spread * node
        chances = [
            chance_right(g.floor, _shifted(g.knowledge, shift))
            for g in groups
            for _ in range(g.count)
        ]
        for k, mass in enumerate(correct_count_distribution(chances)):
            mixed[k] += mass * weight / math.sqrt(math.pi)
    return mixed


def exam_outlook(
    groups: Sequence[QuestionGroup],
    coverage: float = RANGE_COVERAGE,
    spread: float | None = None,
) -> ExamOutlook:
    """The score distribution of an exam made of these groups of questions (`spread`:
    MODEL_SPREAD unless given)."""
    return exam_outlook_and_range(groups, coverage, spread)[0]


def exam_outlook_and_range(
    groups: Sequence[QuestionGroup],
    coverage: float = RANGE_COVERAGE,
    spread: float | None = None,
) -> tuple[ExamOutlook, tuple[int, int]]:
    """`exam_outlook`, and its range as the numbers of questions right (low, high)."""
    spread = MODEL_SPREAD if spread is None else spread
    total = sum(group.count for group in groups)
    if total == 0:
        raise UsageError("no questions or scenarios to predict an exam score from")
    distribution = score_distribution(groups, spread)
    low, high = _central_range(distribution, coverage)
    share = sum(k * mass for k, mass in enumerate(distribution)) / total
    outlook = ExamOutlook(
        questions=total,
        expected_share=share,
        expected_score=expected_scaled_score(share),
        score_low=scaled_score(low, total),
        score_high=scaled_score(high, total),
        range_probability=sum(distribution[low : high + 1]),
        pass_probability=sum(
            mass for k, mass in enumerate(distribution) if scaled_score(k, total) >= PASSING_SCORE
        ),
    )
    return outlook, (low, high)


def outlook_of_chances(
    probabilities: Sequence[float], coverage: float = RANGE_COVERAGE, spread: float = 0.0
) -> ExamOutlook:
    """The outlook of an exam whose questions are right with these chances (floor 0)."""
    return exam_outlook([QuestionGroup(0.0, p, 1) for p in probabilities], coverage, spread)
