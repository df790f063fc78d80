"""True retention: the share of reviews of already-learned items that were recalled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from studyapp.clock import to_utc_text
from studyapp.stats.calendar import study_days_back
from studyapp.store import ReviewTally, Store

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


def _figure(window: int, tallies: Sequence[ReviewTally]) -> RetentionFigure:
    return RetentionFigure(
        window, sum(t.reviews for t in tallies), sum(t.recalled for t in tallies)
    )


def true_retention(
    store: Store,
    item_ids_of: Mapping[str, Sequence[str]],
    now: datetime,
    local_tz: tzinfo,
) -> list[TopicRetention]:
    """Retention per topic of `item_ids_of` (topic id to its item ids), then overall, per window."""
    starts = {w: study_days_back(now, local_tz, w)[0].start for w in RETENTION_WINDOWS}
    tallies = {w: store.learned_review_tallies(to_utc_text(s)) for w, s in starts.items()}
    rows = []
    for topic_id, item_ids in item_ids_of.items():
        figures = tuple(
            _figure(w, [tallies[w][i] for i in item_ids if i in tallies[w]])
            for w in RETENTION_WINDOWS
        )
        rows.append(TopicRetention(topic_id, figures))
    overall = tuple(
        RetentionFigure(
            w,
            sum(row.figures[n].reviews for row in rows),
            sum(row.figures[n].recalled for row in rows),
        )
        for n, w in enumerate(RETENTION_WINDOWS)
    )
    return [*rows, TopicRetention(None, overall)]
