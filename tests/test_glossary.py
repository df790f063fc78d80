"""A topic's glossary: validated and checked against its notes, cached, listed in the notes
reader and printed by `studyapp notes --glossary`, its authored text shown as written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import MarkdownViewer, Tree
from textual.widgets.markdown import MarkdownBlock

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.content import GlossaryEntry, load_deck
from studyapp.content.cache import load_deck_cached
from studyapp.tui import StartAt, make_app
from studyapp.tui.screens.notes import NotesScreen
from tests.conftest import SMALL_DECK, START
from tests.test_loader import WriteYaml, problems_for

SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/concepts-basics.html"
NOTES = f"""\
topic: {{id: t, title: T}}
notes:
  - id: first
    title: First
    body: A cold start can happen here.
    sources: ["{SOURCE}"]
  - id: second
    title: Second
    body: |
      A **cold start** is the set-up of a new
      execution environment. Handlers run after it.
    sources: ["{SOURCE}"]
"""

GLOSSARY_DECK = (
    SMALL_DECK.replace(
        "body: Some text.", "body: The '[b]handler[/b]' is called with an event and a context."
    )
    + f"""\
glossary:
  - term: "[b]handler[/b]"
    definition: The method Lambda runs; *not* emphasis, [red]not markup[/red].
    source: {SOURCE}
  - term: event
    aliases: [event payload]
    definition: The JSON document a function is given.
    source: {SOURCE}
  - term: Context
    definition: An object about the invocation.
    source: {SOURCE}
"""
)


def entry(term: str, **more: str) -> str:
    fields = "".join(f", {key}: {value}" for key, value in more.items())
    return f'  - {{term: {term}, definition: D., source: "{SOURCE}"{fields}}}\n'


def test_a_glossary_loads_in_authored_order(write_yaml: WriteYaml) -> None:
    text = (
        NOTES + "glossary:\n" + entry("cold start") + entry("handler", aliases="[handler method]")
    )
    deck, problems = load_deck([write_yaml("deck.yaml", text)])
    assert problems == []
    assert deck.glossary_of("t") == (
        GlossaryEntry("cold start", "D.", SOURCE),
        GlossaryEntry("handler", "D.", SOURCE, ("handler method",)),
    )
    assert deck.glossary_of("nosuch") == ()


def test_a_term_no_note_uses_is_a_problem(write_yaml: WriteYaml) -> None:
    found = problems_for(write_yaml, NOTES + "glossary:\n" + entry("GB-second"))
    assert found == ["deck.yaml:14:5: glossary term 'GB-second' is used in no note of 't'"]


def test_an_alias_counts_as_a_use(write_yaml: WriteYaml) -> None:
    text = NOTES + "glossary:\n" + entry("GB-second", aliases="[execution environment]")
    assert problems_for(write_yaml, text) == []


def test_a_term_used_before_the_note_explaining_it_is_a_problem(write_yaml: WriteYaml) -> None:
    found = problems_for(write_yaml, NOTES + "glossary:\n" + entry("cold start", note="second"))
    assert found == [
        "deck.yaml:14:5: glossary term 'cold start' is used in note 'first' (deck.yaml:3:5) "
        "before note 'second' explains it"
    ]
    text = NOTES + "glossary:\n" + entry("execution environment", note="second")
    assert problems_for(write_yaml, text) == []
    found = problems_for(write_yaml, NOTES + "glossary:\n" + entry("handler", note="nosuch"))
    assert found == ["deck.yaml:14:5: note 'nosuch' is not a note of topic 't'"]


def test_a_term_defined_twice_in_a_topic_is_a_problem_across_files(
    write_yaml: WriteYaml, tmp_path: Path
) -> None:
    write_yaml("deck/a.yaml", NOTES + "glossary:\n" + entry("handler"))
    write_yaml("deck/b.yaml", "topic: t\nglossary:\n" + entry("Handlers", aliases="[Handler]"))
    deck, problems = load_deck([tmp_path / "deck"])
    where = tmp_path / "deck" / "a.yaml"
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'deck' / 'b.yaml'}:3:5: glossary term 'Handler' is already defined "
        f"at {where}:14:5"
    ]
    assert [e.term for e in deck.glossary_of("t")] == ["handler"]


def test_a_term_is_one_line_of_text(write_yaml: WriteYaml) -> None:
    found = problems_for(write_yaml, NOTES + "glossary:\n" + entry('"cold\\nstart"'))
    assert found == ["deck.yaml:14:12: term: must be one line of text"]
    found = problems_for(write_yaml, NOTES + "glossary:\n" + entry('"cold \\e start"'))
    assert found[0].startswith("deck.yaml:14:12: term: contains the control character U+001B")


def test_the_cache_carries_the_glossary(write_yaml: WriteYaml, tmp_path: Path) -> None:
    path = write_yaml("deck.yaml", NOTES + "glossary:\n" + entry("cold start"))
    first, _ = load_deck_cached([path], tmp_path / "cache")
    second, _ = load_deck_cached([path], tmp_path / "cache")
    assert second.glossary_of("t") == first.glossary_of("t") != ()


def test_line_mode_prints_the_glossary_as_written(write_yaml: WriteYaml, tmp_path: Path) -> None:
    path = write_yaml("deck/demo.yaml", GLOSSARY_DECK)
    args = ["--content", str(path.parent), "notes", "demo", "--glossary", "--plain"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:7] == [
        "Glossary: Demo topic",
        "====================",
        "",
        "[b]handler[/b]",
        "  The method Lambda runs; *not* emphasis, [red]not markup[/red].",
        f"  Source: {SOURCE}",
        "",
    ]
    assert "event (also: event payload)" in result.stdout


async def test_the_notes_reader_lists_and_shows_the_glossary(
    write_yaml: WriteYaml, tmp_path: Path
) -> None:
    path = write_yaml("deck/demo.yaml", GLOSSARY_DECK)
    app = make_app([path.parent], tmp_path / "p.db", FixedClock(START), StartAt("notes"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, NotesScreen)
        tree: Tree[str] = app.screen.query_one(Tree)
        demo = next(node for node in tree.root.children if str(node.label) == "Demo topic")
        assert [str(node.label) for node in demo.children] == ["A note", "Glossary"]
        tree.select_node(demo.children[-1])
        await pilot.pause()
        source = app.screen.query_one(MarkdownViewer).document.source
        assert source.index("## Context") < source.index("## event")  # alphabetical, any case
        assert r"\[b\]handler\[\/b\]" in source and r"\*not\* emphasis" in source
        document = app.screen.query_one(MarkdownViewer).document
        blocks = document.query(MarkdownBlock)
        shown = "\n".join(block._content.plain for block in blocks)  # what the screen draws
        assert "[b]handler[/b]" in shown and "*not* emphasis" in shown
