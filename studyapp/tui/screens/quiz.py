"""Exam-style questions and "which service?" scenarios: pick, see why, move on."""

from __future__ import annotations

from rich.console import Group
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, ProgressBar, Static

from studyapp.content import SCENARIO_QUESTION, Question, Scenario
from studyapp.errors import UsageError
from studyapp.present.letters import KEY_LETTERS
from studyapp.present.newer import newer_than_exam_note
from studyapp.study import ShownOptions, StudySession, how_many_to_choose
from studyapp.tui.safe_text import literal, markdown, plain, toast
from studyapp.tui.saving import retry_when_disk_full
from studyapp.tui.screens.study_screen import StudyScreen
from studyapp.tui.widgets import ChoiceList, KeyFooter


class QuizScreen(StudyScreen):
    """Serves a quiz or a scenario drill; every answer is committed as it is given."""

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
        self.title = "Scenario drill" if self.session.mode == "scenarios" else "Quiz"
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
        self.answered = False
        need = how_many_to_choose(item)
        kind = "Scenario" if isinstance(item, Scenario) else "Question"
        self.sub_title = f"{self.topic_title(item.id)} · {kind} · {self.session.remaining} left"
        text = item.prompt if isinstance(item, Question) else item.situation
        if isinstance(item, Scenario):
            text += f"\n\n**{SCENARIO_QUESTION}**"
        self.query_one("#prompt", Static).update(markdown(text))
        self.shown = self.session.shown_options()
        self.choice_list.load(self.shown.choices, need)
        self.choice_list.focus()
        self.query_one("#feedback", Static).update("")
        last = self.shown.last_letter
        self.query_one("#hint", Static).update(
            f"Choose one: a–{last} or ↑↓ Enter"
            if need == 1
            else f"Choose {need}: a–{last} or Space to pick, Enter to submit"
        )
        done = len(self.session.history)
        self.query_one(ProgressBar).update(total=done + self.session.remaining, progress=done)
        self.refresh_bindings()

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
        if self.answered:
            self.show_current()
            return
        highlighted = self.choice_list.highlighted
        if not self.choice_list.submit() and highlighted is not None:
            self.choice_list.toggle(highlighted)

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
        lines.append(f"Source: {literal(item.source)}")
        feedback = markdown("\n\n".join(lines))
        note = newer_than_exam_note(item)
        self.query_one("#feedback", Static).update(
            feedback if note is None else Group(plain(note + "\n", style="bold yellow"), feedback)
        )
        assert self.shown is not None
        right = self.shown.right_letters
        verdict = (
            "[b green]✓ Right.[/]"
            if answered.correct
            else f"[b red]✗ Not quite:[/] the answer is [b]{right}[/b]."
        )
        easy = " · + it was easy" if answered.correct else ""
        self.query_one("#hint", Static).update(f"{verdict}  Enter: next{easy} · u: undo")
        self.refresh_bindings()

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

    def action_notes(self) -> None:
        super().action_notes()
