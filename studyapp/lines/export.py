"""What the `studyapp export` commands print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.text import plural

if TYPE_CHECKING:
    from studyapp.interop.anki import AnkiExport
    from studyapp.interop.reviews_csv import ReviewsExport


def anki_export_line(result: AnkiExport) -> str:
    """The one line `export anki` prints: the file, its notes by kind, its decks."""
    return (
        f"Wrote {plural(result.notes, 'note')} ({plural(result.cards, 'card')}, "
        f"{plural(result.questions, 'question')}, {plural(result.scenarios, 'scenario')}) "
        f"in {plural(result.decks, 'deck')} to {result.path}"
    )


def reviews_export_line(result: ReviewsExport) -> str:
    """The one line `export reviews` prints: the file, its reviews and their items."""
    reviews, items = plural(result.reviews, "review"), plural(result.items, "item")
    return f"Wrote {reviews} of {items} to {result.path}"
