"""Lettered answer options: pick one, or several for a "choose TWO" question.

The options come in the order they are shown; picks, in and out, are authored indices
(`ChoiceView.index`), so a screen never has to know which letter an option got. A
"choose TWO" question takes at most two ticks, as the exam's own screen does: a third is
refused (`Refused`) until one is taken back."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.console import RenderableType
from rich.table import Table
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

    class Refused(Message):
        """A tick past the number the question asks for was refused; nothing changed."""

        def __init__(self, need: int) -> None:
            super().__init__()
            self.need = need

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
        if index not in self.picked and len(self.picked) >= self.need:
            self.post_message(self.Refused(self.need))
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

    def _label(self, position: int) -> RenderableType:
        """The option under its letter; wrapped lines, and the why after an answer, hang
        indented under the option's text, never under the letter."""
        choice = self.choices[position]
        letter = OPTION_LETTERS[position]
        mine = choice.index in self.picked
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        if not self.answered:
            box = ("[x]" if mine else "[ ]") if self.need > 1 else ""
            lead = Text.assemble((f"{letter})", "bold"), f" {box}" if box else "")
            grid.add_row(lead, Text(printable(choice.text)))
            return grid
        mark, style = ("✓", "bold green") if choice.correct else ("✗", "red")
        text = Text.assemble(
            (printable(choice.text), "bold"), ("  ← your pick" if mine else "", "italic")
        )
        if choice.why:
            text.append(f"\n{printable(choice.why)}", style="dim" if not choice.correct else "")
        grid.add_row(Text(f"{letter}) {mark}", style=style), text)
        return grid

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """A click (or Enter when the list handles it): a choose-one answers, a choose-two
        ticks or unticks; submitting a choose-two is the screen's Enter."""
        event.stop()
        if not self.answered:
            self.toggle(event.option_index)
