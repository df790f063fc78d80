"""Totals for statistics, confusions and the queue, filed by topic as `store.items` maps them.

What a review's commit adds to these totals is declared in `studyapp.store.rollups`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from studyapp.store.records import AnswerTally, TopicCounts, WrongAnswerTally

if TYPE_CHECKING:
    from studyapp.store.database import Store

#: `prior_state` of a review whose item was already learned (Anki and FSRS number Review 2).
REVIEW_STATE = 2


def _item_filter(item_ids: Collection[str] | None, column: str) -> tuple[str, list[str]]:
    """An SQL condition (and its parameter) keeping only `item_ids`; none for None."""
    if item_ids is None:
        return "", []
    return f"AND {column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(item_ids))]


def _on_quarter_hour(utc_text: str) -> bool:
    """Whether a UTC text (as `to_utc_text` writes it) starts a quarter hour; the open-ended
    bounds "" and "~" count as such."""
    if utc_text in ("", "~"):
        return True
    return utc_text[14:16] in ("00", "15", "30", "45") and utc_text[16:] == ":00.000000Z"


class Rollups:
    """Aggregate reads over the review log and its totals (`store.rollups`).

    SQL does the counting, mostly from the totals the triggers keep.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn = store.conn

    def review_totals_in(
        self, ranges: Sequence[tuple[str, str]], item_ids: Collection[str] | None = None
    ) -> list[tuple[int, int]]:
        """Reviews and milliseconds spent in each [start, end) range of UTC texts, in order.

        For all items and quarter-hour bounds (study days always are) this reads the
        quarter-hour totals the triggers keep; otherwise it scans the log.
        """
        if not ranges:
            return []
        args: list[str] = []
        if item_ids is None and all(map(_on_quarter_hour, (t for r in ranges for t in r))):
            source = "SELECT starts_at AS at, reviews, duration_ms FROM review_quarter_hours"
        else:
            where, args = _item_filter(item_ids, "item_id")
            source = (
                f"SELECT reviewed_at AS at, 1 AS reviews, duration_ms FROM reviews WHERE 1 {where}"
            )
        values = ", ".join("(?, ?, ?)" for _ in ranges)
        bounds = [value for n, (start, end) in enumerate(ranges) for value in (n, start, end)]
        rows = self._conn.execute(
            f"WITH ranges (n, start, stop) AS (VALUES {values}) "
            f", totals AS ({source}) "
            "SELECT n, sum(t.reviews), coalesce(sum(t.duration_ms), 0) FROM ranges "
            "JOIN totals AS t ON t.at >= start AND t.at < stop GROUP BY n",
            [*bounds, *args],
        )
        found = {n: (int(reviews), int(ms)) for n, reviews, ms in rows}
        return [found.get(n, (0, 0)) for n in range(len(ranges))]

    def learned_totals_since(self, since_text: str) -> dict[str, tuple[int, int]]:
        """Per topic (as last synced; '' for none), reviews since `since_text` of items already
        in Review state, and how many of them recalled the item.

        Whole UTC days come from `learned_days`; the part of the first day after `since_text`
        is read from the log through its covering index.
        """
        first_day = since_text[:10]
        next_day = (date.fromisoformat(first_day) + timedelta(days=1)).isoformat()
        rows = self._conn.execute(
            "SELECT topic_id, sum(reviews), sum(recalled) FROM ("
            "SELECT topic_id, reviews, recalled FROM learned_days WHERE day >= ? "
            "UNION ALL SELECT coalesce(t.topic_id, ''), 1, r.rating > 1 FROM reviews AS r "
            "LEFT JOIN item_topics AS t ON t.item_id = r.item_id "
            "WHERE r.prior_state = ? AND r.reviewed_at >= ? AND r.reviewed_at < ?"
            ") GROUP BY topic_id",
            (next_day, REVIEW_STATE, since_text, next_day),
        )
        return {topic_id: (int(reviews), int(recalled)) for topic_id, reviews, recalled in rows}

    def wrong_answer_tallies(self) -> list[WrongAnswerTally]:
        """Each distinct wrong answer per item with how often it was given, most often first."""
        rows = self._conn.execute(
            "SELECT item_id, answer, times FROM wrong_answers ORDER BY times DESC, item_id, answer"
        )
        return list(map(WrongAnswerTally._make, rows))

    def confused_item_ids(self, min_repeats: int = 2) -> set[str]:
        """Items given one wrong answer `min_repeats` times whose latest answer is wrong too."""
        rows = self._conn.execute(
            "SELECT DISTINCT w.item_id FROM wrong_answers AS w "
            "JOIN item_tallies AS t ON t.item_id = w.item_id "
            "WHERE w.times >= ? AND t.last_correct = 0",
            (min_repeats,),
        )
        return {row[0] for row in rows}

    def missed_item_ids(self) -> list[str]:
        """Items whose latest answer was wrong (questions and scenarios; a card's has no
        right or wrong), the most recently answered first. The per-item totals name them;
        their latest review is one probe of the (item_id, id) index each."""
        rows = self._conn.execute(
            "SELECT t.item_id FROM item_tallies AS t JOIN reviews AS r ON r.id = ("
            "SELECT max(id) FROM reviews INDEXED BY idx_reviews_item_id_id "
            "WHERE item_id = t.item_id) WHERE t.last_correct = 0 "
            "ORDER BY r.reviewed_at DESC, r.id DESC"
        )
        return [row[0] for row in rows]

    def answer_tallies(self, item_ids: Collection[str]) -> dict[str, AnswerTally]:
        """For each of `item_ids` with reviews: counts, the first answer, the latest right one.

        Right means rated above Again. No scan of the log: the per-item totals, the first
        answers (reviews of items with no state before, `prior_state` 0) through the
        covering index of `prior_state`, and the latest right answer probed only for items
        whose latest answer was wrong, walking back from their newest review.
        """
        wanted = set(item_ids)
        firsts = dict(
            self._conn.execute(
                "SELECT item_id, rating > 1 FROM reviews INDEXED BY idx_reviews_learned "
                "WHERE prior_state = 0 ORDER BY reviewed_at DESC"  # the earliest wins
            )
        )
        last_right = dict(
            self._conn.execute(
                "SELECT t.item_id, (SELECT reviewed_at FROM reviews AS r INDEXED BY "
                "idx_reviews_item_id_id WHERE r.item_id = t.item_id AND r.rating > 1 "
                "ORDER BY r.id DESC LIMIT 1) FROM item_tallies AS t "
                "WHERE t.last_correct = 0 AND t.recalled > 0"
            )
        )
        rows = self._conn.execute(
            "SELECT item_id, reviews, recalled, coalesce(last_correct, 1) FROM item_tallies"
        )
        return {
            item_id: AnswerTally(
                item_id,
                reviews,
                right,
                bool(firsts[item_id]),
                bool(latest),
                last_right.get(item_id),
            )
            for item_id, reviews, right, latest in rows
            if item_id in wanted and item_id in firsts
        }

    def answers_since(self, since_text: str) -> dict[str, tuple[int, int, bool]]:
        """Per item answered at or after `since_text`: answers, right ones (rated above
        Again), and whether its first answer ever is among them. Reads the log from
        `since_text` on only, through its time index."""
        rows = self._conn.execute(
            "SELECT r.item_id, count(*), sum(r.rating > 1), "
            "min(r.id) = (SELECT min(id) FROM reviews WHERE item_id = r.item_id) "
            "FROM reviews AS r INDEXED BY idx_reviews_reviewed_at WHERE r.reviewed_at >= ? "
            "GROUP BY r.item_id",
            (since_text,),
        )
        return {row[0]: (int(row[1]), int(row[2]), bool(row[3])) for row in rows}

    def time_spent_ms(self, item_ids: Collection[str] | None = None) -> int:
        """Milliseconds spent answering, on every item or only on `item_ids`."""
        where, args = _item_filter(item_ids, "item_id")
        row = self._conn.execute(
            f"SELECT coalesce(sum(duration_ms), 0) FROM item_tallies WHERE 1 {where}", args
        ).fetchone()
        return int(row[0])

    def days_with_reviews(
        self, ranges: Sequence[tuple[str, str]], item_ids: Collection[str] | None = None
    ) -> list[bool]:
        """Whether each [start, end) range of UTC texts holds a review (of `item_ids` if
        given). For all items on quarter hours, one index probe per range: the streak may
        reach back years."""
        if item_ids is not None or not all(_on_quarter_hour(t) for r in ranges for t in r):
            return [n > 0 for n, _ms in self.review_totals_in(ranges, item_ids)]
        probe = self._conn.execute
        return [
            probe(
                "SELECT EXISTS (SELECT 1 FROM review_quarter_hours "
                "WHERE starts_at >= ? AND starts_at < ?)",
                (start, end),
            ).fetchone()[0]
            == 1
            for start, end in ranges
        ]

    def topic_counts(
        self, now_text: str, today_end_text: str, tomorrow_end_text: str, mastery_days: float
    ) -> dict[str, TopicCounts]:
        """Per topic (as last synced by `store.items.sync`; '' for items it does not name),
        its seen items counted: one pass in SQL, whatever the length of the history."""
        rows = self._conn.execute(
            "SELECT coalesce(t.topic_id, '') AS topic, count(*), "
            "coalesce(sum(k.reviews), 0), coalesce(sum(k.recalled), 0), "
            "coalesce(sum(s.stability >= :mastery), 0), "
            "coalesce(sum(p.item_id IS NULL AND s.due <= :now), 0), "
            "coalesce(sum(p.item_id IS NULL AND s.due < :today_end), 0), "
            "coalesce(sum(p.item_id IS NULL AND s.due >= :today_end "
            "AND s.due < :tomorrow_end), 0), "
            "coalesce(sum(s.kind = 'card'), 0), "
            "coalesce(sum(s.kind = 'card' AND p.item_id IS NULL AND s.due <= :now), 0) "
            "FROM item_state AS s LEFT JOIN item_topics AS t ON t.item_id = s.item_id "
            "LEFT JOIN item_tallies AS k ON k.item_id = s.item_id "
            "LEFT JOIN suspensions AS p ON p.item_id = s.item_id GROUP BY topic",
            {
                "now": now_text,
                "today_end": today_end_text,
                "tomorrow_end": tomorrow_end_text,
                "mastery": mastery_days,
            },
        )
        return {row[0]: TopicCounts._make(row[1:]) for row in rows}

    def due_texts_before(self, end_text: str, topic_ids: Collection[str] | None) -> list[str]:
        """The stored due texts before `end_text` of the items of `topic_ids` (all topics
        for None, as last synced), suspended items left out."""
        where, args = ("", []) if topic_ids is None else _item_filter(topic_ids, "t.topic_id")
        rows = self._conn.execute(
            "SELECT s.due FROM item_state AS s JOIN item_topics AS t ON t.item_id = s.item_id "
            "WHERE s.due < ? AND s.item_id NOT IN (SELECT item_id FROM suspensions) "
            f"{where}",
            [end_text, *args],
        )
        return [row[0] for row in rows]


__all__ = ["REVIEW_STATE", "Rollups"]
