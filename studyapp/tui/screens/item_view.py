"""One item, read-only, with its answer: a card's back, a question's options marked right or
wrong with why, a scenario's explanation, and the source."""

from __future__ import annotations

from collections.abc import Collection

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from studyapp.content import Card, Item, Question, Scenario
from studyapp.present.letters import OPTION_LETTERS
from studyapp.present.newer import newer_than_exam_note
from studyapp.study import ShownOptions, choices_of
from studyapp.tui.bookmarking import bookmark_mark, toggle_bookmark
from studyapp.tui.safe_text import markdown, one_line, plain, source_text
from studyapp.tui.saving import retry_when_disk_full
from studyapp.tui.widgets import KeyFooter


def options_grid(shown: ShownOptions, picked: Collection[int], right: Style, wrong: Style) -> Table:
    """Each option under its letter and mark, wrapped lines indented under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for letter, choice in zip(OPTION_LETTERS, shown.choices, strict=False):
        mark = ("✓", right) if choice.correct else ("✗", wrong)
        mine = " **(your pick)**" if choice.index in picked else ""
        why = f": {choice.why}" if choice.why else ""
        grid.add_row(Text.assemble(f"{letter})", " ", mark), markdown(f"{choice.text}{mine}{why}"))
    return grid


class ItemScreen(Screen[None]):
    """An item to read again, as it was shown (options in the order the learner saw them,
    with the pick marked); nothing here is an answer. `b` bookmarks it."""

    CSS_PATH = "item_view.tcss"
    COMPONENT_CLASSES = {"item-view--right", "item-view--wrong"}
    BINDINGS = [
        Binding("b", "bookmark", "Bookmark", id="item.bookmark", tooltip="Bookmark, or unmark"),
        Binding("escape", "app.pop_screen", "Back", id="item.back"),
    ]

    def __init__(
        self,
        item: Item,
        topic_title: str,
        shown: ShownOptions | None = None,
        picked: Collection[int] = (),
    ) -> None:
        super().__init__()
        self.item = item
        self.topic_title = topic_title
        self.shown = shown
        self.picked = tuple(picked)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="item"):
            yield Static(id="item-text")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = one_line(self.topic_title)
        self.sub_title = bookmark_mark(self, self.item.id)
        self.query_one("#item-text", Static).update(self._renderable())

    def _renderable(self) -> RenderableType:
        item = self.item
        note = newer_than_exam_note(item)
        parts: list[RenderableType] = [] if note is None else [plain(note + "\n", "bold")]
        if isinstance(item, Card):
            parts += [markdown(item.front, style="bold"), Rule(style="blue"), markdown(item.back)]
        else:
            text = item.prompt if isinstance(item, Question) else item.situation
            parts += [markdown(text.strip()), Text()]
            if isinstance(item, Scenario):
                parts += [plain("Which service fits best?", "bold"), Text()]
            shown = self.shown or ShownOptions(tuple(choices_of(item)))
            style = self.get_component_rich_style
            right, wrong = style("item-view--right"), style("item-view--wrong")
            parts.append(options_grid(shown, self.picked, right, wrong))
            if isinstance(item, Scenario):
                parts += [Text(), markdown(item.explanation.strip())]
        return Group(*parts, Text(), *source_text(item.source))

    @retry_when_disk_full
    def action_bookmark(self) -> None:
        toggle_bookmark(self, self.item.id)
        self.sub_title = bookmark_mark(self, self.item.id)
