"""How the mock exam went: the score on the simulated scale, each topic, then a review."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from studyapp.content import Question, Scenario
from studyapp.present.exam import (
    DOMAIN_RULE,
    domain_scores_table,
    missed_due_text,
    time_used_text,
    topic_scores_table,
)
from studyapp.present.letters import OPTION_LETTERS
from studyapp.present.newer import newer_than_exam_note
from studyapp.study.exam import PASSING_SCORE, ExamResult, ReviewedQuestion
from studyapp.tui.app import study_app
from studyapp.tui.safe_text import markdown, plain, source_text
from studyapp.tui.saving import retry_when_disk_full
from studyapp.tui.tables import fill_data_table
from studyapp.tui.widgets import KeyFooter


@dataclass(frozen=True)
class VerdictStyles:
    """How a right, a wrong and a blank answer are marked (from the screen's .tcss)."""

    right: Style
    wrong: Style
    blank: Style


def reviewed_renderable(question: ReviewedQuestion, styles: VerdictStyles) -> RenderableType:
    """One question after the exam: your pick, the right answer and every option's why, with
    the letters as the exam showed them and ✓ and ✗ in their styles."""
    item = question.item
    text = item.prompt if isinstance(item, Question) else item.situation
    verdict = (
        ("✓ right", styles.right)
        if question.correct
        else ("✗ wrong", styles.wrong)
        if question.picked
        else ("· not answered", styles.blank)
    )
    unscored = " · unscored" if not question.scored else ""
    heading = Text.assemble(
        plain(f"Question {question.position} · {question.topic_title}{unscored} · ", "bold"),
        verdict,
    )
    parts: list[RenderableType] = [heading, Text(), markdown(text.strip())]
    note = newer_than_exam_note(item)
    if note is not None:
        parts.append(plain(note, "bold"))
    parts += [Text(), _options_grid(question, styles)]
    if isinstance(item, Scenario):
        parts += [Text(), markdown(item.explanation.strip())]
    parts += [Text(), *source_text(item.source, style="")]
    return Group(*parts)


def _options_grid(question: ReviewedQuestion, styles: VerdictStyles) -> Table:
    """Each option under its letter and mark, wrapped lines indented under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for letter, choice in zip(OPTION_LETTERS, question.shown.choices, strict=False):
        mark = ("✓", styles.right) if choice.correct else ("✗", styles.wrong)
        mine = " **(your pick)**" if question.picked and choice.index in question.picked else ""
        why = f": {choice.why}" if choice.why else ""
        grid.add_row(Text.assemble(f"{letter})", " ", mark), markdown(f"{choice.text}{mine}{why}"))
    return grid


class ExamResultScreen(Screen[None]):
    """The score, pass or fail, per-topic results and time used; `r` reviews every question."""

    CSS_PATH = "exam_result.tcss"
    BINDINGS = [
        Binding("r", "review", "Review answers", id="result.review"),
        Binding("m", "review_missed", "Review missed", id="result.missed"),
        Binding("escape,enter", "home", "Home", id="result.home"),
    ]

    def __init__(self, result: ExamResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        result = self.result
        verdict = "[b green]PASS[/]" if result.passed else "[b red]NOT YET[/]"
        yield Header()
        with VerticalScroll(id="result"):
            yield Static(
                f"[b]{result.score}[/b] on the simulated 100–1000 scale · {verdict} "
                f"(the real exam's pass mark is {PASSING_SCORE}; this scale is a simulation)",
                id="result-score",
            )
            unscored = (
                f" scored ({result.unscored} unscored not counted)" if result.unscored else ""
            )
            clock = study_app(self).context.clock
            due = missed_due_text(result, clock.now(), clock.local_tz)
            summary = [
                f"{result.correct} of {result.total}{unscored} right",
                time_used_text(result),
            ]
            yield Static(
                "\n".join([*summary, *([due] if due else [])]), id="result-summary", markup=False
            )
            yield DataTable(id="result-topics", cursor_type="row", zebra_stripes=True)
            if result.domains:
                yield Static(DOMAIN_RULE, id="result-rule")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        result = self.result
        self.title = "Exam results"
        if result.domains:
            self.sub_title = f"{(result.guide_id or '').upper()} · per domain, scored questions"
            table = domain_scores_table(result.domains)
        else:
            table = topic_scores_table(result.topics)
        fill_data_table(self.query_one(DataTable), table)

    def action_review(self) -> None:
        self.app.push_screen(ExamReviewScreen(self.result.questions))

    def action_review_missed(self) -> None:
        if self.result.missed:
            self.app.push_screen(ExamReviewScreen(self.result.missed))
        else:
            self.app.notify("Nothing missed.")

    def action_home(self) -> None:
        self.dismiss()


class ExamReviewScreen(Screen[None]):
    """Every question of the exam with your answer, the right one and each option's why."""

    CSS_PATH = "exam_result.tcss"
    COMPONENT_CLASSES = {"exam-review--right", "exam-review--wrong", "exam-review--blank"}
    BINDINGS = [
        Binding("right,n", "move(1)", "Next", id="review.next"),
        Binding("left,p", "move(-1)", "Back", id="review.previous"),
        Binding("b", "bookmark", "Bookmark", id="review.bookmark", tooltip="Bookmark, or unmark"),
        Binding("escape", "app.pop_screen", "Results", id="review.back"),
    ]

    def __init__(self, questions: tuple[ReviewedQuestion, ...]) -> None:
        super().__init__()
        self.questions = questions
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="result"):
            yield Static(id="reviewed")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Exam review"
        self._show()

    def _show(self) -> None:
        question = self.questions[self.index]
        self._show_mark(question.item.id)
        style = self.get_component_rich_style
        styles = VerdictStyles(
            style("exam-review--right"), style("exam-review--wrong"), style("exam-review--blank")
        )
        self.query_one("#reviewed", Static).update(reviewed_renderable(question, styles))

    def action_move(self, step: int) -> None:
        self.index = min(max(0, self.index + step), len(self.questions) - 1)
        self._show()

    def _show_mark(self, item_id: str) -> None:
        from studyapp.tui.bookmarking import bookmark_mark

        mark = bookmark_mark(self, item_id)
        self.sub_title = f"{self.index + 1} of {len(self.questions)}" + (
            f" · {mark}" if mark else ""
        )

    @retry_when_disk_full
    def action_bookmark(self) -> None:
        from studyapp.tui.bookmarking import toggle_bookmark

        item_id = self.questions[self.index].item.id
        toggle_bookmark(self, item_id)
        self._show_mark(item_id)
