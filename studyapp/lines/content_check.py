"""`studyapp content check`: validate the content as studyapp loads it, and report it; one
check shared by the plain command and its `--watch` loop."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
    #: Findings with no place in a file (an id with reviews that no item has or claims):
    #: problems when `strict`, else warnings.
    unplaced: list[str] = field(default_factory=list)
    strict: bool = False

    @property
    def failed(self) -> int:
        """How many problems fail the check."""
        return len(self.problems) + (len(self.unplaced) if self.strict else 0)


def check_content(
    targets: Sequence[Path], strict: bool, db_path: Path | None = None
) -> ContentReport:
    """Load the content at `targets` as sessions do (`load_checked_deck`), hold its exam
    tags to the shipped guides, and lint it for exam-style flaws (problems when `strict`).
    With `db_path`, hold its `renamed_from` lists to that database's reviews too."""
    from studyapp.content.exam_tags import check_exam_tags
    from studyapp.content.guides import load_guides
    from studyapp.content.lint import lint_deck
    from studyapp.decide.check import load_checked_deck

    guides, guide_problems = load_guides()
    deck, problems = load_checked_deck(targets)
    tags = check_exam_tags(deck, guides, strict)
    flaws = lint_deck(deck) + unused_rule_files(targets)
    renamed, lost = _history_findings(deck, db_path)
    problems = guide_problems + problems + tags.problems + renamed + (flaws if strict else [])
    warnings = tags.warnings + ([] if strict else [lint_warning(flaw) for flaw in flaws])
    return ContentReport(deck, problems, warnings, lost, strict)


def unused_rule_files(targets: Sequence[Path]) -> list[Problem]:
    """A rules file (`decisions.yaml`) in a folder of your own, which nothing reads: the
    decision rules are the built-in deck's alone."""
    from studyapp.content import Problem
    from studyapp.content.files import RULE_FILES
    from studyapp.paths import builtin_content_dir

    builtin = builtin_content_dir().resolve()
    found = [
        rules
        for target in targets
        if target.is_dir() and target.resolve() != builtin
        for name in sorted(RULE_FILES)
        for rules in sorted(target.rglob(name))
    ]
    message = (
        "not read: the decision rules are the built-in deck's alone (content/decisions.yaml); "
        "scenarios here are held to those"
    )
    return [Problem(str(rules), 1, 1, message) for rules in found]


def _history_findings(deck: Deck, db_path: Path | None) -> tuple[list[Problem], list[str]]:
    """`renamed_from` held to the database's reviews, and ids with reviews no item claims;
    nothing without a database, or when its file does not exist yet."""
    if db_path is None or not db_path.exists():
        return [], []
    from studyapp.content.places import Locator
    from studyapp.content.renames import history_findings
    from studyapp.srs.replay import open_store

    with open_store(db_path, read_only=True) as store:
        history = store.renames.history()
    return history_findings(deck, history, str(db_path), Locator())


def print_report(report: ContentReport) -> int:
    """Print what `content check` prints and return its exit status (1: problems).

    What is wrong goes to stderr, the all-clear to stdout, so `content check >/dev/null`
    shows only the problems and a script can read the counts."""
    unplaced = report.unplaced if report.strict else [f"warning: {w}" for w in report.unplaced]
    for problem in [*report.problems, *report.warnings, *unplaced]:
        echo(str(problem), err=True)
    if report.failed:
        echo(problems_found_line(report.failed), err=True)
        return 1
    if report.warnings or report.unplaced:
        echo(warnings_line(len(report.warnings) + len(report.unplaced)), err=True)
    echo(deck_counts_line(report.deck))
    return 0


def echo(text: str, err: bool = False) -> None:
    """One line out, control codes (from a file's name or its content) shown, not sent."""
    click.echo(printable(text), err=err)
