"""The `stats` command's printed report: rich tables, a forecast row and a heatmap grid."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, Any, TextIO

from studyapp.lines.tables import rich_table
from studyapp.present.durations import duration_text
from studyapp.present.readiness import (
    TOP_CONFUSIONS,
    backtest_lines,
    backtest_or_empty,
    domain_table,
    percent_text,
    readiness_footnote,
    readiness_headline,
    readiness_or_none,
    readiness_table,
)
from studyapp.stats import (
    DayActivity,
    DomainReadiness,
    ExamCheck,
    ExamOutlook,
    Readiness,
    RetentionFigure,
    StatsReport,
)
from studyapp.study.exam import PASSING_SCORE
from studyapp.text import plural, printable

if TYPE_CHECKING:
    from rich.console import Console

    from studyapp.study import StudyContext


#: Heatmap shades, from no reviews up, and the fewest reviews each shade stands for.
HEATMAP_SHADES = ("·", "░", "▒", "▓", "█")
HEATMAP_THRESHOLDS = (0, 1, 10, 25, 50)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _retention(figure: RetentionFigure) -> str:
    return percent_text(figure.retention)


def shade_of(reviews: int) -> str:
    """The heatmap character for a day with `reviews` reviews."""
    level = sum(reviews >= low for low in HEATMAP_THRESHOLDS) - 1
    return HEATMAP_SHADES[level]


def heatmap_lines(activity: Sequence[DayActivity]) -> list[str]:
    """One line per weekday, one column per week, oldest week on the left, and a legend."""
    if not activity:
        return []
    lead = activity[0].day.weekday()
    cells = [" "] * lead + [shade_of(day.reviews) for day in activity]
    weeks = [cells[start : start + 7] for start in range(0, len(cells), 7)]
    rows = [
        f"{name} " + "".join(week[n] if n < len(week) else " " for week in weeks)
        for n, name in enumerate(WEEKDAYS)
    ]
    bands = [f"{low}+" for low in HEATMAP_THRESHOLDS[1:]]
    legend = "    " + "  ".join(
        f"{shade} {band}" for shade, band in zip(HEATMAP_SHADES, ["0", *bands], strict=True)
    )
    first, last = activity[0].day, activity[-1].day
    return [f"Reviews per day, {first} to {last}", *rows, legend]


def _topic_table(report: StatsReport) -> object:
    from rich.table import Table

    title = "Topics (retention: learned items recalled, last 7/30/365 days)"
    table = Table(title=title, title_justify="left")
    table.add_column("topic", no_wrap=True)
    for name in ("reviews", "7d", "30d", "365d", "mastery", "due today", "tomorrow"):
        table.add_column(name, justify="right")
    for progress, retention in zip(report.topics, report.retention, strict=False):
        figures = [_retention(f) for f in retention.figures]
        table.add_row(
            progress.topic_id,
            str(progress.reviews),
            *figures,
            percent_text(progress.mastery),
            str(progress.due_today),
            str(progress.due_tomorrow),
        )
    overall = report.retention[-1]
    table.add_section()
    table.add_row(
        "all",
        str(sum(p.reviews for p in report.topics)),
        *[_retention(f) for f in overall.figures],
        "",
        str(sum(p.due_today for p in report.topics)),
        str(sum(p.due_tomorrow for p in report.topics)),
        style="bold",
    )
    return table


def _forecast_table(report: StatsReport) -> object:
    from rich.table import Table

    table = Table(title="Due per day, next 30 days (today includes overdue)", title_justify="left")
    table.add_column("from")
    for n in range(7):
        table.add_column(f"+{n}", justify="right")
    days = report.forecast
    for start in range(0, len(days), 7):
        week = days[start : start + 7]
        table.add_row(f"{week[0].day:%b %d}", *(str(day.due) for day in week))
    return table


def _leech_lines(report: StatsReport) -> list[str]:
    if not report.leeches:
        return ["Leeches: none"]
    lines = ["Leeches (suspended; `studyapp leeches --unsuspend ID` brings one back):"]
    for leech in report.leeches:
        lines.append(
            f"  {leech.item_id}  forgotten {leech.lapses} times, {leech.suspended_at:%Y-%m-%d}"
        )
    return lines


def _confusion_lines(report: StatsReport) -> list[str]:
    if not report.confusions:
        return ["Confusions: none"]
    lines = ["Confusions:"]
    for confusion in report.confusions[:TOP_CONFUSIONS]:
        lines.append(f"  {confusion.item_id}: {confusion.describe()}")
    return lines


def _outlook_json(outlook: ExamOutlook) -> dict[str, Any]:
    return {
        "expected_score": outlook.expected_score,
        "score_low": outlook.score_low,
        "score_high": outlook.score_high,
        "pass_probability": outlook.pass_probability,
    }


def backtest_as_json(checks: Sequence[ExamCheck]) -> list[dict[str, Any]]:
    """Each finished exam: when, the prediction at its start and the score it got."""
    return [
        {
            "exam_id": c.exam_id,
            "started_at": c.started_at.isoformat(),
            "topic_ids": None if c.topic_ids is None else list(c.topic_ids),
            "predicted": {**_outlook_json(c.predicted), "questions": c.predicted.questions},
            "score": c.score,
            "correct": c.correct,
            "total": c.total,
            "in_range": c.inside,
        }
        for c in checks
    ]


def _domain_json(domain: DomainReadiness) -> dict[str, Any]:
    return {
        "id": domain.number,
        "name": domain.name,
        "weight": domain.weight,
        "expected": domain.expected_share,
        "low": domain.share_low,
        "high": domain.share_high,
        "items": domain.items,
        "seen": domain.seen,
        "questions": domain.outlook.questions,
        "verdict": domain.verdict,
    }


def _model_json(ready: Readiness) -> dict[str, Any]:
    """The horizon and what the model learned from the learner's answers."""
    horizon = ready.horizon
    return {
        "horizon": {
            "at": horizon.at.isoformat(),
            "days_ahead": round(horizon.days_ahead, 3),
            "source": horizon.source,
            "exam_date": None if horizon.exam_date is None else horizon.exam_date.isoformat(),
        },
        "first_sight": {
            "answers": ready.first_sight.answers,
            "right": ready.first_sight.right,
            "knowledge": ready.first_sight.knowledge,
        },
        "later_answers": {
            "answers": ready.later_answers.answers,
            "right": ready.later_answers.right,
            "recall_exponent": ready.later_answers.exponent,
        },
    }


def readiness_as_json(
    ready: Readiness | None, checks: Sequence[ExamCheck] = ()
) -> dict[str, Any] | None:
    """Readiness overall, per topic and per guide domain as JSON-ready values (None: nothing
    to predict from). A domain's `expected`, `low` and `high` are shares of its questions."""
    if ready is None:
        return None
    return {
        "overall": {**_outlook_json(ready.overall), "questions": ready.overall.questions},
        "topics": [
            {"topic_id": t.topic_id, "items": t.items, "seen": t.seen, **_outlook_json(t.outlook)}
            for t in ready.topics
        ],
        "guide_id": ready.guide_id,
        "weighting": ready.weighting,
        "domains": [_domain_json(d) for d in ready.domains],
        **_model_json(ready),
        "unseen_prior": ready.unseen_prior,
        "range_coverage": ready.range_coverage,
        "model_spread": ready.model_spread,
        "passing_score": PASSING_SCORE,
        "items": ready.items,
        "seen": ready.seen,
        "backtest": backtest_as_json(checks),
    }


def print_readiness(
    ready: Readiness | None,
    console: Console,
    checks: Sequence[ExamCheck] = (),
    local_tz: tzinfo | None = None,
) -> None:
    """The readiness headline, its assumptions, the per-domain and per-topic tables and the
    back-test."""
    if ready is None:
        console.print("Readiness: no questions or scenarios to predict from.", highlight=False)
        return
    console.print(f"Readiness: {readiness_headline(ready)}", highlight=False)
    console.print(readiness_footnote(ready), highlight=False)
    domains = domain_table(ready)
    if domains is not None:
        shown = rich_table(domains)
        shown.columns[0].no_wrap = False  # a long domain name wraps, its figures stay whole
        console.print(shown)
    console.print(rich_table(readiness_table(ready)))
    for line in backtest_lines(checks, local_tz or ready.at.tzinfo or UTC):
        console.print(line, highlight=False, markup=False)


def print_stats(
    report: StatsReport,
    console: Console,
    ready: Readiness | None = None,
    checks: Sequence[ExamCheck] = (),
    local_tz: tzinfo | None = None,
) -> None:
    """Print the whole report: tables, forecast, heatmap, streak and time, leeches, confusions,
    then readiness."""
    console.print(_topic_table(report))
    console.print(_forecast_table(report))
    for line in heatmap_lines(report.activity):
        console.print(line, highlight=False)
    today_ms = report.activity[-1].duration_ms if report.activity else 0
    console.print(
        f"Streak: {plural(report.streak_days, 'day')} · studied today {duration_text(today_ms)}"
        f" · in total {duration_text(report.time_studied_ms)}",
        highlight=False,
    )
    for line in [*_leech_lines(report), *_confusion_lines(report)]:
        console.print(printable(line), highlight=False, markup=False)
    print_readiness(ready, console, checks, local_tz)


def print_stats_report(
    context: StudyContext,
    topic_ids: Sequence[str] | None,
    as_json: bool,
    guide_id: str | None = None,
    output: TextIO | None = None,
) -> None:
    """The `stats` command's output: the whole report as JSON or as printed tables (on
    `output`, default stdout), with readiness per domain of `guide_id` (else the learner's
    guide)."""
    from studyapp.stats import build_stats_report

    ready = readiness_or_none(context, topic_ids, guide_id)  # first: an unknown guide stops it
    now, local_tz = context.clock.now(), context.clock.local_tz
    report = build_stats_report(context.deck, context.store, now, local_tz, topic_ids)
    checks = backtest_or_empty(context, topic_ids)
    if as_json:
        import json

        import click

        from studyapp.stats import report_as_json
        from studyapp.text import printable

        data = {**report_as_json(report), "readiness": readiness_as_json(ready, checks)}
        click.echo(printable(json.dumps(data, indent=2)))
        return
    from rich.console import Console

    print_stats(report, Console(file=output), ready, checks, local_tz)
