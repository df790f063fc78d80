"""Line mode: a whole study session on stdin/stdout, for pipes, scripts and dumb terminals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from studyapp.content import Card, Item, Question, Scenario
from studyapp.errors import UsageError
from studyapp.lines.writer import LineWriter, terminal_width
from studyapp.present.newer import newer_than_exam_note
from studyapp.present.summary import summary_lines
from studyapp.srs import Rating
from studyapp.study import (
    OPTION_LETTERS,
    SessionSummary,
    ShownOptions,
    StudySession,
    how_many_to_choose,
)
from studyapp.text import printable_output

RATING_KEYS = {"1": Rating.AGAIN, "2": Rating.HARD, "3": Rating.GOOD, "4": Rating.EASY}


class _EndSession(Exception):
    """The learner typed q or the input ended."""


@dataclass
class LineSession(LineWriter):
    """Drives a StudySession with typed lines: Enter reveals, 1-4 rate, letters answer."""

    session: StudySession
    input: TextIO
    output: TextIO
    topic_of: dict[str, str]
    width: int = field(default_factory=lambda: terminal_width())

    def __post_init__(self) -> None:
        self.output = printable_output(self.output)  # authored text is data: no control codes

    def ask(self, prompt: str) -> str:
        self.output.write(prompt)
        self.output.flush()
        try:
            line = self.input.readline()
        except KeyboardInterrupt:  # Ctrl-C ends the session like q: answers are already saved
            line = ""
        if not line:
            self.say()
            raise _EndSession
        if not self.input.isatty():
            self.output.write(line if line.endswith("\n") else line + "\n")
        answer = line.strip()
        if answer.lower() in ("q", "quit", "exit"):
            raise _EndSession
        return answer

    def run(self) -> SessionSummary:
        """Show items until the queue is empty, q is typed or the input ends."""
        try:
            while (item := self.session.current()) is not None:
                self.say()
                self.say(self._header(item))
                if isinstance(item, Card):
                    self._card(item)
                else:
                    self._question(item)
        except _EndSession:
            pass
        self.session.end()
        summary = self.session.summary()
        self.say()
        clock = self.session.clock
        lines = summary_lines(
            summary, clock.now(), clock.local_tz, deck=self.session.deck, width=self.width
        )
        for line in lines:
            self.say(line)
        return summary

    def _header(self, item: Item) -> str:
        left = self.session.remaining - 1
        kind = {Card: "card", Question: "question", Scenario: "scenario"}[type(item)]
        fresh = " · new" if self.session.store.reviews.state(item.id) is None else ""
        topic = self.topic_of.get(item.id, "?")
        return f"── {topic} · {kind}{fresh} · {left} more after this ──"

    def _undo(self) -> bool:
        item = self.session.undo()
        if item is None:
            self.say("Nothing to undo.")
            return False
        self.say(f"Undone: the last answer ({item.id}) is taken back.")
        return True

    # flashcards -----------------------------------------------------------------------

    def _card(self, card: Card) -> None:
        self.say_wrapped(card.front)
        while True:
            typed = self.ask("  [Enter] show answer · u undo · q quit > ")
            if typed == "u":
                if self._undo():
                    return
                continue
            break
        self.say()
        self._newer_note(card)
        self.say_wrapped(card.back)
        self.say(f"  Source: {card.source}")
        labels = self.session.preview_current()
        buttons = " · ".join(f"{int(r)} {r.name.title()} {labels[r]}" for r in Rating)
        while True:
            typed = self.ask(f"  {buttons} · u undo · q quit > ")
            if typed in RATING_KEYS:
                self.session.rate(RATING_KEYS[typed])
                return
            if typed == "u" and self._undo():
                return
            if typed != "u":
                self.say("  Type 1, 2, 3 or 4 to rate how well you recalled it.")

    # questions and scenarios ----------------------------------------------------------

    def _question(self, item: Question | Scenario) -> None:
        self.say_wrapped(item.prompt if isinstance(item, Question) else item.situation)
        shown = self.session.shown_options()
        for letter, choice in zip(OPTION_LETTERS, shown.choices, strict=False):
            self.say_wrapped(f"{letter}) {choice.text}", indent="  ")
        need = how_many_to_choose(item)
        hint = (
            "one letter"
            if need == 1
            else f"{need} letters, e.g. {OPTION_LETTERS[0]}{OPTION_LETTERS[2]}"
        )
        extra = " · + last was easy" if self._last_was_right() else ""
        while True:
            typed = self.ask(f"  Choose {hint} · u undo{extra} · q quit > ").lower()
            if typed == "u":
                if self._undo():
                    return
                continue
            if typed == "+":
                self._mark_easy()
                continue
            positions = self._parse_letters(typed, len(shown.choices), need)
            if positions is not None:
                break
        picked = shown.authored(positions)
        answered = self.session.answer(picked)
        self._explain(item, shown, picked, answered.correct is True)

    def _last_was_right(self) -> bool:
        history = self.session.history
        return bool(history) and history[-1].correct is True

    def _mark_easy(self) -> None:
        try:
            answered = self.session.mark_easy()
        except UsageError as exc:
            self.say(f"  {exc}.")
            return
        self.say(f"  Marked easy: {answered.item.id} comes back later than it would have.")

    def _parse_letters(self, typed: str, count: int, need: int) -> list[int] | None:
        try:
            return parse_letters(typed, count, need)
        except LetterError as error:
            self.say(f"  {error}.")
            return None

    def _explain(
        self, item: Question | Scenario, shown: ShownOptions, picked: tuple[int, ...], correct: bool
    ) -> None:
        """The verdict and every option's why, with the letters as they were shown."""
        self.say("✓ Right." if correct else f"✗ Not quite: the answer is {shown.right_letters}.")
        self._newer_note(item)
        for letter, choice in zip(OPTION_LETTERS, shown.choices, strict=False):
            mark = "✓" if choice.correct else "✗"
            chosen = " (your pick)" if choice.index in picked else ""
            why = f": {choice.why}" if choice.why else ""
            self.say_wrapped(f"{letter}) {mark}{chosen} {choice.text}{why}", indent="  ")
        if isinstance(item, Scenario):
            self.say_wrapped(item.explanation, indent="  ")
            for line in self.session.scenario_trace(item, item.options[picked[0]]):
                self.say_wrapped(line, indent="  ")
        self.say(f"  Source: {item.source}")

    def _newer_note(self, item: Item) -> None:
        """What the exam may still expect, before the explanation of an item newer than it."""
        note = newer_than_exam_note(item)
        if note is not None:
            self.say_wrapped(note, indent="  ")


class LetterError(ValueError):
    """Typed letters that do not answer the question; `bad_letters` when not its options."""

    def __init__(self, message: str, *, bad_letters: bool) -> None:
        super().__init__(message)
        self.bad_letters = bad_letters


def parse_letters(typed: str, count: int, need: int) -> list[int]:
    """Shown positions from typed letters (`ac`, `a c`, `a,c`) for a question of `count` options."""
    letters = [ch for ch in typed if not ch.isspace() and ch != ","]
    valid = OPTION_LETTERS[:count]
    if not letters or any(ch not in valid for ch in letters):
        what = "a letter" if need == 1 else "letters"
        raise LetterError(f"Type {what} from a to {valid[-1]}", bad_letters=True)
    picked = sorted({valid.index(ch) for ch in letters})
    if len(picked) != need:
        message = f"This one asks you to choose {need}; you chose {len(picked)}"
        raise LetterError(message, bad_letters=False)
    return picked
