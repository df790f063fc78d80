"""The JSON Schema of the rules file: shipped beside it, named by it, current with the models,
valid for the shipped rules, and as strict as the loader where an editor can tell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from studyapp.cli import cli
from studyapp.content.models import SERVICE_NAMES
from studyapp.decide.rules import FACT_NAMES, parse_rules
from studyapp.decide.schema import rules_schema

CONTENT = Path(__file__).parent.parent / "content"
SCHEMA_FILE = CONTENT / "studyapp-decisions.schema.json"
RULES_FILE = CONTENT / "decisions.yaml"


def shipped_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text())
    return schema


def test_the_committed_rules_schema_matches_the_models() -> None:
    result = CliRunner().invoke(cli, ["content", "schema", "--rules"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == shipped_schema(), (
        "run: studyapp content schema --rules > content/studyapp-decisions.schema.json"
    )


def test_the_rules_file_names_its_schema_on_its_first_line() -> None:
    first_line = RULES_FILE.read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./studyapp-decisions.schema.json"


def test_the_shipped_rules_are_valid_under_the_shipped_schema() -> None:
    Draft202012Validator.check_schema(shipped_schema())
    rules = yaml.safe_load(RULES_FILE.read_text())
    errors = [e.message for e in Draft202012Validator(shipped_schema()).iter_errors(rules)]
    assert errors == []


def test_the_schema_offers_every_fact_operator_and_service() -> None:
    """What an editor completes: each fact under `when`, the operators its kind allows, the
    values of a fact with choices, and each service under `only`, `rule_out` and `prefer`."""
    schema = rules_schema()
    when = schema["$defs"]["Rule"]["properties"]["when"]
    assert tuple(when["properties"]) == FACT_NAMES and when["additionalProperties"] is False

    def operators(fact: str) -> set[str]:
        return set(when["properties"][fact]["anyOf"][1]["properties"])

    assert operators("runtime_minutes") == {"gt", "gte", "lt", "lte", "in"}
    assert operators("packaging") == operators("gpu") == {"in"}
    assert when["properties"]["packaging"]["anyOf"][0]["enum"] == [
        "function",
        "container",
        "machine",
    ]
    assert when["properties"]["memory_gb"]["title"] == "Memory (GB)"
    effect = schema["$defs"]["Effect"]["properties"]
    assert set(effect["prefer"]["properties"]) == set(SERVICE_NAMES)
    for key in ("only", "rule_out"):
        assert set(effect[key]["items"]["enum"]) == set(SERVICE_NAMES)
    assert set(schema["properties"]["candidates"]["items"]["enum"]) == set(SERVICE_NAMES)


def test_every_field_of_the_rules_file_is_described() -> None:
    schema = rules_schema()
    models = [schema, *schema["$defs"].values()]
    undescribed = [
        name
        for model in models
        for name, field in model["properties"].items()
        if not field.get("description")
    ]
    assert undescribed == []
    when = schema["$defs"]["Rule"]["properties"]["when"]["properties"]
    assert all(fact["description"] for fact in when.values())


def _rules_file(tmp_path: Path, when: str, effect: str = "{rule_out: [lambda]}") -> Path:
    path = tmp_path / "decisions.yaml"
    path.write_text(
        "candidates: [lambda, fargate]\nrules:\n  - id: r\n"
        f"    when: {when}\n    effect: {effect}\n    because: b\n    tip: t\n"
        "    source: https://docs.aws.amazon.com/lambda/latest/dg/welcome.html\n"
    )
    return path


@pytest.mark.parametrize(
    ("when", "effect", "message"),
    [
        ("{colour: red}", "{rule_out: [lambda]}", "unknown fact 'colour'"),
        (
            "{packaging: contianer}",
            "{rule_out: [lambda]}",
            "when: packaging: 'contianer' is not allowed; packaging takes function, "
            "container, machine",
        ),
        (
            "{packaging: {gt: 3}}",
            "{rule_out: [lambda]}",
            "when: packaging is not a number, so gt never holds",
        ),
        (
            "{kubernetes: 1}",
            "{rule_out: [lambda]}",
            "when: kubernetes: 1.0 is not allowed; kubernetes takes true, false",
        ),
        ("{workload: {in: []}}", "{rule_out: [lambda]}", "`in` lists no value"),
        ("{runtime_minutes: {over: 15}}", "{rule_out: [lambda]}", "unknown key 'over'"),
        ("{gpu: true}", "{prefer: {lamda: 1}}", "Input should be 'lambda', 'fargate'"),
    ],
    ids=[
        "unknown-fact",
        "value-typo",
        "bound-on-choice",
        "number-for-bool",
        "empty-in",
        "unknown-operator",
        "unknown-service",
    ],
)
def test_a_rule_the_loader_refuses_the_schema_refuses(
    tmp_path: Path, when: str, effect: str, message: str
) -> None:
    """A mistake an editor can show as it is typed is also a located loader problem."""
    path = _rules_file(tmp_path, when, effect)
    book, problems = parse_rules(path)
    assert book is None and problems
    assert any(message in problem.message for problem in problems)
    data = yaml.safe_load(path.read_text())
    assert not Draft202012Validator(shipped_schema()).is_valid(data)


def test_a_number_condition_stays_a_number() -> None:
    """`runtime_minutes: 1` was once read as `true`; now it is 1, and `gpu: true` stays true."""
    from studyapp.decide.rules import Rule

    rule = Rule.model_validate(
        {
            "id": "r",
            "when": {"runtime_minutes": 1, "gpu": True, "workload": {"in": ["batch"]}},
            "effect": {"only": ["fargate"]},
            "because": "b",
            "tip": "t",
            "source": "https://docs.aws.amazon.com/batch/latest/userguide/what-is-batch.html",
        }
    )
    assert rule.when["runtime_minutes"] == 1.0 and rule.when["runtime_minutes"] is not True
    assert rule.when["gpu"] is True


def test_content_schema_takes_one_kind_at_a_time() -> None:
    result = CliRunner().invoke(cli, ["content", "schema", "--rules", "--exam-guide"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "give --exam-guide or --rules, not both" in result.stderr
