"""The one reader of line mode: typed lines from a terminal, a pipe or a script."""

from __future__ import annotations

from typing import Protocol, TextIO


class TypedLines(Protocol):
    """Where typed lines come from: stdin, or a StringIO in tests."""

    def readline(self) -> str: ...

    def isatty(self) -> bool: ...


class LineInput:
    """Typed lines that remember when they ran out, so one place says so and no other does."""

    def __init__(self, source: TypedLines) -> None:
        self.source = source
        #: The end of input was read (not Ctrl-C): nothing more will come.
        self.ended = False

    @classmethod
    def of(cls, source: TypedLines) -> LineInput:
        """`source` as a LineInput, the same one when it is one already (the menu shares its
        own with every session it starts)."""
        return source if isinstance(source, LineInput) else cls(source)

    def readline(self) -> str:
        line = self.source.readline()
        if not line:
            self.ended = True
        return line

    def isatty(self) -> bool:
        return self.source.isatty()


def read_line(input: TypedLines, output: TextIO, prompt: str) -> str | None:
    """Prompt and read one line, stripped (echoed when not typed at a terminal, so a transcript
    reads as a dialogue); None at the end of input or on Ctrl-C."""
    output.write(prompt)
    output.flush()
    try:
        line = input.readline()
    except KeyboardInterrupt:
        line = ""
    if not line:
        output.write("\n")
        return None
    if not input.isatty():
        output.write(line if line.endswith("\n") else line + "\n")
    return line.strip()
