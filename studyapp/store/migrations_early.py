"""The schema's first seven versions (v1 to v7), in order: frozen history, kept apart from
the later ones (`studyapp.store.migrations`) only so each module stays readable.

Each step's name is recorded in `_sqlite_migrations` of every database it ran on: never
rename, reorder or edit one; a change to the schema is a new migration at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from studyapp.clock import from_utc_text
from studyapp.errors import StoreError
from studyapp.memory import ItemState
from studyapp.store.aggregates import REVIEW_STATE
from studyapp.store.rebuild import StepFor, replay_under_current_rules
from studyapp.store.rollups import ROLLUP_DELETE_TRIGGER, ROLLUP_INSERT_TRIGGER, quarter_hour

migrations = Migrations("studyapp")

#: The scheduler `apply_migrations` was given, for the migrations that replay the log.
_replay: ContextVar[StepFor | None] = ContextVar("studyapp_replay", default=None)

#: The log's guard as v6 wrote it: no change to a counted column (v13 lets a rename through).
APPEND_ONLY_TRIGGER_V6 = """
    CREATE TRIGGER reviews_append_only BEFORE UPDATE OF item_id, reviewed_at, rating,
        correct, answer, duration_ms, prior_state ON reviews BEGIN
        SELECT RAISE(ABORT, 'reviews are append-only');
    END
"""


@migrations()
def m001_initial(db: Database) -> None:
    """Settings, sessions, the append-only review log and the per-item state cache."""
    db.table("settings").create({"key": str, "value": str}, pk="key")
    db.table("sessions").create(
        {"id": str, "mode": str, "started_at": str, "scope": str},
        pk="id",
        not_null={"mode", "started_at"},
    )
    db.execute(
        """
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('card', 'question', 'scenario')),
            reviewed_at TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            correct INTEGER CHECK (correct IN (0, 1)),
            answer TEXT,
            duration_ms INTEGER,
            session_id TEXT REFERENCES sessions(id),
            content_hash TEXT
        )
        """
    )
    db.table("reviews").create_index(["item_id", "id"])
    db.table("reviews").create_index(["reviewed_at"])
    db.table("item_state").create(
        {
            "item_id": str,
            "kind": str,
            "state": int,
            "step": int,
            "stability": float,
            "difficulty": float,
            "due": str,
            "last_review": str,
            "first_review": str,
            "reps": int,
            "lapses": int,
        },
        pk="item_id",
        not_null={"kind", "state", "due", "first_review", "reps", "lapses"},
    )
    # Today's queue reads due items through `due` and counts new ones through `first_review`.
    db.table("item_state").create_index(["due"])
    db.table("item_state").create_index(["first_review"])


@migrations()
def m002_flags_and_search(db: Database) -> None:
    """Flags on items, a full-text index of content, a meta table, and a tally index on reviews."""
    db.execute(
        """
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL,
            flagged_at TEXT NOT NULL,
            comment TEXT,
            content_hash TEXT,
            resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
        )
        """
    )
    db.table("flags").create_index(["item_id"])
    # Covers the per-item tally of reviews and ratings that progress figures read (bench/bench_scale.py: the progress reports).
    db.table("reviews").create_index(["item_id", "rating"])
    # An INTEGER key keeps rowids stable across VACUUM, which the external-content index needs.
    db.table("search").create(
        {"id": int, "item_id": str, "kind": str, "topic_id": str, "title": str, "body": str},
        pk="id",
        not_null={"item_id", "kind", "topic_id", "title", "body"},
    )
    db.table("search").create_index(["item_id"], unique=True)
    db.table("search").enable_fts(["title", "body"], create_triggers=False, tokenize="porter")
    db.table("meta").create({"key": str, "value": str}, pk="key", not_null={"value"})


@migrations()
def m003_exams(db: Database) -> None:
    """Mock exams: the draw, the time used and the score, and each question's answer and flag."""
    db.execute(
        """
        CREATE TABLE exams (
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            time_limit_seconds INTEGER NOT NULL CHECK (time_limit_seconds > 0),
            question_ids TEXT NOT NULL,
            topic_ids TEXT,
            status TEXT NOT NULL DEFAULT 'in_progress'
                CHECK (status IN ('in_progress', 'submitted')),
            elapsed_ms INTEGER NOT NULL DEFAULT 0 CHECK (elapsed_ms >= 0),
            submitted_at TEXT,
            score_scaled INTEGER,
            correct INTEGER,
            total INTEGER
        )
        """
    )
    db.table("exams").create_index(["status", "started_at"])
    db.execute(
        """
        CREATE TABLE exam_answers (
            exam_id TEXT NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            chosen TEXT,
            flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
            PRIMARY KEY (exam_id, item_id)
        )
        """
    )


@migrations()
def m004_suspensions(db: Database) -> None:
    """Suspended items (leeches), each review's prior state, and an index of wrong answers."""
    db.execute(
        """
        CREATE TABLE suspensions (
            item_id TEXT PRIMARY KEY,
            suspended_at TEXT NOT NULL,
            reason TEXT NOT NULL
        )
        """
    )
    # True retention counts reviews of items already in Review state; older rows are replayed.
    db.execute("ALTER TABLE reviews ADD COLUMN prior_state INTEGER")
    _backfill_prior_states(db)
    # Confusions and the queue's confusion boost read only wrong answers.
    db.execute(
        "CREATE INDEX idx_reviews_wrong_answers ON reviews (item_id, answer) WHERE correct = 0"
    )


def _backfill_prior_states(db: Database) -> None:
    """Replay the log once to record the state each item was in before each review."""
    if not _has_reviews(db):
        return
    step = _step_for_replay()(None)
    states: dict[str, ItemState] = {}
    priors: list[tuple[int, int]] = []
    rows = db.execute("SELECT id, item_id, kind, reviewed_at, rating FROM reviews ORDER BY id")
    for review_id, item_id, kind, reviewed_at, rating in rows.fetchall():
        prior = states.get(item_id)
        priors.append((prior.state if prior else 0, review_id))
        states[item_id] = step(prior, item_id, kind, rating, from_utc_text(reviewed_at), item_id)
    db.conn.executemany("UPDATE reviews SET prior_state = ? WHERE id = ?", priors)


@migrations()
def m005_learned_review_index(db: Database) -> None:
    """A covering index for true retention: reviews of learned items, by time.

    Retention reads, per window, the reviews whose item was already in Review state; with
    this index that is a range scan of the index alone instead of a visit to every row
    (measured by bench/bench_scale.py at 1,000,000 reviews).
    """
    db.execute(
        "CREATE INDEX idx_reviews_learned ON reviews (prior_state, reviewed_at, item_id, rating)"
    )


@migrations()
def m006_review_rollups(db: Database) -> None:
    """Totals the statistics and the queue read, kept up to date by triggers on the log.

    At a year or two of daily study the log holds a million rows, and summing it on every
    stats screen or queue took seconds (bench/bench_scale.py). The triggers keep three small
    tables equal to what a scan of `reviews` would give, whichever code path writes or
    undoes a review; the log itself stays the truth.
    """
    db.execute(
        """
        CREATE TABLE review_quarter_hours (
            starts_at TEXT PRIMARY KEY,
            reviews INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE item_tallies (
            item_id TEXT PRIMARY KEY,
            reviews INTEGER NOT NULL,
            recalled INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            last_correct INTEGER
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE wrong_answers (
            item_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            times INTEGER NOT NULL,
            PRIMARY KEY (item_id, answer)
        ) WITHOUT ROWID
        """
    )
    # True retention per topic: the deck's item-to-topic map (kept by `store.items.sync`) and
    # each UTC day's reviews of learned items per topic ('' for items no deck has named).
    db.execute(
        "CREATE TABLE item_topics (item_id TEXT PRIMARY KEY, topic_id TEXT NOT NULL) WITHOUT ROWID"
    )
    db.execute(
        """
        CREATE TABLE learned_days (
            day TEXT NOT NULL,
            topic_id TEXT NOT NULL,
            reviews INTEGER NOT NULL,
            recalled INTEGER NOT NULL,
            PRIMARY KEY (day, topic_id)
        ) WITHOUT ROWID
        """
    )
    db.execute(ROLLUP_INSERT_TRIGGER)
    db.execute(ROLLUP_DELETE_TRIGGER)
    # The log is append-only; a change to a counted column would leave the totals wrong.
    db.execute(APPEND_ONLY_TRIGGER_V6)
    db.execute(
        f"INSERT INTO review_quarter_hours SELECT {quarter_hour('reviewed_at')} AS slot, "
        "count(*), coalesce(sum(duration_ms), 0) FROM reviews GROUP BY slot"
    )
    db.execute(
        "INSERT INTO item_tallies SELECT item_id, count(*), sum(rating > 1), "
        "coalesce(sum(duration_ms), 0), "
        "(SELECT correct FROM reviews AS latest WHERE latest.item_id = r.item_id "
        "ORDER BY latest.id DESC LIMIT 1) FROM reviews AS r GROUP BY item_id"
    )
    db.execute(
        "INSERT INTO wrong_answers SELECT item_id, answer, count(*) FROM reviews "
        "WHERE correct = 0 AND answer IS NOT NULL GROUP BY item_id, answer"
    )
    # No deck has named topics yet: `store.items.sync` refiles these on its first run.
    db.execute(
        "INSERT INTO learned_days SELECT substr(reviewed_at, 1, 10) AS day, '', count(*), "
        f"sum(rating > 1) FROM reviews WHERE prior_state = {REVIEW_STATE} GROUP BY day"
    )


@migrations()
def m007_study_days(db: Database) -> None:
    """Scheduling on study days, as Anki does: every item's state rebuilt by replaying the log.

    Until v6, FSRS saw elapsed time in whole 24-hour periods and a review was due at an exact
    timestamp; from v7 it sees study days (04:00 rollovers) and day-long intervals fall due
    at a study day's start. Replaying the log under the new rules keeps every review and
    gives the states (and each review's `prior_state`) the new scheduler would have written.
    """
    db.execute("ALTER TABLE item_state ADD COLUMN scheduled_days INTEGER NOT NULL DEFAULT 0")
    if _has_reviews(db):
        replay_under_current_rules(db, _step_for_replay())


def _has_reviews(db: Database) -> bool:
    return db.execute("SELECT 1 FROM reviews LIMIT 1").fetchone() is not None


def _step_for_replay() -> StepFor:
    step_for = _replay.get()
    if step_for is None:
        raise StoreError(
            "upgrading this database replays its review log, which needs the scheduler; "
            "open it with studyapp.srs.replay.open_store"
        )
    return step_for


@contextmanager
def replaying_with(step_for: StepFor | None) -> Iterator[None]:
    """Within: the migrations that replay the log use `step_for` (tests apply some by hand)."""
    token = _replay.set(step_for)
    try:
        yield
    finally:
        _replay.reset(token)


__all__ = ["migrations", "replaying_with"]
