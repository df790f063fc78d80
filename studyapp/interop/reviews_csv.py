"""`studyapp export reviews`: the review log as the CSV the FSRS optimizer tools read.

The columns are the review-log schema of open-spaced-repetition's fsrs-optimizer
(`python -m fsrs_optimizer revlog.csv`): `card_id`, `review_time` (milliseconds since the
Unix epoch, UTC), `review_rating` (1 Again … 4 Easy), `review_state` (the item's state
before the review: 0 New, 1 Learning, 2 Review, 3 Relearning) and `review_duration`
(milliseconds; 0 where the answer was not timed, as a blank drops the row there).

`card_id` is an integer, as those tools and Anki's own log use: `card_id_of` maps each item
id to one, the same in every export and on every device. No item id column is added: the
optimizer's analysis step counts the rows that differ in any column left over, so an extra
column changes its figures.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.errors import ExportError
from studyapp.interop.targets import check_export_target, partial_path

if TYPE_CHECKING:
    from studyapp.store import Store

FSRS_COLUMNS = ("card_id", "review_time", "review_rating", "review_state", "review_duration")
#: Card ids are the first 48 bits of a SHA-256: at most 15 digits, so a spreadsheet (which
#: keeps 15 significant digits) and a double hold each one exactly.
CARD_ID_BYTES = 6


@dataclass(frozen=True)
class ReviewsExport:
    """What `export_reviews` wrote: the file, its reviews and how many items they are of."""

    path: Path
    reviews: int
    items: int


def card_id_of(item_id: str) -> int:
    """The integer card id of an item: its id's SHA-256 (UTF-8), first 6 bytes, big-endian."""
    digest = hashlib.sha256(item_id.encode("utf-8", errors="surrogatepass")).digest()
    return int.from_bytes(digest[:CARD_ID_BYTES], "big")


def review_rows(store: Store) -> list[tuple[int, int, int, int, int]]:
    """The log in the order it was written, one FSRS row per review."""
    return [
        (
            card_id_of(review.item_id),
            round(review.reviewed_at.timestamp() * 1000),
            review.rating,
            review.prior_state,
            review.duration_ms if review.duration_ms is not None else 0,
        )
        for review in store.reviews.timed()
    ]


def export_reviews(store: Store, target: Path) -> ReviewsExport:
    """Write the whole review log to `target` (UTF-8 CSV with a header row), replacing it."""
    check_export_target(target, store.path, ".csv")
    rows = review_rows(store)
    partial = partial_path(target, os.getpid())
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(FSRS_COLUMNS)
            writer.writerows(rows)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    return ReviewsExport(target, len(rows), len({row[0] for row in rows}))
