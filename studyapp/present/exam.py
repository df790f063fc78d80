"""How a mock exam is named and how it went, as both front ends show it: its scope, right,
asked and share per topic, and each domain of a guide exam with its verdict."""

from __future__ import annotations

from collections.abc import Sequence

from studyapp.content import Deck
from studyapp.present.readiness import percent_text
from studyapp.present.table import Table
from studyapp.scoring import PASSING_SCORE, SCALE_MAX, SCALE_MIN
from studyapp.study.exam import DomainScore, ExamSession, TopicScore
from studyapp.study.exam_draw import ExamSpec

#: The share of a domain's scored questions it needs to meet competencies: the share right
#: that scores the pass mark on the simulated scale (620 of 900 points: 68.9%).
DOMAIN_PASS_SHARE = (PASSING_SCORE - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
DOMAIN_RULE = (
    f"A domain meets competencies when its scored answers alone would pass: at least "
    f"{DOMAIN_PASS_SHARE:.1%} right ({PASSING_SCORE} on the same scale)."
)
MEETS = "Meets competencies"
NEEDS = "Needs improvement"


def scope_text(
    guide_label: str | None, topic_titles: Sequence[str], questions: int, minutes: int
) -> str:
    """`DVA-C02 · 65 questions · 130 min`, `Topic: AWS Lambda · 30 questions · 60 min`."""
    if guide_label is not None:
        where = guide_label
    elif not topic_titles:
        where = "All topics"
    else:
        label = "Topic" if len(topic_titles) == 1 else "Topics"
        where = f"{label}: {', '.join(topic_titles)}"
    return f"{where} · {questions} questions · {minutes} min"


def spec_scope_text(spec: ExamSpec, deck: Deck) -> str:
    """The scope of an exam about to be drawn."""
    titles = [deck.topics[t].title for t in spec.topic_ids if t in deck.topics]
    label = None if spec.guide is None else spec.guide.label
    return scope_text(label, titles, spec.question_count, spec.minutes)


def exam_scope_text(exam: ExamSession) -> str:
    """The scope of an exam being taken (or resumed)."""
    record = exam.record
    titles = [exam.deck.topics[t].title for t in record.topic_ids or () if t in exam.deck.topics]
    label = None if record.guide_id is None else record.guide_id.upper()
    return scope_text(label, titles, exam.total, record.time_limit_seconds // 60)


def verdict_text(domain: DomainScore) -> str:
    """`Meets competencies`, `Needs improvement`, or a dash when it had no scored question."""
    meets = domain.meets_competencies
    return "—" if meets is None else MEETS if meets else NEEDS


def domain_scores_table(domains: Sequence[DomainScore]) -> Table:
    """Each domain of a guide exam: its weight, scored right of asked, share and verdict."""
    return Table(
        title="Domains",
        headers=("domain", "weight", "right", "share", "result"),
        align=("left", "right", "right", "right", "left"),
        rows=tuple(
            (
                f"{domain.number} {domain.name}",
                f"{domain.weight}%",
                f"{domain.correct}/{domain.total}",
                percent_text(domain.correct / domain.total if domain.total else None),
                verdict_text(domain),
            )
            for domain in domains
        ),
    )


def topic_scores_table(topics: Sequence[TopicScore]) -> Table:
    """Right, asked and the share right, one row per topic of the exam."""
    return Table(
        title="Topics",
        headers=("topic", "right", "asked", "share"),
        align=("left", "right", "right", "right"),
        rows=tuple(
            (
                topic.topic_id,
                str(topic.correct),
                str(topic.total),
                percent_text(topic.correct / topic.total if topic.total else 0.0),
            )
            for topic in topics
        ),
    )
