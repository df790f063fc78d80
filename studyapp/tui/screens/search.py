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
from studyapp.text import cell_width, ellipsize, printable
from studyapp.tui.app import study_app
from studyapp.tui.own_store import has_file, own_connection

#: What the empty search field says once the index is ready, and while it is built.
PLACEHOLDER = "Search notes, cards and questions…"
BUILDING = "Building the search index…"
#: How a matched word of a snippet stands out from the dim rest.
MATCH_STYLE = "bold not dim"
#: How wide a hit's first line is until the results list has a width of its own.
LABEL_WIDTH = 70
#: Between a note's title and its section's.
SECTION_SEPARATOR = " › "
#: The rows the dialog takes besides its results: the screen's space above it, its border
#: and padding, the search field, the margins around the results and the keys line.
ROWS_BESIDE_RESULTS = 2 + 2 + 2 + 3 + 2 + 1
MOST_RESULT_ROWS = 20
#: What a snippet's line starts with, under its hit's title.
SNIPPET_INDENT = "  "
#: The most cells a hit's topic title takes, so the hit's own title keeps room at 80 columns.
TOPIC_WIDTH = 20


def hit_where(hit: SearchHit, deck: Deck, width: int) -> str:
    """Where a hit is, in `width` cells: the item's title, or a note's title and its
    section's, each cut at a word when it does not fit (the section's kept whole if it can)."""
    title = printable(hit.title, newlines=False)
    note = deck.notes.get(hit.item_id) if hit.kind == "note" else None
    if note is None or not hit.section:
        return ellipsize(title, width)
    note_title = printable(note.title, newlines=False)
    room = width - cell_width(SECTION_SEPARATOR + title)
    if cell_width(note_title) <= room or room >= len("Word…"):
        return ellipsize(note_title, room) + SECTION_SEPARATOR + title
    return ellipsize(note_title + SECTION_SEPARATOR + title, width)


def topic_title(hit: SearchHit, deck: Deck) -> str:
    """The hit's topic as the deck names it (`Amazon API Gateway`), cut at a word to fit."""
    topic = deck.topics.get(hit.topic_id)
    title = hit.topic_id if topic is None else topic.title
    return ellipsize(printable(title, newlines=False), TOPIC_WIDTH)


def hit_label(hit: SearchHit, deck: Deck, width: int = LABEL_WIDTH) -> Text:
    """A hit as the results list shows it: kind, topic and where (a note's section after the
    note's title) on one line of `width` cells, then the snippet with the matched words
    picked out (or the body's start, when the match is in the title)."""
    lead = f"{hit.kind} · {topic_title(hit, deck)} · "
    snippet = snippet_line(hit, width - len(SNIPPET_INDENT))
    return Text.assemble(
        (hit.kind, "bold"),
        lead.removeprefix(hit.kind),
        hit_where(hit, deck, width - cell_width(lead)),
        "\n" + SNIPPET_INDENT,
        snippet,
    )


def snippet_line(hit: SearchHit, width: int) -> Text:
    """The hit's preview (its snippet, unless that only repeats the title) on one line of
    `width` cells, cut at a word, its matched words picked out from the dim rest."""
    text, matches = hit.shown
    whole = printable(text, newlines=False)
    kept = ellipsize(whole, width)
    snippet = Text(kept, style="dim")
    for start, end in matches:
        if end <= len(kept) - (kept != whole):
            snippet.stylize(MATCH_STYLE, start, end)
    return snippet


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

    # Named: Textual's default description is the repr of the arguments (the whole deck).
    @work(thread=True, exclusive=True, group="search-index", description="search index")
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

    def _label_width(self) -> int:
        """The cells a hit's line has in the results list, its scroll bar shown or not."""
        results = self.query_one(OptionList)
        option_padding = results.get_component_styles("option-list--option").padding.width
        width = results.content_region.width - results.styles.scrollbar_size_vertical
        return width - option_padding if width > 0 else LABEL_WIDTH

    def _show_hits(self, query: str, keep_highlight: bool = False) -> None:
        context = study_app(self).context
        self.hits = search(context.store, query, limit=30)
        results = self.query_one(OptionList)
        highlighted = (results.highlighted or 0) if keep_highlight else 0
        width = self._label_width()
        results.clear_options()
        results.add_options(Option(hit_label(hit, context.deck, width)) for hit in self.hits)
        if self.hits:
            results.highlighted = min(highlighted, len(self.hits) - 1)

    def on_resize(self) -> None:
        """Fit the results to the new height, and cut their titles again to the new width."""
        room = self.size.height - ROWS_BESIDE_RESULTS
        self.query_one(OptionList).styles.max_height = max(3, min(MOST_RESULT_ROWS, room))
        if self.index_ready:
            self._show_hits(self.query_one(Input).value, keep_highlight=True)

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
