"""Home: the day's plan (exam day, readiness, last mock exam, streak, what to study now)
above every topic with due, new and total items and a mastery bar; start anything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from studyapp.clock import study_day
from studyapp.errors import UsageError
from studyapp.present.bars import mastery_bar
from studyapp.present.exam import spec_scope_text
from studyapp.present.home import (
    READINESS_COMPUTING,
    exam_day_text,
    last_exam_text,
    readiness_line,
    streak_text,
    study_now_text,
)
from studyapp.srs.personal import stored_exam_date
from studyapp.stats.overview import TodayOverview, today_overview
from studyapp.study import StudyContext
from studyapp.tui.app import StartName, study_app
from studyapp.tui.own_store import has_file, own_connection
from studyapp.tui.safe_text import plain
from studyapp.tui.widgets import KeyFooter, TopicTable

if TYPE_CHECKING:
    from studyapp.content.changes import DeckChange
    from studyapp.stats import Readiness

ALL_TOPICS = "*all*"
#: The topics table's columns: (label, key).
HOME_COLUMNS = (
    ("Topic", "topic"),
    ("Due", "due"),
    ("New", "new"),
    ("Items", "total"),
    ("Mastery", "mastery"),
)


@dataclass(frozen=True)
class Standing:
    """What Home fills in from a worker once it is painted."""

    #: Readiness as `studyapp stats` heads it (None: no questions or scenarios).
    ready: Readiness | None
    #: Study days in a row with a review.
    streak_days: int


def home_standing(context: StudyContext) -> Standing:
    """Readiness of all topics by the learner's guide, and the study streak: a pass over
    the questions' history and a walk back through the days, done off the first paint."""
    from studyapp.present.readiness import readiness_or_none
    from studyapp.stats.activity import study_streak

    clock = context.clock
    streak = study_streak(context.store, clock.now(), clock.local_tz)
    return Standing(readiness_or_none(context, None), streak)


def count_cells(*counts: int) -> list[Text]:
    """Counts as the topics table's cells."""
    return [Text(str(count)) for count in counts]


class HomeScreen(Screen[None]):
    """The day's plan and the topics table; the highlighted row scopes Enter, r, z, s, n
    and x. `e` is the mock exam whatever the row.

    | Key | Action |
    | :- | :- |
    | enter | Study now: due, then new flashcards; then due, then new questions. |
    | e | The mock exam: the guide set in Settings, else across all topics. |
    | x | An exam on the highlighted topic only. |
    """

    CSS_PATH = "home.tcss"
    HELP_NAME = "Home"
    #: In the order of importance: a narrow footer keeps the first ones (`KeyFooter`).
    BINDINGS = [
        Binding(
            "enter",
            "study_now",
            "Study now",
            id="home.study_now",
            tooltip="Due items, then today's new ones: flashcards first, then questions",
            priority=True,
        ),
        Binding("r", "start('review')", "Review", id="home.review", tooltip="Flashcards due"),
        Binding("z", "start('quiz')", "Quiz", id="home.quiz", tooltip="Exam-style questions"),
        Binding(
            "s",
            "start('scenarios')",
            "Scenarios",
            id="home.scenarios",
            tooltip="Scenario drill: which service fits?",
        ),
        Binding(
            "e", "exam", "Exam", id="home.exam", tooltip="Mock exam: your guide, or all topics"
        ),
        Binding("n", "start('notes')", "Notes", id="home.notes", tooltip="Read and search"),
        Binding("t", "stats", "Stats", id="home.stats", tooltip="Progress per topic"),
        Binding("comma", "settings", "Settings", id="home.settings", key_display=","),
        Binding("a", "advisor", "Advisor", id="home.advisor", tooltip="Which service fits?"),
        Binding(
            "x",
            "topic_exam",
            "Topic exam",
            id="home.topic_exam",
            tooltip="An exam on the highlighted topic only",
        ),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    class StandingComputed(Message):
        """The worker has readiness and the streak."""

        def __init__(self, standing: Standing) -> None:
            super().__init__()
            self.standing = standing

    _covered = False
    _overview: TodayOverview | None = None
    _last_exam = ""
    _streak_days: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            with Vertical(id="plan"):
                yield Static(id="exam-day")
                yield Static(READINESS_COMPUTING, id="readiness")
                yield Static(id="last-exam")
            with Vertical(id="actions"):
                yield Static(id="study-now")
                yield Static(id="exam-scope")
            yield TopicTable(id="topics", cursor_type="row", zebra_stripes=True)
            yield Static(id="home-hint")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "studyapp"
        self.sub_title = "AWS serverless and containers"
        table = self.query_one(TopicTable)
        # Labels as Text: DataTable parses a str as markup, loading Rich's emoji table (2 ms).
        for label, key in HOME_COLUMNS:
            table.add_column(Text(label), key=key)
        self.refresh_counts()
        table.focus()
        # Readiness takes a pass over the questions' history (0.1 s at a million reviews):
        # its worker starts once the first frame is out, so it never holds that frame up.
        self.call_after_refresh(lambda: self.call_after_refresh(self.refresh_standing))

    def on_screen_suspend(self, event: events.ScreenSuspend) -> None:
        self._covered = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first resume comes right after mount, which has just counted: recount only
        # after another screen covered Home, as a count is a whole query pass at a large
        # history (bench/bench_scale.py).
        if self._covered:
            self.refresh_counts()
            self.refresh_standing()

    def deck_changed(self, change: DeckChange) -> None:
        """Count again for the saved deck; under another screen, when it shows again."""
        if self.is_current:
            self.refresh_counts()

    # the figures ------------------------------------------------------------------------

    def refresh_counts(self) -> None:
        """Recount due, new and mastery, the exam day and the last mock exam (after a
        session, or when the day rolls over)."""
        context = study_app(self).context
        self._overview = overview = today_overview(context)
        table = self.query_one(TopicTable)
        cursor = table.cursor_row
        table.clear()
        # Every cell a Text: DataTable parses a str as markup (and loads Rich's emoji table).
        table.add_row(
            Text("All topics", style="bold"),
            *count_cells(overview.due, overview.new, overview.total),
            mastery_bar(overview.mastery),
            key=ALL_TOPICS,
        )
        for row in overview.topics:
            table.add_row(
                plain(row.title),
                *count_cells(row.due, row.new, row.total),
                mastery_bar(row.mastery),
                key=row.topic_id,
            )
        table.move_cursor(row=min(cursor, table.row_count - 1))
        self._show_standing(context)
        self._scope_changed()

    def _show_standing(self, context: StudyContext) -> None:
        """The exam day and the last mock exam: a few indexed reads."""
        clock, store = context.clock, context.store
        today = study_day(clock.now(), clock.local_tz)
        self.query_one("#exam-day", Static).update(
            plain(exam_day_text(stored_exam_date(store), today))
        )
        submitted = store.exams.records("submitted")
        self._last_exam = last_exam_text(submitted[0] if submitted else None, clock.local_tz)
        self._show_last_exam()

    def _show_last_exam(self) -> None:
        line = f"{self._last_exam} · {streak_text(self._streak_days)}"
        self.query_one("#last-exam", Static).update(plain(line))

    def refresh_standing(self) -> None:
        """Readiness and the streak from a worker on its own connection (in memory, tests:
        right here)."""
        context = study_app(self).context
        if has_file(context):
            self._compute_standing(context)
        else:
            self.post_message(self.StandingComputed(home_standing(context)))

    # A description of our own: Textual's default is the repr of the arguments, the whole deck
    # (10 ms and 1.4 MB for the shipped deck, on the main thread, at every start).
    @work(thread=True, exclusive=True, group="home-standing", description="Home standing")
    def _compute_standing(self, context: StudyContext) -> None:
        with own_connection(context, read_only=True) as own:  # keeps nothing: no page check
            standing = home_standing(own)
            if not get_current_worker().is_cancelled:  # a newer one has started
                self.post_message(self.StandingComputed(standing))  # before close waits

    @on(StandingComputed)
    def _standing_computed(self, message: StandingComputed) -> None:
        self.query_one("#readiness", Static).update(plain(readiness_line(message.standing.ready)))
        self._streak_days = message.standing.streak_days
        self._show_last_exam()

    # the highlighted row ------------------------------------------------------------------

    @on(TopicTable.RowHighlighted, "#topics")
    def _scope_changed(self) -> None:
        """Say what Enter, e and x start for the highlighted row."""
        context = study_app(self).context
        scope = self.scope()
        title = context.deck.topics[scope[0]].title if scope else None
        overview = self._overview
        if overview is not None:
            row = next((r for r in overview.topics if (r.topic_id,) == scope), None)
            counts = overview if row is None else row
            now = study_now_text(counts.cards, counts.questions, title)
            self.query_one("#study-now", Static).update(plain(now))
        self.query_one("#exam-scope", Static).update(plain(f"e mock exam: {self.exam_scope(())}"))
        hint = (
            f"x topic exam: {self.exam_scope(scope).removeprefix('Topic: ')}"
            if scope
            else "Highlight a topic to study only it: Enter, r, z, s and n follow it"
        )
        self.query_one("#home-hint", Static).update(plain(hint))
        self.refresh_bindings()

    def exam_scope(self, topic_ids: tuple[str, ...]) -> str:
        """What an exam would be: the guide set, or all topics (no `topic_ids`); else a
        topic exam."""
        context = study_app(self).context
        try:
            return spec_scope_text(context.exam_spec(topic_ids), context.deck)
        except UsageError as error:  # a stored exam_guide this studyapp does not ship
            return str(error)

    def scope(self) -> tuple[str, ...]:
        """The highlighted topic, or () for all topics."""
        table = self.query_one(TopicTable)
        if table.row_count == 0:
            return ()
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return () if key in (None, ALL_TOPICS) else (str(key),)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "topic_exam" and self.is_mounted and not self.scope():
            return None  # shown, dimmed: there is no topic highlighted
        return True

    # the keys -----------------------------------------------------------------------------

    def action_study_now(self) -> None:
        """The highlighted scope's flashcards due and new today; once none are left, its
        questions and scenarios due and new today; else say there is nothing."""
        app, scope = study_app(self), self.scope()
        for mode in ("review", "quiz"):
            if len(app.context.queue(mode, scope, early=False)):
                app.open_screen(mode, scope, early=False)
                return
        self.notify("Nothing is due and today's new items are done. z starts a quiz anyway.")

    def action_start(self, screen: StartName) -> None:
        study_app(self).open_screen(screen, self.scope())

    def action_exam(self) -> None:
        study_app(self).open_exam(())

    def action_topic_exam(self) -> None:
        if self.scope():
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
