"""`studyapp export anki`: the .apkg read back as Anki reads it, a zipped SQLite collection,
with plain `sqlite3`, never through genanki's own objects."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.content import Deck, Question, Scenario, load_deck_or_raise
from studyapp.decide.check import load_checked_deck
from studyapp.errors import ExportError, UsageError
from studyapp.interop.anki import export_anki
from studyapp.paths import builtin_content_dir
from tests.conftest import SMALL_DECK

NOW = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)
SECOND_TOPIC = """
topic: {id: extra, title: "Extra::Topic"}
cards:
  - id: x1
    front: "Run `sam build` <b>first</b>?"
    back: |
      Yes: **always**. Then [sound:boom.mp3] and \\\\(x^2\\\\) stay text.

      <script>alert(1)</script>
    source: "https://docs.aws.amazon.com/x?a=1&b=2"
    tags: [tools, newer-than-exam]
    exam: [dva-c02:3.1]
    exam_expects: The older answer.
"""


@dataclass(frozen=True)
class AnkiNote:
    guid: str
    model: str
    fields: dict[str, str]
    tags: list[str]
    deck: str
    cards: int
    modified: int


def read_apkg(path: Path, scratch: Path) -> list[AnkiNote]:
    """Every note of the package, by its note type's field names, with its deck and cards."""
    with zipfile.ZipFile(path) as apkg:
        name = next(n for n in apkg.namelist() if n in ("collection.anki21", "collection.anki2"))
        apkg.extract(name, scratch)
    conn = sqlite3.connect(scratch / name)
    try:
        decks_json, models_json = conn.execute("SELECT decks, models FROM col").fetchone()
        decks = {int(k): v["name"] for k, v in json.loads(decks_json).items()}
        models = json.loads(models_json)
        rows = conn.execute(
            "SELECT n.guid, n.mid, n.flds, n.tags, n.mod, c.did, count(c.id) FROM notes n "
            "JOIN cards c ON c.nid = n.id GROUP BY n.id ORDER BY n.id"
        ).fetchall()
    finally:
        conn.close()
    notes = []
    for guid, model_id, fields, tags, modified, deck_id, cards in rows:
        model = models[str(model_id)]
        names = [field["name"] for field in model["flds"]]
        values = fields.split("\x1f")
        assert len(values) == len(names)
        notes.append(
            AnkiNote(
                guid,
                model["name"],
                dict(zip(names, values, strict=True)),
                tags.split(),
                decks[deck_id],
                cards,
                modified,
            )
        )
    return notes


def by_item(notes: list[AnkiNote]) -> dict[str, AnkiNote]:
    return {note.fields["Item ID"]: note for note in notes}


@pytest.fixture
def two_topics(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "demo.yaml").write_text(SMALL_DECK, encoding="utf-8")
    (folder / "extra.yaml").write_text(SECOND_TOPIC, encoding="utf-8")
    return folder


def _export(content: Path, target: Path, now: datetime = NOW, topics: tuple[str, ...] = ()) -> Deck:
    deck = load_deck_or_raise([content])
    export_anki(deck, target, now, topics)
    return deck


def test_every_item_is_a_note_with_its_fields_in_its_topics_deck(
    two_topics: Path, tmp_path: Path
) -> None:
    deck = _export(two_topics, tmp_path / "out.apkg")
    notes = by_item(read_apkg(tmp_path / "out.apkg", tmp_path))
    assert set(notes) == set(deck.items)
    assert all(note.cards == 1 for note in notes.values())
    assert {note.deck for note in notes.values()} == {
        "studyapp::Demo topic",
        "studyapp::Extra:Topic",
    }
    assert len({note.guid for note in notes.values()}) == len(notes)

    card = notes["c1"]
    assert card.model == "studyapp card"
    assert card.fields["Front"] == "Front one" and card.fields["Back"] == "Back one"
    assert card.fields["Source"] == (
        '<a href="https://docs.aws.amazon.com/a">https://docs.aws.amazon.com/a</a>'
    )
    assert card.tags == ["topic::demo"]


def lettered(field: str) -> dict[str, str]:
    """A field of lettered option lines, letter -> text."""
    return dict(re.findall(r'<div class="option">([a-z])\) (.*?)</div>', field))


def whys(field: str) -> list[tuple[str, str, str, str]]:
    """The Why field's lines: (letter, mark, option, why)."""
    line = r'<div class="why (?:right|wrong)">([a-z])\) ([✓✗]) (.*?): (.*?)</div>'
    return re.findall(line, field, flags=re.DOTALL)


def test_a_question_shows_lettered_options_and_every_options_why(
    two_topics: Path, tmp_path: Path
) -> None:
    deck = _export(two_topics, tmp_path / "out.apkg")
    note = by_item(read_apkg(tmp_path / "out.apkg", tmp_path))["q2"]
    question = deck.items["q2"]
    assert isinstance(question, Question)
    assert note.model == "studyapp multiple choice"
    assert note.fields["Prompt"] == 'Pick two.<div class="ask">Choose 2.</div>'
    options = lettered(note.fields["Options"])
    assert list(options) == ["a", "b", "c"]
    assert sorted(options.values()) == sorted(c.text for c in question.choices)
    letter_of = {text: letter for letter, text in options.items()}
    right = {letter_of[c.text]: c.text for c in question.choices if c.correct}
    assert lettered(note.fields["Answer"]) == dict(sorted(right.items()))
    expected = [
        (letter_of[c.text], "✓" if c.correct else "✗", c.text, c.why) for c in question.choices
    ]
    assert sorted(whys(note.fields["Why"])) == sorted(expected)


def test_a_scenario_explains_every_service_it_offers(two_topics: Path, tmp_path: Path) -> None:
    deck = _export(two_topics, tmp_path / "out.apkg")
    note = by_item(read_apkg(tmp_path / "out.apkg", tmp_path))["s1"]
    scenario = deck.items["s1"]
    assert isinstance(scenario, Scenario)
    assert note.fields["Prompt"].startswith(scenario.situation)
    assert "Which service fits best?" in note.fields["Prompt"]
    assert "AWS Lambda" in note.fields["Options"] and "AWS Fargate" in note.fields["Options"]
    assert "AWS Fargate (with Amazon ECS)" in note.fields["Answer"]
    assert "AWS Lambda" not in note.fields["Answer"]
    why = note.fields["Why"]
    assert "✓ AWS Fargate (with Amazon ECS): Lambda stops at 15 minutes." in why
    lambda_why = why.split("✗ AWS Lambda: ")[1].split("</div>")[0]
    assert lambda_why  # the rule that rules Lambda out, from the decision engine
    assert "How the rules decide:" in why


def test_authored_text_is_escaped_and_anki_syntax_inert(two_topics: Path, tmp_path: Path) -> None:
    _export(two_topics, tmp_path / "out.apkg")
    note = by_item(read_apkg(tmp_path / "out.apkg", tmp_path))["x1"]
    front, back = note.fields["Front"], note.fields["Back"]
    assert front == "Run <code>sam build</code> &lt;b&gt;first&lt;/b&gt;?"
    assert "<strong>always</strong>" in back
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in back and "<script>" not in back
    # [sound:…] would play a file and \( \) start MathJax: character references show the
    # characters but never match Anki's syntax.
    assert "[" not in back and "\\" not in back
    assert "&#91;sound:boom.mp3]" in back and "&#92;(x^2&#92;)" in back
    assert "The older answer." in back
    assert note.fields["Source"] == (
        '<a href="https://docs.aws.amazon.com/x?a=1&amp;b=2">'
        "https://docs.aws.amazon.com/x?a=1&amp;b=2</a>"
    )
    assert note.tags == ["tools", "newer-than-exam", "topic::extra", "exam::dva-c02::3.1"]


def test_an_export_after_edits_changes_no_guid_and_no_note_count(
    two_topics: Path, tmp_path: Path
) -> None:
    _export(two_topics, tmp_path / "before.apkg")
    demo = two_topics / "demo.yaml"
    demo.write_text(
        SMALL_DECK.replace("Front one", "Front one edited").replace(
            "Lambda stops at 15 minutes.", "Lambda stops at 900 seconds."
        ),
        encoding="utf-8",
    )
    _export(two_topics, tmp_path / "after.apkg", NOW + timedelta(hours=1))
    before = by_item(read_apkg(tmp_path / "before.apkg", tmp_path / "b"))
    after = by_item(read_apkg(tmp_path / "after.apkg", tmp_path / "a"))
    assert {i: n.guid for i, n in before.items()} == {i: n.guid for i, n in after.items()}
    assert after["c1"].fields["Front"] == "Front one edited"
    assert "900 seconds" in after["s1"].fields["Why"]
    # Anki updates a note it has when the imported one is newer.
    assert all(after[i].modified > before[i].modified for i in before)


def test_a_renamed_item_keeps_the_note_of_the_first_id_it_lists(
    two_topics: Path, tmp_path: Path
) -> None:
    _export(two_topics, tmp_path / "before.apkg")
    demo = two_topics / "demo.yaml"
    demo.write_text(
        SMALL_DECK.replace("{id: c1, ", "{id: c1-renamed, renamed_from: [c1, c1-middle], "),
        encoding="utf-8",
    )
    _export(two_topics, tmp_path / "after.apkg", NOW + timedelta(hours=1))
    before = by_item(read_apkg(tmp_path / "before.apkg", tmp_path / "b"))
    after = by_item(read_apkg(tmp_path / "after.apkg", tmp_path / "a"))
    assert after["c1-renamed"].guid == before["c1"].guid  # Anki updates that note
    assert len(after) == len(before)


def test_a_topic_is_exported_alone_and_an_unknown_one_refused(
    two_topics: Path, tmp_path: Path
) -> None:
    _export(two_topics, tmp_path / "extra.apkg", topics=("extra",))
    notes = read_apkg(tmp_path / "extra.apkg", tmp_path)
    assert [note.fields["Item ID"] for note in notes] == ["x1"]
    with pytest.raises(UsageError, match="unknown topic 'nope'"):
        _export(two_topics, tmp_path / "nope.apkg", topics=("nope",))
    assert not (tmp_path / "nope.apkg").exists()


def test_an_unwritable_target_is_one_error_and_leaves_nothing(
    two_topics: Path, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="cannot write: No such file or directory"):
        _export(two_topics, tmp_path / "missing" / "out.apkg")
    with pytest.raises(ExportError, match="is a directory"):
        _export(two_topics, tmp_path)
    assert list(tmp_path.glob(".*partial")) == []


def test_the_shipped_deck_exports_whole(tmp_path: Path) -> None:
    deck, problems = load_checked_deck([builtin_content_dir()])
    assert problems == []
    result = export_anki(deck, tmp_path / "all.apkg", NOW)
    notes = read_apkg(tmp_path / "all.apkg", tmp_path)
    assert result.notes == len(notes) == len(deck.items)
    assert {n.deck for n in notes} == {f"studyapp::{t.title}" for t in deck.topics.values()}
    scenario_ids = set(deck.item_ids_of(["scenario"]))
    for note in (n for n in notes if n.fields["Item ID"] in scenario_ids):
        explained = whys(note.fields["Why"])
        # Every option of every scenario says why it is, or is not, the answer.
        assert len(explained) == len(lettered(note.fields["Options"])) >= 2
        assert all(why.strip() for *_, why in explained)
        assert [mark for _, mark, *_ in explained].count("✓") == 1


# the command ---------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"STUDYAPP_NOW": NOW.isoformat()})
    return result.exit_code, result.stdout, result.stderr


def test_the_command_writes_the_package_and_says_what(two_topics: Path, tmp_path: Path) -> None:
    target = tmp_path / "demo.apkg"
    db = str(tmp_path / "progress.db")
    code, out, err = run(
        "--db", db, "--content", str(two_topics), "export", "anki", str(target), "--topic", "demo"
    )
    assert (code, err) == (0, "")
    assert out == (f"Wrote 6 notes (3 cards, 2 questions, 1 scenario) in 1 deck to {target}\n")
    notes = read_apkg(target, tmp_path)
    assert {n.deck for n in notes} == {"studyapp::Demo topic"}
    assert "c1" in {n.fields["Item ID"] for n in notes}


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("{tmp}/no/such/folder/x.apkg", "x.apkg: cannot write: No such file or directory"),
        ("{db}", "is the progress database itself; name a .apkg file"),
    ],
)
def test_the_command_refuses_in_one_line(tmp_path: Path, target: str, message: str) -> None:
    db = tmp_path / "progress.db"
    db.write_bytes(b"")
    path = target.format(tmp=tmp_path, db=db)
    code, out, err = run("--db", str(db), "export", "anki", path)
    assert code == 1 and out == ""
    assert err.startswith("studyapp: ") and message in err and err.count("\n") == 1
    assert db.read_bytes() == b""


def test_an_unknown_topic_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "x.apkg"
    code, _out, err = run(
        "--db", str(tmp_path / "p.db"), "export", "anki", str(target), "-t", "zzz"
    )
    assert code == 1
    assert err.startswith("studyapp: unknown topic 'zzz' (topics: ") and err.count("\n") == 1
    assert not target.exists()
