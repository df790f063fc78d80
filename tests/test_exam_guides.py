"""Exam guides: the shipped data and located guide-file problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
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
