"""`studyapp content`: check, count and describe content files (`init`, `new` and `show`,
for writing them, are in `cli/authoring.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from studyapp.cli.authoring import content_init, content_new, content_show
from studyapp.cli.options import Options, common_options, echo, pass_options


@click.group()
def content() -> None:
    """Write, check, count and describe content files."""


@content.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--strict",
    is_flag=True,
    help="Also fail on exam-style flaws (lint) and on items tagged newer-than-exam that do "
    "not say exam_expects.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Then check again on every save and print only what changed (a problem fixed, a "
    "new one), until Ctrl-C.",
)
@common_options
@pass_options
def content_check(options: Options, paths: tuple[Path, ...], strict: bool, watch: bool) -> None:
    """Validate content as studyapp loads it (the built-in deck, your `--content` folders and
    PATHS, which may add to built-in topics) and the exam guides its `exam:` tags name, and
    lint it for exam-style flaws; exit 1 on problems. With `--db` (or STUDYAPP_DB) also
    hold `renamed_from` to that database's reviews and warn of ids whose history no item
    claims."""
    from studyapp.lines.content_check import check_content, print_report

    targets = options.content_paths(paths)
    report = check_content(targets, strict, options.db_path)
    status = print_report(report)
    if watch:
        from studyapp.clock import clock_from_env
        from studyapp.lines.content_watch import watch_content_check

        watch_content_check(
            lambda: options.content_paths(paths),
            strict,
            report,
            clock_from_env(),
            db_path=options.db_path,
        )
    if status:
        sys.exit(status)


@content.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@common_options
@pass_options
def content_stats(options: Options, as_json: bool) -> None:
    """Count notes, cards, questions and scenarios per topic, and the items tagged with each
    exam guide's domains and task statements (listing those with fewer than 5)."""
    from studyapp.content import load_deck
    from studyapp.content.coverage import exam_coverage
    from studyapp.content.guides import load_guides
    from studyapp.lines.content_stats import print_content_stats
    from studyapp.lines.reports import problems_left_out_line

    deck, problems = load_deck(options.content_paths())
    guides, guide_problems = load_guides()
    if problems or guide_problems:
        echo(problems_left_out_line(len(problems) + len(guide_problems)), err=True)
    print_content_stats(deck, exam_coverage(deck, guides), as_json)


@content.command("schema")
@click.option(
    "--exam-guide",
    is_flag=True,
    help="The schema of an exam-guide file (data/exam-guides/*.yaml) instead.",
)
@click.option(
    "--rules",
    is_flag=True,
    help="The schema of the decision rules file (content/decisions.yaml) instead.",
)
def content_schema(exam_guide: bool, rules: bool) -> None:
    """Print the JSON Schema of a content file (for editor completion)."""
    import json

    if exam_guide and rules:
        raise click.UsageError("give --exam-guide or --rules, not both")
    if exam_guide:
        from studyapp.content.guide_validation import guide_schema as make_schema
    elif rules:
        from studyapp.decide.schema import rules_schema as make_schema
    else:
        from studyapp.content import content_schema as make_schema

    echo(json.dumps(make_schema(), indent=2))


content.add_command(content_init)
content.add_command(content_new)
content.add_command(content_show)

COMMANDS = {"content": content}
