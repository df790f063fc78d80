"""What the `studyapp export` commands print."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.interop.anki import AnkiExport
    from studyapp.interop.reviews_csv import ReviewsExport


def anki_export_line(result: AnkiExport) -> str:
    """The one line `export anki` prints: the file, its notes by kind, its decks."""
    return (
        f"wrote {result.notes} notes ({result.cards} cards, {result.questions} questions, "
        f"{result.scenarios} scenarios) in {result.decks} deck(s) to {result.path}"
    )


def reviews_export_line(result: ReviewsExport) -> str:
    """The one line `export reviews` prints: the file, its reviews and their items."""
    return f"wrote {result.reviews} reviews of {result.items} items to {result.path}"
