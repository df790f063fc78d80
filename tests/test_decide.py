"""The decision engine: expected answers, properties, the CLI, and the scenario check."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.cli import cli
from studyapp.content import SERVICE_NAMES, Facts, Scenario, content_hash, load_deck
from studyapp.decide import decide, load_rules, parse_facts, parse_rules
from studyapp.decide.check import scenario_problems
from studyapp.decide.facts import FACT_INFO, allowed_values, fact_heading
from studyapp.decide.rules import FACT_NAMES
from studyapp.errors import UsageError

BOOK = load_rules()

EXPECTED = [
    ({"runtime_minutes": 40, "packaging": "container", "workload": "scheduled"}, "fargate"),
    ({"packaging": "function", "workload": "event-driven", "runtime_minutes": 1}, "lambda"),
    ({"workload": "spiky", "cost_priority": "pay-per-use"}, "lambda"),
    ({"need": "event-routing"}, "eventbridge"),
    ({"need": "serverless-deploy"}, "sam"),
    ({"need": "workflow", "runtime_minutes": 600}, "step-functions"),
    ({"kubernetes": True}, "eks"),
    ({"kubernetes": True, "on_premises": True}, "eks"),
    ({"packaging": "machine"}, "ec2"),
    ({"os_access": True, "manage_servers": True, "packaging": "container"}, "ecs-ec2"),
    ({"gpu": True, "packaging": "container", "kubernetes": False}, "ecs-ec2"),
    ({"memory_gb": 64, "packaging": "container", "manage_servers": False}, "fargate"),
    ({"memory_gb": 200, "manage_servers": False, "packaging": "container"}, "eks"),
    (
        {
            "workload": "steady",
            "cost_priority": "lowest-steady-cost",
            "packaging": "container",
            "manage_servers": True,
            "kubernetes": False,
        },
        "ecs-ec2",
    ),
    ({"on_premises": True, "packaging": "container", "kubernetes": False}, "ecs-anywhere"),
    ({"on_premises": True, "packaging": "container"}, "ecs-anywhere"),
    ({"workload": "batch", "packaging": "container", "runtime_minutes": 90}, "batch"),
    ({"workload": "batch", "gpu": True, "packaging": "container"}, "batch"),
    ({"managed_platform": True, "packaging": "container", "manage_servers": False}, "app-runner"),
    (
        {
            "managed_platform": True,
            "packaging": "container",
            "manage_servers": False,
            "app_runner_customer": False,
        },
        "fargate",
    ),
    ({"managed_platform": True, "manage_servers": True, "kubernetes": False}, "elastic-beanstalk"),
    ({"managed_platform": True, "memory_gb": 16, "manage_servers": False}, "fargate"),
    ({"need": "front-door", "packaging": "function"}, "api-gateway"),
    ({"need": "front-door", "packaging": "function", "api_management": False}, "function-url"),
    ({"need": "front-door", "packaging": "container"}, "alb"),
    ({"need": "front-door", "packaging": "container", "api_management": True}, "api-gateway"),
    ({"need": "work-queue"}, "sqs"),
]


@pytest.mark.parametrize(("facts", "answer"), EXPECTED, ids=[a for _, a in EXPECTED])
def test_expected_answers(facts: dict[str, Any], answer: str) -> None:
    assert decide(Facts(**facts), BOOK).answer == answer


def test_trace_names_every_rule_that_changed_something() -> None:
    decision = decide(Facts(runtime_minutes=40, manage_servers=False, packaging="container"), BOOK)
    rules = [step.rule for step in decision.trace]
    assert rules == [
        "need-compute",
        "lambda-15-minute-limit",
        "no-servers-to-manage",
        "packaged-as-container",
    ]
    assert decision.trace[1].ruled_out == ("lambda",)
    assert "15 minutes" in decision.trace[1].because
    assert decision.why_not("lambda")[0].rule == "lambda-15-minute-limit"


facts_strategy = st.builds(
    Facts,
    need=st.sampled_from(
        [
            None,
            "compute",
            "event-routing",
            "serverless-deploy",
            "workflow",
            "front-door",
            "work-queue",
        ]
    ),
    runtime_minutes=st.one_of(st.none(), st.floats(0, 2000)),
    memory_gb=st.one_of(st.none(), st.floats(0, 500)),
    packaging=st.sampled_from([None, "function", "container", "machine"]),
    workload=st.sampled_from([None, "event-driven", "spiky", "steady", "scheduled", "batch"]),
    manage_servers=st.sampled_from([None, True, False]),
    os_access=st.sampled_from([None, True, False]),
    gpu=st.sampled_from([None, True, False]),
    kubernetes=st.sampled_from([None, True, False]),
    on_premises=st.sampled_from([None, True, False]),
    aws_only=st.sampled_from([None, True, False]),
    cost_priority=st.sampled_from([None, "lowest-steady-cost", "pay-per-use"]),
    managed_platform=st.sampled_from([None, True, False]),
    app_runner_customer=st.sampled_from([None, True, False]),
    api_management=st.sampled_from([None, True, False]),
)


@settings(max_examples=400, deadline=None)
@given(facts_strategy)
def test_always_answers_one_candidate_and_ranks_them_all(facts: Facts) -> None:
    decision = decide(facts, BOOK)
    assert decision.answer in BOOK.candidates
    assert sorted(decision.ranking) == sorted(BOOK.candidates)
    assert decision.answer not in decision.ruled_out


@settings(max_examples=400, deadline=None)
@given(facts_strategy)
def test_kubernetes_never_leaves_lambda_ahead_of_eks(facts: Facts) -> None:
    ranking = decide(replace(facts, kubernetes=True), BOOK).ranking
    assert ranking.index("eks") < ranking.index("lambda")


@settings(max_examples=400, deadline=None)
@given(facts_strategy, st.floats(15.01, 5000))
def test_past_fifteen_minutes_lambda_is_ruled_out(facts: Facts, minutes: float) -> None:
    decision = decide(replace(facts, runtime_minutes=minutes), BOOK)
    assert "lambda" in decision.ruled_out
    assert decision.answer != "lambda"


def test_parse_facts_errors_list_what_is_allowed() -> None:
    assert parse_facts(["gpu=yes", "memory-gb=12"]) == Facts(gpu=True, memory_gb=12)
    with pytest.raises(UsageError, match="unknown fact 'colour'; facts: need, runtime_minutes"):
        parse_facts(["colour=red"])
    with pytest.raises(
        UsageError, match="workload takes event-driven, spiky, steady, scheduled, batch"
    ):
        parse_facts(["workload=bursty"])
    with pytest.raises(UsageError, match="runtime_minutes takes a number"):
        parse_facts(["runtime_minutes=long"])
    with pytest.raises(UsageError, match="KEY=VALUE"):
        parse_facts(["gpu"])


def test_decide_command_prints_json() -> None:
    result = CliRunner().invoke(
        cli, ["decide", "runtime_minutes=40", "packaging=container", "--json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["answer"] == "fargate"
    assert data["ranking"][0] == {"service": "fargate", "ruled_out": False, "ruled_out_by": None}
    lambda_row = next(row for row in data["ranking"] if row["service"] == "lambda")
    assert lambda_row == {
        "service": "lambda",
        "ruled_out": True,
        "ruled_out_by": "lambda-15-minute-limit",
    }
    flagged = [row["service"] for row in data["ranking"] if row["ruled_out"]]
    assert flagged == data["ruled_out"] and data["ranking"][-len(flagged) :] == [
        row for row in data["ranking"] if row["ruled_out"]
    ]
    assert {"rule": "lambda-15-minute-limit", "effect": "rules out lambda"}.items() <= data[
        "trace"
    ][1].items()


def test_decide_command_text_and_errors() -> None:
    result = CliRunner().invoke(cli, ["decide", "need=workflow"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Answer: AWS Step Functions (step-functions)")
    text = CliRunner().invoke(cli, ["decide", "runtime_minutes=40"]).stdout.splitlines()
    assert "Ruled out by lambda-15-minute-limit: lambda" in text
    ranking = next(line for line in text if line.startswith("Ranking:"))
    assert "lambda" not in ranking  # the ruled-out are named apart, with their rule
    bad = CliRunner().invoke(cli, ["decide", "need=everything"])
    assert bad.exit_code == 1
    assert bad.stderr.startswith("studyapp: need='everything' is not allowed; need takes compute")


def test_content_check_fails_a_wrong_answer_key(tmp_path: Path) -> None:
    deck_file = tmp_path / "wrong.yaml"
    deck_file.write_text(
        """topic: {id: t, title: T}
scenarios:
  - id: long-batch
    situation: A 40-minute batch job in a container, no servers to manage.
    facts: {runtime_minutes: 40, packaging: container, manage_servers: false}
    options: [lambda, fargate]
    answer: lambda
    explanation: Wrong on purpose.
    source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
"""
    )
    deck, problems = load_deck([deck_file])
    assert problems == []
    [problem] = scenario_problems(deck, BOOK)
    assert problem.line == 3
    assert "answers 'lambda' but its facts decide 'fargate'" in problem.message
    assert "lambda-15-minute-limit: rules out lambda" in problem.message
    result = CliRunner().invoke(cli, ["content", "check", str(deck_file)])
    assert result.exit_code == 1
    assert "but its facts decide 'fargate'" in result.stderr


def test_every_shipped_scenario_matches_the_engine(shipped_deck: Any) -> None:
    assert scenario_problems(shipped_deck, BOOK) == []


def test_rule_file_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "decisions.yaml"
    path.write_text(
        "candidates: [lambda, fargate]\nrules:\n  - id: x\n    when: {colour: red}\n"
        "    effect: {rule_out: [lambda]}\n    because: b\n    tip: t\n"
        "    source: https://docs.aws.amazon.com/x\n"
    )
    book, problems = parse_rules(path)
    assert book is None
    assert [str(p) for p in problems] == [
        f"{path}:3:5: unknown fact 'colour' (facts: need, runtime_minutes, memory_gb, "
        "packaging, workload, manage_servers, os_access, gpu, kubernetes, on_premises, "
        "aws_only, cost_priority, managed_platform, app_runner_customer, api_management)"
    ]


def test_decisions_file_is_not_read_as_content(shipped_deck: Any) -> None:
    assert "decisions" not in shipped_deck.topics


def test_every_candidate_is_a_service_with_a_name() -> None:
    assert set(BOOK.candidates) == set(SERVICE_NAMES)


def test_labels_name_the_service_not_the_situation() -> None:
    """A label must not give an answer away: ECS on EC2 says nothing about servers of your own."""
    assert SERVICE_NAMES["ecs-ec2"] == "Amazon ECS on Amazon EC2"
    assert SERVICE_NAMES["ecs-anywhere"] == "Amazon ECS Anywhere"
    for label in SERVICE_NAMES.values():
        assert "your own" not in label and "you manage" not in label


def test_facts_added_later_leave_old_fingerprints_alone() -> None:
    """A scenario that states none of the newer facts fingerprints as it did before them."""
    scenario = Scenario(
        "scn-x",
        "A 40-minute job.",
        Facts(need="compute", runtime_minutes=40, packaging="container"),
        ("lambda", "fargate"),
        "fargate",
        "Lambda stops at 15 minutes.",
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html",
    )
    assert content_hash(scenario) == "0bcb984e7db5612a"  # as computed before the newer facts
    stated = replace(scenario, facts=replace(scenario.facts, managed_platform=False))
    assert content_hash(stated) != content_hash(scenario)


def test_old_logged_answers_still_name_a_service() -> None:
    """Reviews store the picked service ids; every id ever shipped keeps a label."""
    shipped_before = {"lambda", "fargate", "ecs-ec2", "eks", "ec2", "eventbridge", "sam"}
    assert shipped_before | {"step-functions"} <= set(SERVICE_NAMES)


def test_every_fact_has_a_label_and_every_number_its_unit() -> None:
    assert tuple(FACT_INFO) == FACT_NAMES
    assert fact_heading("memory_gb") == "Memory (GB)"
    assert fact_heading("runtime_minutes") == "Runtime (minutes)"
    numbers = {name for name in FACT_NAMES if allowed_values(name).startswith("a number")}
    assert numbers == {name for name, info in FACT_INFO.items() if info.unit}


def test_decide_without_facts_asks_for_them() -> None:
    result = CliRunner().invoke(cli, ["decide"])
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("studyapp: decide needs at least one fact: give facts as KEY=VALUE")
    assert line.endswith(", ".join(FACT_NAMES))
    help_text = " ".join(CliRunner().invoke(cli, ["decide", "--help"]).stdout.split())
    assert all(name in help_text for name in FACT_NAMES)
