"""The Textual app: one StudyContext shared by every screen, opened by `make_app`."""

from __future__ import annotations

import gc
import random
import sqlite3
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import WorkerFailed

from studyapp.clock import Clock
from studyapp.errors import StudyAppError, UsageError, failure_line
from studyapp.study import DiscardedExam, ResumeOffer, Selection, StudyContext
from studyapp.themes import THEME_NAMES
from studyapp.tui.deck_reload import (
    DeckRefused,
    DeckReloaded,
    WatchStopped,
    say_refused,
    serve_reloaded,
    watch_content,
)
from studyapp.tui.saving import retry_when_disk_full

if TYPE_CHECKING:
    from studyapp.store.renames import Renamed

#: Between a header's title and subtitle: a middle dot, where Textual's em dash is a glyph
#: many fonts draw wider than its cell, running into the title ("studyapp— AWS…").
TITLE_SEPARATOR = " · "

StartName = Literal["home", "review", "quiz", "scenarios", "notes", "exam"]


@dataclass(frozen=True)
class StartAt:
    """Which screen the app opens on, and with what scope."""

    screen: StartName = "home"
    topic_ids: tuple[str, ...] = ()
    count: int | None = None
    minutes: int | None = None
    #: For an exam: the guide asked for (None: the setting's), and whether newer items count.
    guide_id: str | None = None
    include_newer: bool | None = None
    #: For a quiz or review: today's queue, or the missed or bookmarked items.
    selection: Selection = "due"


class StudyApp(App[None]):
    """studyapp's full-screen interface."""

    # Home's CSS is read with the app's, so the first screen costs no second parse: a screen's
    # own CSS_PATH, read when it is first shown, re-parses every stylesheet of the app and
    # restyles every widget (about 15 ms at start-up). Home's CSS_PATH names the same file.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    TITLE = "studyapp"
    SUB_TITLE = "AWS serverless and containers"
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", id="quit", tooltip="Leave studyapp", priority=True, show=False
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="Every key of this screen"),
        # F1 too: `?` types into a text field that has the focus, F1 never does (the footer
        # shows F1 where `?` would type).
        Binding(
            "f1", "help", "Help", id="help.f1", tooltip="Every key of this screen", priority=True
        ),
    ]

    def __init__(
        self,
        context: StudyContext,
        start: StartAt = StartAt(),
        rng: random.Random | None = None,
        watch_settle_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.start = start
        self.rng = rng or random.Random()
        #: Why the app ended early, as the one line the CLI prints (None: it did not).
        self.failure: str | None = None
        #: Reload the deck on a save, once the files are quiet this long (None: do not watch).
        self.watch_settle_ms = watch_settle_ms
        #: Set when the app ends, so the watching worker's thread returns.
        self.stop_watching = threading.Event()

    def run(self, **options: Any) -> None:
        """Run the app (Textual's `run`), with start-up's objects left out of collection."""
        # Everything loaded by now (Textual, the deck, the store) lives as long as the app.
        # Frozen, it is not re-scanned by the full collection that start-up's allocations
        # would otherwise trigger during the first paint (measured by bench/bench_tui.py:
        # start-up, studyapp Home).
        gc.freeze()
        # The CLI turns collection off while it starts the app (`cli.launch.run_tui`).
        gc.enable()
        return super().run(**options)

    def _handle_exception(self, error: Exception) -> None:
        """A StudyAppError or SQLite error ends the app with exit status 1 and one line, which
        the CLI prints once the terminal is restored; anything else is a bug: a traceback."""
        cause = error.error if isinstance(error, WorkerFailed) else error
        if not isinstance(cause, StudyAppError | sqlite3.Error):
            super()._handle_exception(error)
            return
        if self.failure is None:
            self.failure = failure_line(cause, self.context.store.path or "database")
        self._exception_event.set()  # what Textual does too: Pilot stops waiting on the screen
        self.exit(return_code=1)

    def on_mount(self) -> None:
        from studyapp.tui.hangup import exit_when_the_terminal_goes
        from studyapp.tui.screens.home import HomeScreen

        if sys.__stdin__ is not None and not self.is_headless:
            exit_when_the_terminal_goes(self, sys.__stdin__.fileno())

        saved_theme = self.context.store.settings.current().theme
        if saved_theme in self.available_themes:
            self.theme = saved_theme
        self.push_screen(HomeScreen())
        if self.start.screen == "exam":
            start = self.start
            self.open_exam(
                start.topic_ids,
                start.count,
                start.minutes,
                guide_id=start.guide_id,
                include_newer=start.include_newer,
            )
        elif self.start.screen != "home":
            start = self.start
            self.open_screen(start.screen, start.topic_ids, start.count, start.selection)
        if self.context.problems:
            first = self.context.problems[0]
            more = len(self.context.problems) - 1
            extra = f" (and {more} more: studyapp content check)" if more else ""
            from studyapp.tui.safe_text import toast

            self.notify(
                toast(f"{first}{extra}"), title="Content problems", severity="warning", timeout=12
            )
        self.say_renamed(self.context.renamed)
        if self.watch_settle_ms is not None:
            # After the first frame, as Home's figures: watching never holds it up.
            self.call_after_refresh(lambda: self.call_after_refresh(self._watch_content))

    def _watch_content(self) -> None:
        """Reload the deck whenever a content file is saved (`tui.deck_reload`)."""
        settle_ms = self.watch_settle_ms
        assert settle_ms is not None
        self.run_worker(
            partial(watch_content, self, self.stop_watching, settle_ms),
            thread=True,
            group="deck-watch",
            exclusive=True,
        )

    @on(DeckReloaded)
    def _deck_reloaded(self, message: DeckReloaded) -> None:
        serve_reloaded(self, message)

    @on(DeckRefused)
    def _deck_refused(self, message: DeckRefused) -> None:
        say_refused(self, message)

    @on(WatchStopped)
    def _watch_stopped(self, message: WatchStopped) -> None:
        from studyapp.tui.safe_text import toast

        self.notify(toast(message.reason), title="Not reloading the deck", severity="warning")

    def say_renamed(self, renamed: Sequence[Renamed]) -> None:
        """A toast per renamed item whose reviews moved to its new id: at start, and when a
        reloaded deck renamed one."""
        from studyapp.present.renames import renamed_sentences
        from studyapp.tui.safe_text import toast

        for sentence in renamed_sentences(renamed):
            self.notify(toast(sentence), title="Renamed", timeout=8)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, plus every key binding of the current screen by its name."""
        yield from super().get_system_commands(screen)
        yield from self._practice_commands()
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.description in seen or binding.system:
                continue
            seen.add(binding.description)
            help_text = binding.tooltip or f"Key: {binding.key_display or binding.key}"
            yield SystemCommand(
                binding.description,
                help_text,
                partial(self.run_action, binding.action, active.node),
            )

    def _practice_commands(self) -> Iterable[SystemCommand]:
        """Quizzes off the schedule: the missed and the bookmarked (`quiz --missed`)."""
        yield SystemCommand(
            "Practise missed questions",
            "A quiz of the questions and scenarios whose latest answer was wrong",
            partial(self.open_screen, "quiz", (), None, "missed"),
        )
        yield SystemCommand(
            "Practise bookmarked questions",
            "A quiz of the questions and scenarios you bookmarked (b)",
            partial(self.open_screen, "quiz", (), None, "bookmarked"),
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title and subtitle, joined by TITLE_SEPARATOR (dim with the subtitle).

        No styled part starts with a space: an SVG screenshot draws each part stretched to
        its cells, and a part's leading space was lost there ("studyapp— AWS")."""
        if not sub_title:
            return Content(title)
        gap, mark = " ", TITLE_SEPARATOR.strip()
        return Content.assemble(Content(title + gap), Content(f"{mark} {sub_title}").stylize("dim"))

    def action_help(self) -> None:
        """Every key of the screen showing now, in a dialog over it (closed if showing)."""
        from studyapp.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen.of(self.screen))

    @retry_when_disk_full
    def watch_theme(self, theme: str) -> None:
        """Keep a theme chosen anywhere (Settings, the command palette) as the setting."""
        settings = self.context.store.settings
        if theme in THEME_NAMES and theme != settings.current().theme:
            settings.set("theme", theme)

    def open_screen(
        self,
        name: StartName,
        topic_ids: Sequence[str] = (),
        count: int | None = None,
        selection: Selection = "due",
        *,
        early: bool = True,
    ) -> None:
        """Open a study or notes screen scoped to some topics (none: all): a study screen over
        today's queue (`early=False`: only what is due and today's new items, Home's study
        now) or over the missed or bookmarked items."""
        from studyapp.tui.screens.notes import NotesScreen
        from studyapp.tui.screens.quiz import QuizScreen
        from studyapp.tui.screens.review import ReviewScreen

        if name == "notes":
            self.push_screen(NotesScreen(topic_ids[0] if topic_ids else None))
        elif name == "review":
            session = self.context.start("review", topic_ids, selection=selection, early=early)
            self.push_screen(ReviewScreen(session))
        elif name in ("quiz", "scenarios"):
            session = self.context.start(name, topic_ids, count, self.rng, selection, early=early)
            self.push_screen(QuizScreen(session))

    def open_exam(
        self,
        topic_ids: Sequence[str] = (),
        question_count: int | None = None,
        minutes: int | None = None,
        *,
        guide_id: str | None = None,
        include_newer: bool | None = None,
    ) -> None:
        """Resume the unfinished exam if the learner wants it, else start a new one: by the
        guide asked for or set, else across `topic_ids` (`StudyContext.exam_spec`)."""
        from studyapp.present.exam import resume_lines
        from studyapp.tui.screens.confirm import ConfirmDialog
        from studyapp.tui.screens.exam import ExamScreen

        def new_exam() -> None:
            self._start_exam(topic_ids, question_count, minutes, guide_id, include_newer)

        offer = self.context.unfinished_exam()
        if isinstance(offer, DiscardedExam):
            from studyapp.tui.safe_text import toast

            reason = f"The unfinished exam cannot be resumed ({offer.reason}); it is discarded."
            self.notify(toast(reason), severity="warning")
        if not isinstance(offer, ResumeOffer):
            new_exam()
            return

        def decided(resume: bool | None) -> None:
            if resume is None:  # Escape: the exam stays unfinished, offered again next time
                return
            exam = self.context.resume_or_discard(offer, resume)
            if exam is None:
                new_exam()
            else:
                self.push_screen(ExamScreen(exam))

        question = "\n".join(resume_lines(offer, self.context.clock.local_tz))
        self.push_screen(ConfirmDialog(question, yes_is_safe=True), decided)

    def _start_exam(
        self,
        topic_ids: Sequence[str],
        question_count: int | None,
        minutes: int | None,
        guide_id: str | None,
        include_newer: bool | None,
    ) -> None:
        """Draw a new exam and open it; a guide whose pools are too small says so instead."""
        from studyapp.tui.screens.exam import ExamScreen

        try:
            exam = self.context.start_exam(
                topic_ids,
                question_count,
                minutes,
                self.rng,
                guide_id=guide_id,
                include_newer=include_newer,
            )
        except UsageError as error:
            from studyapp.tui.safe_text import toast

            self.notify(toast(str(error)), title="No exam", severity="error", timeout=12)
            return
        self.push_screen(ExamScreen(exam))

    def on_unmount(self) -> None:
        self.stop_watching.set()
        self.context.close()


def study_app(node: DOMNode) -> StudyApp:
    """The StudyApp that `node` (a screen or widget of it) runs in, typed: the one way the
    TUI reaches the app's context and its `open_*` methods."""
    app = node.app
    assert isinstance(app, StudyApp), f"{node!r} runs in {app!r}, not a StudyApp"
    return app


def make_app(
    content_paths: Sequence[Path],
    db_path: Path | None,
    clock: Clock,
    start: StartAt = StartAt(),
    cache_dir: Path | None = None,
    rng: random.Random | None = None,
    watch_settle_ms: int | None = None,
) -> StudyApp:
    """The one way to build the app, shared by the CLI and every TUI test; with
    `watch_settle_ms` it reloads the deck when a content file is saved."""
    context = StudyContext.open(content_paths, db_path, clock, cache_dir)
    return StudyApp(context, start, rng, watch_settle_ms)
