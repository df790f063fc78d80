"""Items listed by what they ask, one line each, cut at a word boundary to the width."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from studyapp.content import Item
from studyapp.present.items import item_line


class ItemList(OptionList):
    """One option per item (its id is the option's id), its text re-cut when the width
    changes; Enter or a click posts `OptionList.OptionSelected`."""

    DEFAULT_CSS = """
    ItemList { height: auto; max-height: 12; border: none; padding: 0; background: transparent; }
    ItemList:focus { border: none; background-tint: transparent; }
    """

    def __init__(self, items: Sequence[Item], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = list(items)
        self._cut_to = 0

    def on_mount(self) -> None:
        self._fill(80)

    def on_resize(self, event: events.Resize) -> None:
        self._fill(self.scrollable_content_region.width)

    def _fill(self, width: int) -> None:
        room = max(10, width - 2)  # "• "
        if room == self._cut_to:
            return
        self._cut_to = room
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(Text(f"• {item_line(item, room)}", no_wrap=True), id=item.id)
            for item in self.items
        )
        self.highlighted = highlighted if highlighted is not None else 0
