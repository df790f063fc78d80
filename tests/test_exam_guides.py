"""Exam guides: the shipped data, located guide-file problems, `exam:` tags held to the
guides by `content check`, and coverage per guide, domain and task statement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.content import load_deck_or_raise
from studyapp.content.coverage import KindCounts, exam_coverage
from studyapp.content.guide_validation import parse_guide_text
from studyapp.content.guides import Guides, load_guides
from studyapp.paths import builtin_guides_dir

ROOT = Path(__file__).parent.parent

#: The task statements as AWS's guides publish them (DVA-C02 and SAA-C03 guide pages on
#: docs.aws.amazon.com); a change here is a change of the guide, not of the code.
DVA_C02 = {
    (1, "Development with AWS Services", 32): ["1.1", "1.2", "1.3"],
    (2, "Security", 26): ["2.1", "2.2", "2.3"],
    (3, "Deployment", 24): ["3.1", "3.2", "3.3", "3.4"],
    (4, "Troubleshooting and Optimization", 18): ["4.1", "4.2", "4.3"],
}
SAA_C03 = {
    (1, "Design Secure Architectures", 30): ["1.1", "1.2", "1.3"],
    (2, "Design Resilient Architectures", 26): ["2.1", "2.2"],
    (3, "Design High-Performing Architectures", 24): ["3.1", "3.2", "3.3", "3.4", "3.5"],
    (4, "Design Cost-Optimized Architectures", 20): ["4.1", "4.2", "4.3", "4.4"],
}


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def shipped() -> Guides:
    guides, problems = load_guides()
    assert problems == []
    return guides


@pytest.mark.parametrize(("guide_id", "expected"), [("dva-c02", DVA_C02), ("saa-c03", SAA_C03)])
def test_the_shipped_guides_hold_the_published_domains(
    shipped: Guides, guide_id: str, expected: dict[tuple[int, str, int], list[str]]
) -> None:
    guide = shipped.by_id[guide_id]
    found = {(d.number, d.name, d.weight): [t.id for t in d.tasks] for d in guide.domains}
    assert found == expected
    assert guide.source.startswith("https://docs.aws.amazon.com/aws-certification/")
    fmt = guide.format
    assert (fmt.scored_questions, fmt.unscored_questions, fmt.questions) == (50, 15, 65)
    assert (fmt.minutes, fmt.passing_score, fmt.lowest_score, fmt.highest_score) == (
        130,
        720,
        100,
        1000,
    )
    kinds = {(k.id, k.correct, k.options, k.or_more) for k in fmt.response_types}
    assert kinds == {("multiple-choice", 1, 4, False), ("multiple-response", 2, 5, True)}


def test_task_statement_texts(shipped: Guides) -> None:
    lambda_task, ingestion = shipped.task("dva-c02:1.2"), shipped.task("saa-c03:3.5")
    assert lambda_task is not None and lambda_task.text == "Develop code for AWS Lambda"
    assert ingestion is not None and ingestion.text == (
        "Determine high-performing data ingestion and transformation solutions"
    )
    assert shipped.task("dva-c02:3.5") is None and shipped.task("nope:1.1") is None


def test_the_committed_guide_schema_matches_the_models() -> None:
    committed = builtin_guides_dir() / "studyapp-exam-guide.schema.json"
    code, out, _ = invoke("content", "schema", "--exam-guide")
    assert code == 0
    assert json.loads(committed.read_text()) == json.loads(out), (
        "run: studyapp content schema --exam-guide > data/exam-guides/studyapp-exam-guide.schema.json"
    )


def test_the_guides_are_found_in_the_checkout() -> None:
    assert builtin_guides_dir() == ROOT / "data" / "exam-guides"


# guide files with a mistake: each problem located -------------------------------------------

GOOD_GUIDE = (ROOT / "data" / "exam-guides" / "dva-c02.yaml").read_text()


def guide_problems(text: str, name: str = "dva-c02") -> list[str]:
    guide, problems = parse_guide_text(f"{name}.yaml", text, expected_id=name)
    assert (guide is None) == bool(problems)
    return [str(problem) for problem in problems]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_shipped_file_parses() -> None:
    assert guide_problems(GOOD_GUIDE) == []


def test_an_unquoted_task_id_is_located_and_explained() -> None:
    text = GOOD_GUIDE.replace('{id: "1.2",', "{id: 1.2,")
    line = line_of(text, "{id: 1.2,")
    [problem] = guide_problems(text)
    assert problem.startswith(f"dva-c02.yaml:{line}:14: id: ")
    assert 'write the task id in quotes, e.g. "1.2"' in problem


def test_weights_that_do_not_add_to_100_point_at_the_domains() -> None:
    text = GOOD_GUIDE.replace("weight: 18", "weight: 17")
    assert guide_problems(text) == [
        f"dva-c02.yaml:{line_of(text, '- id: 1')}:3: the domains' weights add up to 99, not 100"
    ]


def test_a_task_numbered_in_another_domain_is_located() -> None:
    text = GOOD_GUIDE.replace('{id: "2.3",', '{id: "3.9",')
    line = line_of(text, '{id: "3.9",')
    assert guide_problems(text) == [
        f"dva-c02.yaml:{line}:14: task '3.9' is not numbered in domain 2"
    ]
    text = GOOD_GUIDE.replace('{id: "2.3",', '{id: "2.2",')
    line = line_of(text, '{id: "2.2", text: Manage')
    assert guide_problems(text) == [f"dva-c02.yaml:{line}:14: task '2.2' is listed twice"]


def test_unknown_keys_missing_keys_and_the_file_name() -> None:
    text = GOOD_GUIDE.replace("    name: Security\n", "    nam: Security\n")
    line = line_of(text, "nam: Security")
    assert guide_problems(text) == [
        f"dva-c02.yaml:{line - 1}:5: missing required key 'name'",
        f"dva-c02.yaml:{line}:5: unknown key 'nam'",
    ]
    [problem] = guide_problems(GOOD_GUIDE, name="dva-c03")
    assert problem == (
        f"dva-c03.yaml:{line_of(GOOD_GUIDE, 'id: dva-c02')}:5: "
        "id 'dva-c02' differs from the file's name; call the file dva-c02.yaml"
    )


def test_broken_yaml_in_a_guide_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "dva-c02.yaml").write_text(GOOD_GUIDE)
    (tmp_path / "bad.yaml").write_text("id: bad\ntitle: [unclosed\n")
    guides, problems = load_guides([tmp_path])
    assert list(guides.by_id) == ["dva-c02"]
    assert [(Path(p.path).name, p.line) for p in problems] == [("bad.yaml", 3)]


# content check: exam tags held to the guides --------------------------------------------------

TAGGED_DECK = """\
topic: {id: t, title: T}
cards:
  - id: c-ok
    front: F
    back: B
    source: https://docs.aws.amazon.com/a
    exam: [dva-c02:1.2, saa-c03:3.2]
  - id: c-bad
    front: F
    back: B
    source: https://docs.aws.amazon.com/a
    exam: [dva-c02:1.2, dva-c02:9.9, dva-c01:1.1]
  - id: c-new
    front: F
    back: B
    source: https://docs.aws.amazon.com/a
    tags: [limits, newer-than-exam]
  - id: c-new-said
    front: F
    back: B
    source: https://docs.aws.amazon.com/a
    tags: [newer-than-exam]
    exam_expects: The older limit.
"""


def test_content_check_refuses_unknown_guides_and_task_statements_at_the_tag(
    tmp_path: Path,
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(TAGGED_DECK.replace("  - id: c-new\n", "  - id: c-new-x\n"))
    code, out, err = invoke("content", "check", str(deck))
    assert code == 1 and out == ""
    dva = "1.1, 1.2, 1.3, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3, 3.4, 4.1, 4.2, 4.3"
    assert err.splitlines()[:2] == [
        f"{deck}:12:25: c-bad: exam: dva-c02 has no task statement '9.9' in 'dva-c02:9.9' "
        f"(its task statements: {dva})",
        f"{deck}:12:38: c-bad: exam: unknown exam guide 'dva-c01' in 'dva-c01:1.1' "
        "(known guides: dva-c02, saa-c03)",
    ]
    assert "2 problems found." in err


def test_newer_than_exam_without_exam_expects_warns_and_fails_only_when_strict(
    tmp_path: Path,
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(TAGGED_DECK.replace(", dva-c02:9.9, dva-c01:1.1", ""))
    finding = (
        f"{deck}:17:20: {{}}c-new: tagged newer-than-exam but has no exam_expects "
        "(what the exam, written from its guide, still expects)"
    )
    code, out, err = invoke("content", "check", str(deck))
    assert code == 0
    assert out.splitlines()[0].startswith("OK: ")
    assert err.splitlines() == [
        finding.format("warning: "),
        "1 warning; --strict makes them problems.",
    ]
    code, out, err = invoke("content", "check", "--strict", str(deck))
    assert code == 1 and out == ""
    assert err.splitlines() == [finding.format(""), "1 problem found."]


def test_the_shipped_deck_names_only_known_task_statements() -> None:
    code, _out, err = invoke("content", "check", "--strict")
    assert "exam: unknown exam guide" not in err
    assert "has no task statement" not in err
    assert code in (0, 1)  # 1 only while newer-than-exam items still lack exam_expects


# coverage -------------------------------------------------------------------------------------

COVERAGE_DECK = """\
topic: {id: t, title: T}
cards:
  - {id: c1, front: F, back: B, source: "https://docs.aws.amazon.com/a", exam: [dva-c02:1.2]}
  - {id: c2, front: F, back: B, source: "https://docs.aws.amazon.com/a", exam: [dva-c02:1.2, dva-c02:1.1]}
  - {id: c3, front: F, back: B, source: "https://docs.aws.amazon.com/a", exam: [dva-c02:2.1, saa-c03:2.1]}
  - {id: c4, front: F, back: B, source: "https://docs.aws.amazon.com/a"}
  - {id: c5, front: F, back: B, source: "https://docs.aws.amazon.com/a", exam: [dva-c02:1.2]}
  - {id: c6, front: F, back: B, source: "https://docs.aws.amazon.com/a", exam: [dva-c02:1.2]}
questions:
  - id: q1
    prompt: P
    choices:
      - {text: A, correct: true, why: W}
      - {text: B, why: W}
    source: https://docs.aws.amazon.com/q
    exam: [dva-c02:1.2]
scenarios:
  - id: s1
    situation: A long batch job in a container.
    facts: {runtime_minutes: 40, packaging: container}
    options: [lambda, fargate]
    answer: fargate
    explanation: Lambda stops at 15 minutes.
    source: https://docs.aws.amazon.com/s
    exam: [dva-c02:1.1, dva-c02:9.9]
"""


def test_coverage_counts_items_per_task_domain_and_guide_by_kind(
    tmp_path: Path, shipped: Guides
) -> None:
    (tmp_path / "deck.yaml").write_text(COVERAGE_DECK)
    coverage = exam_coverage(load_deck_or_raise([tmp_path]), shipped)
    dva, saa = coverage.guides
    tasks = {t.task.id: t.items for d in dva.domains for t in d.tasks}
    assert tasks["1.2"] == KindCounts(card=4, question=1)
    assert tasks["1.1"] == KindCounts(card=1, scenario=1)
    assert tasks["2.1"] == KindCounts(card=1)
    assert tasks["3.4"] == KindCounts()
    # c2 names 1.1 and 1.2: once in the domain and the guide; 9.9 is left to content check.
    assert dva.domains[0].items == KindCounts(card=4, question=1, scenario=1)
    assert dva.items == KindCounts(card=5, question=1, scenario=1)
    assert saa.items == KindCounts(card=1)
    assert coverage.untagged == KindCounts(card=1)
    thin = [t.task.tag for t in dva.thin_tasks()]
    assert "dva-c02:1.2" not in thin and thin[:2] == ["dva-c02:1.1", "dva-c02:1.3"]
    assert len(thin) == 12


def _task_items(out: str, guide: str, domain: int, task: int) -> dict[str, object]:
    dva = next(g for g in json.loads(out)["exam"]["guides"] if g["id"] == guide)
    entry: dict[str, object] = dva["domains"][domain]["tasks"][task]
    return entry


def test_content_stats_reports_coverage_as_json_and_table(tmp_path: Path) -> None:
    # The shipped deck is always loaded; the added deck's items show as the difference.
    code, before, _ = invoke("content", "stats", "--json")
    assert code == 0
    (tmp_path / "deck.yaml").write_text(COVERAGE_DECK)
    code, after, _ = invoke("--content", str(tmp_path), "content", "stats", "--json")
    assert code == 0
    shipped = _task_items(before, "dva-c02", 0, 1)["items"]
    both = _task_items(after, "dva-c02", 0, 1)
    assert both["id"] == "1.2" and both["text"] == "Develop code for AWS Lambda"
    assert isinstance(shipped, dict) and isinstance(both["items"], dict)
    added = {kind: both["items"][kind] - shipped[kind] for kind in shipped}
    assert added == {"cards": 4, "questions": 1, "scenarios": 0, "total": 5}
    exam = json.loads(after)["exam"]
    dva = next(g for g in exam["guides"] if g["id"] == "dva-c02")
    assert dva["domains"][0]["weight"] == 32
    assert exam["thin_below"] == 5
    assert all(task.startswith("dva-c02:") for task in dva["thin_tasks"])
    code, out, _ = invoke("--content", str(tmp_path), "content", "stats")
    assert code == 0
    assert "DVA-C02 AWS Certified Developer - Associate" in out
