"""The one writer of line mode: whole lines out, authored text wrapped to the terminal."""

from __future__ import annotations

import shutil
import textwrap
from typing import TextIO

from studyapp.study import OPTION_LETTERS


class LineWriter:
    """Printing for the line-mode front ends: whole lines, authored text wrapped."""

    output: TextIO
    width: int

    def say(self, text: str = "") -> None:
        self.output.write(text + "\n")
        self.output.flush()

    def say_lines(self, lines: list[str]) -> None:
        for line in lines:
            self.say(line)

    def say_wrapped(self, text: str, indent: str = "") -> None:
        """Print authored text wrapped to the terminal, keeping its lines and list indents."""
        for line in wrap_text(text.strip("\n"), self.width, indent):
            self.say(line)


def source_lines(url: str, width: int) -> list[str]:
    """`  Source: URL`, with the URL on a line of its own when both do not fit: a URL is never
    broken, and a terminal breaks it less on a line of its own."""
    line = f"  Source: {url}"
    return [line] if len(line) <= width else ["  Source:", f"  {url}"]


def write_wrapped(output: TextIO, text: str) -> None:
    """Write one message wrapped to the terminal, for line mode's functions without a writer."""
    for line in wrap_text(text, terminal_width()):
        output.write(line + "\n")


def terminal_width() -> int:
    """The terminal's width, kept to a readable measure."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def wrap_text(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap each line of `text` on its own, so Markdown lists and paragraphs keep their shape."""
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        stripped = line.lstrip()
        lead = line[: len(line) - len(stripped)]
        hang = (
            lead
            + ("  " if stripped[:2] in ("- ", "* ") else "")
            + (" " * 3 if _lettered(stripped) else "")
        )
        lines.extend(
            textwrap.wrap(
                stripped,
                width=width,
                initial_indent=indent + lead,
                subsequent_indent=indent + hang,
                break_on_hyphens=False,
            )
            or [""]
        )
    return lines


def _lettered(line: str) -> bool:
    return len(line) > 2 and line[0] in OPTION_LETTERS and line[1] == ")"
