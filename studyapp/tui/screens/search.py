"""Search notes, cards and questions (SQLite FTS5) and open what you find."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from studyapp.content import Deck
from studyapp.store.search import SearchHit, ensure_search_index, search
from studyapp.study import StudyContext
from studyapp.text import printable
from studyapp.tui.app import study_app
from studyapp.tui.own_store import has_file, own_connection

#: What the empty search field says once the index is ready, and while it is built.
PLACEHOLDER = "Search notes, cards and questions…"
BUILDING = "Building the search index…"
#: How a matched word of a snippet stands out from the dim rest.
MATCH_STYLE = "bold not dim"
TITLE_CHARACTERS = 70


def hit_label(hit: SearchHit, deck: Deck) -> Text:
    """A hit as the results list shows it: kind, topic and where (a note's section after the
    note's title), then the snippet with the matched words picked out."""
    where = hit.title
    note = deck.notes.get(hit.item_id) if hit.kind == "note" else None
    if note is not None and hit.section:
        where = f"{note.title} › {hit.title}"
    if len(where) > TITLE_CHARACTERS:
        where = where[: TITLE_CHARACTERS - 1] + "…"
    snippet = Text(printable(hit.snippet, newlines=False), style="dim")
    for start, end in hit.matches:
        snippet.stylize(MATCH_STYLE, start, end)
    return Text.assemble(
        (hit.kind, "bold"),
        f" · {printable(hit.topic_id)} · ",
        printable(where, newlines=False),
        "\n  ",
        snippet,
    )


class SearchDialog(ModalScreen[SearchHit | None]):
    """Type to search; Enter or a click opens the highlighted result."""

    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="search.close"),
        Binding("down", "results", "Results", show=False, id="search.results"),
    ]

    class IndexReady(Message):
        """The search index matches the deck: typed text can be searched."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        #: Whether the index is built; until then typing only waits.
        self.index_ready = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Input(placeholder=BUILDING, id="query")
            yield OptionList(id="hits")
            yield Label("Enter opens · ↓ to the results · Esc closes", classes="dim")

    def on_mount(self) -> None:
        context = study_app(self).context
        if has_file(context):
            self._build_index(context)
        else:  # in memory (tests): no second connection to build it on
            ensure_search_index(context.store, context.deck)
            self.post_message(self.IndexReady())

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self, context: StudyContext) -> None:
        """(Re)build the index on the worker's own connection to the file."""
        with own_connection(context) as own:
            ensure_search_index(own.store, own.deck)
            self.post_message(self.IndexReady())

    @on(IndexReady)
    def _index_ready(self) -> None:
        self.index_ready = True
        field = self.query_one(Input)
        field.placeholder = PLACEHOLDER
        self._show_hits(field.value)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self.index_ready:
            self._show_hits(event.value)

    def _show_hits(self, query: str) -> None:
        context = study_app(self).context
        self.hits = search(context.store, query, limit=30)
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(Option(hit_label(hit, context.deck)) for hit in self.hits)
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
