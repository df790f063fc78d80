"""Authoring a deck of one's own: `content check ~/my-deck` checks it together with the
built-in deck, exactly as studyapp loads it beside that deck. One tiny deck per case."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.paths import builtin_content_dir, content_dirs
from studyapp.study import StudyContext
from tests.conftest import START

#: What `content check` says after the problems or warnings it lists.
COUNT_LINE = re.compile(r"[\d,]+ (problems? found\.|warnings?; --strict makes them problems\.)")
SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html"
CARD = f"""\
  - id: my-lambda-timeout
    front: Longest a Lambda invocation may run?
    back: 15 minutes (900 seconds).
    source: {SOURCE}
"""


def write_deck(folder: Path, text: str, name: str = "mine.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, list[str], str]:
    """`content check`: its exit code, the problems it lists on stderr (without the count
    after them), and its stdout (the all-clear)."""
    result = CliRunner().invoke(cli, ["content", "check", *args])
    return result.exit_code, listed_problems(result.stderr), result.stdout


def listed_problems(stderr: str) -> list[str]:
    """The problem lines of `content check`'s stderr, without the count after them."""
    return [line for line in stderr.splitlines() if not COUNT_LINE.fullmatch(line)]


def built_in_place(file_name: str, written: str) -> str:
    """`path:line:column` of the first line of a built-in file that reads `written` after
    its indentation (and list dash), found in the text itself."""
    path = builtin_content_dir() / file_name
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.lstrip(" -")
        if text == written:
            return f"{path}:{number}:{len(line) - len(text) + 1}"
    raise AssertionError(f"{written} not in {path}")


def loaded_deck(deck_dir: Path, tmp_path: Path) -> StudyContext:
    """What a session started with `--content deck_dir` loads."""
    return StudyContext.open(content_dirs([deck_dir]), tmp_path / "p.db", FixedClock(START))


def test_a_file_adding_cards_to_a_built_in_topic_by_its_id_is_valid(tmp_path: Path) -> None:
    deck = tmp_path / "my-deck"
    write_deck(deck, "topic: lambda\ncards:\n" + CARD)
    code, problems, out = check(str(deck))
    assert (code, problems) == (0, [])
    assert out.startswith("OK: ")
    context = loaded_deck(deck, tmp_path)
    try:
        assert context.problems == []
        assert context.deck.topic_of["my-lambda-timeout"] == "lambda"
    finally:
        context.close()


def test_a_file_repeating_a_built_in_topic_header_is_valid(tmp_path: Path) -> None:
    deck = tmp_path / "my-deck"
    header = "topic: {id: lambda, title: AWS Lambda, domain: compute}\n"
    write_deck(deck, header + "cards:\n" + CARD)
    assert check(str(deck))[:2] == (0, [])


def test_a_file_giving_a_built_in_topic_another_title_names_where_it_is_defined(
    tmp_path: Path,
) -> None:
    deck = tmp_path / "my-deck"
    path = write_deck(deck, "topic: {id: lambda, title: Lambda my way}\ncards:\n" + CARD)
    code, out, _err = check(str(deck))
    assert code == 1
    defined = built_in_place("lambda.yaml", "id: lambda")
    assert out == [
        f"{path}:1:8: topic 'lambda' is already defined at {defined} with title: "
        "'AWS Lambda', domain: 'compute'; write `topic: lambda` to add to it"
    ]


def test_an_id_of_the_built_in_deck_is_reported_at_both_places(tmp_path: Path) -> None:
    deck = tmp_path / "my-deck"
    path = write_deck(deck, "topic: lambda\ncards:\n" + CARD.replace("my-lambda-", "lambda-max-"))
    code, out, _err = check(str(deck))
    assert code == 1
    first = built_in_place("lambda.yaml", "id: lambda-max-timeout")
    assert out == [f"{path}:3:5: id 'lambda-max-timeout' is already used at {first}"]


def test_a_topic_defined_nowhere_is_still_a_problem(tmp_path: Path) -> None:
    deck = tmp_path / "my-deck"
    path = write_deck(deck, "topic: lambada\ncards:\n" + CARD)
    code, out, _err = check(str(deck))
    assert code == 1
    assert out == [f"{path}:1:8: topic 'lambada' is not defined in any content file"]


def test_a_scenario_is_held_to_the_built_in_decision_rules(tmp_path: Path) -> None:
    deck = tmp_path / "my-deck"
    scenario = """\
        topic: lambda
        scenarios:
          - id: my-scn-batch
            situation: A containerised export runs for 40 minutes every night.
            facts: {runtime_minutes: 40, packaging: container, workload: scheduled}
            options: [lambda, fargate]
            answer: ANSWER
            explanation: Lambda stops at 15 minutes.
            source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html
        """
    write_deck(deck, scenario.replace("ANSWER", "fargate"))
    assert check(str(deck))[:2] == (0, [])
    path = write_deck(deck, scenario.replace("ANSWER", "lambda"))
    code, out, _err = check(str(deck))
    assert code == 1
    [line] = out
    assert line.startswith(f"{path}:3:5: scenario 'my-scn-batch' answers 'lambda' but its ")
    assert "facts decide 'fargate'" in line


def test_exam_tags_resolve_against_the_shipped_guides(tmp_path: Path) -> None:
    deck = tmp_path / "my-deck"
    path = write_deck(
        deck, "topic: lambda\ncards:\n" + CARD + "    exam: [dva-c02:1.1, dva-c02:9.1]\n"
    )
    code, out, _err = check(str(deck))
    assert code == 1
    assert len(out) == 1
    assert out[0].startswith(f"{path}:7:25: my-lambda-timeout: exam: dva-c02 has no task ")


def test_a_glossary_term_for_a_built_in_topic_is_held_to_its_notes(tmp_path: Path) -> None:
    """Used in a built-in note and explained by one: valid; a term the built-in glossary
    already defines: a problem naming the built-in entry."""
    deck = tmp_path / "my-deck"
    term = f"""\
        topic: lambda
        glossary:
          - term: TERM
            definition: A dedicated HTTPS endpoint for one function.
            source: {SOURCE}
            note: lambda-http-and-edge
        """
    write_deck(deck, term.replace("TERM", "function URL"))
    assert check(str(deck))[:2] == (0, [])
    path = write_deck(deck, term.replace("TERM", "cold start").replace("    note: l", "    # "))
    code, out, _err = check(str(deck))
    assert code == 1
    first = built_in_place("lambda.yaml", "term: cold start")
    assert out == [f"{path}:3:5: glossary term 'cold start' is already defined at {first}"]


def test_content_check_reports_what_a_session_leaves_out(tmp_path: Path) -> None:
    """One loading path: the problems `content check DIR` prints are the ones a session
    started with `--content DIR` reports, and the items it keeps are the session's."""
    deck = tmp_path / "my-deck"
    write_deck(deck, "topic: lambda\ncards:\n" + CARD + CARD.replace("my-lambda-", "lambda-max-"))
    write_deck(deck, "topic: nowhere\ncards:\n" + CARD.replace("my-", "my2-"), "b.yaml")
    _code, out, _err = check(str(deck))
    context = loaded_deck(deck, tmp_path)
    try:
        assert out == [str(problem) for problem in context.problems]
        assert len(out) == 2
        assert "my-lambda-timeout" in context.deck.items
        assert "my2-lambda-timeout" not in context.deck.items
    finally:
        context.close()


def test_a_folder_also_named_in_studyapp_content_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "my-deck"
    write_deck(deck, "topic: lambda\ncards:\n" + CARD)
    monkeypatch.setenv("STUDYAPP_CONTENT", str(deck))
    monkeypatch.chdir(tmp_path)
    assert check("my-deck")[:2] == (0, [])
