"""What the TUI says when a saved content file reloads the deck, or cannot."""

from __future__ import annotations

from collections.abc import Sequence

from studyapp.content import Problem
from studyapp.content.changes import DeckChange, IdChanges
from studyapp.text import plural

RELOADED_TITLE = "Deck reloaded"
REFUSED_TITLE = "Deck not reloaded"


def _counted(changes: IdChanges, noun: str) -> list[str]:
    """`2 items changed`, `1 added`, `1 removed`, `1 renamed`: the noun once, with the first
    count."""
    counts = [
        (count, what)
        for count, what in (
            (len(changes.changed), "changed"),
            (len(changes.added), "added"),
            (len(changes.removed), "removed"),
            (len(changes.renamed), "renamed"),
        )
        if count
    ]
    return [
        f"{plural(count, noun) if n == 0 else count} {what}"
        for n, (count, what) in enumerate(counts)
    ]


def reloaded_text(change: DeckChange, fixed: int) -> str:
    """After a reload: what changed (`2 items changed, 1 added`), and the problems fixed."""
    parts = _counted(change.items, "item") + _counted(change.notes, "note")
    if change.topics_changed:
        parts.append("topics or glossary changed")
    if fixed:
        parts.append(f"{plural(fixed, 'problem')} fixed")
    return ", ".join(parts) + "." if parts else "No item changed."


def refused_text(problems: Sequence[Problem]) -> str:
    """Why a saved file was not loaded: its first new problem, how many more, and that the
    session goes on with the deck it had."""
    first = problems[0]
    more = f" (and {plural(len(problems) - 1, 'more problem')})" if len(problems) > 1 else ""
    return (
        f"{first.path}:{first.line}: {first.message}{more}. Studying goes on with the deck "
        "as it was; save a fix to load it."
    )
