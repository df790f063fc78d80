"""The seed notes' exam tips, held to the engine: each tip is a case (facts -> the service the
tip points to) and names the shipped scenario that teaches it.

A tip that is out of date answers as the current fact says, and its row says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from studyapp.content import SERVICE_NAMES, Deck, Facts, Scenario
from studyapp.decide import decide, load_rules

BOOK = load_rules()


@dataclass(frozen=True)
class SeedTip:
    """One exam tip from a seed note, as a decision the engine must make."""

    seed: str
    tip: str
    facts: dict[str, Any]
    answer: str
    scenario: str
    #: Set when the tip is out of date: what is true now, so the answer differs from the tip.
    why: str | None = None
    not_answer: tuple[str, ...] = field(default=())


S000, S001, S002 = "000_61a9eeae5324d4a4", "001_2ecdb956019fa75d", "002_ede78bb8ddb74d60"
S003, S004 = "003_c3f6efddd4f1383b", "004_0f1aa6ebb430900e"
NO_SERVERS_CONTAINER = {"packaging": "container", "manage_servers": False, "kubernetes": False}

TIPS = [
    SeedTip(
        S002,
        "Go serverless: prefer an answer that uses Lambda or containers over a traditional OS",
        NO_SERVERS_CONTAINER,
        "fargate",
        "ecs-scn-stop-patching-hosts",
        not_answer=("ec2", "ecs-ec2"),
    ),
    SeedTip(
        S002,
        "Lambda excels at small, lightweight functions that run quickly",
        {"packaging": "function", "runtime_minutes": 0.05, "workload": "event-driven"},
        "lambda",
        "sfn-scn-order-to-csv-step",
    ),
    SeedTip(
        S002,
        "There is a 15-minute runtime limit for Lambda",
        {"runtime_minutes": 40, "packaging": "container", "manage_servers": False},
        "fargate",
        "apigw-scn-quarterly-report-job",
        not_answer=("lambda",),
    ),
    SeedTip(
        S002,
        "In general you'll be looking for ECS; prefer AWS services over third-party",
        {"packaging": "container", "workload": "steady", "manage_servers": False},
        "fargate",
        "serverless-scn-steady-containers",
        not_answer=("eks",),
    ),
    SeedTip(
        S002,
        "If they ask for on-prem, think EKS",
        {"on_premises": True, "packaging": "container"},
        "ecs-anywhere",
        "ecs-scn-anywhere-core-banking",
        why="ECS Anywhere (generally available since 2021) runs ECS tasks on your own servers; "
        "EKS is the answer on premises only when Kubernetes is asked for.",
    ),
    SeedTip(
        S002,
        "ECS cannot work on-prem",
        {"on_premises": True, "packaging": "container", "kubernetes": False},
        "ecs-anywhere",
        "ecr-scn-store-servers-anywhere",
        why="ECS Anywhere registers on-premises servers as external instances of an ECS cluster.",
    ),
    SeedTip(
        S002,
        "If they ask for open-source, think EKS",
        {"kubernetes": True, "packaging": "container", "manage_servers": True},
        "eks",
        "eks-scn-multicloud-helm",
    ),
    SeedTip(
        S002,
        "Fargate is for containers you don't need to run all the time",
        {
            "packaging": "container",
            "workload": "scheduled",
            "runtime_minutes": 120,
            "manage_servers": False,
        },
        "fargate",
        "sfn-scn-nightly-report-task",
    ),
    SeedTip(
        S002,
        "EC2 for containers running all the time",
        {
            "packaging": "container",
            "workload": "steady",
            "cost_priority": "lowest-steady-cost",
            "manage_servers": True,
            "kubernetes": False,
        },
        "ecs-ec2",
        "ecs-scn-adtech-steady-binpack",
    ),
    SeedTip(
        S002,
        "Fargate requires ECS or EKS; it doesn't work by itself",
        {"kubernetes": True, "packaging": "container", "manage_servers": False},
        "eks",
        "lambda-scn-gitops-fraud-scoring",
    ),
    SeedTip(
        S002,
        "Fargate is more expensive, but easier to use",
        {
            "packaging": "container",
            "workload": "steady",
            "cost_priority": "lowest-steady-cost",
            "manage_servers": False,
        },
        "fargate",
        "fargate-scn-steady-pricing-engine",
        not_answer=("ecs-ec2", "ec2"),
    ),
    SeedTip(
        S002,
        "EventBridge is the glue for serverless architectures",
        {"need": "event-routing", "workload": "event-driven"},
        "eventbridge",
        "serverless-scn-order-events-fanout",
    ),
    SeedTip(
        S002,
        "A common EventBridge use is triggering Lambda functions (the function does the work)",
        {"packaging": "function", "workload": "event-driven", "runtime_minutes": 0.35},
        "lambda",
        "eventbridge-scn-malware-scan",
    ),
    SeedTip(
        S002,
        "Is the app right for containers?",
        {"packaging": "container", "runtime_minutes": 40, "manage_servers": False},
        "fargate",
        "sam-scn-render-timeout",
    ),
    SeedTip(
        S002,
        "Do you need those servers? If possible, use managed services",
        {"packaging": "function", "manage_servers": False},
        "lambda",
        "lambda-scn-webhook-single-step",
        not_answer=("ec2",),
    ),
    SeedTip(
        S002,
        "Is the app AWS specific? (if not, portability points to Kubernetes)",
        {"aws_only": False, "kubernetes": True, "packaging": "container"},
        "eks",
        "eks-scn-multicloud-helm",
    ),
    SeedTip(
        S002,
        "How long does the code need to run? (short: Lambda)",
        {"runtime_minutes": 1.5, "packaging": "function", "manage_servers": False},
        "lambda",
        "lambda-scn-panorama-stitching",
    ),
    SeedTip(
        S002,
        "How long does the code need to run? (past 15 minutes: not Lambda)",
        {"runtime_minutes": 120, "packaging": "container", "workload": "event-driven"},
        "fargate",
        "sam-scn-render-timeout",
        not_answer=("lambda",),
    ),
    SeedTip(
        S001,
        "Docker is not for AWS Lambda, it's for ECS / Fargate",
        {
            "packaging": "container",
            "runtime_minutes": 0.4,
            "workload": "event-driven",
            "manage_servers": False,
            "cost_priority": "pay-per-use",
        },
        "lambda",
        "ecr-scn-inference-image-lambda",
        why="Lambda has run functions packaged as container images (up to 10 GB, from ECR) "
        "since December 2020.",
    ),
    SeedTip(
        S001,
        "Lambda gets up to 3 GB of RAM",
        {"memory_gb": 8, "runtime_minutes": 1.5, "packaging": "function", "manage_servers": False},
        "lambda",
        "lambda-scn-panorama-stitching",
        why="A Lambda function can now have up to 10,240 MB of memory.",
    ),
    SeedTip(
        S001,
        "Lambda is limited by time (short executions); EC2 runs continuously",
        {"runtime_minutes": 300, "packaging": "container", "workload": "scheduled"},
        "fargate",
        "fargate-scn-cpu-training-no-gpu",
        not_answer=("lambda",),
    ),
    SeedTip(
        S000,
        "Kubernetes is open source and runs on premises and in the cloud",
        {"on_premises": True, "kubernetes": True, "packaging": "container"},
        "eks",
        "serverless-scn-hybrid-kubernetes",
    ),
    SeedTip(
        S003,
        "On ECS or EKS with EC2 you still maintain the instances; Fargate removes them",
        NO_SERVERS_CONTAINER,
        "fargate",
        "ecs-scn-stop-patching-hosts",
        not_answer=("ecs-ec2",),
    ),
    SeedTip(
        S004,
        "With Lambda you cannot log in to instances or customise the operating system",
        {"os_access": True, "packaging": "container", "manage_servers": True},
        "ecs-ec2",
        "ecs-scn-privileged-security-agent",
        not_answer=("lambda", "fargate"),
    ),
]


@pytest.mark.parametrize("row", TIPS, ids=[f"{row.seed[:3]}-{row.tip[:40]}" for row in TIPS])
def test_the_engine_answers_as_the_tip_or_the_current_fact_says(row: SeedTip) -> None:
    decision = decide(Facts(**row.facts), BOOK)
    assert decision.answer == row.answer, (row.tip, decision.as_json())
    for wrong in row.not_answer:
        assert decision.ranking.index(wrong) > decision.ranking.index(row.answer), wrong


@pytest.mark.parametrize("row", TIPS, ids=[f"{row.seed[:3]}-{row.tip[:40]}" for row in TIPS])
def test_each_tip_is_taught_by_a_shipped_scenario(row: SeedTip, shipped_deck: Deck) -> None:
    scenario = shipped_deck.items[row.scenario]
    assert isinstance(scenario, Scenario)
    assert scenario.answer == row.answer
    assert row.answer in scenario.options


def test_out_of_date_tips_say_why_and_the_seeds_are_covered() -> None:
    stale = [row for row in TIPS if row.why]
    assert {row.tip for row in stale} == {
        "If they ask for on-prem, think EKS",
        "ECS cannot work on-prem",
        "Docker is not for AWS Lambda, it's for ECS / Fargate",
        "Lambda gets up to 3 GB of RAM",
    }
    assert {row.seed for row in TIPS} == {S000, S001, S002, S003, S004}


def test_fargate_is_shown_with_the_orchestrator_it_needs() -> None:
    """ "Fargate requires ECS or EKS": the answer label never offers Fargate on its own."""
    assert "Amazon ECS" in SERVICE_NAMES["fargate"]
