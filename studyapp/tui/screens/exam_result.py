"""How the mock exam went: the score on the simulated scale, each topic, then a review."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from studyapp.content import Question, Scenario
from studyapp.present.durations import clock_text
from studyapp.present.exam import DOMAIN_RULE, domain_scores_table, topic_scores_table
from studyapp.present.letters import OPTION_LETTERS
from studyapp.present.newer import newer_than_exam_note
from studyapp.study.exam import PASSING_SCORE, ExamResult, ReviewedQuestion
from studyapp.tui.safe_text import literal, markdown
from studyapp.tui.tables import fill_data_table
from studyapp.tui.widgets import KeyFooter


def reviewed_markdown(question: ReviewedQuestion) -> str:
    """One question after the exam: your pick, the right answer, and every option's why, with
    the letters as the exam showed them."""
    item = question.item
    text = item.prompt if isinstance(item, Question) else item.situation
    verdict = "✓ right" if question.correct else "✗ wrong" if question.picked else "· not answered"
    unscored = " · unscored" if not question.scored else ""
    lines = [
        f"### Question {question.position} · {question.topic_id}{unscored} · {verdict}",
        text.strip(),
        "",
    ]
    note = newer_than_exam_note(item)
    if note is not None:
        lines += [f"**{literal(note)}**", ""]
    for letter, choice in zip(OPTION_LETTERS, question.shown.choices, strict=False):
        mark = "✓" if choice.correct else "✗"
        mine = " **(your pick)**" if question.picked and choice.index in question.picked else ""
        why = f": {choice.why}" if choice.why else ""
        lines.append(f"- {letter}) {mark} {choice.text}{mine}{why}")
    if isinstance(item, Scenario):
        lines += ["", item.explanation.strip()]
    lines += ["", f"Source: {literal(item.source)}"]
    return "\n".join(lines)


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
            yield Static(
                f"{result.correct} of {result.total}{unscored} right · time used "
                f"{clock_text(result.time_used.total_seconds())} of "
                f"{clock_text(result.time_limit.total_seconds())} · wrong and unanswered "
                "questions are now due for review",
                id="result-summary",
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
    BINDINGS = [
        Binding("right,n", "move(1)", "Next", id="review.next"),
        Binding("left,p", "move(-1)", "Back", id="review.previous"),
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
        self.sub_title = f"{self.index + 1} of {len(self.questions)}"
        question = self.questions[self.index]
        self.query_one("#reviewed", Static).update(markdown(reviewed_markdown(question)))

    def action_move(self, step: int) -> None:
        self.index = min(max(0, self.index + step), len(self.questions) - 1)
        self._show()
