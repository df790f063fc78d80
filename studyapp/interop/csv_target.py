"""Where an import writes: the topic file it merges into, and the deck around it.

Only a file `import csv` wrote itself is merged into (rewriting a hand-written one would
lose its comments and layout). The deck around it is every other content file: the
built-in deck, the user's own folders and the rest of the target folder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.content.assemble import ParsedFile, assemble
from studyapp.content.deck import Deck
from studyapp.content.files import Problem, content_files
from studyapp.content.loader import decode_text, parse_file, parse_text
from studyapp.content.models import Card, GlossaryEntry, Question, Scenario, Topic
from studyapp.errors import ContentError
from studyapp.interop.content_yaml import MARKER
from studyapp.interop.csv_columns import Entry, Kind
from studyapp.text import printable


def entry_key(entry: Entry) -> str:
    """What an entry is known by: its id, or a glossary entry's term."""
    return entry.term if isinstance(entry, GlossaryEntry) else entry.id


def parsed_sections(parsed: ParsedFile) -> dict[Kind, list[Entry]]:
    """A parsed file's entries by section, in the order written."""
    sections: dict[Kind, list[Entry]] = {
        "notes": [note for note, _origin in parsed.notes],
        "glossary": [entry for entry, _origin in parsed.glossary],
    }
    kinds: tuple[tuple[Kind, type], ...] = (
        ("cards", Card),
        ("questions", Question),
        ("scenarios", Scenario),
    )
    for kind, cls in kinds:
        sections[kind] = [item for item, _origin in parsed.items if isinstance(item, cls)]
    return sections


@dataclass
class TargetFile:
    """The topic file an import writes: what it holds now (nothing when it is new)."""

    path: Path
    topic: Topic | str | None = None
    sections: dict[Kind, list[Entry]] = field(default_factory=dict)
    parsed: ParsedFile | None = None


def _refuse(path: Path, message: str) -> ContentError:
    return ContentError(printable(f"{path}: {message}", newlines=False))


def read_target(path: Path, topic_id: str) -> TargetFile:
    """The topic file as it is; refused unless `import csv` wrote it, it loads cleanly and
    it is about `topic_id`."""
    if not path.exists():
        return TargetFile(path)
    try:
        text, _problems = decode_text(str(path), path.read_bytes())
    except OSError as exc:
        raise _refuse(path, f"cannot read: {exc.strerror}") from exc
    if text is None or not text.startswith(MARKER):
        raise _refuse(
            path,
            "already there and not written by `studyapp import csv`, so it is not merged "
            "into (that would lose its comments and layout); import into another folder "
            "with --into, or as another topic",
        )
    parsed = parse_text(str(path), text)
    if parsed.problems:
        raise _refuse(path, f"has problems, the first: {parsed.problems[0]}; fix it first")
    topic = parsed.topic or parsed.topic_ref
    named = topic.id if isinstance(topic, Topic) else topic
    if named != topic_id:
        raise _refuse(path, f"holds topic {named!r}, not {topic_id!r}")
    return TargetFile(path, topic, parsed_sections(parsed), parsed)


@dataclass
class DeckAround:
    """Every content file but the target, parsed once, and the deck they make."""

    others: list[ParsedFile]
    file_problems: list[Problem]
    deck: Deck


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _same_file(path: Path, target: Path) -> bool:
    return _resolved(path) == _resolved(target)


def deck_around(paths: Sequence[Path], target: Path) -> DeckAround:
    """The content under `paths` (the target's folder among them) without the target."""
    folders = {_resolved(path): path for path in [*paths, target.parent] if path.exists()}
    files, problems = content_files(folders.values())
    unique = {_resolved(path): path for path in files if not _same_file(path, target)}
    others = [parse_file(path) for path in unique.values()]
    deck, _problems = assemble(others, [])
    return DeckAround(others, problems, deck)


def deck_problems(around: DeckAround, target: ParsedFile | None) -> list[Problem]:
    """What `content check` would report for the deck with this target file in it."""
    from studyapp.decide.check import check_deck

    parsed = [*around.others, *([target] if target is not None else [])]
    deck, problems = assemble(parsed, around.file_problems)
    _checked, more = check_deck(deck)
    return problems + more


def new_problems(
    before: Sequence[Problem], after: Sequence[Problem], target: Path
) -> list[Problem]:
    """The problems in `after` that `before` did not have (lines in the rewritten target
    file may have moved, so those are compared without them)."""
    name = re.escape(str(target))

    def key(problem: Problem) -> tuple[str, str]:
        message = re.sub(f"{name}:[0-9]+", str(target), problem.message)
        where = "" if problem.path == str(target) else f"{problem.line}:{problem.column}"
        return (f"{problem.path}:{where}", message)

    seen = {key(problem) for problem in before}
    return [problem for problem in after if key(problem) not in seen]
