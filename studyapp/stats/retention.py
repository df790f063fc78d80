"""True retention: the share of reviews of already-learned items that were recalled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from studyapp.clock import to_utc_text
from studyapp.content.deck import Deck
from studyapp.stats.calendar import study_days_back
from studyapp.store import Store

#: Retention is given over the last 7, 30 and 365 study days (today included).
RETENTION_WINDOWS = (7, 30, 365)


@dataclass(frozen=True)
class RetentionFigure:
    """Over one window: reviews of items in Review state, and how many were rated above Again."""

    window_days: int
    reviews: int
    recalled: int

    @property
    def retention(self) -> float | None:
        """Recalled over reviewed; None when nothing learned was reviewed."""
        return self.recalled / self.reviews if self.reviews else None


@dataclass(frozen=True)
class TopicRetention:
    """One topic's retention per window (`topic_id` None: all the topics asked for)."""

    topic_id: str | None
    figures: tuple[RetentionFigure, ...]


def true_retention(
    store: Store,
    deck: Deck,
    topic_ids: Sequence[str],
    now: datetime,
    local_tz: tzinfo,
) -> list[TopicRetention]:
    """Retention of each of `topic_ids`, then of them all, per window.

    The store files reviews under the topics `deck` gives its items, so a year of history
    is summed per day, not per review.
    """
    store.items.sync(deck, now)
    starts = {w: study_days_back(now, local_tz, w)[0].start for w in RETENTION_WINDOWS}
    totals = {w: store.rollups.learned_totals_since(to_utc_text(s)) for w, s in starts.items()}
    rows = [
        TopicRetention(
            topic_id,
            tuple(RetentionFigure(w, *totals[w].get(topic_id, (0, 0))) for w in RETENTION_WINDOWS),
        )
        for topic_id in topic_ids
    ]
    overall = tuple(
        RetentionFigure(
            w,
            sum(row.figures[n].reviews for row in rows),
            sum(row.figures[n].recalled for row in rows),
        )
        for n, w in enumerate(RETENTION_WINDOWS)
    )
    return [*rows, TopicRetention(None, overall)]
