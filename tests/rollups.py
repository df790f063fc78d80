"""The rollup tables recomputed from the review log in plain Python, to check the triggers."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping
from typing import Any

from studyapp.clock import from_utc_text, to_utc_text
from studyapp.content import Card, Deck


def deck_of_topics(topic_of: Mapping[str, str]) -> Deck:
    """A deck of one card per item id, in the topic `topic_of` gives it (for the topic map)."""
    items = {item_id: Card(item_id, item_id, "back", "https://example.com") for item_id in topic_of}
    return Deck(items=dict(items), topic_of=dict(topic_of))


def rollups_from_log(conn: sqlite3.Connection) -> dict[str, set[tuple[Any, ...]]]:
    """What the rollup tables should hold, given the stored item-to-topic map."""
    reviews = conn.execute(
        "SELECT id, item_id, reviewed_at, rating, correct, answer, duration_ms, prior_state "
        "FROM reviews "
        "ORDER BY id"
    ).fetchall()
    topic_of = dict(conn.execute("SELECT item_id, topic_id FROM item_topics"))
    learned: dict[tuple[str, str], list[int]] = {}
    slots: dict[str, list[int]] = {}
    tallies: dict[str, list[Any]] = {}
    wrong: Counter[tuple[str, str]] = Counter()
    for _id, item_id, reviewed_at, rating, correct, answer, duration_ms, prior in reviews:
        at = from_utc_text(reviewed_at)
        slot = to_utc_text(at.replace(minute=at.minute // 15 * 15, second=0, microsecond=0))
        totals = slots.setdefault(slot, [0, 0])
        totals[0] += 1
        totals[1] += duration_ms or 0
        tally = tallies.setdefault(item_id, [0, 0, 0, None])
        tally[0] += 1
        tally[1] += rating > 1
        tally[2] += duration_ms or 0
        tally[3] = correct  # the latest, as reviews come in id order
        if correct == 0 and answer is not None:
            wrong[item_id, answer] += 1
        if prior == 2:  # the item was already learned
            day = learned.setdefault((reviewed_at[:10], topic_of.get(item_id, "")), [0, 0])
            day[0] += 1
            day[1] += rating > 1
    return {
        "review_quarter_hours": {(slot, n, ms) for slot, (n, ms) in slots.items()},
        "item_tallies": {(item_id, *tally) for item_id, tally in tallies.items()},
        "wrong_answers": {(item_id, answer, n) for (item_id, answer), n in wrong.items()},
        "learned_days": {(day, topic, n, ok) for (day, topic), (n, ok) in learned.items()},
    }


def stored_rollups(conn: sqlite3.Connection) -> dict[str, set[tuple[Any, ...]]]:
    """What the triggers have written."""
    return {
        table: set(conn.execute(f"SELECT * FROM {table}"))
        for table in ("review_quarter_hours", "item_tallies", "wrong_answers", "learned_days")
    }
