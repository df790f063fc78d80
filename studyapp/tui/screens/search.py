"""Search notes, cards and questions (SQLite FTS5) and open what you find."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from studyapp.store.search import SearchHit, ensure_search_index, search
from studyapp.text import printable
from studyapp.tui.app import study_app


class SearchDialog(ModalScreen[SearchHit | None]):
    """Type to search; Enter or a click opens the highlighted result."""

    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="search.close"),
        Binding("down", "results", "Results", show=False, id="search.results"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Input(placeholder="Search notes, cards and questions…", id="query")
            yield OptionList(id="hits")
            yield Label("Enter opens · ↓ to the results · Esc closes", classes="dim")

    def on_mount(self) -> None:
        context = study_app(self).context
        ensure_search_index(context.store, context.deck)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        store = study_app(self).context.store
        self.hits = search(store, event.value, limit=30)
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(
            Option(
                Text.assemble(
                    (hit.kind, "bold"),
                    f" · {printable(hit.topic_id)} · ",
                    printable(hit.title[:70], newlines=False),
                    "\n  ",
                    (printable(hit.snippet, newlines=False), "dim"),
                )
            )
            for hit in self.hits
        )
        if self.hits:
            results.highlighted = 0

    @on(Input.Submitted)
    def _entered(self, _event: Input.Submitted) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if self.hits:
            self.dismiss(self.hits[highlighted or 0])

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])

    def action_results(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
