"""`content check` holds `renamed_from` to the deck (an id still in use, claimed twice, the
item's own) and, given a database, to its reviews (a rename across kinds; an id with
history that nothing claims), each at the `path:line:col` of the entry."""

from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.content import content_hash, load_deck_or_raise
from tests.conftest import SMALL_DECK, START
from tests.test_renames import renamed, study, write_deck

MINE = textwrap.dedent(
    """\
    topic: {id: mine, title: Mine}
    notes:
      - id: mine-note
        title: A note
        body: Some text.
        sources: [https://docs.aws.amazon.com/lambda/latest/dg/welcome.html]
    cards:
      - id: card-a
        front: Front a
        back: Back a
        source: https://docs.aws.amazon.com/a
        renamed_from: [card-a, mine-note, lambda-max-timeout, old-shared, old-twice, old-twice]
      - id: card-b
        front: Front b
        back: Back b
        source: https://docs.aws.amazon.com/b
        renamed_from:
          - old-shared
          - old-alone
    """
)


def check(*args: str, env: dict[str, str] | None = None) -> tuple[int, list[str], str]:
    """`content check`: its exit code, its stderr lines and its stdout."""
    result = CliRunner().invoke(cli, ["content", "check", *args], env=env)
    return result.exit_code, result.stderr.splitlines(), result.stdout


def place(path: Path, line: int, written: str, nth: int = 1) -> str:
    """`path:line:col` of the `nth` `written` on that line of the file."""
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    column = -1
    for _ in range(nth):
        column = text.index(written, column + 1)
    return f"{path}:{line}:{column + 1}"


def test_claims_that_cannot_hold_are_refused_at_their_entry(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "mine", "")
    path = deck / "demo.yaml"
    path.write_text(MINE, encoding="utf-8")
    code, lines, out = check(str(deck))
    assert code == 1 and out == ""
    shipped = [line for line in lines if "lambda-max-timeout" in line]
    assert len(shipped) == 1 and shipped[0].startswith(place(path, 12, "lambda-max-timeout"))
    assert "still the id of the card at " in shipped[0] and "/lambda.yaml:" in shipped[0]
    assert [line for line in lines if line not in shipped] == [
        f"{place(path, 12, 'card-a')}: card-a: renamed_from names the item's own id",
        f"{place(path, 12, 'mine-note')}: card-a: renamed_from 'mine-note', but 'mine-note' "
        f"is still the id of the note at {path}:3:5, which keeps its own history: remove it "
        "here, or give that note another id",
        f"{place(path, 12, 'old-shared')}: card-a: renamed_from 'old-shared' is also claimed "
        f"by 'card-b' at {path}:18:9; one id's history can follow only one item",
        f"{place(path, 12, 'old-twice', 2)}: card-a: renamed_from lists 'old-twice' twice",
        f"{path}:18:9: card-b: renamed_from 'old-shared' is also claimed by 'card-a' at "
        f"{place(path, 12, 'old-shared')}; one id's history can follow only one item",
        "6 problems found.",
    ]


def test_claims_that_hold_pass_and_the_deck_maps_them(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "mine", renamed(SMALL_DECK, "c1", "c1-new", "c0", "c1"))
    code, lines, out = check(str(deck))
    assert (code, lines) == (0, []) and out.startswith("OK: ")


def test_with_a_database_an_id_with_history_that_nothing_claims_is_a_warning(
    tmp_path: Path,
) -> None:
    deck, db = write_deck(tmp_path / "deck", SMALL_DECK), tmp_path / "p.db"
    study(deck, db, FixedClock(START), days=2)
    write_deck(deck, SMALL_DECK.replace("id: c2,", "id: c2-new,"))
    warning = (
        f"'c2' has 2 reviews in {db} but no item in the deck; if an item took its place, "
        "add `renamed_from: [c2]` to it"
    )
    assert check(str(deck))[:2] == (0, [])  # no database named: nothing to hold it to
    code, lines, out = check(str(deck), "--db", str(db))
    assert code == 0 and out.startswith("OK: ")
    assert lines == [f"warning: {warning}", "1 warning; --strict makes them problems."]
    assert check(str(deck), env={"STUDYAPP_DB": str(db)})[1] == lines
    code, lines, _out = check(str(deck), "--db", str(db), "--strict")
    assert (code, lines) == (1, [warning, "1 problem found."])
    # Claimed, it is no warning; the database is only read.
    write_deck(deck, renamed(SMALL_DECK, "c2", "c2-new"))
    before = db.read_bytes()
    assert check(str(deck), "--db", str(db))[:2] == (0, [])
    assert db.read_bytes() == before


def test_with_a_database_a_rename_across_kinds_is_refused_at_its_entry(tmp_path: Path) -> None:
    deck, db = write_deck(tmp_path / "deck", SMALL_DECK), tmp_path / "p.db"
    study(deck, db, FixedClock(START), days=1)
    path = write_deck(deck, renamed(SMALL_DECK.replace("id: c1,", "id: c1-x,"), "q2", "q2", "c1"))
    assert check(str(deck))[:2] == (0, [])  # a card may be renamed so, for all the deck knows
    code, lines, _out = check(str(deck), "--db", str(db))
    entry = place(path / "demo.yaml", 20, "c1")
    assert (code, lines) == (
        1,
        [
            f"{entry}: q2: renamed_from 'c1', a card with 2 reviews in {db}, but this item is "
            "a question: a card's reviews and schedule do not carry over to a question, so "
            "they stay under 'c1'; remove it here",
            "1 problem found.",
        ],
    )


def test_listing_old_ids_leaves_the_fingerprint_of_every_item_as_it_was(tmp_path: Path) -> None:
    plain = load_deck_or_raise([write_deck(tmp_path / "plain", SMALL_DECK)])
    listed = load_deck_or_raise(
        [write_deck(tmp_path / "listed", renamed(SMALL_DECK, "q1", "q1", "q0", "q-older"))]
    )
    assert listed.items["q1"].renamed_from == ("q0", "q-older")
    assert {i: content_hash(item) for i, item in listed.items.items()} == {
        i: content_hash(item) for i, item in plain.items.items()
    }
