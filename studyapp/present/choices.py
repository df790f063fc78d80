"""What a question says about picking its options, and the answer named after a miss."""

from __future__ import annotations

from studyapp.study import OPTION_LETTERS, ShownOptions
from studyapp.text import ellipsize, printable

#: How many to choose, as the exam words it ("Choose TWO").
COUNT_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def count_word(count: int) -> str:
    return COUNT_WORDS.get(count, str(count))


def choose_hint(need: int, last_letter: str) -> str:
    """How to answer: one letter, or `need` picked then Enter."""
    if need == 1:
        return f"Choose one: a–{last_letter} or ↑↓ Enter"
    return f"Choose {count_word(need).upper()}: a–{last_letter} or Space to tick, Enter to submit"


def too_many_text(need: int) -> str:
    """A tick past the number asked for is refused, and this says why."""
    word = count_word(need)
    return (
        f"Choose {word.upper()}: {word} are ticked already. Untick one first (its letter or Space)."
    )


def wrong_count_text(need: int, picked: int) -> str:
    """Enter with too few ticked: nothing is submitted, and this says why."""
    so_far = "none ticked yet" if picked == 0 else f"{picked} ticked so far"
    more = count_word(need - picked)
    return f"Choose {count_word(need).upper()}: {so_far}. Tick {more} more, then Enter."


def right_options(shown: ShownOptions, width: int | None = None) -> list[str]:
    """Each right option by the letter it was shown with and its text (`c) AWS Fargate`),
    on one line, cut at a word boundary to `width` cells if given."""
    named = [
        f"{OPTION_LETTERS[n]}) {printable(' '.join(choice.text.split()), newlines=False)}"
        for n, choice in enumerate(shown.choices)
        if choice.correct
    ]
    return named if width is None else [ellipsize(line, width) for line in named]


def right_options_text(shown: ShownOptions) -> str:
    """The right options in a sentence: `c) AWS Fargate`, `a) … and d) …`."""
    named = right_options(shown)
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
