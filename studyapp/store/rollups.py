"""What a commit of one review writes besides its own row: the rollup triggers, in one place.

`store.reviews.record` (and `store.exams.submit`, per question) inserts a row into `reviews`
and, in the same commit, writes the item's new `item_state` row, drops its
`new_item_claims` row and suspends a leech (`studyapp.store.reviews.ReviewLog.append`).
These triggers, created by migration v6 from the text here, then keep four totals in that
same transaction, so reading them (`store.rollups`) never scans the log:
`review_quarter_hours` (reviews and time per UTC quarter hour), `item_tallies` (reviews,
recalls, time and the latest correctness per item), `wrong_answers` (times each wrong
answer was given) and `learned_days` (reviews and recalls of items already in Review state
per UTC day and topic). Deleting a review (undo) takes it back out of each.
`reviews_append_only` refuses any change to a counted column but the move of a renamed
item's reviews to its new id.
"""

from __future__ import annotations

from studyapp.store.aggregates import REVIEW_STATE


def quarter_hour(column: str) -> str:
    """SQL for the quarter hour a UTC text falls in, written as `to_utc_text` writes instants.

    Quarter hours because every time zone's offset is a multiple of 15 minutes, so a study
    day (04:00 to 04:00 local) is always a whole number of them.
    """
    return (
        f"substr({column}, 1, 14) || printf('%02d', CAST(substr({column}, 15, 2) AS INTEGER)"
        " / 15 * 15) || ':00.000000Z'"
    )


def topic_of(item_column: str) -> str:
    """SQL for an item's topic in `item_topics`, or '' for an item it does not name."""
    return f"coalesce((SELECT topic_id FROM item_topics WHERE item_id = {item_column}), '')"


#: No change to a counted column, except one: a review's `item_id` may move to the id its
#: item was renamed to, as `item_renames` records it (`store.renames`, which recounts the
#: item's totals in the same transaction), and `recorded_as` then keeps the id it was
#: recorded under, the first time it moves.
APPEND_ONLY_TRIGGER = """
    CREATE TRIGGER reviews_append_only BEFORE UPDATE OF item_id, reviewed_at, rating,
        correct, answer, duration_ms, prior_state, recorded_as ON reviews
        WHEN NOT (
            NEW.reviewed_at IS OLD.reviewed_at AND NEW.rating IS OLD.rating
            AND NEW.correct IS OLD.correct AND NEW.answer IS OLD.answer
            AND NEW.duration_ms IS OLD.duration_ms AND NEW.prior_state IS OLD.prior_state
            AND NEW.recorded_as IS coalesce(OLD.recorded_as, OLD.item_id)
            AND EXISTS (SELECT 1 FROM item_renames
                WHERE old_id = OLD.item_id AND new_id = NEW.item_id)
        ) BEGIN
        SELECT RAISE(ABORT, 'reviews are append-only');
    END
"""

_new_slot, _old_slot = quarter_hour("NEW.reviewed_at"), quarter_hour("OLD.reviewed_at")
_new_topic, _old_topic = topic_of("NEW.item_id"), topic_of("OLD.item_id")
_latest_correct = (
    "(SELECT correct FROM reviews WHERE item_id = OLD.item_id ORDER BY id DESC LIMIT 1)"
)

#: Adds a new review to the four totals.
ROLLUP_INSERT_TRIGGER = f"""
        CREATE TRIGGER reviews_rollup_insert AFTER INSERT ON reviews BEGIN
            INSERT INTO review_quarter_hours (starts_at, reviews, duration_ms)
                VALUES ({_new_slot}, 1, coalesce(NEW.duration_ms, 0))
                ON CONFLICT (starts_at) DO UPDATE SET reviews = reviews + 1,
                    duration_ms = duration_ms + excluded.duration_ms;
            INSERT INTO item_tallies (item_id, reviews, recalled, duration_ms, last_correct)
                VALUES (NEW.item_id, 1, NEW.rating > 1, coalesce(NEW.duration_ms, 0), NEW.correct)
                ON CONFLICT (item_id) DO UPDATE SET reviews = reviews + 1,
                    recalled = recalled + excluded.recalled,
                    duration_ms = duration_ms + excluded.duration_ms,
                    last_correct = excluded.last_correct;
            INSERT INTO wrong_answers (item_id, answer, times)
                SELECT NEW.item_id, NEW.answer, 1
                WHERE NEW.correct = 0 AND NEW.answer IS NOT NULL
                ON CONFLICT (item_id, answer) DO UPDATE SET times = times + 1;
            INSERT INTO learned_days (day, topic_id, reviews, recalled)
                SELECT substr(NEW.reviewed_at, 1, 10), {_new_topic}, 1, NEW.rating > 1
                WHERE NEW.prior_state = {REVIEW_STATE}
                ON CONFLICT (day, topic_id) DO UPDATE SET reviews = reviews + 1,
                    recalled = recalled + excluded.recalled;
        END
    """

#: Takes a deleted (undone) review back out of the four totals.
ROLLUP_DELETE_TRIGGER = f"""
        CREATE TRIGGER reviews_rollup_delete AFTER DELETE ON reviews BEGIN
            UPDATE review_quarter_hours SET reviews = reviews - 1,
                duration_ms = duration_ms - coalesce(OLD.duration_ms, 0)
                WHERE starts_at = {_old_slot};
            DELETE FROM review_quarter_hours WHERE starts_at = {_old_slot} AND reviews <= 0;
            UPDATE item_tallies SET reviews = reviews - 1, recalled = recalled - (OLD.rating > 1),
                duration_ms = duration_ms - coalesce(OLD.duration_ms, 0),
                last_correct = {_latest_correct}
                WHERE item_id = OLD.item_id;
            DELETE FROM item_tallies WHERE item_id = OLD.item_id AND reviews <= 0;
            UPDATE wrong_answers SET times = times - 1
                WHERE OLD.correct = 0 AND item_id = OLD.item_id AND answer = OLD.answer;
            DELETE FROM wrong_answers
                WHERE item_id = OLD.item_id AND answer = OLD.answer AND times <= 0;
            UPDATE learned_days SET reviews = reviews - 1, recalled = recalled - (OLD.rating > 1)
                WHERE OLD.prior_state = {REVIEW_STATE} AND day = substr(OLD.reviewed_at, 1, 10)
                    AND topic_id = {_old_topic};
            DELETE FROM learned_days
                WHERE day = substr(OLD.reviewed_at, 1, 10) AND topic_id = {_old_topic}
                    AND reviews <= 0;
        END
    """

#: Recount three of the totals from the whole log, as a scan of it gives them (after a merge
#: has added and renumbered reviews; `learned_days` is refiled by the log's replay).
RECOUNT_TOTALS = (
    "DELETE FROM review_quarter_hours",
    f"INSERT INTO review_quarter_hours SELECT {quarter_hour('reviewed_at')} AS slot, "
    "count(*), coalesce(sum(duration_ms), 0) FROM reviews GROUP BY slot",
    "DELETE FROM item_tallies",
    "INSERT INTO item_tallies SELECT item_id, count(*), sum(rating > 1), "
    "coalesce(sum(duration_ms), 0), "
    "(SELECT correct FROM reviews AS latest WHERE latest.item_id = r.item_id "
    "ORDER BY latest.id DESC LIMIT 1) FROM reviews AS r GROUP BY item_id",
    "DELETE FROM wrong_answers",
    "INSERT INTO wrong_answers SELECT item_id, answer, count(*) FROM reviews "
    "WHERE correct = 0 AND answer IS NOT NULL GROUP BY item_id, answer",
)

__all__ = [
    "APPEND_ONLY_TRIGGER",
    "RECOUNT_TOTALS",
    "ROLLUP_DELETE_TRIGGER",
    "ROLLUP_INSERT_TRIGGER",
    "quarter_hour",
    "topic_of",
]
