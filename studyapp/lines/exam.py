"""Line mode for mock exams: answer, move, flag and submit by typed lines; leave and resume."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TextIO

from studyapp.errors import UsageError
from studyapp.lines.exam_report import result_lines, review_lines
from studyapp.lines.items import question_lines
from studyapp.lines.reading import TypedLines, read_line
from studyapp.lines.session import LetterError, parse_letters
from studyapp.lines.writer import LineWriter, terminal_width, write_wrapped
from studyapp.present.exam import (
    exam_scope_text,
    overview_cell,
    overview_legend,
    resume_lines,
    time_left_text,
)
from studyapp.study import OPTION_LETTERS, DiscardedExam, StudyContext
from studyapp.study.exam import (
    PASSING_SCORE,
    SCALE_LABEL,
    SCALE_MAX,
    SCALE_MIN,
    ExamItem,
    ExamResult,
    ExamSession,
    ReviewedQuestion,
)
from studyapp.study.options import how_many_to_choose
from studyapp.text import plural, printable_output

KEYS_HELP = (
    "Keys: letters answer (two for a choose-TWO) · n next · p previous · g N go to question N · "
    "f flag · o overview · s submit · q save and leave"
)
#: Typed words and what they do; a single letter that is also an option's letter picks the option.
COMMANDS = {
    "n": "next",
    "next": "next",
    "p": "previous",
    "prev": "previous",
    "previous": "previous",
    "f": "flag",
    "flag": "flag",
    "o": "overview",
    "overview": "overview",
    "s": "submit",
    "submit": "submit",
}
#: After a typed line: show the current question again, submit, or just prompt again.
Next = Literal["show", "submit", "prompt"]


class _LeaveExam(Exception):
    """The learner typed q, pressed Ctrl-C or the input ended: save and leave."""


@dataclass
class LineExam(LineWriter):
    """Drives an ExamSession with typed lines until it is submitted or left."""

    exam: ExamSession
    input: TypedLines
    output: TextIO
    width: int = field(default_factory=terminal_width)

    def __post_init__(self) -> None:
        self.output = printable_output(self.output)  # authored text is data: no control codes

    def ask(self, prompt: str) -> str:
        typed = read_line(self.input, self.output, prompt)
        if typed is None or typed.lower() in ("q", "quit", "exit"):
            raise _LeaveExam
        return typed

    def run(self) -> ExamResult | None:
        """The result once submitted, or None when left (the exam is saved to resume)."""
        try:
            return self._loop()
        except (_LeaveExam, KeyboardInterrupt):
            self._leave()
            return None

    def _loop(self) -> ExamResult:
        shown: int | None = None
        while True:
            if self.exam.expired:
                self.say("Time is up: the exam is submitted.")
                return self._finish()
            if shown != self.exam.position:
                self._show()
                shown = self.exam.position
            typed = self.ask(self._prompt())
            if self.exam.expired:
                continue
            step = self._handle(typed)
            if step == "submit":
                return self._finish()
            if step == "show":
                shown = None

    def _leave(self) -> None:
        if self.exam.submitted:
            return
        self.exam.checkpoint()
        answered = self.exam.total - self.exam.unanswered_count
        self.say_wrapped(
            f"Exam saved: {answered} of {self.exam.total} answered, {self._time_left()}. "
            "Run `studyapp exam` again to resume it."
        )

    # showing --------------------------------------------------------------------------

    def _show(self) -> None:
        exam, position = self.exam, self.exam.position
        flagged = " · flagged" if exam.is_flagged() else ""
        self.say()
        self.say(f"── Question {position} of {exam.total} · {self._time_left()}{flagged} ──")
        shown = exam.shown_options()
        self.say_lines(question_lines(exam.item(), shown, self.width))
        picked = exam.picked()
        if picked is not None:
            self.say(f"  Your answer: {shown.letters(picked)}")

    def _prompt(self) -> str:
        need = how_many_to_choose(self.exam.item())
        letters = f"a-{self.exam.shown_options().last_letter}"
        what = "one letter" if need == 1 else f"{need} letters"
        return f"  Choose {what} ({letters}) or n p g N f o s q > "

    # typed lines ----------------------------------------------------------------------

    def _handle(self, typed: str) -> Next:
        words = typed.lower().split()
        if not words:
            return "prompt"
        if words[0] in ("g", "go") or words[0].isdecimal():
            return self._go(words[1:] if words[0] in ("g", "go") else words)
        command = COMMANDS.get(words[0]) if len(words) == 1 else None
        if command is not None and not self._is_option_letter(words[0]):
            return self._command(command)
        return self._answer(typed.lower())

    def _is_option_letter(self, word: str) -> bool:
        return len(word) == 1 and word in OPTION_LETTERS[: len(self.exam.shown_options().choices)]

    def _go(self, args: Sequence[str]) -> Next:
        # isdecimal, not isdigit: int() refuses "²". Past 9 digits no exam has the question,
        # and int() refuses text over 4,300 digits.
        if len(args) != 1 or not args[0].isdecimal():
            self.say(f"  Type g and a question number, 1 to {self.exam.total}.")
            return "prompt"
        if len(args[0].lstrip("0")) > 9:
            self.say(f"  There is no such question; questions go from 1 to {self.exam.total}.")
            return "prompt"
        try:
            self.exam.go_to(int(args[0]))
        except UsageError as exc:
            self.say(f"  {exc}.")
            return "prompt"
        return "show"

    def _command(self, command: str) -> Next:
        if command == "next":
            return self._move(+1)
        if command == "previous":
            return self._move(-1)
        if command == "flag":
            flagged = self.exam.toggle_flag()
            position = self.exam.position
            self.say(
                f"  Question {position} flagged." if flagged else f"  Flag on {position} removed."
            )
            return "prompt"
        if command == "overview":
            self._overview()
            return "prompt"
        return "submit" if self._confirm_submit() else "prompt"

    def _move(self, step: int) -> Next:
        target = self.exam.position + step
        if not 1 <= target <= self.exam.total:
            edge = "last" if step > 0 else "first"
            self.say(f"  This is the {edge} question: g N goes to any question, s submits.")
            return "prompt"
        self.exam.go_to(target)
        return "show"

    def _answer(self, typed: str) -> Next:
        item = self.exam.item()
        picked = self._parse_letters(item, typed)
        if picked is None:
            return "prompt"
        self.exam.answer(self.exam.position, picked)
        if self.exam.position < self.exam.total:
            self.exam.next()
            return "show"
        self.say("  Saved. That was the last question: o shows the overview, s submits.")
        return "prompt"

    def _parse_letters(self, item: ExamItem, typed: str) -> tuple[int, ...] | None:
        """The authored indices of the options typed by their shown letters."""
        shown = self.exam.shown_options()
        try:
            positions = parse_letters(typed, len(shown.choices), how_many_to_choose(item))
        except LetterError as error:
            keys = ", or a key: n p g N f o s q" if error.bad_letters else ""
            self.say(f"  {error}{keys}.")
            return None
        return shown.authored(positions)

    def _overview(self) -> None:
        statuses = self.exam.overview()
        cells = [overview_cell(status, self.exam.total) for status in statuses]
        for start in range(0, len(cells), 10):
            self.say("  " + "  ".join(cells[start : start + 10]).rstrip())
        self.say(f"  {overview_legend(statuses)} · {self._time_left()}")

    def _time_left(self) -> str:
        return time_left_text(self.exam.time_remaining())

    def _confirm_submit(self) -> bool:
        unanswered = self.exam.unanswered_count
        question = f"Submit with {unanswered} unanswered?" if unanswered else "Submit the exam?"
        while True:
            typed = self.ask(f"  {question} y/n > ").lower()
            if typed in ("y", "yes", "n", "no") or self.exam.expired:
                return typed.startswith("y")
            self.say("  Type y or n.")

    # the end --------------------------------------------------------------------------

    def _finish(self) -> ExamResult:
        result = self.exam.submit()
        self.say()
        for line in result_lines(result, self.exam.clock.now(), self.exam.clock.local_tz):
            self.say(line)
        self.say()
        self._review(result.missed, result.total)
        return result

    def _review(self, missed: Sequence[ReviewedQuestion], total: int) -> None:
        if not missed:
            self.say("No questions missed.")
            return
        self.say(f"Missed questions: {len(missed)} of {total}, every option with why.")
        for question in missed:
            self.say()
            for line in review_lines(question, self.width):
                self.say(line)


def run_exam(
    context: StudyContext,
    input: TypedLines,
    output: TextIO,
    *,
    topic_ids: Sequence[str] = (),
    question_count: int | None = None,
    minutes: int | None = None,
    rng: random.Random,
    guide_id: str | None = None,
    include_newer: bool | None = None,
) -> ExamResult | None:
    """Offer to resume an unfinished exam, else start one (as `StudyContext.exam_spec` says:
    by the guide asked for or set, else across the topics); run it in line mode."""
    output = printable_output(output)
    # First: a guide that does not exist or a topic the deck lacks fails before any question.
    spec = context.exam_spec(
        topic_ids, question_count, minutes, guide_id=guide_id, include_newer=include_newer
    )
    try:
        exam = _offer_resume(context, input, output)
    except _LeaveExam:
        write_wrapped(output, "The unfinished exam is kept: `studyapp exam` offers it again.")
        return None
    if exam is None:
        exam = context.start_exam(
            topic_ids,
            spec.question_count,
            spec.minutes,
            rng,
            guide_id=guide_id,
            include_newer=spec.include_newer,
        )
        _say_intro(exam, output, spec.question_count)
    return LineExam(exam, input, output).run()


def _offer_resume(context: StudyContext, input: TypedLines, output: TextIO) -> ExamSession | None:
    """The unfinished exam if the learner resumes it; None (it is discarded) to start anew."""
    offer = context.unfinished_exam()
    if offer is None:
        return None
    if isinstance(offer, DiscardedExam):
        reason = f"The unfinished exam cannot be resumed ({offer.reason}); it is discarded."
        write_wrapped(output, reason)
        return None
    for line in resume_lines(offer, context.clock.local_tz):
        output.write(line + "\n")
    while (typed := read_line(input, output, "y/n > ")) is not None:
        if typed.lower() in ("y", "yes"):
            write_wrapped(output, f"Resumed. {KEYS_HELP}")
            return context.resume_or_discard(offer, resume=True)  # its clock starts again now
        if typed.lower() in ("n", "no"):
            context.resume_or_discard(offer, resume=False)
            output.write("The unfinished exam is discarded; a new one starts.\n")
            return None
        output.write("Type y to resume it or n to discard it and start a new one.\n")
    raise _LeaveExam


def _say_intro(exam: ExamSession, output: TextIO, asked_for: int) -> None:
    if exam.total < asked_for:
        found = plural(exam.total, "question or scenario", "questions and scenarios")
        output.write(f"Only {found} in these topics.\n")
    unscored = len(exam.record.unscored_ids)
    hidden = (
        f" {unscored} of them are unscored and not marked, as on the real exam." if unscored else ""
    )
    write_wrapped(
        output,
        f"Mock exam: {exam_scope_text(exam)}.{hidden} Scored on a {SCALE_LABEL} "
        f"of {SCALE_MIN}-{SCALE_MAX}, {PASSING_SCORE} to pass.",
    )
    write_wrapped(output, KEYS_HELP)
