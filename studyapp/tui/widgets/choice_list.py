"""Lettered answer options: pick one, or several for a "choose TWO" question.

The options come in the order they are shown; picks, in and out, are authored indices
(`ChoiceView.index`), so a screen never has to know which letter an option got."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from studyapp.study import OPTION_LETTERS, ChoiceView
from studyapp.text import printable


class ChoiceList(OptionList):
    """The options of one question; Enter or a letter picks, results are marked in place."""

    class Picked(Message):
        """The picks (authored indices) of a choose-two question changed (not yet an answer)."""

        def __init__(self, picked: tuple[int, ...]) -> None:
            super().__init__()
            self.picked = picked

    class Submitted(Message):
        """The learner has picked as many options (authored indices) as the question asks for."""

        def __init__(self, picked: tuple[int, ...]) -> None:
            super().__init__()
            self.picked = picked

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: list[ChoiceView] = []
        self.need = 1
        self.picked: set[int] = set()
        self.answered = False

    def load(self, choices: Sequence[ChoiceView], need: int, picked: Collection[int] = ()) -> None:
        """Show a new question's options in the order given, with any earlier picks marked."""
        self.choices, self.need = list(choices), need
        self.picked, self.answered = set(picked), False
        self.clear_options()
        self.add_options([Option(self._label(i), id=str(i)) for i in range(len(choices))])
        self.highlighted = 0

    def toggle(self, position: int) -> None:
        """Pick or unpick the option shown at `position`; a choose-one question submits at once."""
        if self.answered or not 0 <= position < len(self.choices):
            return
        self.highlighted = position
        index = self.choices[position].index
        if self.need == 1:
            self.picked = {index}
            self._refresh_labels()
            self.post_message(self.Submitted((index,)))
            return
        self.picked ^= {index}
        self._refresh_labels()
        self.post_message(self.Picked(tuple(sorted(self.picked))))

    def show_picks(self, picked: tuple[int, ...]) -> None:
        """Mark these options as picked, without submitting anything."""
        self.picked = set(picked)
        positions = [n for n, choice in enumerate(self.choices) if choice.index in self.picked]
        if positions:
            self.highlighted = positions[-1]
        self._refresh_labels()

    def submit(self) -> bool:
        """Submit a multi-pick if it has the right count; False if it does not yet."""
        if self.answered or len(self.picked) != self.need:
            return False
        self.post_message(self.Submitted(tuple(sorted(self.picked))))
        return True

    def show_result(self, picked: tuple[int, ...]) -> None:
        """Mark every option right or wrong, with why."""
        self.answered = True
        self.picked = set(picked)
        self._refresh_labels()

    def _refresh_labels(self) -> None:
        for position in range(len(self.choices)):
            self.replace_option_prompt_at_index(position, self._label(position))

    def _label(self, position: int) -> Text:
        choice = self.choices[position]
        letter = OPTION_LETTERS[position]
        mine = choice.index in self.picked
        if not self.answered:
            boxes = ("[x] ", "[ ] ") if self.need > 1 else ("● ", "")
            box = boxes[0] if mine else boxes[1]
            return Text.assemble((f"{letter}) ", "bold"), box, printable(choice.text))
        mark, style = ("✓", "bold green") if choice.correct else ("✗", "red")
        label = Text.assemble(
            (f"{letter}) {mark} ", style),
            (printable(choice.text), "bold"),
            ("  ← your pick" if mine else "", "italic"),
        )
        if choice.why:
            label.append(f"\n   {printable(choice.why)}", style="dim" if not choice.correct else "")
        return label

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click: a choose-one answers; a choose-two submits once enough are picked."""
        event.stop()
        if self.answered:
            return
        if self.need > 1 and len(self.picked) == self.need:
            self.submit()
        else:
            self.toggle(event.option_index)
