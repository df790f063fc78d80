"""The line-mode menu (`studyapp --plain`, or `studyapp` off a terminal): every mode by one key."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from studyapp.errors import StudyAppError
from studyapp.lines.exam import run_exam
from studyapp.lines.reading import LineInput, TypedLines, read_line
from studyapp.lines.session import LineSession
from studyapp.lines.writer import LineWriter, terminal_width
from studyapp.stats.overview import today_overview
from studyapp.study import StudyContext
from studyapp.study.session import Selection, SessionMode
from studyapp.text import plural, printable_output


@dataclass(frozen=True)
class MenuKey:
    """One choice of the menu: its key, the words that also choose it, what may follow it."""

    key: str
    words: tuple[str, ...]
    label: str
    args: str
    help: str


#: The menu's choices, in the order shown (the README's "Line mode keys" table).
MENU_KEYS = (
    MenuKey(
        "r",
        ("review",),
        "review",
        "[bookmarked] [TOPIC...]",
        "flashcards: due ones, then today's new (or the bookmarked)",
    ),
    MenuKey(
        "z",
        ("quiz",),
        "quiz",
        "[missed|bookmarked] [TOPIC...]",
        "10 exam-style questions and scenarios (or the missed, the bookmarked)",
    ),
    MenuKey("s", ("scenarios",), "scenarios", "[TOPIC...]", "a drill of 10 scenarios"),
    MenuKey("e", ("exam",), "exam", "[GUIDE|TOPIC...]", "a timed mock exam by guide or topics"),
    MenuKey("n", ("notes",), "notes", "[TOPIC...]", "print the notes; alone, list the topics"),
    MenuKey("t", ("stats",), "stats", "[TOPIC...]", "progress, forecast and readiness"),
    MenuKey("f", ("flags", "flagged"), "flags", "", "the items you flagged, with file and line"),
    MenuKey("?", ("help",), "help", "", "this list"),
    MenuKey("q", ("quit", "exit"), "quit", "", "leave studyapp"),
)
#: The one line of keys under the overview: `?` is in the line below it, to fit 80 columns.
KEYS_LINE = " · ".join(f"{c.key} {c.label}" for c in MENU_KEYS if c.key != "?")
USAGE_LINE = "Narrow by topic (z lambda sam), exam by guide (e dva-c02); ? explains every key."
CHOICES = ", ".join(choice.key for choice in MENU_KEYS[:-1]) + f" or {MENU_KEYS[-1].key}"
INPUT_ENDED = "End of input: goodbye."
STUDY_MODES: dict[str, SessionMode] = {"r": "review", "z": "quiz", "s": "scenarios"}
#: The words after a study key that choose other items than today's, as `quiz --missed` and
#: `--bookmarked` do; missed is for questions and scenarios (a flashcard is never wrong).
SELECTION_WORDS: dict[SessionMode, tuple[Selection, ...]] = {
    "review": ("bookmarked",),
    "quiz": ("missed", "bookmarked"),
    "scenarios": (),
}


def run_menu(
    context: StudyContext,
    input: TypedLines,
    output: TextIO,
    rng: random.Random | None = None,
) -> None:
    """Show each topic's due and new counts, then run what is chosen until q or the end of
    input; an exam is drawn with `rng`."""
    LineMenu(context, LineInput.of(input), output, rng or random.Random()).run()


@dataclass
class LineMenu(LineWriter):
    """The menu's loop: a typed key (and its topics or guide) runs a mode, then back here."""

    context: StudyContext
    lines: LineInput
    output: TextIO
    rng: random.Random
    width: int = field(default_factory=terminal_width)

    def __post_init__(self) -> None:
        self.raw_output = self.output  # Rich writes its own styles, which NO_COLOR turns off
        self.output = printable_output(self.output)  # authored text is data: no control codes

    def run(self) -> None:
        overview = True
        while True:
            if overview:
                self._overview()
            ended_before = self.lines.ended
            typed = read_line(self.lines, self.output, "> ")
            if typed is None:
                if not ended_before and self.lines.ended:  # else whoever met the end said so
                    self.say(INPUT_ENDED)
                return
            words = typed.split()
            if not words:
                overview = False
                continue
            action = self._action(words[0].lower())
            if action is None:
                self.say(f"Unknown choice {words[0]!r}: choose {CHOICES}.")
                overview = False
                continue
            if action == "q":
                return
            overview = self._run(action, words[1:])
            if self.lines.ended:  # a session met the end of input and said so
                return

    def _action(self, word: str) -> str | None:
        for choice in MENU_KEYS:
            if word == choice.key or word in choice.words:
                return choice.key
        return None

    def _run(self, key: str, args: Sequence[str]) -> bool:
        """Run the mode of `key`; True when the overview should be shown again (the counts
        changed), False when the key line is enough."""
        actions: dict[str, Callable[[Sequence[str]], None]] = {
            "e": self._exam,
            "n": self._notes,
            "t": self._stats,
            "f": self._flagged,
            "?": self._keys,
        }
        try:
            if key in STUDY_MODES:
                self._study(STUDY_MODES[key], args)
                return True
            actions[key](args)
        except StudyAppError as error:  # an unknown topic or guide: say so and stay here
            self.say(f"studyapp: {error}")
            return False
        if key == "e":
            return True
        if key != "?":
            self.say_wrapped(KEYS_LINE)
        return False

    # modes ----------------------------------------------------------------------------

    def _study(self, mode: SessionMode, args: Sequence[str]) -> None:
        """A session of `mode` over the topics named; a first word such as `missed` (not a
        topic of the deck) chooses those items instead of today's."""
        selection: Selection = "due"
        first = args[0].lower() if args else ""
        if first in SELECTION_WORDS[mode] and first not in self.context.deck.topics:
            selection, args = first, args[1:]
        session = self.context.start(mode, tuple(args), selection=selection)
        LineSession(session, self.lines, self.output, self.context.deck.topic_of).run()

    def _exam(self, args: Sequence[str]) -> None:
        """A mock exam as `studyapp exam` draws it: by the guide named or set, or across the
        topics named (a topic that shares a guide's id is taken as the topic)."""
        guides = {*self.context.guides, "none"}
        named = args[0].lower() if len(args) == 1 else ""
        is_guide = named in guides and named not in self.context.deck.topics
        run_exam(
            self.context,
            self.lines,
            self.output,
            topic_ids=() if is_guide else tuple(args),
            guide_id=named if is_guide else None,
            rng=self.rng,
        )

    def _notes(self, topics: Sequence[str]) -> None:
        from studyapp.lines.reports import notes_lines

        deck = self.context.deck
        self.context.check_topics(topics)
        if topics:
            for line in notes_lines(deck, topics, self.width):
                self.say(line)
            return
        self.say("Notes per topic (n TOPIC prints a topic's notes):")
        width = max(len(topic_id) for topic_id in deck.topics)
        for topic_id, topic in deck.topics.items():
            count = len(deck.notes_of(topic_id))
            self.say(f"  {topic_id:<{width}}  {count:>3} notes  {topic.title}")

    def _stats(self, topics: Sequence[str]) -> None:
        from studyapp.lines.stats import print_stats_report

        topic_ids = self.context.check_topics(topics)
        print_stats_report(self.context, topic_ids, False, output=self.raw_output)

    def _flagged(self, args: Sequence[str]) -> None:
        from studyapp.lines.reports import NO_FLAGS_LINE, flag_lines

        if args:
            self.say("f takes nothing after it: `studyapp flagged --resolve ID` marks one fixed.")
            return
        flags = self.context.store.flags.records()
        for line in flag_lines(flags, self.context.deck) if flags else [NO_FLAGS_LINE]:
            self.say_wrapped(line, indent="")

    def _keys(self, _args: Sequence[str]) -> None:
        """Every choice with what may follow it; a word in place of the key does the same."""
        width = max(len(f"{choice.key} {choice.args}") for choice in MENU_KEYS)
        for choice in MENU_KEYS:
            typed = f"{choice.key} {choice.args}"
            self.say_wrapped(f"{typed:<{width}}  {choice.label}: {choice.help}", indent="  ")
        self.say_wrapped(f"Words work too: {', '.join(c.words[0] for c in MENU_KEYS)}.")

    def _overview(self) -> None:
        overview = today_overview(self.context)
        rows = overview.topics
        width = max([len("topic"), *(len(row.topic_id) for row in rows)])
        self.say()
        self.say(f"{'topic':<{width}}  {'due':>4}  {'new':>4}  {'seen':>5}  {'items':>5}  title")
        for row in rows:
            self.say(
                f"{row.topic_id:<{width}}  {row.due:>4}  {row.new:>4}  {row.seen:>5}  "
                f"{row.total:>5}  {row.title}"
            )
        self.say()
        self.say_wrapped(
            f"Today: {overview.due} due · {plural(overview.cards.new, 'new flashcard')} and "
            f"{plural(overview.questions.new, 'new question')} to start (limits: studyapp settings "
            "new_per_day, new_questions_per_day)"
        )
        self.say_wrapped(KEYS_LINE)
        self.say_wrapped(USAGE_LINE)
