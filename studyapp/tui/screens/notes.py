"""The notes reader: topics and note titles on the left, the note with its contents on the right."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, MarkdownViewer, Tree
from textual.widgets.markdown import MarkdownBlock

from studyapp.content import Card, Deck, GlossaryEntry, Item, Note, Question, Scenario
from studyapp.content.changes import DeckChange
from studyapp.content.markdown import parse
from studyapp.present.glossary import GLOSSARY_TITLE, alphabetical, term_heading
from studyapp.store.search import SearchHit
from studyapp.text import printable
from studyapp.tui.app import study_app
from studyapp.tui.highlight import highlight_match, matched_phrase
from studyapp.tui.safe_text import literal, one_line
from studyapp.tui.widgets import KeyFooter, NotesTree

#: What a tree leaf holds for a topic's glossary: this, then the topic id (a note id has no
#: colon, so the two never meet).
GLOSSARY_LEAF = "glossary:"


def note_markdown(note: Note) -> str:
    """A note as Markdown, with its sources listed at the end."""
    sources = "\n".join(f"- <{url}>" for url in note.sources)
    return f"# {note.title}\n\n{note.body.strip()}\n\n## Sources\n\n{sources}\n"


def body_line_offset(note: Note) -> int:
    """How far down `note_markdown` puts each line of the note's body: below the title and a
    blank line, less the blank lines the body started with."""
    leading = note.body[: len(note.body) - len(note.body.lstrip())]
    return 2 - leading.count("\n")


def glossary_markdown(topic_title: str, entries: Iterable[GlossaryEntry]) -> str:
    """A topic's glossary as Markdown: the authored text escaped, so it is shown as written."""
    parts = [f"# {GLOSSARY_TITLE}: {literal(topic_title)}\n"]
    for entry in alphabetical(entries):
        definition = " ".join(entry.definition.split())
        parts.append(
            f"## {literal(term_heading(entry))}\n\n{literal(definition)}\n\n"
            f"Source: {literal(entry.source)}\n"
        )
    return "\n".join(parts)


def item_markdown(item: Item) -> str:
    """A card, question or scenario as Markdown, answer included (for search results)."""
    if isinstance(item, Card):
        return f"# Card\n\n**{item.front}**\n\n{item.back}\n\nSource: <{item.source}>\n"
    if isinstance(item, Question):
        lines = [f"# Question\n\n{item.prompt.strip()}\n"]
        for choice in item.choices:
            mark = "✓" if choice.correct else "✗"
            lines.append(f"- {mark} **{choice.text}**: {choice.why}")
        return "\n".join(lines) + f"\n\nSource: <{item.source}>\n"
    assert isinstance(item, Scenario)
    return (
        f"# Scenario\n\n{item.situation.strip()}\n\n**Answer:** {item.answer}\n\n"
        f"{item.explanation.strip()}\n\nSource: <{item.source}>\n"
    )


class NotesScreen(Screen[None]):
    """Read the notes of every topic; `/` searches notes, cards and questions."""

    CSS_PATH = "notes.tcss"
    BINDINGS = [
        Binding("slash", "search", "Search", id="notes.search", key_display="/"),
        Binding("escape", "app.pop_screen", "Back", id="notes.back"),
    ]

    def __init__(self, topic_id: str | None = None) -> None:
        super().__init__()
        self.topic_id = topic_id
        #: What the reader shows: a note's id, GLOSSARY_LEAF and a topic id, or None.
        self.showing: str | None = None

    @property
    def deck(self) -> Deck:
        return study_app(self).context.deck

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield NotesTree(id="note-tree")
            yield MarkdownViewer(id="note", show_table_of_contents=False)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Notes"
        tree = self.query_one(NotesTree)
        first = self._fill_tree(tree)
        tree.focus()
        if first is not None:
            tree.reveal(first)
            self.show_note(first)

    def deck_changed(self, change: DeckChange) -> None:
        """Follow saved notes and topics: the tree anew, and what was shown in its new
        version (the first note if it left the deck)."""
        if not (change.notes or change.topics_changed):
            return
        tree = self.query_one(NotesTree)
        first = self._fill_tree(tree.clear())
        tree.fit_titles()
        shown = self.showing or ""
        if (
            shown.startswith(GLOSSARY_LEAF)
            and shown.removeprefix(GLOSSARY_LEAF) in self.deck.topics
        ):
            self.show_glossary(shown.removeprefix(GLOSSARY_LEAF))
        elif shown in self.deck.notes:
            tree.reveal(shown)
            if shown in change.notes.changed:
                self.show_note(shown)
        elif first is not None:
            tree.reveal(first)
            self.show_note(first)

    def _fill_tree(self, tree: NotesTree) -> str | None:
        """Every topic with its notes (and glossary), the chosen topic open; the first note."""
        first: str | None = None
        for topic_id, topic in self.deck.topics.items():
            expand = topic_id == self.topic_id or not self.topic_id
            branch = tree.add_branch(topic.title, expand=expand)
            for note in self.deck.notes_of(topic_id):
                tree.add_titled_leaf(branch, note.title, note.id)
                if first is None and (self.topic_id in (None, topic_id)):
                    first = note.id
            if self.deck.glossary_of(topic_id):
                tree.add_titled_leaf(branch, GLOSSARY_TITLE, GLOSSARY_LEAF + topic_id)
        return first

    def on_resize(self) -> None:
        """Show the note's table of contents only where there is room for it beside the text."""
        self.query_one(MarkdownViewer).show_table_of_contents = self.size.width >= 120

    def show_note(self, note_id: str) -> AwaitComplete:
        """Show the note from its top; awaiting the result waits until it is on the screen."""
        note = self.deck.notes[note_id]
        self.showing = note_id
        self.sub_title = one_line(self.deck.topics[self.deck.topic_of[note_id]].title)
        self.clear_selection()
        return self.query_one(MarkdownViewer).document.update(printable(note_markdown(note)))

    def section_line(self, note_id: str, section: int) -> int:
        """The line of the shown note's Markdown where section number `section` starts (0:
        the note's title)."""
        note = self.deck.notes[note_id]
        sections = parse(note.body).sections()
        if not 0 < section < len(sections):
            return 0
        return sections[section].line + body_line_offset(note)

    async def show_section(
        self, note_id: str, section: int, phrases: list[str], snippet: str = ""
    ) -> None:
        """Show the note scrolled to its section (a heading or bold lead-in) number `section`,
        with the first of `phrases` found in that section (where `snippet` is) selected."""
        await self.show_note(note_id)
        line = self.section_line(note_id, section)
        viewer = self.query_one(MarkdownViewer)
        blocks = viewer.document.query_children(MarkdownBlock)
        start = next((b for b in blocks if b.source_range[0] >= line), None) if line else None
        found = highlight_match(viewer.document, phrases, line, snippet)
        # After the layout, so the blocks' places are known.
        self.call_after_refresh(self._scroll_to_match, start, found)

    def _scroll_to_match(self, start: Widget | None, found: Widget | None) -> None:
        """The section's first line at the top, then the matched words into view if they are
        further down."""
        viewer = self.query_one(MarkdownViewer)
        if start is not None:
            viewer.scroll_to_widget(start, top=True, animate=False)
        if found is not None and found is not start:  # once the first scroll is laid out
            self.call_after_refresh(viewer.scroll_to_widget, found, animate=False)

    def show_glossary(self, topic_id: str) -> None:
        """The topic's terms, alphabetically, each with its definition and source."""
        title = self.deck.topics[topic_id].title
        self.showing = GLOSSARY_LEAF + topic_id
        self.sub_title = one_line(title)
        markdown = glossary_markdown(title, self.deck.glossary_of(topic_id))
        self.query_one(MarkdownViewer).document.update(printable(markdown))

    @on(Tree.NodeSelected)
    def _picked(self, event: Tree.NodeSelected[str]) -> None:
        if event.node.data and event.node.data.startswith(GLOSSARY_LEAF):
            self.show_glossary(event.node.data.removeprefix(GLOSSARY_LEAF))
        elif event.node.data:
            self.show_note(event.node.data)

    def action_search(self) -> None:
        from studyapp.tui.screens.search import SearchDialog

        self.app.push_screen(SearchDialog(), self.open_hit)

    async def open_hit(self, hit: SearchHit | None) -> None:
        """Open what the search found: a note at the section that matched, or the item."""
        if hit is None:
            return
        phrases = matched_phrase(hit.snippet, hit.matches)
        if hit.item_id in self.deck.notes:
            self.query_one(NotesTree).reveal(hit.item_id)
            await self.show_section(hit.item_id, hit.section, phrases, hit.snippet)
        elif hit.item_id in self.deck.items:
            self.sub_title = one_line(self.deck.topics[hit.topic_id].title)
            document = self.query_one(MarkdownViewer).document
            await document.update(printable(item_markdown(self.deck.items[hit.item_id])))
            found = highlight_match(document, phrases, snippet=hit.snippet)
            if found is not None:
                self.call_after_refresh(self._scroll_to_match, None, found)
