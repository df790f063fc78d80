"""Content lint: each exam-style flaw is found and located at its item; a fine item is not
flagged; `content check` warns about them and `--strict` fails on them."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.content import load_deck_or_raise
from studyapp.content.lint import (
    LONGEST_SHARE,
    MIN_SHARED_WORDS,
    SIMILAR_STEMS,
    _Stem,
    form_words_in,
    lint_deck,
    similar_stem_pairs,
    similarity,
    stem_words,
)

SOURCE = "https://docs.aws.amazon.com/a"


def question(
    qid: str, prompt: str, texts: list[str], right: set[int], choose: int = 1, indent: str = "  "
) -> str:
    lines = [f"{indent}- id: {qid}", f"{indent}  prompt: {prompt}", f"{indent}  choose: {choose}"]
    lines.append(f"{indent}  choices:")
    for index, text in enumerate(texts):
        correct = ", correct: true" if index in right else ""
        lines.append(f"{indent}    - {{text: {text}{correct}, why: W.}}")
    lines.append(f"{indent}  source: {SOURCE}")
    return "\n".join(lines) + "\n"


def scenario(sid: str, situation: str) -> str:
    return (
        f"  - id: {sid}\n"
        f"    situation: {situation}\n"
        "    facts: {runtime_minutes: 40, packaging: container}\n"
        "    options: [lambda, fargate]\n"
        "    answer: fargate\n"
        "    explanation: Lambda stops at 15 minutes.\n"
        f"    source: {SOURCE}\n"
    )


def write_deck(tmp_path: Path, questions: str = "", scenarios: str = "") -> Path:
    text = "topic: {id: t, title: T}\n"
    if questions:
        text += "questions:\n" + questions
    if scenarios:
        text += "scenarios:\n" + scenarios
    path = tmp_path / "deck.yaml"
    path.write_text(text)
    return path


def findings_of(path: Path) -> list[str]:
    return [str(finding) for finding in lint_deck(load_deck_or_raise([path]))]


# 1. the right option the longest ----------------------------------------------------------------


def test_a_right_option_over_20_percent_longer_is_flagged_at_its_text(tmp_path: Path) -> None:
    path = write_deck(
        tmp_path,
        question("q-long", "P?", ["Short wrong", "A right option much longer", "Wrong again"], {1})
        + question("q-fine", "Q?", ["Wrong option one", "Right option 1", "Wrong option"], {1}),
    )
    assert findings_of(path) == [
        f"{path}:8:16: q-long: the right option is 136% longer than the longest wrong one "
        "(26 against 11 characters; at most 20%): the longest option is a known guess, so "
        "shorten it or lengthen a wrong one"
    ]


def test_a_right_option_just_20_percent_longer_is_not_flagged(tmp_path: Path) -> None:
    path = write_deck(tmp_path, question("q", "P?", ["x" * 10, "y" * 12], {1}))
    assert findings_of(path) == []


def test_the_deck_is_flagged_when_the_right_option_is_longest_too_often(tmp_path: Path) -> None:
    longest = 4  # of 10: 40%, over 35%; each only 10% longer, so no question is flagged alone
    questions = "".join(
        question(f"q{n}", f"P{n}?", ["a" * 10, "b" * (11 if n < longest else 9)], {1})
        for n in range(10)
    )
    path = write_deck(tmp_path, questions)
    assert findings_of(path) == [
        f"{path}:4:13: q0: the right option is the longest in 4 of the 10 single-answer "
        f"questions checked (40%; at most {LONGEST_SHARE:.0%}), so 'pick the longest' beats "
        "chance; this is the first of them"
    ]
    fewer = "".join(
        question(f"q{n}", f"P{n}?", ["a" * 10, "b" * (11 if n < 3 else 9)], {1}) for n in range(10)
    )
    assert findings_of(write_deck(tmp_path, fewer)) == []


# 2. "choose N" letters --------------------------------------------------------------------------

FIVE = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]


def test_the_same_right_letters_in_over_a_third_of_a_files_choose_two(tmp_path: Path) -> None:
    sets = [{1, 3}, {0, 4}, {1, 3}, {0, 2}]
    questions = "".join(
        question(f"q{n}", f"Pick two {n}?", FIVE, right, choose=2) for n, right in enumerate(sets)
    )
    path = write_deck(tmp_path, questions)
    assert findings_of(path) == [
        f"{path}:7:7: q0: the right options are written as b and d in 2 of this file's 4 "
        "'choose N' questions (more than a third): whoever sees them in written order (an "
        "export, a print) learns the letters, not the service; vary which options are right"
    ]


def test_right_options_side_by_side_in_every_choose_two_of_a_file(tmp_path: Path) -> None:
    sets = [{0, 1}, {1, 2}, {2, 3}, {3, 4}]
    questions = "".join(
        question(f"q{n}", f"Pick two {n}?", FIVE, right, choose=2) for n, right in enumerate(sets)
    )
    path = write_deck(tmp_path, questions)
    [finding] = findings_of(path)
    assert finding.startswith(f"{path}:7:7: q0: the right options sit next to each other in all 4")


def test_varied_choose_two_letters_are_not_flagged(tmp_path: Path) -> None:
    sets = [{1, 3}, {0, 4}, {1, 2}, {0, 2}]
    questions = "".join(
        question(f"q{n}", f"Pick two {n}?", FIVE, right, choose=2) for n, right in enumerate(sets)
    )
    assert findings_of(write_deck(tmp_path, questions)) == []
    # Two questions are too few to call a habit, even with the same letters.
    two = "".join(question(f"q{n}", f"Pick two {n}?", FIVE, {1, 3}, choose=2) for n in range(2))
    assert findings_of(write_deck(tmp_path, two)) == []


# 3. near-duplicate stems ------------------------------------------------------------------------

NIGHTLY = (
    "A media company runs a transcoding job every night, packaged as a container image; it "
    "needs 8 GB of memory and runs for about 2 hours."
)
REWORDED = (
    "Every night a team runs an export job packaged as a container image. Each run needs "
    "8 GB of memory and takes about 2 hours."
)
UNRELATED = (
    "An EventBridge rule must send every EC2 state change in the account to an SQS queue "
    "and to a Lambda function that opens a ticket."
)


def test_a_near_duplicate_stem_is_flagged_at_the_later_item_naming_the_earlier(
    tmp_path: Path,
) -> None:
    texts = ["Fargate", "Lambda"]
    path = write_deck(
        tmp_path,
        question("q-night", NIGHTLY, texts, {0}) + question("q-rule", UNRELATED, texts, {0}),
        scenario("s-export", REWORDED),
    )
    [finding] = findings_of(path)
    assert finding.startswith(
        f"{path}:19:16: s-export: situation nearly repeats q-night's ({path}:4), "
    )


def test_stems_that_only_share_common_words_are_not_flagged(tmp_path: Path) -> None:
    texts = ["Fargate", "Lambda"]
    path = write_deck(
        tmp_path, question("q-a", NIGHTLY, texts, {0}) + question("q-b", UNRELATED, texts, {0})
    )
    assert findings_of(path) == []
    assert stem_words("Which solution meets these requirements?") == frozenset()
    assert similarity(stem_words(NIGHTLY), stem_words(UNRELATED)) < 0.1


def random_stems(count: int, rng: random.Random) -> list[str]:
    """Stems of 6-12 words drawn from a skewed vocabulary, every tenth a reworded copy."""
    vocabulary = [f"w{n}" for n in range(300)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    stems: list[str] = []
    for _ in range(count):
        if stems and rng.random() < 0.1:
            words = rng.choice(stems).split()
            for _swap in range(rng.randint(0, len(words) // 3)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
        else:
            words = rng.choices(vocabulary, weights, k=rng.randint(6, 12))
        stems.append(" ".join(words))
    return stems


def test_the_word_index_finds_exactly_the_pairs_comparing_every_pair_would() -> None:
    """Exact for stems of up to 12 words; bench/lint_scale.py measures longer ones."""
    stems = [
        _Stem(order, f"q{order}", "prompt", stem_words(text))
        for order, text in enumerate(random_stems(1500, random.Random(7)))
    ]
    indexed = {frozenset((a.item_id, b.item_id)) for a, b, _score in similar_stem_pairs(stems)}
    every_pair = {
        frozenset((a.item_id, b.item_id))
        for a, b in itertools.combinations(stems, 2)
        if similarity(a.words, b.words) >= SIMILAR_STEMS
        and (len(a.words & b.words) >= MIN_SHARED_WORDS or a.words == b.words)
    }
    assert len(every_pair) > 50
    assert indexed == every_pair


# 4. scenarios in the advisor's form words -------------------------------------------------------


def test_a_scenario_in_the_form_words_is_flagged_with_the_facts(tmp_path: Path) -> None:
    path = write_deck(
        tmp_path,
        scenarios=scenario(
            "s-form",
            "A nightly 40-minute job. It needs no GPU and no access to the host operating "
            "system, and has no Kubernetes platform or requirement.",
        ),
    )
    assert findings_of(path) == [
        f"{path}:4:16: s-form: the situation restates facts in the advisor's form words: "
        "gpu ('needs no GPU'), os_access ('no access to the host'), kubernetes ('no Kubernetes "
        "platform'); tell them as part of the story, or leave out what nobody in this situation "
        "would mention"
    ]


@pytest.mark.parametrize(
    ("situation", "facts"),
    [
        ("Thumbnails need no GPU or host access.", ["gpu", "os_access"]),
        ("The runtime_minutes are 40 and gpu: false.", ["runtime_minutes", "gpu"]),
        ("It wants the lowest-steady-cost option.", ["cost_priority"]),
        ("The training code is CPU-only (no GPU libraries).", []),
        ("Nothing in the company uses Kubernetes, and it has no Kubernetes experience.", []),
        ("The team does not want to manage servers and runs no servers.", []),
        ("The agent needs privileged containers with host access.", []),
    ],
)
def test_form_words_and_natural_prose(situation: str, facts: list[str]) -> None:
    assert [fact for fact, _words in form_words_in(situation)] == facts


# content check ----------------------------------------------------------------------------------


def test_content_check_warns_about_flaws_and_strict_fails_on_them(tmp_path: Path) -> None:
    path = write_deck(tmp_path, question("q-long", "P?", ["Nope", "Yes and much longer"], {1}))
    result = CliRunner().invoke(cli, ["content", "check", str(path)])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{path}:8:16: warning: q-long: the right option is ")
    assert result.stderr.endswith("\n1 warning; --strict makes them problems.\n")
    assert result.stdout.startswith("OK: ")
    result = CliRunner().invoke(cli, ["content", "check", "--strict", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:8:16: q-long: the right option is ")
    assert result.stderr.endswith("\n1 problem found.\n")


def test_the_shipped_deck_passes_content_check_strict() -> None:
    result = CliRunner().invoke(cli, ["content", "check", "--strict"])
    assert result.stderr == ""
    assert result.exit_code == 0
