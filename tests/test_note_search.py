"""Search indexes notes by section, in plain text; a hit opens the note at its section."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual.widgets import MarkdownViewer, OptionList
from textual.widgets.markdown import MarkdownBlock

from studyapp.clock import FixedClock
from studyapp.content import Deck
from studyapp.content.markdown import parse
from studyapp.paths import builtin_content_dir
from studyapp.store import Store
from studyapp.store.search import ensure_search_index, search
from studyapp.tui import StartAt, make_app
from studyapp.tui.screens.notes import NotesScreen, body_line_offset
from studyapp.tui.screens.search import MATCH_STYLE, SearchDialog
from tests.conftest import START

#: Markdown markup, and the marks snippets once carried (`**«Cold» «starts»…`).
MARKUP = re.compile(r"\*\*|__|`|\|-{3}|\]\(|[«»]")


def test_a_search_for_cold_starts_names_the_section_and_shows_no_markup(
    store: Store, shipped_deck: Deck
) -> None:
    ensure_search_index(store, shipped_deck)
    hits = search(store, "cold starts")
    assert hits
    for hit in hits:
        assert MARKUP.search(hit.snippet) is None and MARKUP.search(hit.title) is None, hit
        assert "\x02" not in hit.snippet and "\x03" not in hit.snippet
        matched = [hit.snippet[start:end].lower() for start, end in hit.matches]
        assert matched and all(word.startswith(("cold", "start")) for word in matched), hit
    section = next(hit for hit in hits if hit.kind == "note" and hit.title == "Cold starts")
    assert section.item_id == "serverless-when-to-use" and section.section > 0
    assert section.snippet.startswith("Cold starts. When no warm execution environment")
    titles = [s.title for s in parse(shipped_deck.notes[section.item_id].body).sections()]
    assert titles[section.section] == "Cold starts"


def test_each_note_section_is_a_row_and_the_note_title_finds_its_start(
    store: Store, shipped_deck: Deck
) -> None:
    ensure_search_index(store, shipped_deck)
    sections = sum(len(parse(note.body).sections()) for note in shipped_deck.notes.values())
    (rows,) = store.conn.execute("SELECT count(*) FROM search").fetchone()
    assert rows == len(shipped_deck.items) + sections
    note = shipped_deck.notes["lambda-what-it-is"]
    hits = [hit for hit in search(store, note.title) if hit.item_id == note.id]
    assert hits[0].section == 0 and hits[0].title == note.title


async def test_opening_a_section_hit_scrolls_the_note_to_that_section(tmp_path: Path) -> None:
    app = make_app([builtin_content_dir()], tmp_path / "p.db", FixedClock(START), StartAt("notes"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("slash")
        dialog = app.screen
        assert isinstance(dialog, SearchDialog)
        while not dialog.index_ready:  # built by a worker on its own connection
            await pilot.pause(0.05)
        await pilot.press(*"cold starts")
        await pilot.pause()
        wanted = next(
            n for n, hit in enumerate(dialog.hits) if hit.kind == "note" and hit.section > 0
        )
        hit = dialog.hits[wanted]
        label = dialog.query_one(OptionList).get_option_at_index(wanted).prompt
        assert isinstance(label, Text) and MARKUP.search(label.plain) is None
        note = app.context.deck.notes[hit.item_id]
        assert f"{note.title} › {hit.title}" in label.plain
        assert any(span.style == MATCH_STYLE for span in label.spans)
        await pilot.press("down", *["down"] * wanted, "enter")
        await pilot.pause(0.3)
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        viewer = notes.query_one(MarkdownViewer)
        line = parse(note.body).sections()[hit.section].line + body_line_offset(note)
        block = next(
            b for b in viewer.document.query_children(MarkdownBlock) if b.source_range[0] == line
        )
        assert str(block.content).startswith(f"{hit.title}.")
        assert viewer.scroll_y > 0
        assert block.region.y == viewer.region.y  # the section's first line is the top one
