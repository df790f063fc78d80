"""Every schema change, in order; `PRAGMA user_version` mirrors how many have been applied.

Versions 1 to 7 are in `studyapp.store.migrations_early`; the steps here follow them on the
same `Migrations` list. Each step's name is recorded in the database it ran on.
"""

from __future__ import annotations

from sqlite_utils import Database

from studyapp.errors import StoreError
from studyapp.store.identity import UID_FIXED_TRIGGER, UID_ON_INSERT_TRIGGER, add_content_uids
from studyapp.store.items import create_items_table
from studyapp.store.migrations_early import migrations, replaying_with
from studyapp.store.rebuild import StepFor
from studyapp.store.renames import RENAMES_TABLE
from studyapp.store.rollups import APPEND_ONLY_TRIGGER
from studyapp.store.schema import SCHEMA_VERSION
from studyapp.store.views import OFFSETS_TABLE, create_views, drop_views


@migrations()
def m008_new_item_claims(db: Database) -> None:
    """New items a window is showing and has not answered yet, one row each.

    Each claim takes one of the day's new-item slots, counted in the same write
    transaction that adds it, so windows sharing the file never show more new items
    between them than `new_per_day`. Answering an item deletes its claim; a closed
    window's claims lapse (see `CLAIM_TIMEOUT`).
    """
    db.execute(
        """
        CREATE TABLE new_item_claims (
            item_id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            claimed_at TEXT NOT NULL
        ) WITHOUT ROWID
        """
    )


@migrations()
def m009_scenarios_mode(db: Database) -> None:
    """Scenario-drill sessions take the command's name, `scenarios`; until v8 they said `drill`."""
    db.execute("UPDATE sessions SET mode = 'scenarios' WHERE mode = 'drill'")


@migrations()
def m010_exam_guides(db: Database) -> None:
    """An exam drawn by an exam guide names it, and keeps which questions are unscored (a JSON
    list; NULL for none, as every exam before v10 was a topic exam with all of them scored)."""
    db.execute("ALTER TABLE exams ADD COLUMN guide_id TEXT")
    db.execute("ALTER TABLE exams ADD COLUMN unscored_ids TEXT")


@migrations()
def m011_review_uids_and_bookmarks(db: Database) -> None:
    """Every review gets a uid two devices agree on (`studyapp merge` joins logs by it: see
    `studyapp.store.identity`), and items can be bookmarked."""
    db.execute("ALTER TABLE reviews ADD COLUMN uid TEXT")
    db.execute("CREATE UNIQUE INDEX idx_reviews_uid ON reviews (uid)")
    add_content_uids(db.conn)
    db.execute(UID_ON_INSERT_TRIGGER)
    db.execute(UID_FIXED_TRIGGER)
    # A rowid table, as `db recover` reads tables it copies range by range of rowids.
    db.execute("CREATE TABLE bookmarks (item_id TEXT PRIMARY KEY, bookmarked_at TEXT NOT NULL)")


@migrations()
def m012_items_and_views(db: Database) -> None:
    """The deck's items by name (`items`, in place of the table `item_topics`, now a view of
    it) and the learner's UTC offsets, so the views of `store.views` read by name and date."""
    create_items_table(db.conn)
    db.execute(OFFSETS_TABLE)


@migrations()
def m013_item_renames(db: Database) -> None:
    """Renamed items (`renamed_from`): a log of each old id and the id its history moved to,
    the id a moved review was recorded under (its fuzz was drawn for it), and the log's
    guard letting exactly such a move change a review's `item_id`."""
    db.execute(RENAMES_TABLE)
    db.execute("ALTER TABLE reviews ADD COLUMN recorded_as TEXT")
    db.execute("DROP TRIGGER IF EXISTS reviews_append_only")
    db.execute(APPEND_ONLY_TRIGGER)


if len(migrations._migrations) != SCHEMA_VERSION:
    raise RuntimeError("studyapp.store.schema.SCHEMA_VERSION must equal the number of migrations")


def apply_migrations(db: Database, step_for: StepFor | None = None) -> None:
    """Bring the schema up to date; refuse a database this version does not understand.

    `step_for` replays the review log where a migration rebuilds state from it (v4, v7);
    a database with no reviews needs none.
    """
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database has schema version {current}, newer than this studyapp "
            f"understands ({SCHEMA_VERSION}); upgrade studyapp"
        )
    if current == 0 and db.table_names():
        raise StoreError("an SQLite database, but not a studyapp database; left untouched")
    # The readable views are made from the current SQL after the upgrade (`store.views`).
    drop_views(db.conn)
    with replaying_with(step_for):
        migrations.apply(db)
    create_views(db.conn)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


__all__ = ["apply_migrations", "migrations", "replaying_with"]
