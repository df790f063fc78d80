"""Statistics: readiness, a reviews heatmap, the due forecast, topics, past mock exams,
leeches and confusions."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static
from textual.worker import get_current_worker

from studyapp.present.bars import mastery_bar
from studyapp.present.durations import duration_text
from studyapp.present.exam_history import NO_EXAM_YET, exam_history_table
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
    MASTERY_STABILITY_DAYS,
    ExamCheck,
    Readiness,
    StatsReport,
    build_stats_report,
)
from studyapp.study import StudyContext
from studyapp.study.exam import PASSING_SCORE
from studyapp.text import plural
from studyapp.tui.app import study_app
from studyapp.tui.own_store import has_file, own_connection
from studyapp.tui.safe_text import plain
from studyapp.tui.saving import retry_when_disk_full
from studyapp.tui.tables import rich_table
from studyapp.tui.widgets import CalendarHeatmap, DueForecastChart, KeyFooter

#: Characters of the readiness gauge from 100 to 1000.
GAUGE_WIDTH = 40
#: What the readiness section shows while its worker computes.
COMPUTING = "Readiness: computing…"


def readiness_gauge(ready: Readiness, colour: str, width: int = GAUGE_WIDTH) -> Text:
    """The 100-1000 scale as a track: the range shaded, the expectation marked, 720 ticked."""

    def at(score: int) -> int:
        return min(width - 1, round((score - 100) * (width - 1) / 900))

    overall = ready.overall
    low, high, mark, line = (
        at(overall.score_low),
        at(overall.score_high),
        at(overall.expected_score),
        at(PASSING_SCORE),
    )
    gauge = Text("100 ", style="dim")
    for n in range(width):
        if n == mark:
            gauge.append("●", style="bold")
        elif low <= n <= high:
            gauge.append("━", style=colour)
        elif n == line:
            gauge.append("┃", style="bold")
        else:
            gauge.append("─", style="dim")
    gauge.append(f" 1000   ┃ {PASSING_SCORE} to pass", style="dim")
    return gauge


def topic_table(report: StatsReport) -> Table:
    """Reviews, retention 7/30/365, mastery, due today/tomorrow and seen/total per topic."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), show_edge=False, collapse_padding=True)
    table.add_column("Topic", no_wrap=True, overflow="ellipsis", min_width=10, max_width=15)
    for name, width in (("Revs", 5), ("7d", 4), ("30d", 4), ("365d", 4), ("Mastery", 10)):
        table.add_column(name, justify="right", no_wrap=True, min_width=width)
    for name, width in (("Today", 5), ("Tmrw", 4), ("Seen", 7)):
        table.add_column(name, justify="right", no_wrap=True, min_width=width)
    for progress, retention in zip(report.topics, report.retention, strict=False):
        table.add_row(
            plain(progress.title),
            str(progress.reviews),
            *(percent_text(f.retention) for f in retention.figures),
            mastery_bar(progress.mastery, width=5),
            str(progress.due_today),
            str(progress.due_tomorrow),
            f"{progress.seen}/{progress.total}",
        )
    return table


def readiness_figures(context: StudyContext) -> tuple[Readiness | None, list[ExamCheck]]:
    """Readiness of all topics (and the learner's guide's domains) and its back-test on the
    finished mock exams."""
    return readiness_or_none(context, None), backtest_or_empty(context, None)


class StatsScreen(Screen[None]):
    """Charts and tables of the whole study history; `u` unsuspends the highlighted leech.

    | Key | Action |
    | :- | :- |
    | escape | Back to the topics. |
    | u | Unsuspend the highlighted leech. |
    """

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="stats.back"),
        Binding(
            "u",
            "unsuspend",
            "Unsuspend",
            id="stats.unsuspend",
            tooltip="Bring the highlighted leech back into study",
        ),
    ]

    class ReadinessComputed(Message):
        """The readiness worker has its figures (None: no questions or scenarios yet)."""

        def __init__(self, ready: Readiness | None, checks: list[ExamCheck]) -> None:
            super().__init__()
            self.ready = ready
            self.checks = checks

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Label("Readiness", classes="section")
            yield Static(COMPUTING, id="readiness")
            yield Static(id="readiness-domains")
            yield Static(id="readiness-topics")
            yield Static(id="readiness-backtest")
            yield Label("Reviews per day, last 26 weeks", classes="section")
            yield Static(id="activity-caption")
            yield CalendarHeatmap(id="heatmap")
            yield Label("Due in the next 30 days", classes="section")
            yield DueForecastChart(id="forecast")
            yield Label("Topics", classes="section")
            yield Static(id="topics")
            yield Static(
                "Retention: reviews of learned items recalled, last 7/30/365 days. Mastery: "
                f"items FSRS expects you to remember for {MASTERY_STABILITY_DAYS} days or more.",
                id="topics-hint",
            )
            yield Label("Mock exams", classes="section")
            yield Static(id="mock-exams")
            yield Label("Leeches (forgotten 8 times, suspended)", classes="section")
            yield DataTable(id="leeches", cursor_type="row", zebra_stripes=True)
            yield Static(id="no-leeches")
            yield Label("Top confusions", classes="section")
            yield Static(id="confusions")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Stats"
        self.load()
        self.query_one("#stats-body").focus()

    def load(self) -> None:
        """Fill the charts and tables; readiness follows from a worker."""
        context = study_app(self).context
        if has_file(context):
            self._compute_readiness(context)
        else:  # in memory (tests): no second connection to compute on
            self.post_message(self.ReadinessComputed(*readiness_figures(context)))
        now, local_tz = context.clock.now(), context.clock.local_tz
        report = build_stats_report(context.deck, context.store, now, local_tz)
        self._show_activity(report)
        self.query_one(DueForecastChart).days = report.forecast
        self.query_one("#topics", Static).update(topic_table(report))
        self._show_mock_exams(context)
        self._show_leeches(report)
        self._show_confusions(report)

    @work(thread=True, exclusive=True, group="readiness", description="readiness")  # not repr(deck)
    def _compute_readiness(self, context: StudyContext) -> None:
        """Readiness and its back-test, on the worker's own connection to the file."""
        with own_connection(context) as own:
            figures = readiness_figures(own)
            if not get_current_worker().is_cancelled:  # a newer load has started another
                self.post_message(self.ReadinessComputed(*figures))  # before close waits

    @on(ReadinessComputed)
    def _readiness_computed(self, message: ReadinessComputed) -> None:
        self._show_readiness(message.ready)
        lines = backtest_lines(message.checks, study_app(self).context.clock.local_tz)
        self.query_one("#readiness-backtest", Static).update(plain("\n".join(lines)))

    def _show_readiness(self, ready: Readiness | None) -> None:
        if ready is None:
            self.query_one("#readiness", Static).update("No questions or scenarios yet.")
            return
        headline = Text(readiness_headline(ready), style="bold")
        body = Text("\n").join(
            [
                headline,
                readiness_gauge(ready, self._gauge_colour(ready)),
                Text(readiness_footnote(ready)),
            ]
        )
        self.query_one("#readiness", Static).update(body)
        self._show_domains(ready)
        table = rich_table(readiness_table(ready))
        self.query_one("#readiness-topics", Static).update(table)

    def _show_domains(self, ready: Readiness) -> None:
        """The guide's domains under the headline, titled; hidden without tagged questions."""
        widget = self.query_one("#readiness-domains", Static)
        domains = domain_table(ready)
        widget.display = domains is not None
        if domains is not None:
            shown = rich_table(domains)
            shown.title = plain(domains.title)
            shown.columns[0].no_wrap = False  # a long domain name wraps, its figures stay whole
            widget.update(shown)

    def _gauge_colour(self, ready: Readiness) -> str:
        """Success colour when the expected score passes, warning colour when it does not."""
        name = "success" if ready.overall.expected_score >= PASSING_SCORE else "warning"
        return self.app.get_css_variables().get(name, "yellow")

    def _show_activity(self, report: StatsReport) -> None:
        today = report.activity[-1] if report.activity else None
        total = sum(day.reviews for day in report.activity)
        caption = Text.assemble(
            "Today ",
            (str(today.reviews if today else 0), "bold"),
            " review" if today is not None and today.reviews == 1 else " reviews",
            " · streak ",
            (str(report.streak_days), "bold"),
            f" {'day' if report.streak_days == 1 else 'days'} · "
            f"{plural(total, 'review')} in 26 weeks · time studied "
            f"{duration_text(today.duration_ms if today else 0)} today, "
            f"{duration_text(report.time_studied_ms)} in all",
        )
        self.query_one("#activity-caption", Static).update(caption)
        self.query_one(CalendarHeatmap).activity = report.activity

    def _show_mock_exams(self, context: StudyContext) -> None:
        """The submitted exams newest first, as `studyapp exam --history` lists them."""
        submitted = context.store.exams.records("submitted")
        table = exam_history_table(submitted, context.clock.local_tz)
        shown = rich_table(table) if submitted else NO_EXAM_YET
        self.query_one("#mock-exams", Static).update(shown)

    def _show_leeches(self, report: StatsReport) -> None:
        table = self.query_one("#leeches", DataTable)
        table.clear(columns=True)
        for label in ("Item", "Topic", "Forgotten", "Suspended"):
            table.add_column(label, key=label.lower())
        for leech in report.leeches:
            table.add_row(
                plain(leech.item_id),
                plain(leech.topic_id or "—"),
                f"{leech.lapses}×",
                f"{leech.suspended_at:%Y-%m-%d}",
                key=leech.item_id,
            )
        table.display = bool(report.leeches)
        hint = "None." if not report.leeches else "Highlight one and press u to unsuspend it."
        self.query_one("#no-leeches", Static).update(hint)

    def _show_confusions(self, report: StatsReport) -> None:
        lines = [f"{c.item_id}: {c.describe()}" for c in report.confusions[:TOP_CONFUSIONS]]
        self.query_one("#confusions", Static).update(plain("\n".join(lines) or "None."))

    @retry_when_disk_full
    def action_unsuspend(self) -> None:
        """Unsuspend the highlighted leech and refresh every figure."""
        table = self.query_one("#leeches", DataTable)
        if table.row_count == 0:
            self.notify("No leeches to unsuspend.")
            return
        item_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert item_id is not None
        study_app(self).context.store.flags.unsuspend(item_id)
        self.notify(f"{item_id} is back in study.", markup=False)
        self.load()
