"""Authored and echoed text made safe for a terminal: control codes are data, never sent.

A deck is input from someone else: validation refuses the characters below, and every
front end passes what it prints through `printable` anyway. No Textual or Rich import here,
so the domain, line mode and the CLI can all use it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TextIO, cast

#: Bidi embedding, override and isolate controls (the "Trojan Source" characters).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

#: C0 controls but newline and tab, DEL, C1 controls, bidi controls and lone surrogates.
_REFUSED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
_REFUSED_OR_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")

#: U+FFFD: what a refused character that has no picture of its own is shown as.
REPLACEMENT = "\ufffd"


def first_refused(text: str) -> int | None:
    """The position of the first character validation refuses in `text`, or None."""
    found = _REFUSED.search(text)
    return None if found is None else found.start()


def describe_character(char: str) -> str:
    """`U+001B` with its Unicode name where it has one, for a problem message."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures block: ␛ for ESC, ␊ for a line feed
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def printable(text: str, *, newlines: bool = True) -> str:
    """`text` with every control code replaced by a visible stand-in (␛ for ESC).

    Newlines and tabs are kept unless `newlines` is False (one-line messages, paths)."""
    pattern = _REFUSED if newlines else _REFUSED_OR_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_stand_in, text)


def is_printable(text: str, *, newlines: bool = True) -> bool:
    """Whether `printable` would leave `text` as it is."""
    pattern = _REFUSED if newlines else _REFUSED_OR_LINE
    return pattern.search(text) is None


class PrintableWriter:
    """A text stream that passes everything written to it through `printable`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def printable_output(stream: TextIO) -> TextIO:
    """`stream`, wrapped so no control code written to it reaches the terminal."""
    if isinstance(stream, PrintableWriter):
        return cast(TextIO, stream)
    return cast(TextIO, PrintableWriter(stream))
