"""`studyapp content`: check, count and describe content files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from studyapp.cli.options import Options, common_options, echo, pass_options

if TYPE_CHECKING:
    from studyapp.content import Deck, Problem


@click.group()
def content() -> None:
    """Check, count and describe content files."""


@content.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--strict",
    is_flag=True,
    help="Also fail on exam-style flaws (lint) and on items tagged newer-than-exam that do "
    "not say exam_expects.",
)
@common_options
@pass_options
def content_check(options: Options, paths: tuple[Path, ...], strict: bool) -> None:
    """Validate content as studyapp loads it (the built-in deck, your `--content` folders and
    PATHS, which may add to built-in topics) and the exam guides its `exam:` tags name, and
    lint it for exam-style flaws; exit 1 on problems. With `--db` (or STUDYAPP_DB) also
    hold `renamed_from` to that database's reviews and warn of ids whose history no item
    claims."""
    from studyapp.content.exam_tags import check_exam_tags
    from studyapp.content.guides import load_guides
    from studyapp.content.lint import lint_deck
    from studyapp.decide.check import load_checked_deck
    from studyapp.lines.reports import (
        deck_counts_line,
        lint_warning,
        problems_found_line,
        warnings_line,
    )

    targets = options.content_paths(paths)
    guides, guide_problems = load_guides()
    deck, problems = load_checked_deck(targets)
    tags = check_exam_tags(deck, guides, strict)
    flaws = lint_deck(deck)
    renamed, lost = _history_findings(options, deck)
    failed: list[Problem | str] = [*guide_problems, *problems, *tags.problems, *renamed]
    failed += [*flaws, *lost] if strict else []
    warnings: list[Problem | str] = [*tags.warnings]
    warnings += [] if strict else [*map(lint_warning, flaws), *(f"warning: {w}" for w in lost)]
    # What is wrong goes to stderr, the all-clear to stdout, so `content check >/dev/null`
    # shows only the problems and a script can read the counts.
    for problem in [*failed, *warnings]:
        echo(str(problem), err=True)
    if failed:
        echo(problems_found_line(len(failed)), err=True)
        sys.exit(1)
    if warnings:
        echo(warnings_line(len(warnings)), err=True)
    echo(deck_counts_line(deck))


def _history_findings(options: Options, deck: Deck) -> tuple[list[Problem], list[str]]:
    """`renamed_from` held to the database's reviews, and ids with reviews no item claims;
    nothing without `--db` (or STUDYAPP_DB), or when its file does not exist yet."""
    db_path = options.db_path
    if db_path is None or not db_path.exists():
        return [], []
    from studyapp.content.places import Locator
    from studyapp.content.renames import history_findings
    from studyapp.srs.replay import open_store

    with open_store(db_path, read_only=True) as store:
        history = store.renames.history()
    return history_findings(deck, history, str(db_path), Locator())


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
def content_schema(exam_guide: bool) -> None:
    """Print the JSON Schema of a content file (for editor completion)."""
    import json

    if exam_guide:
        from studyapp.content.guide_validation import guide_schema as make_schema
    else:
        from studyapp.content import content_schema as make_schema

    echo(json.dumps(make_schema(), indent=2))


COMMANDS = {"content": content}
