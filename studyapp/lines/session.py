"""Line mode: a whole study session on stdin/stdout, for pipes, scripts and dumb terminals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from studyapp.content import Card, Item, Question, Scenario, content_hash, item_kind
from studyapp.errors import UsageError
from studyapp.lines.items import (
    answer_lines,
    card_back_lines,
    card_front_lines,
    item_heading,
    question_lines,
)
from studyapp.lines.reading import LineInput, TypedLines, read_line
from studyapp.lines.writer import LineWriter, terminal_width
from studyapp.present.bookmarks import bookmark_toggled_text
from studyapp.present.flags import flag_saved_text
from studyapp.present.summary import nothing_to_study_line, summary_lines
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
CARD_KEYS = (
    "Keys: Enter shows the answer · 1-4 rate it · f flags it as wrong or unclear "
    "(f COMMENT adds a comment) · b bookmarks it, or removes its bookmark · u undo · "
    "q quit · ? these keys"
)
QUESTION_KEYS = (
    "Keys: letters answer (two for a choose-TWO) · f flags it as wrong or unclear "
    "(f COMMENT adds a comment; flag on a six-option question) · bookmark bookmarks it, "
    "or removes its bookmark · + the last right answer was easy · u undo · q quit · "
    "? these keys"
)
INPUT_ENDED = "End of input: the session ends here; every answer is saved."


class _EndSession(Exception):
    """The learner typed q or the input ended."""


@dataclass
class LineSession(LineWriter):
    """Drives a StudySession with typed lines: Enter reveals, 1-4 rate, letters answer,
    f flags, b bookmarks."""

    session: StudySession
    input: TypedLines
    output: TextIO
    topic_of: dict[str, str]
    width: int = field(default_factory=lambda: terminal_width())

    def __post_init__(self) -> None:
        self.output = printable_output(self.output)  # authored text is data: no control codes
        self.lines = LineInput.of(self.input)

    def ask(self, prompt: str) -> str:
        typed = read_line(self.lines, self.output, prompt)
        if typed is None or typed.lower() in ("q", "quit", "exit"):
            raise _EndSession
        return typed

    def run(self) -> SessionSummary:
        """Show items until the queue is empty, q is typed or the input ends."""
        shown = 0
        try:
            while (item := self.session.current()) is not None:
                if shown == 0:
                    self.say_wrapped(CARD_KEYS if isinstance(item, Card) else QUESTION_KEYS)
                shown += 1
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
        if shown == 0:  # one message: there was no session to sum up
            clock = self.session.clock
            self.say(nothing_to_study_line(summary, clock.now(), clock.local_tz))
            return summary
        if self.lines.ended:
            self.say(INPUT_ENDED)
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
        fresh = ["new"] if self.session.store.reviews.state(item.id) is None else []
        marked = ["bookmarked"] if item.id in self.session.store.bookmarks.item_ids() else []
        topic = self.topic_of.get(item.id, "?")
        return item_heading(topic, item_kind(item), *fresh, *marked, f"{left} more after this")

    def _undo(self) -> bool:
        item = self.session.undo()
        if item is None:
            self.say("Nothing to undo.")
            return False
        self.say(f"Undone: the last answer ({item.id}) is taken back.")
        return True

    # keys on every prompt -------------------------------------------------------------

    def _item_key(self, item: Item, typed: str, letters: str = "") -> bool:
        """Flag or bookmark the item on screen, or list the keys, when that is what was
        typed (a key that is one of the option `letters` picks the option instead)."""
        key, _, comment = typed.partition(" ")
        key = key.lower()
        if key == "flag" or (key == "f" and "f" not in letters):
            self._flag(item, comment.strip())
        elif typed.lower() == "bookmark" or (typed.lower() == "b" and "b" not in letters):
            self._toggle_bookmark(item)
        elif typed == "?":
            self.say_wrapped(CARD_KEYS if isinstance(item, Card) else QUESTION_KEYS)
        else:
            return False
        return True

    def _flag(self, item: Item, comment: str) -> None:
        """Record the flag as the TUI does: the time, the comment if any, the text flagged."""
        store, now = self.session.store, self.session.clock.now()
        store.flags.add(item.id, now, comment or None, content_hash(item))
        self.say_wrapped(flag_saved_text(item.id), indent="  ")

    def _toggle_bookmark(self, item: Item) -> None:
        bookmarks, now = self.session.store.bookmarks, self.session.clock.now()
        added = bookmarks.add(item.id, now)
        if not added:
            bookmarks.remove(item.id)
        self.say_wrapped(bookmark_toggled_text(added), indent="  ")

    # flashcards -----------------------------------------------------------------------

    def _card(self, card: Card) -> None:
        self.say_lines(card_front_lines(card, self.width))
        while True:
            typed = self.ask("  [Enter] show answer · f flag · b bookmark · u undo · q quit > ")
            if typed == "u":
                if self._undo():
                    return
                continue
            if not self._item_key(card, typed):
                break
        self.say()
        self.say_lines(card_back_lines(card, self.width))
        labels = self.session.preview_current()
        buttons = " · ".join(f"{int(r)} {r.name.title()} {labels[r]}" for r in Rating)
        while True:
            typed = self.ask(f"  {buttons} · u undo · q quit > ")
            if typed in RATING_KEYS:
                self.session.rate(RATING_KEYS[typed])
                return
            if typed == "u" and self._undo():
                return
            if typed != "u" and not self._item_key(card, typed):
                self.say("  Type 1, 2, 3 or 4 to rate how well you recalled it.")

    # questions and scenarios ----------------------------------------------------------

    def _question(self, item: Question | Scenario) -> None:
        shown = self.session.shown_options()
        self.say_lines(question_lines(item, shown, self.width))
        need = how_many_to_choose(item)
        hint = (
            "one letter"
            if need == 1
            else f"{need} letters, e.g. {OPTION_LETTERS[0]}{OPTION_LETTERS[2]}"
        )
        extra = " · + last was easy" if self._last_was_right() else ""
        letters = OPTION_LETTERS[: len(shown.choices)]
        flag = "flag" if "f" in letters else "f flag"
        while True:
            typed = self.ask(f"  Choose {hint} · {flag} · u undo{extra} · q quit > ")
            if self._item_key(item, typed, letters):
                continue
            typed = typed.lower()
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
        trace = (
            self.session.scenario_trace(item, item.options[picked[0]])
            if isinstance(item, Scenario)
            else []
        )
        self.say_lines(answer_lines(item, shown, self.width, picked, trace))


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
