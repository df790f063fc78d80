"""What the command line says reads as English: counts agree with their nouns ("1 minute",
"2 minutes", never "1 minutes" or "minute(s)"), articles with their words ("a whole number",
never "a int"), and an error starts in lower case after `studyapp: `."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.text import a_or_an, plural

#: Nouns the commands count.
COUNTED = (
    "minutes|questions|items|reviews|days|problems|warnings|rows|cards|notes|topics|"
    "scenarios|decks|backups|points|columns|cells|answers"
)
WRONG = {
    "one of a plural noun": re.compile(rf"(?<![\d.,])\b1 ({COUNTED})\b"),
    "a plural left to the reader": re.compile(r"\w\(s\)"),
    "an article that does not fit": re.compile(
        r"\ba (int|integer|float|item|answer|exam|option|error|hour)\b"
        r"|\ban (whole|number|card|question|scenario|float)\b",
        re.IGNORECASE,
    ),
    "an error starting in upper case": re.compile(r"^studyapp: [A-Z][a-z]", re.MULTILINE),
}


@pytest.fixture
def one_review_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with one answered question, so the counts shown are ones."""
    monkeypatch.setenv("STUDYAPP_NOW", "2026-03-02T10:00:00+00:00")
    db = tmp_path / "p.db"
    result = CliRunner().invoke(
        cli, ["quiz", "--topic", "lambda", "--count", "1", "--db", str(db)], input="a\n\nq\n"
    )
    assert result.exit_code == 0, result.output
    return db


def _commands(db: Path, tmp_path: Path) -> list[list[str]]:
    bad_deck = tmp_path / "bad.yaml"
    bad_deck.write_text("topic: {id: t, title: T}\ncards:\n  - {id: x, front: F, back: B}\n")
    bad_csv = tmp_path / "cards.csv"
    bad_csv.write_text("id,front,back,source\nc-1,Front,,https://docs.aws.amazon.com/x\n")
    return [
        ["settings", "new_per_day", "many"],
        ["settings", "desired_retention", "high"],
        ["settings", "theme", "neon"],
        ["decide"],
        ["plan", "--exam", "2026-03-03", "--minutes-per-day", "1"],
        ["optimize"],
        ["stats"],
        ["due"],
        ["backup", str(tmp_path / "copy.db")],
        ["export", "reviews", str(tmp_path / "revlog.csv")],
        ["content", "check", str(bad_deck)],
        ["import", "csv", str(bad_csv), "--topic", "lambda", "--into", str(tmp_path / "mine")],
        ["exam", "--topic", "lambda", "--questions", "1", "--plain"],
        ["merge", str(tmp_path / "copy.db")],
    ]


def test_the_commands_count_and_speak_in_english(one_review_db: Path, tmp_path: Path) -> None:
    said = []
    for command in _commands(one_review_db, tmp_path):
        result = CliRunner().invoke(cli, [*command, "--db", str(one_review_db)], input="q\nq\n")
        said.append((command, result.stdout + result.stderr))
    for command, text in said:
        for what, pattern in WRONG.items():
            found = pattern.search(text)
            assert found is None, f"studyapp {' '.join(command)}: {what}: {found} in {text!r}"
    # the counts of one the data above makes, so the checks above had ones to look at
    by_command = {command[0]: text for command, text in said}
    assert "(1 day away)" in by_command["plan"] and "1 minute\n" in by_command["plan"]
    assert "1 question ·" in by_command["exam"]
    assert ", 1 review)" in by_command["backup"]
    assert "1 problem found." in by_command["content"]
    assert "new_per_day: expected a whole number, got 'many'" in said[0][1]


def test_plural_and_article() -> None:
    assert [plural(n, "minute") for n in (0, 1, 2, 1500)] == [
        "0 minutes",
        "1 minute",
        "2 minutes",
        "1,500 minutes",
    ]
    assert plural(1, "entry", "entries") == "1 entry" and plural(3, "entry", "entries") == (
        "3 entries"
    )
    assert plural(1.5, "day") == "1.5 days"
    assert [a_or_an(word) for word in ("number", "integer", "unit", "hour", "option")] == [
        "a number",
        "an integer",
        "a unit",
        "an hour",
        "an option",
    ]
