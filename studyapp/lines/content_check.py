"""`studyapp content check`: validate the content as studyapp loads it, and report it; one
check shared by the plain command and its `--watch` loop."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from studyapp.lines.reports import (
    deck_counts_line,
    lint_warning,
    problems_found_line,
    warnings_line,
)
from studyapp.text import printable

if TYPE_CHECKING:
    from studyapp.content import Deck, Problem


@dataclass(frozen=True)
class ContentReport:
    """What one check found: the deck, what fails it, and what only `--strict` would fail."""

    deck: Deck
    problems: list[Problem]
    warnings: list[Problem]


def check_content(targets: Sequence[Path], strict: bool) -> ContentReport:
    """Load the content at `targets` as sessions do (`load_checked_deck`), hold its exam
    tags to the shipped guides, and lint it for exam-style flaws (problems when `strict`)."""
    from studyapp.content.exam_tags import check_exam_tags
    from studyapp.content.guides import load_guides
    from studyapp.content.lint import lint_deck
    from studyapp.decide.check import load_checked_deck

    guides, guide_problems = load_guides()
    deck, problems = load_checked_deck(targets)
    tags = check_exam_tags(deck, guides, strict)
    flaws = lint_deck(deck)
    problems = guide_problems + problems + tags.problems + (flaws if strict else [])
    warnings = tags.warnings + ([] if strict else [lint_warning(flaw) for flaw in flaws])
    return ContentReport(deck, problems, warnings)


def print_report(report: ContentReport) -> int:
    """Print what `content check` prints and return its exit status (1: problems).

    What is wrong goes to stderr, the all-clear to stdout, so `content check >/dev/null`
    shows only the problems and a script can read the counts."""
    for problem in [*report.problems, *report.warnings]:
        echo(str(problem), err=True)
    if report.problems:
        echo(problems_found_line(len(report.problems)), err=True)
        return 1
    if report.warnings:
        echo(warnings_line(len(report.warnings)), err=True)
    echo(deck_counts_line(report.deck))
    return 0


def echo(text: str, err: bool = False) -> None:
    """One line out, control codes (from a file's name or its content) shown, not sent."""
    click.echo(printable(text), err=err)
