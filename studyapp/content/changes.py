"""What an edit to the content changed: the items and notes of two decks, and the problems of
two checks, matched so that a problem whose line moved is the same problem.

Used when a file is saved while `content check --watch` or the TUI runs (`content.watching`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.content.deck import Deck
from studyapp.content.files import Problem


@dataclass(frozen=True)
class IdChanges:
    """The ids added, removed and changed between two versions of one kind of entry."""

    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    changed: frozenset[str] = frozenset()
    #: Old id -> new id of the entries renamed (`renamed_from`), in neither list above.
    renamed: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.renamed)

    @property
    def touched(self) -> frozenset[str]:
        """Every id whose entry is not as it was (changed, added, removed or renamed, by
        either id)."""
        renamed = {*self.renamed.keys(), *self.renamed.values()}
        return self.added | self.removed | self.changed | renamed


@dataclass(frozen=True)
class DeckChange:
    """How a reloaded deck differs from the one before it. Where an entry was written (its
    line) is not a change: adding a card above another does not change the other."""

    items: IdChanges = IdChanges()
    notes: IdChanges = IdChanges()
    #: Topics, their titles or glossaries differ.
    topics_changed: bool = False

    def __bool__(self) -> bool:
        return bool(self.items or self.notes or self.topics_changed)


def _id_changes(
    old: Mapping[str, object], new: Mapping[str, object], renames: Mapping[str, str] | None = None
) -> IdChanges:
    """The changes from `old` to `new`; an entry that left under an id `renames` maps to one
    that came is renamed, not removed and added."""
    added, removed = new.keys() - old.keys(), old.keys() - new.keys()
    renamed = {o: n for o, n in (renames or {}).items() if o in removed and n in added}
    return IdChanges(
        added=frozenset(added - set(renamed.values())),
        removed=frozenset(removed - renamed.keys()),
        changed=frozenset(i for i in old.keys() & new.keys() if old[i] != new[i]),
        renamed=renamed,
    )


def deck_changes(old: Deck, new: Deck) -> DeckChange:
    """What changed from `old` to `new`: an item or note whose text, fields or topic differ."""
    old_items = {i: (item, old.topic_of[i]) for i, item in old.items.items()}
    new_items = {i: (item, new.topic_of[i]) for i, item in new.items.items()}
    old_notes = {i: (note, old.topic_of[i]) for i, note in old.notes.items()}
    new_notes = {i: (note, new.topic_of[i]) for i, note in new.notes.items()}
    return DeckChange(
        items=_id_changes(old_items, new_items, new.renames),
        notes=_id_changes(old_notes, new_notes),
        topics_changed=old.topics != new.topics or old.glossary != new.glossary,
    )


# Problems ---------------------------------------------------------------------------------

#: An `id:` key, in block style (`- id: x`, `  id: x`) or flow style (`{id: x, ...}`).
_ID_KEY = re.compile(r"""(?:^|[\s{,-])id:\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)""")


@dataclass(frozen=True)
class KeyedProblem:
    """A problem with what identifies it across edits: its file, the id of the entry it was
    found in (None: before any), and its message; its line and column are left out."""

    problem: Problem
    anchor: str | None

    @property
    def key(self) -> tuple[str, str | None, str]:
        return (self.problem.path, self.anchor, self.problem.message)


def entry_id_at(lines: Sequence[str], line: int) -> str | None:
    """The id of the entry `line` (1-based) lies in: the nearest `id:` on it or above it."""
    for text in reversed(lines[: max(0, line)]):
        found = _ID_KEY.search(text)
        if found is not None:
            return found.group(1)
    return None


def keyed_problems(problems: Iterable[Problem]) -> list[KeyedProblem]:
    """Each problem with its anchor, read from its file as it is now (one read per file); a
    file that cannot be read gives no anchor."""
    lines_of: dict[str, list[str]] = {}
    keyed = []
    for problem in problems:
        if problem.path not in lines_of:
            try:
                text = Path(problem.path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            lines_of[problem.path] = text.splitlines()
        keyed.append(KeyedProblem(problem, entry_id_at(lines_of[problem.path], problem.line)))
    return keyed


@dataclass(frozen=True)
class ProblemChanges:
    """The problems an edit fixed and those it brought."""

    fixed: tuple[Problem, ...] = ()
    new: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.fixed or self.new)


def problem_changes(old: Sequence[KeyedProblem], new: Sequence[KeyedProblem]) -> ProblemChanges:
    """Match the problems of two checks by file, entry and message. Among problems sharing
    those, one still at its place is the same; the rest pair up in order of line, and the
    ones left over were fixed (from `old`) or are new (from `new`)."""
    old_by_key: dict[tuple[str, str | None, str], list[Problem]] = defaultdict(list)
    for keyed in old:
        old_by_key[keyed.key].append(keyed.problem)
    new_problems: list[Problem] = []
    new_by_key: dict[tuple[str, str | None, str], list[Problem]] = defaultdict(list)
    for keyed in new:
        new_by_key[keyed.key].append(keyed.problem)
    fixed: list[Problem] = []
    for key in old_by_key.keys() | new_by_key.keys():
        gone, came = _unmatched(old_by_key.get(key, []), new_by_key.get(key, []))
        fixed += gone
        new_problems += came
    return ProblemChanges(tuple(sorted(fixed)), tuple(sorted(new_problems)))


def _unmatched(old: list[Problem], new: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """The problems of `old` and of `new` left without a partner (all share one key)."""
    still = Counter((p.line, p.column) for p in old) & Counter((p.line, p.column) for p in new)
    old_rest, new_rest = _without(old, still), _without(new, still)
    paired = min(len(old_rest), len(new_rest))
    return old_rest[paired:], new_rest[paired:]


def _without(problems: list[Problem], places: Counter[tuple[int, int]]) -> list[Problem]:
    """`problems` in order of line, less as many at each place as `places` counts there."""
    left, rest = Counter(places), []
    for problem in sorted(problems):
        place = (problem.line, problem.column)
        if left[place]:
            left[place] -= 1
        else:
            rest.append(problem)
    return rest
