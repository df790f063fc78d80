"""`studyapp decide`: which service fits these facts."""

from __future__ import annotations

import click

from studyapp.cli.options import UsageFailure, echo


@click.command()
@click.argument("facts", nargs=-1, metavar="KEY=VALUE...")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the answer, ranking and trace as JSON."
)
def decide(facts: tuple[str, ...], as_json: bool) -> None:
    """Which service fits these facts? Prints the answer and the rules that decided it.

    Facts: need, runtime_minutes, memory_gb, packaging, workload, manage_servers, os_access,
    gpu, kubernetes, on_premises, aws_only, cost_priority, managed_platform,
    app_runner_customer, api_management. Example:
    `studyapp decide runtime_minutes=40 packaging=container manage_servers=false`
    """
    import json

    from studyapp.decide import decide as run_rules
    from studyapp.decide import explain, load_rules, parse_facts

    if not facts:  # with nothing stated, every rule is silent and the answer means nothing
        from studyapp.decide.facts import facts_usage

        raise UsageFailure(f"decide needs at least one fact: {facts_usage()}")
    decision = run_rules(parse_facts(facts), load_rules())
    if as_json:
        echo(json.dumps(decision.as_json(), indent=2))
        return
    for line in explain(decision):
        echo(line)


COMMANDS = {"decide": decide}
