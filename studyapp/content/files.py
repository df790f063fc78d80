"""Which files make up the content, and how a problem in one is reported.

Kept free of YAML and pydantic so a cached start-up can find the files without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from studyapp.text import printable

#: Files beside the content that hold decision rules, read by `studyapp.decide` instead.
RULE_FILES = {"decisions.yaml"}


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
    """Every `*.yaml`/`*.yml` file under the given files and directories, in a stable order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = [
                p
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml") and p.name not in RULE_FILES and p.is_file()
            ]
            files.extend(sorted(found))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or directory"))
    return list(dict.fromkeys(files)), problems
