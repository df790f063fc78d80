"""Notes' Markdown as plain text (line mode) and as sections (the search index)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.cli import cli
from studyapp.content import Deck
from studyapp.content.markdown import parse, plain_text, searchable_text, underlined
from studyapp.text import is_printable

#: What would show that Markdown reached the reader as markup.
MARKUP = re.compile(r"\*\*|__|`|\|-{3}|\|:-|^#|\]\(", re.MULTILINE)


def test_every_shipped_note_prints_without_markup(
    shipped_deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for topic_id in shipped_deck.topics:
        result = CliRunner().invoke(cli, ["notes", topic_id, "--plain"])
        assert result.exit_code == 0, result.stderr
        found = MARKUP.findall(result.stdout)
        assert found == [], f"{topic_id}: {found[:5]}"
        assert is_printable(result.stdout) and "\t" not in result.stdout
        for note in shipped_deck.notes_of(topic_id):
            assert "\n".join(underlined(note.title, 80)) + "\n\n" in result.stdout


def test_wrapping_a_shipped_note_to_80_columns_loses_no_word(shipped_deck: Deck) -> None:
    """Its wide tables included: the sections (never wrapped) hold the same words."""
    for note in shipped_deck.notes.values():
        parsed = parse(note.body)
        text = parsed.plain_text(80)
        assert max(map(len, text.split("\n"))) <= 80, note.id
        unwrapped = " ".join(section.text for section in parsed.sections())
        assert words(text) == words(unwrapped), note.id


def words(text: str) -> list[str]:
    """The words of `text`, sorted, without a table's rule under its header."""
    return sorted(word for word in text.split() if word.strip("─"))


TABLE = """\
| Service | Longest run | Note |
|---|--:|:-:|
| Lambda | 15 min | x |
| Step Functions Standard | 1 year | long cell text here |
"""


def test_a_table_is_aligned_by_its_cells_widths_and_alignments() -> None:
    assert plain_text(TABLE, 80).split("\n") == [
        "Service                  Longest run         Note",
        "─" * 57,
        "Lambda                        15 min           x",
        "Step Functions Standard       1 year  long cell text here",
    ]


def test_a_table_wider_than_the_page_wraps_its_cells() -> None:
    text = plain_text(TABLE, 40)
    assert max(map(len, text.split("\n"))) <= 40
    assert words(text) == words(plain_text(TABLE, 80))
    assert text.split("\n")[2:] == [  # a blank line between rows, as one wraps
        "Lambda             15 min        x",
        "",
        "Step               1 year    long cell",
        "Functions                    text here",
        "Standard",
    ]


def test_emphasis_code_and_links_become_words() -> None:
    text = plain_text(
        "**Bold** and *em* and __strong__ with `code_here`, [the guide](https://a.example/g), "
        "<https://a.example/auto> and ![a diagram](https://a.example/d.png)."
    )
    assert text == (
        "Bold and em and strong with code_here, the guide (https://a.example/g),\n"
        "https://a.example/auto and a diagram (https://a.example/d.png)."
    )


def test_headings_are_their_words_underlined() -> None:
    assert plain_text("# Title\n\n## Part *one*\n\nText.") == (
        "Title\n-----\n\nPart one\n--------\n\nText."
    )
    assert underlined("A note", 80) == ["A note", "======"]


def test_lists_wrap_with_a_hanging_indent() -> None:
    markdown = "- " + "word " * 20 + "\n- short\n  1. first\n  2. second\n"
    assert plain_text(markdown, 40).split("\n") == [
        "• word word word word word word word",
        "  word word word word word word word",
        "  word word word word word word",
        "• short",
        "  1. first",
        "  2. second",
    ]


def test_a_loose_list_keeps_its_blank_lines_and_its_numbers() -> None:
    assert plain_text("3. three\n\n4. four\n\n   more\n") == "3. three\n\n4. four\n\n   more"


def test_a_block_quote_is_barred_and_code_is_kept_verbatim() -> None:
    long_line = "x = " + "1 + " * 30 + "1"
    markdown = f"> quoted *words*\n> more\n\n```python\ndef f():\n\treturn 1\n{long_line}\n```\n"
    assert plain_text(markdown, 40).split("\n") == [
        "│ quoted words more",
        "",
        "    def f():",
        "        return 1",
        f"    {long_line}",
    ]


def test_a_hard_break_starts_a_new_line() -> None:
    assert plain_text("one  \ntwo\\\nthree") == "one\ntwo\nthree"


def test_a_card_without_markdown_characters_is_indexed_as_written() -> None:
    assert searchable_text("Longest Lambda run?\n15 minutes.") == "Longest Lambda run?\n15 minutes."
    assert searchable_text("Set `Timeout` to **900**.") == "Set Timeout to 900."


# sections ---------------------------------------------------------------------------------

NOTE = """\
Intro text about *Lambda*.

**Scaling.** It scales out.

A paragraph with **bold** inside, not a lead-in.

- **In a list.** Not a section either.

## Pricing and `limits`

You pay per request.

**Cold starts:** the first request waits.
"""


def test_sections_split_at_headings_and_bold_lead_ins() -> None:
    sections = parse(NOTE).sections()
    assert [(s.index, s.title, s.line) for s in sections] == [
        (0, "", 0),
        (1, "Scaling", 2),
        (2, "Pricing and limits", 8),
        (3, "Cold starts", 12),
    ]
    assert sections[0].text == "Intro text about Lambda."
    assert sections[1].text == (
        "Scaling. It scales out.\n\nA paragraph with bold inside, not a lead-in.\n\n"
        "• In a list. Not a section either."
    )
    assert sections[2].text == "You pay per request."  # the heading is the title
    assert sections[3].text == "Cold starts: the first request waits."


def test_a_note_that_opens_with_a_lead_in_has_an_empty_first_section() -> None:
    sections = parse("**First.** One.\n\n**Second.** Two.").sections()
    assert [(s.title, s.text) for s in sections] == [
        ("", ""),
        ("First", "First. One."),
        ("Second", "Second. Two."),
    ]


def test_every_shipped_note_splits_into_its_lead_ins(shipped_deck: Deck) -> None:
    note = shipped_deck.notes["lambda-what-it-is"]
    assert [s.title for s in parse(note.body).sections()] == [
        "",
        "Scaling",
        "Pricing",
        "Where it runs",
    ]
    for note in shipped_deck.notes.values():
        for section in parse(note.body).sections():
            assert MARKUP.search(section.text) is None, (note.id, section.title)
            assert MARKUP.search(section.title) is None


# never raises, never emits a control code -------------------------------------------------

MARKDOWNISH = st.text(
    st.one_of(
        st.sampled_from(list("*_`[]()<>#|-:\\!&;\n \t>1.~=+")),
        st.characters(codec="utf-8"),
    ),
    max_size=200,
)


@settings(max_examples=400, deadline=None)
@given(markdown=MARKDOWNISH, width=st.integers(min_value=0, max_value=120))
def test_plain_text_never_raises_and_never_emits_a_control_code(markdown: str, width: int) -> None:
    text = plain_text(markdown, width)
    assert is_printable(text) and "\t" not in text
    for section in parse(markdown).sections():
        assert is_printable(section.text) and "\t" not in section.text
        assert is_printable(section.title, newlines=False)


def test_control_codes_are_shown_as_pictures() -> None:
    assert plain_text("bell \x07 and *escape* \x1b[31m") == "bell ␇ and escape ␛[31m"


@pytest.mark.parametrize("depth", [10, 30])
def test_deep_nesting_is_plain_text_too(depth: int) -> None:
    text = plain_text("> " * depth + "- " * depth + "[" * depth + "deep" + "]" * depth)
    assert "deep" in text and is_printable(text)


def test_nesting_past_the_parsers_limit_is_left_out_without_an_error() -> None:
    assert plain_text("> " * 150 + "deep\n\nafter") == "after"
