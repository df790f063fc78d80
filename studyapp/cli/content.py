"""`studyapp content`: check, count and describe content files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from studyapp.cli.options import Options, common_options, echo, pass_options


@click.group()
def content() -> None:
    """Check, count and describe content files."""


@content.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common_options
@pass_options
def content_check(options: Options, paths: tuple[Path, ...]) -> None:
    """Validate content files (default: the built-in deck and your own); exit 1 on problems."""
    from studyapp.decide.check import load_checked_deck
    from studyapp.lines.reports import deck_counts_line

    targets = list(paths) or options.content_paths()
    deck, problems = load_checked_deck(targets)
    for problem in problems:
        echo(str(problem))
    if problems:
        echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    echo(deck_counts_line(deck), err=True)


@content.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@common_options
@pass_options
def content_stats(options: Options, as_json: bool) -> None:
    """Count notes, cards, questions and scenarios per topic."""
    from studyapp.content import load_deck
    from studyapp.lines.content_stats import print_content_stats

    deck, problems = load_deck(options.content_paths())
    if problems:
        echo(
            f"studyapp: {len(problems)} content problem(s) left out "
            "(details: studyapp content check)",
            err=True,
        )
    print_content_stats(deck, as_json)


@content.command("schema")
@click.option(
    "--exam-guide",
    is_flag=True,
    help="The schema of an exam-guide file (data/exam-guides/*.yaml) instead.",
)
def content_schema(exam_guide: bool) -> None:
    """Print the JSON Schema of a content file (for editor completion)."""
    import json

    if exam_guide:
        from studyapp.content.guide_validation import guide_schema as make_schema
    else:
        from studyapp.content import content_schema as make_schema

    echo(json.dumps(make_schema(), indent=2))


COMMANDS = {"content": content}
