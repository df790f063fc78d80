"""How a mock exam is named and how it went, as both front ends show it: its scope, the
offer to resume it, the overview's cells, its times, right, asked and share per topic, each
domain of a guide exam with its verdict, and when the questions missed come back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from studyapp.clock import study_day
from studyapp.content import Deck
from studyapp.present.durations import span_text
from studyapp.present.readiness import percent_text
from studyapp.present.table import Table
from studyapp.scoring import PASSING_SCORE, SCALE_MAX, SCALE_MIN
from studyapp.study.context import ResumeOffer
from studyapp.study.exam import DomainScore, ExamResult, ExamSession, PositionStatus, TopicScore
from studyapp.study.exam_draw import ExamSpec
from studyapp.text import cell_width, ellipsize, plural

#: The share of a domain's scored questions it needs to meet competencies: the share right
#: that scores the pass mark on the simulated scale (620 of 900 points: 68.9%).
DOMAIN_PASS_SHARE = (PASSING_SCORE - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
DOMAIN_RULE = (
    f"A domain meets competencies when its scored answers alone would pass: at least "
    f"{DOMAIN_PASS_SHARE:.1%} right ({PASSING_SCORE} on the same scale)."
)
MEETS = "Meets competencies"
NEEDS = "Needs improvement"
#: The most cells a topic's title takes in the per-topic table, so that it and its three
#: number columns fit at 80 columns whatever an author names a topic.
TOPIC_TITLE_WIDTH = 40


def scope_parts(
    guide_label: str | None, topic_titles: Sequence[str], questions: int, minutes: int
) -> tuple[str, str, str]:
    """What an exam covers, how many questions, how long: (`DVA-C02`, `65 questions`,
    `130 min`), (`Topic: AWS Lambda`, `30 questions`, `60 min`)."""
    if guide_label is not None:
        where = guide_label
    elif not topic_titles:
        where = "All topics"
    else:
        label = "Topic" if len(topic_titles) == 1 else "Topics"
        where = f"{label}: {', '.join(topic_titles)}"
    return where, plural(questions, "question"), f"{minutes} min"


def scope_text(
    guide_label: str | None, topic_titles: Sequence[str], questions: int, minutes: int
) -> str:
    """`DVA-C02 · 65 questions · 130 min`, `Topic: AWS Lambda · 30 questions · 60 min`."""
    return " · ".join(scope_parts(guide_label, topic_titles, questions, minutes))


def spec_scope_text(spec: ExamSpec, deck: Deck) -> str:
    """The scope of an exam about to be drawn."""
    titles = [deck.topics[t].title for t in spec.topic_ids if t in deck.topics]
    label = None if spec.guide is None else spec.guide.label
    return scope_text(label, titles, spec.question_count, spec.minutes)


def exam_scope_parts(exam: ExamSession) -> tuple[str, str, str]:
    """The scope of an exam being taken (or resumed), in its parts."""
    record = exam.record
    titles = [exam.deck.topics[t].title for t in record.topic_ids or () if t in exam.deck.topics]
    label = None if record.guide_id is None else record.guide_id.upper()
    return scope_parts(label, titles, exam.total, record.time_limit_seconds // 60)


def exam_scope_text(exam: ExamSession) -> str:
    """The scope of an exam being taken (or resumed)."""
    return " · ".join(exam_scope_parts(exam))


def exam_header_text(parts: Sequence[str], width: int) -> str:
    """As many of the scope's parts (then the pass mark) as fit in `width` cells, whole;
    the first alone, cut at a word, when even it does not fit. The count and the time left
    are on the exam's status line, so dropping them loses nothing."""
    shown = (*parts, f"{PASSING_SCORE} to pass")
    for count in range(len(shown), 0, -1):
        text = " · ".join(shown[:count])
        if cell_width(text) <= width:
            return text
    return ellipsize(shown[0], width)


def resume_lines(offer: ResumeOffer, local_tz: tzinfo) -> tuple[str, str, str]:
    """The offer to resume an unfinished exam: which one, how far it got, and what no does."""
    started = offer.started_at.astimezone(local_tz)
    which = "" if offer.guide_id is None else f"{offer.guide_id.upper()} "
    return (
        f"Resume the {which}exam started {started:%Y-%m-%d %H:%M}?",
        f"{offer.answered} of {offer.total} answered · {time_left_text(offer.time_left)}",
        "No (n) discards it and starts a new one.",
    )


def time_left_text(left: timedelta) -> str:
    """`2 h 10 min left` (rounded up: a countdown reaches 0 s only at the end)."""
    return f"{span_text(left.total_seconds(), round_up=True)} left"


def time_used_text(result: ExamResult) -> str:
    """`Time used: 26 s of 60 min`."""
    used, limit = result.time_used.total_seconds(), result.time_limit.total_seconds()
    return f"Time used: {span_text(used)} of {span_text(limit)}"


#: What the marks of an overview cell mean.
ANSWERED_MARK, UNANSWERED_MARK, FLAG_MARK = "✓", "·", "⚑"


def overview_cell(status: PositionStatus, total: int) -> str:
    """One question in the overview, as wide as every other of an exam of `total`: its
    number right-aligned, answered or not, flagged or not (` 5✓⚑`, `12· `)."""
    answered = ANSWERED_MARK if status.answered else UNANSWERED_MARK
    flag = FLAG_MARK if status.flagged else " "
    return f"{status.position:>{len(str(total))}}{answered}{flag}"


def overview_legend(statuses: Sequence[PositionStatus]) -> str:
    """The marks with their counts: `✓ 12 answered  ⚑ 3 flagged  · 53 not yet`."""
    answered = sum(1 for status in statuses if status.answered)
    flagged = sum(1 for status in statuses if status.flagged)
    return (
        f"{ANSWERED_MARK} {answered} answered  {FLAG_MARK} {flagged} flagged  "
        f"{UNANSWERED_MARK} {len(statuses) - answered} not yet"
    )


def missed_due_text(result: ExamResult, now: datetime, local_tz: tzinfo) -> str:
    """When the questions missed come back, from the study days they are due on: `64 missed
    or blank questions are due for review tomorrow`; "" with none missed."""
    missed = len(result.missed)
    if not missed or not result.missed_due:
        return ""
    today = study_day(now, local_tz)
    first, last = (
        study_day(due, local_tz) for due in (result.missed_due[0], result.missed_due[-1])
    )
    when = _day_text(first, today)
    if first != last:
        when = "from " + when.removeprefix("on ")
    what = (
        "1 missed or blank question is"
        if missed == 1
        else f"{missed} missed or blank questions are"
    )
    return f"{what} due for review {when}."


def _day_text(day: date, today: date) -> str:
    """`today`, `tomorrow`, or `on Thu 5 Mar`."""
    if day <= today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return f"on {day:%a} {day.day} {day:%b}"


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
                ellipsize(topic.title, TOPIC_TITLE_WIDTH),
                str(topic.correct),
                str(topic.total),
                percent_text(topic.correct / topic.total if topic.total else 0.0),
            )
            for topic in topics
        ),
    )
