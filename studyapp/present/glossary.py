"""A topic's glossary as both front ends list it: alphabetical, each term with its aliases."""

from __future__ import annotations

from collections.abc import Iterable

from studyapp.content import GlossaryEntry

#: The title of the glossary in the notes reader and in `studyapp notes --glossary`.
GLOSSARY_TITLE = "Glossary"


def alphabetical(entries: Iterable[GlossaryEntry]) -> list[GlossaryEntry]:
    """The entries in the order a reader looks a term up: by term, ignoring case."""
    return sorted(entries, key=lambda entry: entry.term.casefold())


def term_heading(entry: GlossaryEntry) -> str:
    """The term as a glossary lists it, with the other ways notes write it."""
    if not entry.aliases:
        return entry.term
    return f"{entry.term} (also: {', '.join(entry.aliases)})"
