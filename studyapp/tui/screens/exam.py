"""The mock exam, like the real one: a countdown, flags, free movement, an overview, submit."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Static

from studyapp.content import SCENARIO_QUESTION, Question, Scenario
from studyapp.content.changes import DeckChange
from studyapp.present.choices import too_many_text
from studyapp.present.exam import exam_header_text, exam_scope_parts, time_left_text
from studyapp.present.letters import KEY_LETTERS
from studyapp.study import how_many_to_choose
from studyapp.study.exam import ExamSession
from studyapp.tui.app import TITLE_SEPARATOR, study_app
from studyapp.tui.safe_text import markdown, one_line
from studyapp.tui.saving import retry_when_disk_full
from studyapp.tui.widgets import ChoiceList, KeyFooter

#: How often the time used is saved while the exam sits open (answers save it too).
CHECKPOINT_SECONDS = 10
#: The header's title, and the cells its icon, clock space and the separator take from the width.
TITLE = "Mock exam"
HEADER_TAKES = 8 + 10 + len(f"{TITLE}{TITLE_SEPARATOR}")


class ExamScreen(Screen[None]):
    """One question at a time; every answer and flag is saved the moment it is given."""

    CSS_PATH = "exam.tcss"
    BINDINGS = [
        *(
            Binding(letter, f"pick({i})", f"Pick {letter}", show=False, id=f"exam.pick-{letter}")
            for i, letter in enumerate(KEY_LETTERS)
            if letter not in ("f", "n", "p", "o", "s")
        ),
        Binding("space", "pick_highlighted", "Pick", show=False, id="exam.toggle"),
        Binding("right,n", "next", "Next", id="exam.next"),
        Binding("left,p", "previous", "Back", id="exam.previous"),
        Binding("f", "flag", "Flag", id="exam.flag", tooltip="Flag for review"),
        Binding("o", "overview", "Overview", id="exam.overview", tooltip="All questions"),
        Binding("s", "submit", "Submit", id="exam.submit"),
        Binding("escape", "leave", "Save & leave", id="exam.leave", tooltip="Resume later"),
    ]

    def __init__(self, exam: ExamSession) -> None:
        super().__init__()
        self.exam = exam
        self._ticker: Timer | None = None
        self._ticks = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="exam-status")
        with VerticalScroll(id="exam-question"):
            yield Static(id="exam-prompt")
            yield ChoiceList(id="exam-choices")
        yield Static(id="exam-hint")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = TITLE
        self._fit_header(self.app.size.width)
        self._ticker = self.set_interval(1, self._tick)
        self.show_current()

    # painting ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit_header(event.size.width)

    def _fit_header(self, width: int) -> None:
        """The exam's scope in the header, whole words only, with the pass mark if it fits."""
        parts = [one_line(part) for part in exam_scope_parts(self.exam)]
        self.sub_title = exam_header_text(parts, width - HEADER_TAKES)

    def show_current(self) -> None:
        item = self.exam.item()
        text = item.prompt if isinstance(item, Question) else item.situation
        if isinstance(item, Scenario):
            text += f"\n\n**{SCENARIO_QUESTION}**"
        self.query_one("#exam-prompt", Static).update(markdown(text))
        choices = self.query_one(ChoiceList)
        shown = self.exam.shown_options()
        choices.load(shown.choices, how_many_to_choose(item), self.exam.picked() or ())
        choices.focus()
        self._paint_hint()
        self._paint_status()

    def _paint_hint(self) -> None:
        need, last = how_many_to_choose(self.exam.item()), self.exam.shown_options().last_letter
        self.query_one("#exam-hint", Static).update(
            f"a–{last} answer{'s' if need > 1 else ''} (choose {need}) · ← → move · "
            "f flag · o overview · s submit"
        )

    def _paint_status(self) -> None:
        exam = self.exam
        flag = " · ⚑ flagged" if exam.is_flagged() else ""
        answered = exam.total - exam.unanswered_count
        warn = "bold red" if exam.time_remaining().total_seconds() < 300 else "bold"
        self.query_one("#exam-status", Static).update(
            f"Question {exam.position} of {exam.total}{flag} · {answered} answered · "
            f"[{warn}]{time_left_text(exam.time_remaining())}[/]"
        )

    @retry_when_disk_full
    def _tick(self) -> None:
        self._ticks += 1
        if self.exam.expired:
            self.app.notify("Time is up: the exam was submitted.", severity="warning")
            self._submit_now()
            return
        if self._ticks % CHECKPOINT_SECONDS == 0:
            self.exam.checkpoint()
        self._paint_status()

    def deck_changed(self, change: DeckChange) -> None:
        """Go on with the saved versions of the questions: the one showing is painted again
        (a question that left the deck is left out, as on resume)."""
        showing = self.exam.item().id
        self.exam.use_deck(study_app(self).context.deck)
        self._fit_header(self.app.size.width)
        if showing in change.items.touched or change.items.removed or change.topics_changed:
            self.show_current()
        else:
            self._paint_status()

    # answering and moving -----------------------------------------------------------------

    @retry_when_disk_full
    def action_pick(self, position: int) -> None:
        """Pick the option shown at `position` by its letter; saved at once (a key never waits
        on a message)."""
        choices = self.query_one(ChoiceList)
        if not 0 <= position < len(choices.choices):
            return
        index, need = choices.choices[position].index, how_many_to_choose(self.exam.item())
        if need == 1:
            picks: tuple[int, ...] = (index,)
        elif index not in choices.picked and len(choices.picked) >= need:
            self.query_one("#exam-hint", Static).update(too_many_text(need))  # as the exam does
            return
        else:
            picks = tuple(sorted(choices.picked ^ {index}))  # the ticks, full or not
        self._save(picks)
        choices.show_picks(picks)
        self._paint_hint()

    def action_pick_highlighted(self) -> None:
        highlighted = self.query_one(ChoiceList).highlighted
        if highlighted is not None:
            self.action_pick(highlighted)

    @on(ChoiceList.Submitted)
    @on(ChoiceList.Picked)
    @retry_when_disk_full
    def _picked_with_mouse_or_enter(self, event: ChoiceList.Submitted | ChoiceList.Picked) -> None:
        self._save(event.picked)

    def _save(self, picks: tuple[int, ...]) -> None:
        """A full answer is saved; fewer picks than the question asks for clear it."""
        if self.exam.expired:
            self._submit_now()
            return
        if len(picks) == how_many_to_choose(self.exam.item()):
            self.exam.answer(self.exam.position, picks)
        elif self.exam.picked() is not None:
            self.exam.answer(self.exam.position, ())
        self._paint_status()

    @retry_when_disk_full
    def action_next(self) -> None:
        if self.exam.position < self.exam.total:
            self.exam.next()
            self.show_current()

    @retry_when_disk_full
    def action_previous(self) -> None:
        if self.exam.position > 1:
            self.exam.previous()
            self.show_current()

    @retry_when_disk_full
    def action_flag(self) -> None:
        """`f` is the sixth option on a six-option question; flag it with the palette then."""
        if len(self.query_one(ChoiceList).choices) >= 6:
            self.action_pick(5)
            return
        # The status line says "⚑ flagged" at once; a toast would stack over the overview.
        self.exam.toggle_flag()
        self._paint_status()

    def action_overview(self) -> None:
        from studyapp.tui.screens.exam_overview import ExamOverview

        self.app.push_screen(ExamOverview(self.exam.overview(), self.exam.position), self._jump)

    @retry_when_disk_full
    def _jump(self, position: int | None) -> None:
        if position is not None:
            self.exam.go_to(position)
            self.show_current()

    def action_submit(self) -> None:
        from studyapp.tui.screens.confirm import ConfirmDialog

        unanswered = self.exam.unanswered_count
        flagged = sum(1 for cell in self.exam.overview() if cell.flagged)
        question = (
            f"Submit the exam with {unanswered} unanswered and {flagged} flagged?"
            if unanswered or flagged
            else "Submit the exam?"
        )

        def decided(sure: bool | None) -> None:
            if sure:
                self._submit_now()

        self.app.push_screen(ConfirmDialog(question), decided)

    @retry_when_disk_full
    def _submit_now(self) -> None:
        from studyapp.tui.screens.exam_result import ExamResultScreen

        result = self.exam.submit()  # first: a full disk leaves the exam open and ticking
        if self._ticker is not None:
            self._ticker.stop()
        self.app.switch_screen(ExamResultScreen(result))

    @retry_when_disk_full
    def action_leave(self) -> None:
        self.exam.checkpoint()
        if self._ticker is not None:
            self._ticker.stop()
        self.app.notify("Exam saved with its clock stopped: press e on Home to resume it.")
        self.dismiss()
