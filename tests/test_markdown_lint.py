"""`content check` on notes' Markdown: one tiny fixture per flaw, each found where it is written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.content import Deck, load_deck_or_raise
from studyapp.content.lint import lint_deck
from studyapp.content.markdown_lint import markdown_findings

SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html"


def note_file(tmp_path: Path, body: str, *, literal: bool = True) -> Path:
    """A content file with one note whose body is `body`, as a `|` block or a quoted line."""
    if literal:
        written = "|\n" + textwrap.indent(body, " " * 6)
    else:
        written = '"' + body.replace("\\", "\\\\").replace('"', '\\"') + '"'
    path = tmp_path / "deck.yaml"
    path.write_text(
        "topic: {id: t, title: T}\n"
        "notes:\n"
        "  - id: n1\n"
        "    title: A note\n"
        f"    body: {written}\n"
        f"    sources: [{SOURCE}]\n",
        encoding="utf-8",
    )
    return path


def findings(path: Path) -> list[str]:
    return [str(finding) for finding in lint_deck(load_deck_or_raise([path]))]


def test_a_table_row_with_another_cell_count_is_found_at_the_row(tmp_path: Path) -> None:
    path = note_file(tmp_path, "Intro.\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n| 5 | 6 |\n")
    assert findings(path) == [
        f"{path}:10:7: n1: body: this table row has 3 cells and its header 2: Markdown cuts "
        "the row without a word, so the columns no longer say what was written",
        f"{path}:11:7: n1: body: this table row has 1 cell and its header 2: Markdown pads "
        "the row without a word, so the columns no longer say what was written",
    ]


def test_escaped_pipes_and_rows_in_a_list_are_counted_as_cells(tmp_path: Path) -> None:
    body = "- | a | b |\n  |---|---|\n  | x \\| y | 2 |\n  | `c` | d\n"
    assert findings(note_file(tmp_path, body)) == []


def test_a_table_whose_header_and_delimiter_differ_is_shown_as_text(tmp_path: Path) -> None:
    path = note_file(tmp_path, "| a | b |\n|---|---|---|\n| 1 | 2 |\n")
    assert findings(path) == [
        f"{path}:7:7: n1: body: this table is shown as text, pipes and all: its header row has "
        "2 cells and the delimiter row under it 3; make them the same"
    ]


@pytest.mark.parametrize(
    ("line", "column", "marker"),
    [
        ("**Lead.** Fine, but **this is not closed.", 27, "'**'"),
        ("An *open emphasis.", 10, "'*'"),
        ("An _open one.", 10, "'_'"),
    ],
)
def test_an_emphasis_marker_without_its_pair_is_found(
    tmp_path: Path, line: str, column: int, marker: str
) -> None:
    path = note_file(tmp_path, f"First line.\n{line}\n")
    assert findings(path) == [
        f"{path}:7:{column}: n1: body: {marker} is shown as written: an emphasis marker without "
        f"its pair (close it, put code in backticks, or write \\{marker[1]} for a literal one)"
    ]


def test_a_backtick_without_its_pair_is_found(tmp_path: Path) -> None:
    path = note_file(tmp_path, "Run `sam build and deploy.\n")
    assert findings(path) == [
        f"{path}:6:11: n1: body: '`' is shown as written: a backtick without its pair (close "
        "the code span, or write \\` for a literal backtick)"
    ]


def test_markers_that_are_text_are_not_flaws(tmp_path: Path) -> None:
    body = (
        "FARGATE_SPOT and X86_64, 5 * 3, \\*escaped\\*, `code_with_*stars*`,\n"
        "**bold**, *em*, __strong__ and _em_ all closed.\n"
    )
    assert findings(note_file(tmp_path, body)) == []


def test_raw_html_is_found_inline_and_as_a_block(tmp_path: Path) -> None:
    path = note_file(tmp_path, "Some <b>bold</b> text.\n\n<div>\nblock\n</div>\n")
    message = (
        "is not shown as written: the notes reader leaves it out and line mode prints the "
        "tags; write it in Markdown"
    )
    assert findings(path) == [
        f"{path}:6:12: n1: body: raw HTML '<b>' {message}",
        f"{path}:6:19: n1: body: raw HTML '</b>' {message}",
        f"{path}:8:7: n1: body: raw HTML '<div>' {message}",
    ]


def test_a_link_to_a_page_not_in_sources_is_found(tmp_path: Path) -> None:
    body = f"See [the guide]({SOURCE}), <{SOURCE}> and [another](https://example.com/x).\n"
    path = note_file(tmp_path, body)
    assert findings(path) == [
        f"{path}:6:{body.index('https://example.com') + 7}: n1: body: the link to "
        "'https://example.com/x' is not among the note's sources: add the page to `sources` "
        "(every fact names its page), or link one that is"
    ]


def test_a_flaw_in_a_quoted_body_is_found_on_its_first_line_or_at_its_start(
    tmp_path: Path,
) -> None:
    path = note_file(tmp_path, "Fine.\n\nAn *open one.", literal=False)
    (finding,) = findings(path)
    assert finding.startswith(f"{path}:5:11: n1: body: '*' is shown as written")


def test_strict_makes_markdown_flaws_problems(tmp_path: Path) -> None:
    path = note_file(tmp_path, "An *open one.\n")
    runner = CliRunner()
    relaxed = runner.invoke(cli, ["content", "check", str(path)])
    assert relaxed.exit_code == 0
    assert f"{path}:6:10: warning: n1: body: '*' is shown as written" in relaxed.stderr
    strict = runner.invoke(cli, ["content", "check", "--strict", str(path)])
    assert strict.exit_code == 1
    assert f"{path}:6:10: n1: body: '*' is shown as written" in strict.stderr


def test_the_shipped_notes_have_no_markdown_flaws(shipped_deck: Deck) -> None:
    assert markdown_findings(shipped_deck, lambda note_id, line, column: ("", line, column)) == []
