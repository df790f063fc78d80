"""Home: every topic with due, new and total items and a mastery bar; start anything."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from studyapp.errors import UsageError
from studyapp.present.bars import mastery_bar
from studyapp.present.exam import spec_scope_text
from studyapp.stats.overview import today_overview
from studyapp.tui.app import StartName, study_app
from studyapp.tui.safe_text import plain
from studyapp.tui.widgets import KeyFooter

ALL_TOPICS = "*all*"


class HomeScreen(Screen[None]):
    """The topics table; the highlighted row scopes what a key starts."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("r", "start('review')", "Review", id="home.review", tooltip="Flashcards due"),
        Binding("z", "start('quiz')", "Quiz", id="home.quiz", tooltip="Exam-style questions"),
        Binding(
            "s",
            "start('scenarios')",
            "Drill",
            id="home.scenarios",
            tooltip="Scenario drill: which service fits?",
        ),
        Binding("e", "exam", "Exam", id="home.exam", tooltip="Timed mock exam"),
        Binding("n", "start('notes')", "Notes", id="home.notes", tooltip="Read and search"),
        Binding("a", "advisor", "Advisor", id="home.advisor", tooltip="Which service fits?"),
        Binding("t", "stats", "Stats", id="home.stats", tooltip="Progress per topic"),
        Binding("comma", "settings", "Settings", id="home.settings", key_display=","),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="today")
            yield DataTable(id="topics", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Highlight a topic to study only it · r review · z quiz · s scenario drill",
                id="home-hint",
            )
            yield Static(id="exam-scope")
        yield KeyFooter(compact=True)

    _covered = False

    def on_mount(self) -> None:
        self.title = "studyapp"
        self.sub_title = "AWS serverless and containers"
        table = self.query_one(DataTable)
        table.add_column("Topic", key="topic")
        table.add_column("Due", key="due")
        table.add_column("New", key="new")
        table.add_column("Items", key="total")
        table.add_column("Mastery", key="mastery")
        self.refresh_counts()
        table.focus()

    def on_screen_suspend(self, event: events.ScreenSuspend) -> None:
        self._covered = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first resume comes right after mount, which has just counted: recount only
        # after another screen covered Home, as a count is a whole query pass at a large
        # history (bench/bench_scale.py).
        if self._covered:
            self.refresh_counts()

    def refresh_counts(self) -> None:
        """Recount due, new and mastery (after a session, or when the day rolls over)."""
        overview = today_overview(study_app(self).context)
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        table.add_row(
            Text("All topics", style="bold"),
            str(overview.due),
            str(overview.new),
            str(overview.total),
            mastery_bar(overview.mastery),
            key=ALL_TOPICS,
        )
        for row in overview.topics:
            table.add_row(
                plain(row.title),
                str(row.due),
                str(row.new),
                str(row.total),
                mastery_bar(row.mastery),
                key=row.topic_id,
            )
        table.move_cursor(row=min(cursor, table.row_count - 1))
        self.query_one("#today", Static).update(
            f"Today: [b]{overview.due}[/b] due · [b]{overview.new}[/b] new to start · "
            "day rolls over at 04:00"
        )

    @on(DataTable.RowHighlighted, "#topics")
    def _scope_changed(self) -> None:
        self.query_one("#exam-scope", Static).update(plain(f"e exam: {self.exam_scope()}"))

    def exam_scope(self) -> str:
        """What `e` would start: the guide set (on All topics) or the highlighted topic."""
        context = study_app(self).context
        try:
            return spec_scope_text(context.exam_spec(self.scope()), context.deck)
        except UsageError as error:  # a stored exam_guide this studyapp does not ship
            return str(error)

    def scope(self) -> tuple[str, ...]:
        """The highlighted topic, or () for all topics."""
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return ()
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return () if key in (None, ALL_TOPICS) else (str(key),)

    def action_start(self, screen: StartName) -> None:
        study_app(self).open_screen(screen, self.scope())

    def action_exam(self) -> None:
        study_app(self).open_exam(self.scope())

    def action_advisor(self) -> None:
        from studyapp.tui.screens.advisor import AdvisorScreen

        self.app.push_screen(AdvisorScreen())

    def action_stats(self) -> None:
        from studyapp.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_settings(self) -> None:
        from studyapp.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())
