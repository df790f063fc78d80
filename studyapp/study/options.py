"""The options of a question or scenario, and the order one presentation shows them in.

Options are shuffled at every presentation, so their written order (where the right one
tends to be `b`, or the longest) gives nothing away. The order is a pure function of the
item and a seed: the exam id for a mock exam (the same order on resume and in its review),
or the session id and the item's review count for a quiz (the same order after an undo, a
new one when the item comes back). Engines and the review log only ever see authored
indices; letters exist only between a presentation and the learner.
"""

from __future__ import annotations

import hashlib
import random
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studyapp.content import SERVICE_NAMES, Question, Scenario

#: The letters options are shown with: `a` is the first option as presented.
OPTION_LETTERS = string.ascii_lowercase


@dataclass(frozen=True)
class ChoiceView:
    """One option as shown to the learner, whether from a question or a scenario.

    `index` is its place as authored, the identity engines and the log use."""

    text: str
    correct: bool
    why: str | None
    index: int
    pinned: bool = False


def choices_of(item: Question | Scenario) -> list[ChoiceView]:
    """The options of a question, or the candidate services of a scenario, as authored."""
    if isinstance(item, Question):
        return [
            ChoiceView(c.text, c.correct, c.why, n, c.pinned) for n, c in enumerate(item.choices)
        ]
    return [
        ChoiceView(SERVICE_NAMES[service], service == item.answer, None, n)
        for n, service in enumerate(item.options)
    ]


def how_many_to_choose(item: Question | Scenario) -> int:
    return item.choose if isinstance(item, Question) else 1


def presentation_seed(*parts: str | int) -> int:
    """A seed from its parts that is the same in every process (unlike `hash`)."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def presented_order(pinned: Sequence[bool], seed: int) -> tuple[int, ...]:
    """Authored indices in the order shown: pinned options keep their place, the rest are
    shuffled among the places left."""
    free = [index for index, stays in enumerate(pinned) if not stays]
    shuffled = list(free)
    random.Random(seed).shuffle(shuffled)
    moved = iter(shuffled)
    return tuple(index if stays else next(moved) for index, stays in enumerate(pinned))


@dataclass(frozen=True)
class ShownOptions:
    """One presentation of an item's options: which authored option sits at each letter."""

    choices: tuple[ChoiceView, ...]

    @classmethod
    def of(cls, item: Question | Scenario, seed: int) -> ShownOptions:
        """The item's options in the order `seed` gives them."""
        authored = choices_of(item)
        order = presented_order([choice.pinned for choice in authored], seed)
        return cls(tuple(authored[index] for index in order))

    @classmethod
    def for_quiz(cls, item: Question | Scenario, session_id: str, reviews: int) -> ShownOptions:
        """A quiz's order: the same until the item is answered (or again after an undo)."""
        return cls.of(item, presentation_seed("quiz", session_id, item.id, reviews))

    @classmethod
    def for_exam(cls, item: Question | Scenario, exam_id: str) -> ShownOptions:
        """An exam's order: the same for as long as the exam exists, review included."""
        return cls.of(item, presentation_seed("exam", exam_id, item.id))

    @property
    def order(self) -> tuple[int, ...]:
        """The authored index shown at each position."""
        return tuple(choice.index for choice in self.choices)

    def authored(self, positions: Iterable[int]) -> tuple[int, ...]:
        """The authored indices of options picked by their shown positions, sorted."""
        return tuple(sorted({self.choices[position].index for position in positions}))

    def position_of(self, index: int) -> int:
        """Where the option authored at `index` is shown."""
        return self.order.index(index)

    def letters(self, indices: Iterable[int]) -> str:
        """The shown letters of authored options, in shown order (`ac`)."""
        positions = sorted(self.position_of(index) for index in indices)
        return "".join(OPTION_LETTERS[position] for position in positions)

    @property
    def right_letters(self) -> str:
        """The letters of the right options as shown."""
        return self.letters(choice.index for choice in self.choices if choice.correct)

    @property
    def last_letter(self) -> str:
        return OPTION_LETTERS[len(self.choices) - 1]
