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


#: What a cut line ends with.
ELLIPSIS = "…"
#: Left off the end of a cut line along with the space before them: "60 min ·…" reads as
#: a fault, "60 min…" does not.
_TRAILING_SEPARATORS = "·,;:—–-|/"


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes: wide East Asian characters two, combining and
    format characters none, the rest one."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def ellipsize(text: str, width: int) -> str:
    """`text` if it fits in `width` cells, else cut at a space and ended with "…"; a word is
    cut only when the first one alone does not fit. One line of text; "" for no width."""
    if cell_width(text) <= width:
        return text
    if width < 1:
        return ""
    fitting, used = "", 0
    for char in text:
        used += _char_width(char)
        if used > width - 1:
            break
        fitting += char
    kept = _cut_at_space(text, len(fitting))
    return (kept if kept is not None else fitting.rstrip()) + ELLIPSIS


def _cut_at_space(text: str, end: int) -> str | None:
    """`text` up to its last space at or before `end` (past its first word), without the
    space and a separator left dangling; None when the first word reaches past `end`."""
    for cut in range(end, 0, -1):
        if text[cut].isspace() and text[:cut].strip():
            kept = text[:cut].rstrip()
            tidy = kept.rstrip(_TRAILING_SEPARATORS).rstrip()
            return tidy or kept
    return None


#: Where a long address may go on to the next line: after these, never inside a word.
_URL_PIECE = re.compile(r"[^/?&#]*(?:[/?&#]+|$)")


def url_lines(url: str, width: int) -> list[str]:
    """A web address on lines of at most `width` cells, each broken after a `/`, `?`, `&` or
    `#` (never inside a word); a piece wider than `width` on its own is ellipsized."""
    lines: list[str] = []
    for piece in filter(None, _URL_PIECE.findall(url)):
        if lines and cell_width(lines[-1] + piece) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    cut = [line if cell_width(line) <= width else ellipsize(line, width) for line in lines]
    return cut or [""]


def join_fitting(parts: list[str], width: int, separator: str = " · ") -> str:
    """As many of `parts` as fit in `width` cells, whole and joined, from the first; the
    first alone cut at a word when even it does not fit."""
    for count in range(len(parts), 0, -1):
        text = separator.join(parts[:count])
        if cell_width(text) <= width:
            return text
    return ellipsize(parts[0], width) if parts else ""


def plural(count: float, word: str, many: str | None = None) -> str:
    """`count` and `word`, the word in its plural (`many`, else `word` + "s") unless the
    count is exactly one: `1 minute`, `2 minutes`, `0 entries`. Whole counts get thousands
    separators; a fraction is shown as given."""
    shown = f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{shown} {word if count == 1 else (many or word + 's')}"


#: Beginnings of words whose first letter and first sound disagree ("a unit", "an hour").
_A_BEFORE = ("one", "once", "use", "usu", "uni", "eu")
_AN_BEFORE = ("hour", "honest", "honour")


def a_or_an(word: str) -> str:
    """`word` after the indefinite article its sound takes: `a number`, `an integer`,
    `a unit`, `an hour`."""
    lower = word.lower()
    vowel = lower[:1] in ("a", "e", "i", "o", "u")
    if lower.startswith(_A_BEFORE):
        vowel = False
    elif lower.startswith(_AN_BEFORE):
        vowel = True
    return f"{'an' if vowel else 'a'} {word}"


def slug(text: str, max_chars: int) -> str:
    """The first words of `text` as lowercase ASCII joined by `-` (`a-nightly-job-runs`), as
    many whole words as fit in `max_chars`; for ids made from what an item says."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    made = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text.lower()):
        if len(made) + len(word) + 1 > max_chars:
            break
        made = f"{made}-{word}" if made else word
    return made
