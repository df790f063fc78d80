"""`studyapp content new`: a skeleton with a fresh id, added as text at the end of its list,
every other byte of the file kept; `path:line` names the new `- id:`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from studyapp.cli import authoring
from studyapp.content import load_deck
from studyapp.content.insert import Added, appended, checked
from studyapp.content.skeletons import KINDS, SECTION_OF, new_item_id, skeleton_lines
from studyapp.errors import ContentError
from studyapp.paths import builtin_content_dir
from tests.test_cli import invoke

SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html"
CARD = f"{{id: c-one, front: F?, back: B., source: {SOURCE}}}"


def add(text: str, section: str = "cards", item_id: str = "t-card-9") -> tuple[str, int]:
    """`text` with a card skeleton added (checked as `content new` checks it), and its line."""
    entry = skeleton_lines("card" if section == "cards" else "note", item_id)
    added = appended("f.yaml", text, section, entry)
    checked("f.yaml", text, added, section, item_id)
    return added.text, added.line


def without(new_text: str, line: int, count: int) -> str:
    """`new_text` with `count` lines from `line` (1 the first) taken out."""
    lines = new_text.splitlines(keepends=True)
    return "".join(lines[: line - 1] + lines[line - 1 + count :])


ENTRY_LINES = len(skeleton_lines("card", "t-card-9"))


def test_the_entry_goes_after_the_last_one_and_every_other_byte_stays() -> None:
    text = (
        "# my deck: é 😀\n"
        "topic: {id: t, title: T}   # header\n"
        "cards:\n"
        "  - id: a\n"
        "    front: |\n"
        "      Lines ✓\n"
        "\n"
        f"    back: b   # why b\n    source: {SOURCE}\n"
        "\n"
        "  - id: b\n"
        "    front: f\n"
        "    back: >-\n"
        "      folded\n"
        f"    source: {SOURCE}\n"
        "    tags: [x]\n"
        "\n"
        "# what follows: questions\n"
        "questions: []\n"
    )
    new_text, line = add(text)
    assert new_text.splitlines()[line - 1] == "  - id: t-card-9"
    assert new_text.splitlines()[line - 2] == ""  # spaced as the entries before it
    assert without(new_text, line - 1, ENTRY_LINES + 1) == text


def test_comments_indented_under_the_last_entry_stay_with_it() -> None:
    """A skeleton's commented-out optional fields belong to it: the next entry goes after
    them, and a comment at the list's own indentation stays after the new entry."""
    text = (
        "topic: t\ncards:\n"
        f"  - id: a\n    front: f\n    back: b\n    source: {SOURCE}\n"
        "    # tags: [limits]\n\n    # exam: [dva-c02:1.2]\n"
        "  # more cards go here\n"
    )
    new_text, line = add(text)
    lines = new_text.splitlines()
    assert lines[line - 3 : line] == ["    # exam: [dva-c02:1.2]", "", "  - id: t-card-9"]
    assert lines[-1] == "  # more cards go here"
    assert without(new_text, line - 1, ENTRY_LINES + 1) == text
    twice, second = add(new_text, item_id="t-card-10")
    assert twice.splitlines()[second - 1] == "  - id: t-card-10"
    assert twice.splitlines()[second - 3].startswith("    # ")  # the first skeleton's last comment


def test_a_block_scalar_last_keeps_its_text_and_the_blank_lines_after_it() -> None:
    text = f"topic: t\ncards:\n  - id: a\n    source: {SOURCE}\n    front: f\n    back: |\n      last\n\n\n# end\n"
    new_text, line = add(text)
    assert new_text.splitlines()[line - 1] == "  - id: t-card-9"
    assert without(new_text, line - 1, ENTRY_LINES + 1) == text
    assert yaml.safe_load(new_text)["cards"][0]["back"] == "last\n"


def test_an_indentless_list_of_one_line_entries_gets_one_more() -> None:
    text = f"topic: t\ncards:\n- {CARD}\n- {CARD.replace('c-one', 'c-two')}"
    new_text, line = add(text)  # no line break at the end of the file: one is added
    assert new_text.splitlines()[line - 1] == "- id: t-card-9"
    assert (
        new_text.splitlines()[line]
        == "  # What the card asks: one fact, with one short answer a learner can recall."
    )
    assert new_text.startswith(text + "\n- id: t-card-9\n")


def test_a_missing_section_is_added_at_the_end_with_the_files_indentation() -> None:
    text = (
        f"topic: t\nnotes:\n    - id: n\n      title: x\n      body: y\n      sources: [{SOURCE}]\n"
    )
    new_text, line = add(text)
    assert new_text.startswith(text + "\ncards:\n    - id: t-card-9\n")
    assert new_text.splitlines()[line - 1] == "    - id: t-card-9"


@pytest.mark.parametrize("empty", ["cards:", "cards: []", "cards: ~", "cards: []  # none yet"])
def test_an_empty_section_gets_the_entry_under_it(empty: str) -> None:
    text = f"topic: t\n{empty}\nquestions: []\n"
    new_text, line = add(text)
    assert new_text.splitlines()[line - 2].startswith("cards:")
    assert new_text.splitlines()[line - 1] == "  - id: t-card-9"
    assert new_text.endswith("questions: []\n")
    assert yaml.safe_load(new_text)["cards"][0]["id"] == "t-card-9"


def test_windows_line_breaks_are_kept() -> None:
    text = f"topic: t\r\ncards:\r\n  - {CARD}\r\n"
    new_text, line = add(text)
    assert "\n" not in new_text.replace("\r\n", "")
    assert new_text.split("\r\n")[line - 1] == "  - id: t-card-9"


def test_an_inline_list_with_entries_is_refused_at_its_place() -> None:
    with pytest.raises(ContentError, match=r"^f.yaml:2:8: cards is not a list of `- ` entries"):
        add(f"topic: t\ncards: [{CARD}]\n")


def test_a_file_yaml_cannot_read_is_refused() -> None:
    with pytest.raises(ContentError, match="YAML cannot read the file"):
        add("topic: t\ncards:\n  - id: [oops\n")


def test_an_entry_that_would_change_what_the_file_says_is_refused() -> None:
    text = f"topic: t\ncards:\n  - {CARD}\n"
    added = appended("f.yaml", text, "cards", skeleton_lines("card", "t-card-9"))
    changed = Added(added.text.replace("back: B.", "back: C."), added.line)
    with pytest.raises(ContentError, match="would change what the file says"):
        checked("f.yaml", text, changed, "cards", "t-card-9")
    elsewhere = Added(added.text, added.line + 1)  # not where the entry starts
    with pytest.raises(ContentError, match="would change what the file says"):
        checked("f.yaml", text, elsewhere, "cards", "t-card-9")


@given(st.lists(st.sampled_from(["a", "b c", "é", "#", "x: y", "- z"]), max_size=4))
def test_comments_anywhere_are_kept_byte_for_byte(comments: list[str]) -> None:
    comment_lines = "".join(f"  # {text}\n" for text in comments)
    text = f"topic: t\ncards:\n{comment_lines}  - {CARD}\n{comment_lines}\n# tail\n"
    new_text, line = add(text)
    assert new_text.splitlines()[line - 1] == "  - id: t-card-9"
    assert without(new_text, line, ENTRY_LINES) == text


def test_every_skeleton_is_valid_content_as_written() -> None:
    for kind in KINDS:
        entry = skeleton_lines(kind, f"t-{kind}-1")
        text = "topic: {id: t, title: T}\n"
        added = appended("f.yaml", text, SECTION_OF[kind], entry)
        checked("f.yaml", text, added, SECTION_OF[kind], f"t-{kind}-1")


def test_new_ids_are_readable_and_never_taken() -> None:
    assert new_item_id("question", "starter", set(), None, 1) == "starter-q-2"
    assert new_item_id("card", "lambda", {"lambda-card-3"}, None, 2) == "lambda-card-4"
    made = new_item_id("question", "lambda", set(), "A nightly job's run takes 40 minutes", 0)
    assert made == "lambda-q-a-nightly-jobs-run-takes-40"
    taken = {made, f"{made}-2"}
    assert (
        new_item_id("question", "lambda", taken, "A nightly job's run takes 40 minutes", 0)
        == f"{made}-3"
    )
    assert new_item_id("note", "t", set(), "!!!", 0) == "t-note-1"  # no words: counted


# the command ------------------------------------------------------------------------------


def test_init_then_new_question_then_check_passes(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    assert invoke("content", "init", str(deck))[0] == 0
    before = (deck / "starter.yaml").read_text()
    code, out, err = invoke(
        "content", "new", "question", "--topic", "starter", "--file", str(deck / "starter.yaml")
    )
    assert code == 0, err
    path, _, line = out.strip().rpartition(":")
    assert path == str(deck / "starter.yaml")
    written = (deck / "starter.yaml").read_text().splitlines()
    assert written[int(line) - 1] == "  - id: starter-q-2"
    assert "Added question starter-q-2" in err
    entry = len(skeleton_lines("question", "starter-q-2"))
    assert without("\n".join(written) + "\n", int(line) - 1, entry + 1) == before
    code, out, err = invoke("content", "check", str(deck))
    assert code == 0 and out.startswith("OK: ")
    assert (
        "starter-q-2: still holds the skeleton's placeholder text (prompt, choices, source)" in err
    )
    assert invoke("content", "check", "--strict", str(deck))[0] == 1


def test_the_new_item_loads_with_its_id_at_the_line_printed(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    invoke("content", "init", str(deck))
    for kind in KINDS:
        code, out, _ = invoke(
            "content", "new", kind, "-t", "starter", "--file", str(deck / "starter.yaml")
        )
        assert code == 0
        path, _, line = out.strip().rpartition(":")
        loaded, problems = load_deck([builtin_content_dir(), deck])
        assert problems == []
        [new_id] = [i for i, o in loaded.origin_of.items() if (o.path, o.line) == (path, int(line))]
        assert new_id.startswith("starter-")
    code, _out, err = invoke("content", "check", str(deck))
    assert code == 0
    warned = [line.split(": ")[2] for line in err.splitlines() if "placeholder" in line]
    assert warned == ["starter-note-2", "starter-card-2", "starter-q-2", "starter-scn-2"]


def test_the_command_offers_every_kind_of_skeleton() -> None:
    assert authoring.KINDS == KINDS


def test_without_file_a_built_in_topic_gets_a_file_in_the_deck_folder(user_decks: Path) -> None:
    built_in = {path: path.read_bytes() for path in builtin_content_dir().glob("*.yaml")}
    code, out, err = invoke("content", "new", "card", "--topic", "lambda", "--text", "How long?")
    assert code == 0, err
    assert out == f"{user_decks / 'lambda.yaml'}:5\n"
    assert (
        (user_decks / "lambda.yaml")
        .read_text()
        .startswith(
            "# yaml-language-server: $schema=./studyapp-content.schema.json\ntopic: lambda\n\ncards:\n"
            "  - id: lambda-how-long\n"
        )
    )
    assert (user_decks / "studyapp-content.schema.json").is_file()
    assert {path: path.read_bytes() for path in builtin_content_dir().glob("*.yaml")} == built_in
    # The next one goes in the same file, and the id is new.
    code, out, _ = invoke("content", "new", "card", "--topic", "lambda", "--text", "How long?")
    assert out.startswith(f"{user_decks / 'lambda.yaml'}:")
    assert "lambda-how-long-2" in (user_decks / "lambda.yaml").read_text()


def test_an_unknown_topic_needs_a_title(user_decks: Path) -> None:
    code, out, err = invoke("content", "new", "note", "--topic", "mine")
    assert (code, out) == (1, "")
    assert err.startswith("studyapp: unknown topic 'mine' (topics: ")
    assert err.endswith("; give --title TITLE to start it\n")
    code, out, _ = invoke("content", "new", "note", "--topic", "mine", "--title", "My topic")
    assert code == 0
    assert (user_decks / "mine.yaml").read_text().splitlines()[
        1
    ] == 'topic: {id: mine, title: "My topic"}'


def test_a_file_of_another_topic_is_refused_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(f"topic: lambda\ncards:\n  - {CARD}\n")
    code, out, err = invoke("content", "new", "card", "--topic", "ecs", "--file", str(other))
    assert (code, out) == (1, "")
    assert (
        err
        == f"studyapp: {other} names topic 'lambda', not 'ecs'; name a file of topic 'ecs' with --file\n"
    )
    assert other.read_text() == f"topic: lambda\ncards:\n  - {CARD}\n"


def test_text_with_a_control_character_is_refused(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    code, _, err = invoke(
        "content", "new", "card", "-t", "lambda", "--file", str(mine), "--text", "a\x1bb"
    )
    assert code == 1 and "control character U+001B" in err and err.count("\n") == 1
    assert not mine.exists()


def test_a_counted_id_skips_ids_the_built_in_deck_uses(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(f"topic: lambda\ncards:\n  - {CARD.replace('c-one', 'lambda-card-1')}\n")
    code, out, _ = invoke("content", "new", "card", "-t", "lambda", "--file", str(mine))
    assert code == 0
    loaded, _ = load_deck([builtin_content_dir()])
    made = mine.read_text().splitlines()[int(out.strip().rpartition(":")[2]) - 1]
    made_id = made.removeprefix("  - id: ")
    assert made_id.startswith("lambda-card-") and made_id not in loaded.origin_of
    assert made_id != "lambda-card-1"
