"""Settings: the daily new-item limits, desired retention, the exam guide mock exams follow,
the exam date and the theme; all persist."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select

from studyapp.clock import study_day
from studyapp.errors import StoreError, UsageError
from studyapp.srs.personal import store_exam_date, stored_exam_date
from studyapp.srs.plan import parse_exam_date
from studyapp.tui.app import study_app
from studyapp.tui.safe_text import plain
from studyapp.tui.saving import retry_when_disk_full
from studyapp.tui.widgets import KeyFooter


class SettingsScreen(Screen[None]):
    """Edit and save the settings stored in the progress database."""

    CSS_PATH = "settings.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "app.pop_screen", "Back", id="settings.back"),
    ]

    def compose(self) -> ComposeResult:
        settings = study_app(self).context.store.settings.current()
        themes = sorted(self.app.available_themes)
        yield Header()
        with Vertical(id="settings"):
            with Grid(id="fields"):
                yield Label("New flashcards per day")
                yield Input(str(settings.new_per_day), id="new_per_day", type="integer")
                yield Label("New questions per day")
                yield Input(
                    str(settings.new_questions_per_day), id="new_questions_per_day", type="integer"
                )
                yield Label("Desired retention (0.70–0.99)")
                yield Input(str(settings.desired_retention), id="desired_retention", type="number")
                yield Label("Mock exams follow")
                yield Select(
                    _guide_choices(),
                    value=settings.exam_guide,
                    allow_blank=False,
                    id="exam_guide",
                )
                yield Label("Exam date (YYYY-MM-DD)")
                yield Input(
                    self._stored_exam_text(),
                    id="exam_date",
                    placeholder="none: plain scheduling",
                    max_length=10,
                )
                yield Label("Theme")
                yield Select(
                    [(name, name) for name in themes],
                    value=self.app.theme,
                    allow_blank=False,
                    id="theme",
                )
            with Horizontal(id="save-row"):  # side by side: the form fits 80x24
                yield Button("Save", id="save", variant="primary")
                yield Label("", id="message")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Settings"

    def _stored_exam_text(self) -> str:
        exam = stored_exam_date(study_app(self).context.store)
        return "" if exam is None else exam.isoformat()

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        self.app.theme = str(event.value)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    @retry_when_disk_full
    def action_save(self) -> None:
        context = study_app(self).context
        try:
            exam_changed, exam = self._exam_date_wanted()
            for key in ("new_per_day", "new_questions_per_day", "desired_retention"):
                context.store.settings.set(key, self.query_one(f"#{key}", Input).value)
            context.store.settings.set(
                "exam_guide", str(self.query_one("#exam_guide", Select).value)
            )
            if exam_changed:
                store_exam_date(context.store, exam)
        except (StoreError, UsageError) as error:
            self.query_one("#message", Label).update(plain(str(error), style="red"))
            return
        context.reload_scheduler()
        self.query_one("#message", Label).update("Saved.")
        self.app.notify("Settings saved.")

    def _exam_date_wanted(self) -> tuple[bool, date | None]:
        """Whether the exam date field changed and, if so, the date to keep (None: forget
        it), checked as `studyapp plan --exam` checks it. An unchanged date is kept as is,
        even once it has passed, so the other settings can still be saved."""
        text = self.query_one("#exam_date", Input).value.strip()
        if text == self._stored_exam_text():
            return False, None
        if not text:
            return True, None
        context = study_app(self).context
        today = study_day(context.clock.now(), context.clock.local_tz)
        return True, parse_exam_date(text, today)


def _guide_choices() -> list[tuple[str, str]]:
    """The shipped exam guides, and "none": an exam drawn by topic."""
    from studyapp.study.exam_guide import shipped_guides

    guides = [(f"{guide.id.upper()} exam guide", guide.id) for guide in shipped_guides().values()]
    return [*guides, ("Topics (no exam guide)", "none")]
