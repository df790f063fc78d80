"""What readiness reports: the horizon, the evidence of first and later answers, the outlooks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, NamedTuple

from studyapp.scoring import PASSING_SCORE
from studyapp.text import plural

HorizonSource = Literal["plan", "default", "exam_start"]
#: What the whole exam's questions are shared out by: topics' sizes, or a guide's domain weights.
Weighting = Literal["topics", "domains"]
#: A domain's hint: its expected share of questions right at the pass mark or above, or not.
Verdict = Literal["on track", "needs work"]


@dataclass(frozen=True)
class Horizon:
    """When the predicted exam is: the planned exam day, a default horizon, or an exam's start."""

    at: datetime
    days_ahead: float
    source: HorizonSource
    exam_date: date | None = None

    def describe(self) -> str:
        """`on the exam day, 2026-03-20 (18 days ahead)` or `7 days from now (no exam date)`."""
        days = f"{plural(round(self.days_ahead), 'day')} ahead"
        if self.source == "plan":
            return f"on your exam day, {self.exam_date} ({days}, from `studyapp plan`)"
        if self.source == "exam_start":
            return f"at {self.at:%Y-%m-%d %H:%M} UTC"
        return f"{plural(round(self.days_ahead), 'day')} from now (no exam date: `studyapp plan --exam`)"


@dataclass(frozen=True)
class FirstSight:
    """The learner's first answers to questions and scenarios, and the knowledge they show."""

    answers: int
    right: int
    knowledge: float


@dataclass(frozen=True)
class LaterAnswers:
    """Answers after the first one, and the exponent fitting FSRS's recall to them.

    Reviews come when FSRS expects NOMINAL_RECALL. Knowledge shown in later answers,
    c = max(0, sum(right - floor) + W * 0.9 * 0.75) / (sum(1 - floor) + W * 0.75) with W =
    LATER_ANSWER_WEIGHT, gives the exponent ln(c) / ln(0.9): recall is counted as R ** it.
    FSRS's default parameters take a lucky guess for recall; this takes its share back.
    """

    answers: int
    right: int
    knowledge: float
    exponent: float


class ItemEvidence(NamedTuple):
    """What readiness needs about one seen item: its memory's stability and the shape of
    its answers. A tuple: readiness makes one for every seen question of a deck of thousands.
    `first_right` is None when the first answer is not known (a state with no log)."""

    stability: float | None
    first_right: bool | None
    ever_wrong: bool
    last_right_at: datetime | None


@dataclass(frozen=True)
class ExamOutlook:
    """What an exam of `questions` questions would score: expectation, range, pass chance."""

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
class DomainReadiness:
    """One domain of an exam guide: how its share of the guide's exam would go.

    `outlook` is of the domain's `questions` (its weight's share of the exam's scored
    questions), drawn from the `items` whose first task tag in the guide is in the domain;
    `right_low`..`right_high` is its range as numbers of those questions right.
    """

    guide_id: str
    number: int
    name: str
    weight: int
    items: int
    seen: int
    outlook: ExamOutlook
    right_low: int
    right_high: int

    @property
    def expected_share(self) -> float:
        return self.outlook.expected_share

    @property
    def share_low(self) -> float:
        return self.right_low / self.outlook.questions

    @property
    def share_high(self) -> float:
        return self.right_high / self.outlook.questions

    @property
    def verdict(self) -> Verdict:
        """`on track` when the expected share is at the pass mark (720 of 100-1000) or above."""
        return "on track" if self.outlook.expected_score >= PASSING_SCORE else "needs work"


@dataclass(frozen=True)
class Readiness:
    """The whole exam's outlook and each topic's (and guide domain's), with the assumptions
    they were made with."""

    at: datetime
    horizon: Horizon
    items: int
    seen: int
    first_sight: FirstSight
    later_answers: LaterAnswers
    unseen_prior: float
    range_coverage: float
    model_spread: float
    overall: ExamOutlook
    topics: tuple[TopicReadiness, ...]
    #: The exam guide the domains are of (None: no guide asked for).
    guide_id: str | None = None
    #: Each domain of the guide with tagged questions or scenarios, in the guide's order.
    domains: tuple[DomainReadiness, ...] = ()
    #: `domains` when `overall` is the guide's exam, its questions shared out by domain weight.
    weighting: Weighting = "topics"
