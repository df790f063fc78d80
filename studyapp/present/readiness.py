"""Readiness and the stats figures both front ends show: the headline, its footnote, the back-test."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING

from studyapp.present.table import Table
from studyapp.scoring import SCALE_MAX, SCALE_MIN
from studyapp.study.exam import PASSING_SCORE, SCALE_LABEL
from studyapp.text import plural

if TYPE_CHECKING:
    from studyapp.stats import ExamCheck, ExamOutlook, Readiness
    from studyapp.study import StudyContext

#: How many confusions a stats report lists.
TOP_CONFUSIONS = 10


def percent_text(share: float | None) -> str:
    """A share as a whole percentage, or a dash when there is none."""
    return "—" if share is None else f"{share:.0%}"


def readiness_or_none(
    context: StudyContext, topic_ids: Sequence[str] | None, guide_id: str | None = None
) -> Readiness | None:
    """Readiness of the topics asked for, per domain of the guide (`guide_id`, else the
    learner's), or None when the topics hold no questions or scenarios.

    An unknown `guide_id` is a UsageError."""
    from studyapp.errors import UsageError
    from studyapp.stats import exam_guide, guide_for, readiness_horizon
    from studyapp.stats.readiness import readiness

    guide = exam_guide(guide_for(context.store, guide_id), context.guides)
    now = context.clock.now()
    horizon = readiness_horizon(context.store, now, context.clock.local_tz)
    try:
        return readiness(
            context.deck,
            context.store,
            context.scheduler,
            now,
            topic_ids,
            horizon=horizon,
            guide=guide,
        )
    except UsageError:
        return None


def backtest_or_empty(context: StudyContext, topic_ids: Sequence[str] | None) -> list[ExamCheck]:
    """Readiness back-tested on every finished mock exam of these topics, newest first."""
    from studyapp.stats import exam_backtest

    return exam_backtest(context.deck, context.store, context.scheduler, topic_ids)


def readiness_when(ready: Readiness, dated: bool = True) -> str:
    """Short: `in 7 days` or `exam day 2026-03-20` (`on exam day` when not `dated`)."""
    if ready.horizon.source == "plan":
        return f"exam day {ready.horizon.exam_date}" if dated else "on exam day"
    return f"in {plural(round(ready.horizon.days_ahead), 'day')}"


def readiness_headline(ready: Readiness, dated: bool = True) -> str:
    """One line: the expected score, its range, the chance to pass and when; without the
    exam's date where a line above gives it (`dated=False`)."""
    o = ready.overall
    return (
        f"Expected score {o.expected_score} (range {o.score_low}–{o.score_high}) · "
        f"pass chance {o.pass_probability:.0%} · {readiness_when(ready, dated)}"
    )


def readiness_footnote(ready: Readiness) -> str:
    """What the figure predicts and assumes, in three sentences."""
    first = ready.first_sight
    exam = "mock exam"
    if ready.weighting == "domains" and ready.guide_id is not None:
        exam = f"{ready.guide_id.upper()} mock exam (questions shared out by domain weight)"
    return (
        f"A {ready.overall.questions}-question {exam} {ready.horizon.describe()}, if you "
        f"study nothing more before it; {SCALE_LABEL} 100–1000, {PASSING_SCORE} to pass; "
        f"the range holds {ready.range_coverage:.0%} of outcomes. "
        f"{ready.seen} of "
        f"{plural(ready.items, 'question or scenario', 'questions and scenarios')} seen; first answers "
        f"{first.right} of {first.answers} right, so an unseen one counts as right "
        f"{ready.unseen_prior:.0%} of the time (guessing included)."
    )


def backtest_lines(checks: Sequence[ExamCheck], local_tz: tzinfo) -> list[str]:
    """The back-test: per finished exam, readiness at its start against the score it got."""
    if not checks:
        return ["Back-test: no finished mock exams yet."]
    inside = sum(c.inside for c in checks)
    lines = [
        f"Back-test: readiness at the start of each mock exam against its score "
        f"({inside} of {len(checks)} in range):"
    ]
    for c in checks:
        p = c.predicted
        lines.append(
            f"  {c.started_at.astimezone(local_tz):%Y-%m-%d %H:%M}  predicted "
            f"{p.expected_score} ({p.score_low}–{p.score_high}, pass {p.pass_probability:.0%})"
            f"  got {c.score} ({c.correct}/{c.total})  {'in range' if c.inside else 'outside'}"
        )
    return lines


def readiness_table(ready: Readiness) -> Table:
    """Each topic's expected score, range, pass chance and coverage, then the whole exam's."""

    def cells(name: str, outlook: ExamOutlook, seen: str) -> tuple[str, ...]:
        return (
            name,
            str(outlook.expected_score),
            f"{outlook.score_low}–{outlook.score_high}",
            f"{outlook.pass_probability:.0%}",
            seen,
        )

    return Table(
        title="Readiness per topic",
        headers=("topic", "expected", "range", "pass", "seen"),
        align=("left", "right", "right", "right", "right"),
        rows=tuple(cells(t.topic_id, t.outlook, f"{t.seen}/{t.items}") for t in ready.topics),
        total=cells("exam", ready.overall, f"{ready.seen}/{ready.items}"),
    )


#: The pass mark as a share of questions right: 720 on the 100-1000 scale.
PASS_SHARE = (PASSING_SCORE - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)


def domain_table(ready: Readiness) -> Table | None:
    """Each guide domain's expected share of its questions right, range and hint (None: no
    guide, or no question of the deck is tagged for it)."""
    if not ready.domains or ready.guide_id is None:
        return None
    return Table(
        title=f"Readiness per {ready.guide_id.upper()} domain "
        f"(share of its questions right; {PASS_SHARE:.0%} to pass)",
        headers=("domain", "weight", "expected", "range", "hint", "seen"),
        align=("left", "right", "right", "right", "left", "right"),
        rows=tuple(
            (
                f"{d.number} {d.name}",
                f"{d.weight}%",
                f"{d.expected_share:.0%}",
                f"{d.share_low * 100:.0f}–{d.share_high:.0%}",
                d.verdict,
                f"{d.seen}/{d.items}",
            )
            for d in ready.domains
        ),
    )
