"""`studyapp content init` writes a starter deck that passes `content check --strict`;
`studyapp content show ID` prints an item as line mode presents it, then its `path:line`."""

from __future__ import annotations

import io
import json
from pathlib import Path

from studyapp.content import Card, Deck, Question, load_deck_or_raise
from studyapp.content.starter import SCHEMA_LINE, STARTER_QUESTION_ID
from studyapp.lines.session import LineSession
from studyapp.lines.show import show_lines
from studyapp.paths import builtin_content_dir
from studyapp.study import StudyContext
from tests.test_cli import invoke


def test_init_writes_a_starter_deck_that_passes_strict_check(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    code, out, err = invoke("content", "init", str(deck))
    assert code == 0 and err == ""
    assert out.splitlines()[:2] == [
        f"Wrote {deck / 'starter.yaml'}",
        f"Wrote {deck / 'studyapp-content.schema.json'}",
    ]
    assert f"study it with `studyapp --content {deck} ...`" in out
    starter = (deck / "starter.yaml").read_text()
    assert starter.startswith(SCHEMA_LINE + "\n")
    assert json.loads((deck / "studyapp-content.schema.json").read_text()) == json.loads(
        invoke("content", "schema")[1]
    )
    code, out, err = invoke("content", "check", "--strict", str(deck))
    assert (code, err) == (0, "")
    loaded = load_deck_or_raise([builtin_content_dir(), deck])
    kinds = {type(loaded.items[i]).__name__ for i in loaded.items if i.startswith("starter-")}
    assert kinds == {"Card", "Question", "Scenario"}
    assert loaded.notes_of("starter")
    question = loaded.items[STARTER_QUESTION_ID]
    assert isinstance(question, Question) and len(question.choices) == 4
    assert all(choice.why for choice in question.choices)
    # every item is commented
    assert starter.count("\n  # ") >= 4


def test_init_never_replaces_a_starter_deck(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "starter.yaml").write_text("mine\n")
    code, out, err = invoke("content", "init", str(deck))
    assert (code, out) == (1, "")
    assert err == (
        f"studyapp: {deck / 'starter.yaml'} already exists; nothing written (remove it, or "
        "name another folder)\n"
    )
    assert (deck / "starter.yaml").read_text() == "mine\n"
    assert not (deck / "studyapp-content.schema.json").exists()


def test_init_without_a_folder_starts_the_deck_folder_sessions_load(user_decks: Path) -> None:
    (user_decks).mkdir()
    (user_decks / "studyapp-content.schema.json").write_text("{}")
    code, out, _ = invoke("content", "init")
    assert code == 0
    assert f"Kept {user_decks / 'studyapp-content.schema.json'} (it was there already)" in out
    assert "not one of your content folders" not in out
    code, out, _ = invoke("content", "show", STARTER_QUESTION_ID)
    assert code == 0
    assert out.splitlines()[-1].startswith(f"{user_decks / 'starter.yaml'}:")


def test_show_prints_the_card_and_where_it_is_written() -> None:
    code, out, err = invoke("content", "show", "lambda-max-timeout")
    assert code == 0 and err == ""
    lines = out.splitlines()
    place = lines[-1]
    path, _, line = place.rpartition(":")
    assert path == str(builtin_content_dir() / "lambda.yaml")
    assert Path(path).read_text().splitlines()[int(line) - 1] == "  - id: lambda-max-timeout"
    assert lines[0] == "── lambda · card · lambda-max-timeout ──"
    assert lines[1].startswith("What is the longest a single Lambda invocation can run")
    assert "  Newer than the exam guide: the exam may still expect the older answer. The" in lines
    assert any(line.startswith("15 minutes (900 seconds)") for line in lines)
    assert "configuration-timeout.html" in out and lines[-2] == ""


def test_show_gives_every_option_in_written_order_with_its_why(shipped_deck: Deck) -> None:
    question = shipped_deck.items["lambda-q-long-job"]
    assert isinstance(question, Question)
    lines = show_lines(shipped_deck, "lambda-q-long-job", 1000)
    options = [line for line in lines if line[2:5] in ("a) ", "b) ", "c) ", "d) ")]
    assert options[:4] == [f"  {'abcd'[n]}) {c.text}" for n, c in enumerate(question.choices)]
    assert options[4:] == [
        f"  {'abcd'[n]}) {'✓' if c.correct else '✗'} {c.text}: {c.why}"
        for n, c in enumerate(question.choices)
    ]
    assert "The answer is a." in lines
    assert lines[-3] == f"  Source: {question.source}"


def test_show_of_a_scenario_gives_the_rules_trace(shipped_deck: Deck) -> None:
    lines = show_lines(shipped_deck, "lambda-scn-genome-index-memory", 200)
    assert "Which service fits best?" in lines
    assert "  How the rules decide:" in lines
    assert lines[-1].endswith("scenarios-lambda.yaml:4")


def test_show_prints_what_a_session_prints(
    small_deck: Deck, context: StudyContext, small_deck_dir: Path
) -> None:
    """The card's front and back as `show` prints them are the session's own lines."""
    session = context.start("review", (), None)
    card = session.current()
    assert isinstance(card, Card)
    out = io.StringIO()
    LineSession(session, io.StringIO("\n3\nq\n"), out, small_deck.topic_of, width=60).run()
    shown = show_lines(small_deck, card.id, 60)
    assert shown[1:-2] == [line for line in shown[1:-2] if line in out.getvalue().splitlines()]
    assert f"  Source: {card.source}" in shown


def test_an_unknown_id_is_one_line_naming_the_closest() -> None:
    code, out, err = invoke("content", "show", "lambda-max-timout")
    assert (code, out) == (1, "")
    assert err.startswith(
        "studyapp: no item or note has the id 'lambda-max-timout'; did you mean lambda-max-timeout"
    )
    assert err.count("\n") == 1
    code, _out, err = invoke("content", "show", "zzzzzz")
    assert err == "studyapp: no item or note has the id 'zzzzzz'\n"


def test_show_of_an_old_id_shows_the_item_that_took_it_over(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (deck_dir / "mine.yaml").write_text(
        "topic: {id: mine, title: Mine}\ncards:\n"
        "  - {id: mine-new, renamed_from: [mine-old], front: F?, back: B., "
        "source: https://docs.aws.amazon.com/lambda/latest/dg/welcome.html}\n",
        encoding="utf-8",
    )
    deck = load_deck_or_raise([builtin_content_dir(), deck_dir])
    lines = show_lines(deck, "mine-old", 80)
    assert lines[0] == "mine-old is mine-new now (its renamed_from lists mine-old):"
    assert lines[1:] == show_lines(deck, "mine-new", 80)
