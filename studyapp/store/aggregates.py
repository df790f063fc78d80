"""Aggregate reads for statistics, suspensions and confusions: SQL does the counting."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence

from studyapp.clock import from_utc_text
from studyapp.store.records import ReviewTally, Suspension, WrongAnswerTally

#: `prior_state` of a review whose item was already learned (fsrs.State.Review).
REVIEW_STATE = 2


def _item_filter(item_ids: Collection[str] | None, column: str) -> tuple[str, list[str]]:
    """An SQL condition (and its parameter) keeping only `item_ids`; none for None."""
    if item_ids is None:
        return "", []
    return f"AND {column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(item_ids))]


class AggregateReads:
    """Read-only aggregates over the review log and the suspensions; mixed into `Store`."""

    conn: sqlite3.Connection

    def suspended_item_ids(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT item_id FROM suspensions")}

    def suspended(self) -> list[Suspension]:
        """Suspended items, most recently suspended first."""
        rows = self.conn.execute(
            "SELECT item_id, suspended_at, reason FROM suspensions "
            "ORDER BY suspended_at DESC, item_id"
        )
        return [Suspension(item_id, from_utc_text(at), reason) for item_id, at, reason in rows]

    def review_totals_in(
        self, ranges: Sequence[tuple[str, str]], item_ids: Collection[str] | None = None
    ) -> list[tuple[int, int]]:
        """Reviews and milliseconds spent in each [start, end) range of UTC texts, in order."""
        if not ranges:
            return []
        where, args = _item_filter(item_ids, "r.item_id")
        values = ", ".join("(?, ?, ?)" for _ in ranges)
        bounds = [value for n, (start, end) in enumerate(ranges) for value in (n, start, end)]
        rows = self.conn.execute(
            f"WITH ranges (n, start, stop) AS (VALUES {values}) "
            "SELECT n, count(*), coalesce(sum(r.duration_ms), 0) FROM ranges "
            "JOIN reviews r ON r.reviewed_at >= start AND r.reviewed_at < stop "
            f"{where} GROUP BY n",
            [*bounds, *args],
        )
        found = {n: (int(count), int(spent)) for n, count, spent in rows}
        return [found.get(n, (0, 0)) for n in range(len(ranges))]

    def learned_review_tallies(self, since_text: str) -> dict[str, ReviewTally]:
        """Per item, reviews since `since_text` of it already in Review state, and how many recalled."""
        rows = self.conn.execute(
            "SELECT item_id, count(*), sum(rating > 1) FROM reviews "
            "WHERE reviewed_at >= ? AND prior_state = ? GROUP BY item_id",
            (since_text, REVIEW_STATE),
        )
        return {row[0]: ReviewTally(row[0], int(row[1]), int(row[2])) for row in rows}

    def wrong_answer_tallies(self) -> list[WrongAnswerTally]:
        """Each distinct wrong answer per item with how often it was given, most often first."""
        rows = self.conn.execute(
            "SELECT item_id, answer, count(*) AS n FROM reviews "
            "WHERE correct = 0 AND answer IS NOT NULL GROUP BY item_id, answer "
            "ORDER BY n DESC, item_id, answer"
        )
        return [WrongAnswerTally(item_id, answer, int(n)) for item_id, answer, n in rows]

    def confused_item_ids(self, min_repeats: int = 2) -> set[str]:
        """Items given one wrong answer `min_repeats` times whose latest answer is wrong too."""
        rows = self.conn.execute(
            "SELECT DISTINCT w.item_id FROM (SELECT item_id FROM reviews "
            "WHERE correct = 0 AND answer IS NOT NULL GROUP BY item_id, answer "
            "HAVING count(*) >= ?) AS w WHERE (SELECT r.correct FROM reviews AS r "
            "WHERE r.item_id = w.item_id ORDER BY r.id DESC LIMIT 1) = 0",
            (min_repeats,),
        )
        return {row[0] for row in rows}
