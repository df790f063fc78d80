"""Lettered answer options: pick one, or several for a "choose TWO" question."""

from __future__ import annotations

import string

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from studyapp.study import ChoiceView

LETTERS = string.ascii_lowercase


class ChoiceList(OptionList):
    """The options of one question; Enter or a letter picks, results are marked in place."""

    class Picked(Message):
        """The picks of a choose-two question changed (not yet a full answer)."""

        def __init__(self, picked: tuple[int, ...]) -> None:
            super().__init__()
            self.picked = picked

    class Submitted(Message):
        """The learner has picked as many options as the question asks for."""

        def __init__(self, picked: tuple[int, ...]) -> None:
            super().__init__()
            self.picked = picked

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: list[ChoiceView] = []
        self.need = 1
        self.picked: set[int] = set()
        self.answered = False

    def load(self, choices: list[ChoiceView], need: int, picked: tuple[int, ...] = ()) -> None:
        """Show a new question's options, with any earlier picks marked."""
        self.choices, self.need, self.picked, self.answered = choices, need, set(picked), False
        self.clear_options()
        self.add_options([Option(self._label(i), id=str(i)) for i in range(len(choices))])
        self.highlighted = 0

    def toggle(self, index: int) -> None:
        """Pick or unpick an option; a choose-one question submits at once."""
        if self.answered or not 0 <= index < len(self.choices):
            return
        self.highlighted = index
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
        if picked:
            self.highlighted = picked[-1]
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
        for index in range(len(self.choices)):
            self.replace_option_prompt_at_index(index, self._label(index))

    def _label(self, index: int) -> Text:
        choice = self.choices[index]
        letter = LETTERS[index]
        if not self.answered:
            if self.need > 1:
                box = "[x] " if index in self.picked else "[ ] "
            else:
                box = "● " if index in self.picked else ""
            return Text.assemble((f"{letter}) ", "bold"), box, choice.text)
        mark, style = ("✓", "bold green") if choice.correct else ("✗", "red")
        mine = "  ← your pick" if index in self.picked else ""
        label = Text.assemble(
            (f"{letter}) {mark} ", style), (choice.text, "bold"), (mine, "italic")
        )
        if choice.why:
            label.append(f"\n   {choice.why}", style="dim" if not choice.correct else "")
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
