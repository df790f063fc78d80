"""Exam-style questions and "which service?" scenarios: pick, see why, move on."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, ProgressBar, Static

from studyapp.content import SCENARIO_QUESTION, Item, Question, Scenario
from studyapp.content.changes import DeckChange
from studyapp.errors import UsageError
from studyapp.present.choices import (
    choose_hint,
    right_options,
    too_many_text,
    wrong_count_text,
)
from studyapp.present.letters import KEY_LETTERS
from studyapp.present.newer import newer_than_exam_note
from studyapp.present.summary import SELECTION_TITLES
from studyapp.study import ShownOptions, StudySession, how_many_to_choose
from studyapp.text import cell_width, join_fitting
from studyapp.tui.safe_text import markdown, plain, source_text, toast
from studyapp.tui.saving import retry_when_disk_full
from studyapp.tui.screens.study_screen import StudyScreen
from studyapp.tui.widgets import ChoiceList, KeyFooter

#: Header cells besides the title and sub-title: its icon on the left, room on the right.
HEADER_TAKES = 8 + 10


class QuizScreen(StudyScreen):
    """Serves a quiz or a scenario drill; every answer is committed as it is given.

    `b` picks option b until the question is answered, then bookmarks it (the footer shows
    Bookmark only then)."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        *(
            Binding(letter, f"pick({i})", f"Pick {letter}", show=False, id=f"quiz.pick-{letter}")
            for i, letter in enumerate(KEY_LETTERS)
            if letter not in ("f", "n", "u")
        ),
        Binding("f", "flag_or_pick", "Flag", id="study.flag", tooltip="Report a wrong item"),
        Binding("space", "pick_highlighted", "Pick", show=False, id="quiz.toggle"),
        Binding("enter", "next", "Next", id="quiz.next", priority=True),
        Binding("plus", "easy", "Was easy", id="quiz.easy", tooltip="Schedule it further out"),
        *(b for b in StudyScreen.STUDY_BINDINGS if getattr(b, "id", "") != "study.flag"),
    ]

    def __init__(self, session: StudySession) -> None:
        super().__init__()
        self.session = session
        self.answered = False
        self.shown: ShownOptions | None = None
        #: The question showing, answered or not (the session moves on once it is answered).
        self.item: Question | Scenario | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(id="progress", show_eta=False)
        with VerticalScroll(id="question"):
            yield Static(id="prompt")
            yield ChoiceList(id="choices")
            yield Static(id="feedback")
        yield Static(id="hint")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        base = "Scenario drill" if self.session.mode == "scenarios" else "Quiz"
        self.title = base + SELECTION_TITLES[self.session.selection]
        self.show_current()

    @property
    def choice_list(self) -> ChoiceList:
        return self.query_one(ChoiceList)

    def show_current(self) -> None:
        """Paint the current question, or end the session when none is left."""
        item = self.session.current()
        if item is None:
            self.finish()
            return
        assert isinstance(item, Question | Scenario)
        self.answered, self.item = False, item
        need = how_many_to_choose(item)
        self.show_bookmark_mark(item.id)
        text = item.prompt if isinstance(item, Question) else item.situation
        if isinstance(item, Scenario):
            text += f"\n\n**{SCENARIO_QUESTION}**"
        self.query_one("#prompt", Static).update(markdown(text))
        self.shown = self.session.shown_options()
        self.choice_list.load(self.shown.choices, need)
        # Focus without scrolling to the options: a short terminal opens on the question.
        self.choice_list.focus(scroll_visible=False)
        self.query_one("#question", VerticalScroll).scroll_home(animate=False)
        self.query_one("#feedback", Static).update("")
        self.query_one("#hint", Static).update(choose_hint(need, self.shown.last_letter))
        done = len(self.session.history)
        self.query_one(ProgressBar).update(total=done + self.session.remaining, progress=done)
        self.refresh_bindings()

    def item_on_screen(self) -> Item | None:
        return self.item

    def show_bookmark_mark(self, item_id: str) -> None:
        """The header: the bookmark mark, topic, kind and how many are left, as many of
        them as fit whole (the mark first, so a narrow screen still shows it)."""
        from studyapp.tui.bookmarking import bookmark_mark

        kind = "Scenario" if isinstance(self.item, Scenario) else "Question"
        left = self.session.remaining + (1 if self.answered else 0)
        mark = bookmark_mark(self, item_id)
        parts = [*([mark] if mark else []), self.topic_title(item_id), kind, f"{left} left"]
        room = self.size.width - HEADER_TAKES - cell_width(f"{self.title} — ")
        self.sub_title = join_fitting(parts, room)

    def on_resize(self) -> None:
        if self.item is not None:
            self.show_bookmark_mark(self.item.id)

    def action_pick(self, position: int) -> None:
        """Pick the option shown at `position` (its letter)."""
        if self.answered:
            return
        self.choice_list.toggle(position)

    def action_pick_highlighted(self) -> None:
        highlighted = self.choice_list.highlighted
        if not self.answered and highlighted is not None:
            self.choice_list.toggle(highlighted)

    def action_flag_or_pick(self) -> None:
        """`f` is the sixth option while a six-option question is open, else it flags."""
        if not self.answered and len(self.choice_list.choices) >= 6:
            self.action_pick(5)
        else:
            self.action_flag()

    def action_next(self) -> None:
        """Enter: the next question once answered; else answer a choose-one with the option
        highlighted, or submit a choose-two's ticks (the wrong count submits nothing)."""
        choices = self.choice_list
        if self.answered:
            self.show_current()
        elif choices.need == 1:
            if choices.highlighted is not None:
                choices.toggle(choices.highlighted)
        elif not choices.submit():
            self._say(wrong_count_text(choices.need, len(choices.picked)))

    @on(ChoiceList.Refused)
    def _refused(self, event: ChoiceList.Refused) -> None:
        self._say(too_many_text(event.need))

    @on(ChoiceList.Picked)
    def _picked(self) -> None:
        """A tick taken or taken back: the how-to-answer line again, in place of a warning."""
        if self.shown is not None:
            hint = choose_hint(self.choice_list.need, self.shown.last_letter)
            self.query_one("#hint", Static).update(hint)

    def _say(self, text: str) -> None:
        """A warning in the hint line, in place of the how-to-answer line."""
        self.query_one("#hint", Static).update(plain(text, style="bold yellow"))

    @on(ChoiceList.Submitted)
    @retry_when_disk_full
    def _submitted(self, event: ChoiceList.Submitted) -> None:
        item = self.session.current()
        assert isinstance(item, Question | Scenario)
        answered = self.session.answer(event.picked)
        self.answered = True
        self.choice_list.show_result(event.picked)
        lines = []
        if isinstance(item, Scenario):
            lines.append(item.explanation.strip())
            trace = self.session.scenario_trace(item, item.options[event.picked[0]])
            lines += [line for line in trace if not line[0].isdigit() and line.endswith(".")]
            steps = [line for line in trace if line[0].isdigit()]
            lines.append("**How the rules decide:**\n\n" + "\n".join(steps))
        note = newer_than_exam_note(item)
        parts: list[RenderableType] = []
        if note is not None:
            parts.append(plain(note + "\n", style="bold yellow"))
        if lines:
            parts += [markdown("\n\n".join(lines)), Text()]
        parts += source_text(item.source)
        self.query_one("#feedback", Static).update(Group(*parts))
        self.query_one("#hint", Static).update(self._verdict(answered.correct is True))
        self.show_bookmark_mark(item.id)
        self.refresh_bindings()

    def _verdict(self, correct: bool) -> Text:
        """Right, or the right options by their letters and text, each on one line (the
        footer lists the keys)."""
        if correct:
            return Text.assemble(("✓ Right.", "bold green"), "  Enter: next · + it was easy")
        assert self.shown is not None
        width = self.query_one("#hint", Static).content_size.width
        verdict = Text.assemble(("✗ Not quite:", "bold red"), " the answer is")
        right = right_options(self.shown)
        if len(right) == 1 and cell_width(f"{verdict.plain} {right[0]}") <= width:
            verdict.append(" " + right[0], style="bold")
        else:  # each on a line of its own, cut at a word only if even that is too narrow
            for line in right_options(self.shown, max(20, width - 2)):
                verdict.append("\n  " + line, style="bold")
        return verdict

    @retry_when_disk_full
    def action_easy(self) -> None:
        try:
            self.session.mark_easy()
        except UsageError as error:
            self.app.notify(toast(str(error)))
            return
        self.app.notify("Marked easy: it will come back later.")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return not self.answered
        if action == "bookmark":
            return self.answered
        if action == "easy":
            history = self.session.history
            return (
                self.answered
                and bool(history)
                and history[-1].rating != 4
                and (history[-1].correct is True)
            )
        return super().check_action(action, parameters)

    def after_undo(self) -> None:
        self.show_current()

    def deck_changed(self, change: DeckChange) -> None:
        """Paint the question's saved version (the next one if it left the deck) unless it is
        answered: its result stays as it was given, and Enter moves on."""
        item = self.item
        if item is None:
            return
        if not self.answered and (item.id in change.items.touched or change.topics_changed):
            self.show_current()
            return
        if item.id in self.session.deck.items:
            self.show_bookmark_mark(item.id)
        done = len(self.session.history)
        self.query_one(ProgressBar).update(total=done + self.session.remaining, progress=done)

    def action_notes(self) -> None:
        super().action_notes()
