"""The words both front ends use for picking options and naming the right ones."""

from __future__ import annotations

from studyapp.content import Deck, Question
from studyapp.present.choices import (
    choose_hint,
    right_options,
    right_options_text,
    too_many_text,
    wrong_count_text,
)
from studyapp.study import ShownOptions


def test_the_right_options_are_named_by_their_shown_letters_and_text(small_deck: Deck) -> None:
    question = small_deck.items["q2"]
    assert isinstance(question, Question)
    shown = ShownOptions.of(question, seed=1)
    letters = shown.right_letters
    texts = {letter: shown.choices["abc".index(letter)].text for letter in letters}
    expected = [f"{letter}) {texts[letter]}" for letter in letters]
    assert right_options(shown) == expected
    assert right_options_text(shown) == " and ".join(expected)
    assert right_options(shown, width=len(expected[0])) == expected  # fits: not cut


def test_how_many_to_tick_is_said_in_words() -> None:
    assert choose_hint(1, "d") == "Choose one: a–d or ↑↓ Enter"
    assert choose_hint(2, "e") == "Choose TWO: a–e or Space to tick, Enter to submit"
    assert too_many_text(2).startswith("Choose TWO: two are ticked already.")
    assert wrong_count_text(2, 0) == "Choose TWO: none ticked yet. Tick two more, then Enter."
    assert wrong_count_text(3, 1) == "Choose THREE: 1 ticked so far. Tick two more, then Enter."
