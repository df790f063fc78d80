"""Which files make up the content, and how a problem in one is reported.

Kept free of YAML and pydantic so a cached start-up can find the files without them.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from studyapp.text import printable

#: Files beside the content that hold decision rules, read by `studyapp.decide` instead.
RULE_FILES = {"decisions.yaml"}
CONTENT_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, located for an author's editor."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """One line for an editor to jump to; control codes (even in a file's name) shown, not sent."""
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return printable(text, newlines=False)


def content_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Every `*.yaml`/`*.yml` file under the given files and directories, in a stable order.

    Symbolic links are followed; one that leads nowhere or round in a loop, and a folder
    that cannot be read, is a problem with its path rather than content silently missing.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            _walk(path, {_identity(path)}, files, problems)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or directory"))
    # One file named twice (a folder given twice, by two spellings or through a link) is read
    # once: read twice, every id in it would be "already used" by itself.
    first_of: dict[str, Path] = {}
    for file in files:
        first_of.setdefault(os.path.realpath(file), file)
    return list(first_of.values()), problems


def _walk(
    folder: Path, above: set[tuple[int, int]], files: list[Path], problems: list[Problem]
) -> None:
    """Collect the content files under `folder`; `above` holds the folders it lies in."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        problems.append(Problem(str(folder), 1, 1, f"cannot read this folder: {error.strerror}"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".#"):  # an editor's lock (Emacs): a link to nothing, by design
            continue
        broken = _broken_link(path) if entry.is_symlink() else None
        if broken is not None:
            problems.append(Problem(str(path), 1, 1, broken))
        elif entry.is_dir():
            identity = _identity(path)
            if identity in above:
                problems.append(Problem(str(path), 1, 1, "symbolic link loop"))
            else:
                _walk(path, above | {identity}, files, problems)
        elif path.suffix in CONTENT_SUFFIXES and path.name not in RULE_FILES and entry.is_file():
            files.append(path)


def _broken_link(link: Path) -> str | None:
    """Why the symbolic link `link` cannot be followed, or None when it can."""
    try:
        link.stat()
    except FileNotFoundError:
        return f"symbolic link to a missing file: {link.parent / os.readlink(link)}"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"cannot follow this symbolic link: {error.strerror}"
    return None


def _identity(folder: Path) -> tuple[int, int]:
    stat = folder.stat()
    return stat.st_dev, stat.st_ino
