"""The content loader: every failure mode located as path:line:col, valid content kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.content import Card, content_schema, load_deck, load_deck_or_raise
from studyapp.content.loader import MAX_FILE_BYTES, parse_text
from studyapp.errors import ContentError

WriteYaml = Callable[[str, str], Path]

GOOD_CARD = '{id: ok, front: F, back: B, source: "https://docs.aws.amazon.com/x"}'


def problems_for(write_yaml: WriteYaml, text: str, name: str = "deck.yaml") -> list[str]:
    path = write_yaml(name, text)
    _deck, problems = load_deck([path])
    return [str(p).replace(str(path), name) for p in problems]


def test_valid_file_loads_every_kind(small_deck_dir: Path) -> None:
    deck, problems = load_deck([small_deck_dir])
    assert problems == []
    assert deck.counts() == {"demo": {"notes": 1, "cards": 3, "questions": 2, "scenarios": 1}}
    assert deck.topic_of["q2"] == "demo"
    assert deck.origin_of["c2"].line == 10


def test_yaml_syntax_error_is_located(write_yaml: WriteYaml) -> None:
    found = problems_for(write_yaml, "topic: {id: t, title: T}\ncards:\n  - id: [unclosed\n")
    assert len(found) == 1
    assert found[0].startswith("deck.yaml:4:1: YAML syntax:")


def test_wrong_type_points_at_the_value(write_yaml: WriteYaml) -> None:
    text = f"""\
        topic: {{id: t, title: T}}
        cards:
          - {GOOD_CARD}
          - id: bad
            front: F
            back: [not, text]
            source: https://docs.aws.amazon.com/x
        """
    assert problems_for(write_yaml, text) == [
        "deck.yaml:6:11: back: Input should be a valid string"
    ]


def test_unknown_key_points_at_the_key(write_yaml: WriteYaml) -> None:
    text = """\
        topic: {{id: t, title: T}}
        cards:
          - id: c
            front: F
            back: B
            sauce: https://docs.aws.amazon.com/x
        """
    found = problems_for(write_yaml, text)
    assert "deck.yaml:6:5: unknown key 'sauce'" in found
    assert "deck.yaml:3:5: missing required key 'source'" in found


def test_unknown_top_level_key_lists_the_allowed_ones(write_yaml: WriteYaml) -> None:
    found = problems_for(write_yaml, "topic: {id: t, title: T}\nflashcards: []\n")
    assert found == [
        "deck.yaml:2:1: unknown key 'flashcards' (expected one of: topic, notes, cards, "
        "questions, scenarios, glossary)"
    ]


def test_duplicate_key_in_a_mapping(write_yaml: WriteYaml) -> None:
    text = """\
        topic: {id: t, title: T}
        cards:
          - id: c
            front: F
            front: G
            back: B
            source: https://docs.aws.amazon.com/x
        """
    assert problems_for(write_yaml, text) == [
        "deck.yaml:5:5: duplicate key 'front' in this mapping"
    ]


def test_duplicate_ids_across_files(write_yaml: WriteYaml, tmp_path: Path) -> None:
    write_yaml("a.yaml", f"topic: {{id: t, title: T}}\ncards:\n  - {GOOD_CARD}\n")
    write_yaml("b.yaml", f"topic: t\ncards:\n  - {GOOD_CARD}\n")
    deck, problems = load_deck([tmp_path])
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'b.yaml'}:3:5: id 'ok' is already used at {tmp_path / 'a.yaml'}:3:5"
    ]
    assert list(deck.items) == ["ok"]


def test_choose_must_match_correct_count(write_yaml: WriteYaml) -> None:
    text = """\
        topic: {id: t, title: T}
        questions:
          - id: q
            prompt: Pick two
            choose: 2
            choices:
              - {text: A, correct: true, why: W}
              - {text: B, why: W}
              - {text: C, why: W}
            source: https://docs.aws.amazon.com/x
        """
    assert problems_for(write_yaml, text) == [
        "deck.yaml:3:5: question says choose 2 but marks 1 choice correct"
    ]


def test_empty_string_is_refused(write_yaml: WriteYaml) -> None:
    text = """\
        topic: {id: t, title: T}
        cards:
          - {id: c, front: "   ", back: B, source: "https://docs.aws.amazon.com/x"}
        """
    assert problems_for(write_yaml, text) == ["deck.yaml:3:20: front: must not be empty"]


def test_source_must_be_http_url(write_yaml: WriteYaml) -> None:
    text = """\
        topic: {id: t, title: T}
        cards:
          - {id: c, front: F, back: B, source: "ftp://example.com/x"}
        """
    assert problems_for(write_yaml, text) == [
        "deck.yaml:3:40: source: not an http(s) URL: 'ftp://example.com/x'"
    ]


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"topic: {id: t, title: T}\ncards:\n  - {id: c, front: caf\xe9}\n")
    _deck, problems = load_deck([path])
    assert [str(p) for p in problems] == [f"{path}:3:23: file is not UTF-8 text"]


def test_file_over_two_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    _deck, problems = load_deck([path])
    assert len(problems) == 1
    assert "at most 2 MB" in problems[0].message


def test_alias_bomb_is_refused_quickly(write_yaml: WriteYaml) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    lines.append("topic: {id: t, title: T}")
    found = problems_for(write_yaml, "\n".join(lines) + "\n")
    assert len(found) == 1
    assert "aliases used as a bomb" in found[0]


def test_recursive_alias_is_refused(write_yaml: WriteYaml) -> None:
    found = problems_for(write_yaml, "topic: &t {id: t, title: T, more: *t}\n")
    assert len(found) == 1


def test_python_tags_are_not_executed(write_yaml: WriteYaml) -> None:
    found = problems_for(write_yaml, "topic: !!python/object/apply:os.system ['echo hi']\n")
    assert len(found) == 1
    assert found[0].startswith("deck.yaml:1:8: unsupported YAML tag")


def test_all_problems_reported_in_one_run_and_valid_items_kept(write_yaml: WriteYaml) -> None:
    text = f"""\
        topic: {{id: t, title: T}}
        cards:
          - {GOOD_CARD}
          - {{id: bad1, front: F}}
          - {{id: bad2, back: B, front: F, source: nope}}
        """
    path = write_yaml("deck.yaml", text)
    deck, problems = load_deck([path])
    assert len(problems) == 3
    assert list(deck.items) == ["ok"]
    assert isinstance(deck.items["ok"], Card)


def test_topic_reference_must_exist(write_yaml: WriteYaml) -> None:
    found = problems_for(write_yaml, f"topic: nowhere\ncards:\n  - {GOOD_CARD}\n")
    assert found == ["deck.yaml:1:8: topic 'nowhere' is not defined in any content file"]


def test_user_deck_extends_builtin_topic(write_yaml: WriteYaml, shipped_deck: object) -> None:
    from studyapp.paths import builtin_content_dir

    mine = write_yaml("mine/extra.yaml", "topic: lambda\ncards:\n  - " + GOOD_CARD + "\n")
    deck, problems = load_deck([builtin_content_dir(), mine.parent])
    assert problems == []
    assert deck.topic_of["ok"] == "lambda"


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    _deck, problems = load_deck([tmp_path / "absent"])
    assert [p.message for p in problems] == ["no such file or directory"]


def test_load_or_raise_raises_content_error(write_yaml: WriteYaml) -> None:
    path = write_yaml("deck.yaml", "cards: 3\n")
    with pytest.raises(ContentError, match="missing required key 'topic'"):
        load_deck_or_raise([path])


def test_schema_describes_every_section() -> None:
    schema = content_schema()
    assert set(schema["properties"]) == {
        "topic",
        "notes",
        "cards",
        "questions",
        "scenarios",
        "glossary",
    }
    assert schema["additionalProperties"] is False
    assert "Question" in schema["$defs"]


# properties: the loader only ever reports problems --------------------------------------

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
yaml_trees = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["topic", "id", "title", "cards", "front", "back", "source", "choices", "x"]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    parsed = parse_text("fuzz.yaml", text)
    for problem in parsed.problems:
        assert problem.line >= 1 and problem.column >= 1


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_trees)
def test_arbitrary_yaml_trees_never_raise(tree: object) -> None:
    parsed = parse_text("fuzz.yaml", yaml.safe_dump(tree))
    assert all(problem.message for problem in parsed.problems)


def test_exam_task_tags_load_and_leave_old_fingerprints_alone(write_yaml: WriteYaml) -> None:
    from studyapp.content import content_hash

    text = """\
        topic: {id: t, title: T}
        cards:
          - {id: plain, front: F, back: B, source: "https://docs.aws.amazon.com/x"}
          - id: tagged
            front: F
            back: B
            source: https://docs.aws.amazon.com/x
            exam: [dva-c02:1.2, saa-c03:3.2]
            exam_expects: The older answer.
        """
    deck, problems = load_deck([write_yaml("deck.yaml", text)])
    assert problems == []
    tagged = deck.items["tagged"]
    assert isinstance(tagged, Card)
    assert tagged.exam == ("dva-c02:1.2", "saa-c03:3.2")
    assert tagged.exam_expects == "The older answer."
    # The fingerprint of an untagged card is what it was before exam tags existed, and the
    # task statements an item tests are not part of its text.
    assert content_hash(deck.items["plain"]) == "bb54255f8654072b"
    retagged = Card("plain", "F", "B", "https://docs.aws.amazon.com/x", exam=("dva-c02:1.1",))
    assert content_hash(retagged) == "bb54255f8654072b"


def test_an_exam_task_must_be_guide_colon_number(write_yaml: WriteYaml) -> None:
    text = """\
        topic: {id: t, title: T}
        cards:
          - {id: c, front: F, back: B, source: "https://docs.aws.amazon.com/x", exam: [dva 1.2]}
        """
    [problem] = problems_for(write_yaml, text)
    assert problem.startswith("deck.yaml:3:") and "dva 1.2" in problem
