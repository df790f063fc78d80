"""Search indexes notes by section, in plain text; a hit opens the note at its section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Label, MarkdownViewer, OptionList
from textual.widgets.markdown import MarkdownBlock

from studyapp.clock import FixedClock
from studyapp.content import Deck
from studyapp.content.markdown import parse
from studyapp.paths import builtin_content_dir
from studyapp.store import Store
from studyapp.store.search import SearchHit, ensure_search_index, search
from studyapp.text import ELLIPSIS, cell_width
from studyapp.tui import StartAt, make_app
from studyapp.tui.screens.notes import NotesScreen, body_line_offset
from studyapp.tui.screens.search import MATCH_STYLE, SearchDialog, hit_label
from studyapp.tui.widgets.notes_tree import NotesTree
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
        keys = dialog.query_one("#dialog").query_children(Label).first()
        assert dialog.query_one("#dialog").content_region.contains_region(keys.region)
        label = dialog.query_one(OptionList).get_option_at_index(wanted).prompt
        assert isinstance(label, Text) and MARKUP.search(label.plain) is None
        note = app.context.deck.notes[hit.item_id]
        first_line = label.plain.split("\n")[0]
        assert first_line.endswith(f" › {hit.title}")  # the note's title, cut at a word at 80
        cut = first_line.partition(" · serverless · ")[2].partition(" › ")[0]
        assert note.title.startswith(cut.removesuffix(ELLIPSIS))
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
        # the note is the tree's cursor, and the matched words are selected where they stand
        tree = notes.query_one(NotesTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == hit.item_id
        assert notes.selections.keys() == {block}
        assert notes.get_selected_text() == "Cold starts"


async def test_an_item_hit_selects_its_matched_words(tmp_path: Path) -> None:
    app = make_app([builtin_content_dir()], tmp_path / "p.db", FixedClock(START), StartAt("notes"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        dialog = app.screen
        assert isinstance(dialog, SearchDialog)
        while not dialog.index_ready:
            await pilot.pause(0.05)
        await pilot.press(*"cold start")
        await pilot.pause()
        wanted, hit = next((n, h) for n, h in enumerate(dialog.hits) if h.kind == "card")
        await pilot.press("down", *["down"] * wanted, "enter")
        await pilot.pause(0.3)
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        assert str(notes.get_selected_text()).lower() == "cold start"
        # picked out in the part the result showed (the answer), not the first place it stands
        (block,) = notes.selections
        assert isinstance(block, MarkdownBlock)
        assert hit.snippet.removesuffix("…") in str(block.content)


def test_a_hit_in_a_title_shows_its_topic_title_and_the_body_not_the_title_again(
    store: Store, shipped_deck: Deck
) -> None:
    ensure_search_index(store, shipped_deck)
    note = shipped_deck.notes["serverless-when-to-use"]
    (hit,) = (h for h in search(store, "when not cold") if h.item_id == note.id and not h.section)
    assert hit.snippet == note.title  # the match, kept for highlighting when it is opened
    first_line, shown = hit_label(hit, shipped_deck, 78).plain.split("\n")
    assert first_line.startswith("note · Serverless on AWS · When to go serverless"), first_line
    assert "serverless ·" not in first_line  # the topic's title, not its id
    body = " ".join(parse(note.body).sections()[0].text.split())
    assert shown.strip().removesuffix(ELLIPSIS) in body
    assert not note.title.startswith(shown.strip().removesuffix(ELLIPSIS)), shown


def _long_hit(shipped_deck: Deck) -> SearchHit:
    note = shipped_deck.notes["apigw-basics"]
    snippet = "Edge-optimized endpoints send requests through CloudFront edge locations near…"
    return SearchHit(note.id, "note", "api-gateway", "Endpoint types", snippet, ((0, 14),), 3)


def test_a_hit_title_is_cut_at_a_word_and_keeps_its_section(shipped_deck: Deck) -> None:
    note = shipped_deck.notes["apigw-basics"]
    for width in (50, 70, 90):
        first_line, snippet = hit_label(_long_hit(shipped_deck), shipped_deck, width).plain.split(
            "\n"
        )
        assert cell_width(first_line) <= width and cell_width(snippet) <= width, first_line
        where, _, section = first_line.partition(" · Amazon API Gateway · ")[2].partition(" › ")
        assert section == "Endpoint types"
        assert where.endswith(ELLIPSIS) and note.title.startswith(where.removesuffix(ELLIPSIS))
        assert note.title[len(where) - 1] in " -,"  # the cut is at a word's end


@pytest.mark.parametrize(
    ("size", "shown"),
    [((80, 24), "What API Gateway is…"), ((100, 30), "What API Gateway is - REST, HTTP…")],
)
async def test_the_notes_tree_cuts_titles_at_a_word_to_its_width(
    tmp_path: Path, size: tuple[int, int], shown: str
) -> None:
    app = make_app([builtin_content_dir()], tmp_path / "p.db", FixedClock(START), StartAt("notes"))
    notes = app.context.deck.notes
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(NotesTree)
        room = tree.scrollable_content_region.width - tree.guide_depth
        assert room >= 0.35 * size[0] - tree.guide_depth  # wider than the 30 cells it had
        leaves = [leaf for branch in tree.root.children for leaf in branch.children]
        for leaf in leaves:
            if leaf.data not in notes:
                continue  # the glossary
            title, label = notes[leaf.data].title, str(leaf.label)
            assert cell_width(label) <= room, label
            if label != title:  # cut after a whole word
                kept = label.removesuffix(ELLIPSIS)
                assert title.startswith(kept) and not title[len(kept)].isalnum(), label
        node = tree.node_of("apigw-basics")
        assert node is not None and str(node.label) == shown
