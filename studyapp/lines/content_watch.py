"""`studyapp content check --watch`: check again on every save and print only what changed.

Beside an editor, a save shows the problems it fixed (`fixed: path:line:col: message`), those
it brought (`new: ...`), then one line with the time, the file saved and where the content
stands. A problem whose line moved because lines were added above it is the same problem.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from studyapp.clock import Clock
from studyapp.content.changes import KeyedProblem, ProblemChanges, keyed_problems, problem_changes
from studyapp.lines.content_check import ContentReport, check_content, echo
from studyapp.paths import builtin_content_dir, builtin_guides_dir, user_decks_dir
from studyapp.text import plural


def watch_content_check(
    targets_of: Callable[[], Sequence[Path]],
    strict: bool,
    first: ContentReport,
    clock: Clock,
    stop: threading.Event | None = None,
    *,
    db_path: Path | None = None,
) -> None:
    """After `first` (printed already), check the content again on every save of a content
    file under `targets_of()` or of the shipped exam guides, until Ctrl-C (or `stop`). The
    deck folder is watched before it exists, and checked from the save that makes it (a
    `content init` in another terminal)."""
    from studyapp.content.watching import content_changes

    targets = list(targets_of())
    decks = user_decks_dir()
    watched = [*targets, *([] if decks in targets else [decks]), builtin_guides_dir()]
    before = _keyed(first)
    # Said once the watcher is set up, so a save made after reading it is never missed.
    armed = partial(echo, watching_line(watched))
    for changed in content_changes(watched, stop or threading.Event(), armed=armed):
        report = check_content(targets_of(), strict, db_path)
        now = _keyed(report)
        stamp = f"{clock.now().astimezone(clock.local_tz):%H:%M:%S}"
        for line in change_lines(problem_changes(before, now), report, changed, stamp):
            echo(line)
        before = now


def _keyed(report: ContentReport) -> list[KeyedProblem]:
    return keyed_problems([*report.problems, *report.warnings])


def watching_line(watched: Sequence[Path]) -> str:
    """What is watched, once, before the first save."""
    names = {
        builtin_content_dir(): "the built-in deck",
        builtin_guides_dir(): "the exam guides",
        user_decks_dir(): f"your deck folder {user_decks_dir()}",
    }
    shown = [names.get(path, str(path)) for path in watched]
    listed = ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else shown[0]
    return f"Watching {listed} for saves; Ctrl-C stops."


def change_lines(
    changes: ProblemChanges, report: ContentReport, changed: frozenset[Path], stamp: str
) -> list[str]:
    """Each problem fixed and each new one, then the time, what was saved and the standing."""
    lines = [f"fixed: {problem}" for problem in changes.fixed]
    lines += [f"new: {problem}" for problem in changes.new]
    lines.append(f"{stamp} {saved_text(changed)}: {standing_text(changes, report)}")
    return lines


def saved_text(changed: frozenset[Path]) -> str:
    """The file saved by name, or how many."""
    if len(changed) == 1:
        return next(iter(changed)).name
    return plural(len(changed), "file")


def standing_text(changes: ProblemChanges, report: ContentReport) -> str:
    """Where the content stands after a save: its problems and warnings, or all clear."""
    problems, warnings = len(report.problems), len(report.warnings)
    if problems:
        standing = plural(problems, "problem")
        if warnings:
            standing += f", {plural(warnings, 'warning')}"
    elif warnings:
        standing = f"no problems, {plural(warnings, 'warning')}"
    else:
        deck = report.deck
        counts = [
            plural(len(deck.topics), "topic"),
            plural(len(deck.notes), "note"),
            plural(len(deck.items), "item"),
        ]
        standing = f"all clear ({', '.join(counts)})"
    if changes:
        return standing
    return f"no change, still {standing}" if problems else f"no change, {standing}"
