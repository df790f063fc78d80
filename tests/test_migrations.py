"""Schema migrations: older databases reach the current version with every review and state kept."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from studyapp.clock import to_utc_text
from studyapp.errors import StoreError
from studyapp.srs import Rating, StudyScheduler
from studyapp.srs.replay import open_store, step_for
from studyapp.store import SCHEMA_VERSION, ExamRecord, ItemState, ReviewRecord
from studyapp.store.migrations import migrations, replaying_with
from studyapp.store.schema import KNOWN_TABLES
from tests.conftest import START
from tests.rollups import rollups_from_log, stored_rollups

V1_REVIEWS = [
    ("c1", "card", 0, Rating.GOOD),
    ("c2", "card", 1, Rating.AGAIN),
    ("q1", "question", 2, Rating.GOOD),
    ("c1", "card", 60 * 24 * 3, Rating.EASY),
]


def _v1_reviews() -> list[ReviewRecord]:
    return [
        ReviewRecord(
            item_id=item_id,
            kind=kind,
            reviewed_at=START + timedelta(minutes=minutes),
            rating=int(rating),
            correct=(rating > 1) if kind == "question" else None,
            answer=json.dumps(["Right"]) if kind == "question" else None,
            duration_ms=4000,
            session_id="s-v1",
            content_hash="abcd1234abcd1234",
            id=number,
        )
        for number, (item_id, kind, minutes, rating) in enumerate(V1_REVIEWS, start=1)
    ]


def _state_row(state: ItemState) -> dict[str, object]:
    """A state as versions 1 to 6 stored it (no `scheduled_days` column yet)."""
    row = dict(vars(state))
    del row["scheduled_days"]
    row["due"] = to_utc_text(state.due)
    row["last_review"] = to_utc_text(state.last_review) if state.last_review else None
    row["first_review"] = to_utc_text(state.first_review)
    return row


def _review_row(review: ReviewRecord) -> dict[str, object]:
    """A review as versions 1 to 10 stored it (no `uid` or `recorded_as` column yet)."""
    row = {**vars(review), "reviewed_at": to_utc_text(review.reviewed_at)}
    del row["uid"], row["recorded_as"]
    return row


def write_v1_database(path: Path) -> tuple[list[ReviewRecord], dict[str, ItemState]]:
    """A version-1 progress file with a session, four reviews, their states and a setting."""
    reviews = _v1_reviews()
    states = StudyScheduler().replay_log(reviews)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m002_flags_and_search")
    db.execute("PRAGMA user_version = 1")
    with db.atomic():
        db.table("sessions").insert(
            {"id": "s-v1", "mode": "review", "started_at": to_utc_text(START), "scope": None}
        )
        db.table("reviews").insert_all(_review_row(review) for review in reviews)
        db.table("item_state").insert_all(_state_row(state) for state in states.values())
        db.table("settings").insert({"key": "new_per_day", "value": "7"})
    conn.close()
    return reviews, states


def _schema(conn: sqlite3.Connection) -> set[tuple[str, str, str | None]]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master")
    return {(kind, name, " ".join((sql or "").split())) for kind, name, sql in rows}


def test_schema_version_counts_the_migrations() -> None:
    names = [migration.name for migration in migrations._migrations]
    assert names == [
        "m001_initial",
        "m002_flags_and_search",
        "m003_exams",
        "m004_suspensions",
        "m005_learned_review_index",
        "m006_review_rollups",
        "m007_study_days",
        "m008_new_item_claims",
        "m009_scenarios_mode",
        "m010_exam_guides",
        "m011_review_uids_and_bookmarks",
        "m012_items_and_views",
        "m013_item_renames",
    ]
    assert SCHEMA_VERSION == 13


def test_the_v1_fixture_really_is_version_1(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    write_v1_database(path)
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "flags" not in tables and "search" not in tables and "meta" not in tables
    conn.close()


def test_v1_database_migrates_keeping_reviews_states_and_settings(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    reviews, states = write_v1_database(path)
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert list(store.reviews.all()) == reviews
    assert store.reviews.states() == states
    assert store.settings.current().new_per_day == 7
    assert {"flags", "search", "search_fts", "meta"} <= set(store.db.table_names())
    applied = [m.name for m in migrations.applied(store.db)]
    assert applied == [
        "m001_initial",
        "m002_flags_and_search",
        "m003_exams",
        "m004_suspensions",
        "m005_learned_review_index",
        "m006_review_rollups",
        "m007_study_days",
        "m008_new_item_claims",
        "m009_scenarios_mode",
        "m010_exam_guides",
        "m011_review_uids_and_bookmarks",
        "m012_items_and_views",
        "m013_item_renames",
    ]
    flag_id = store.flags.add("c1", START, "typo", None)
    assert [flag.id for flag in store.flags.records()] == [flag_id]
    store.close()


def test_migrated_database_has_the_same_schema_as_a_fresh_one(tmp_path: Path) -> None:
    write_v1_database(tmp_path / "old.db")
    open_store(tmp_path / "old.db").close()
    open_store(tmp_path / "fresh.db").close()
    old = sqlite3.connect(tmp_path / "old.db")
    fresh = sqlite3.connect(tmp_path / "fresh.db")
    assert _schema(old) == _schema(fresh)
    old.close()
    fresh.close()


def test_every_table_of_a_fresh_database_is_known(tmp_path: Path) -> None:
    store = open_store(tmp_path / "p.db")
    assert set(store.db.table_names()) <= KNOWN_TABLES
    store.close()


def test_reopening_a_migrated_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    reviews, states = write_v1_database(path)
    open_store(path).close()
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert len(migrations.applied(store.db)) == SCHEMA_VERSION
    assert (list(store.reviews.all()), store.reviews.states()) == (reviews, states)
    store.close()


def test_a_database_newer_than_this_studyapp_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match=rf"schema version {SCHEMA_VERSION + 1}, newer than"):
        open_store(path)


def write_v2_database(path: Path) -> tuple[list[ReviewRecord], dict[str, ItemState]]:
    """A version-2 progress file: the version-1 data plus a flag, before exams existed."""
    reviews, states = write_v1_database(path)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m003_exams")
    db.execute("PRAGMA user_version = 2")
    with db.atomic():
        db.table("flags").insert(
            {"item_id": "q1", "flagged_at": to_utc_text(START), "comment": "unclear"}
        )
    conn.close()
    return reviews, states


def test_v2_database_migrates_to_v3_keeping_reviews_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    reviews, states = write_v2_database(path)
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "flags" in tables and "exams" not in tables
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert list(store.reviews.all()) == reviews
    assert store.reviews.states() == states
    assert [flag.comment for flag in store.flags.records()] == ["unclear"]
    assert {"exams", "exam_answers"} <= set(store.db.table_names())
    exam = ExamRecord("exam-1", START, 3600, ("q1", "c1"), None)
    store.exams.create(exam)
    store.exams.save_answer("exam-1", "q1", [0], 1500)
    assert store.exams.unfinished() == replace(exam, elapsed_ms=1500)
    assert [answer.chosen for answer in store.exams.answers("exam-1")] == [(0,), None]
    store.close()


def write_v3_database(path: Path) -> tuple[list[ReviewRecord], dict[str, ItemState]]:
    """A version-3 progress file: the version-2 data plus an unfinished exam, before leeches."""
    reviews, states = write_v2_database(path)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m004_suspensions")
    db.execute("PRAGMA user_version = 3")
    with conn:
        conn.execute(
            "INSERT INTO sessions (id, mode, started_at) VALUES ('exam-3', 'exam', ?)",
            (to_utc_text(START),),
        )
        conn.execute(
            "INSERT INTO exams (id, started_at, time_limit_seconds, question_ids) "
            "VALUES ('exam-3', ?, 3600, '[\"q1\"]')",
            (to_utc_text(START),),
        )
        conn.execute(
            "INSERT INTO exam_answers (exam_id, item_id, position) VALUES ('exam-3', 'q1', 1)"
        )
    conn.close()
    return reviews, states


def test_v3_database_migrates_to_v4_keeping_data_and_replaying_prior_states(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v3.db"
    reviews, states = write_v3_database(path)
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "exams" in tables and "suspensions" not in tables
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert list(store.reviews.all()) == reviews
    assert store.reviews.states() == states
    assert [flag.comment for flag in store.flags.records()] == ["unclear"]
    assert [exam.id for exam in store.exams.records()] == ["exam-3"]
    assert store.flags.suspended() == []
    # Replayed: three first reviews (0: new), then c1 again, still in its learning steps (1).
    priors = [row[0] for row in store.conn.execute("SELECT prior_state FROM reviews ORDER BY id")]
    assert priors == [0, 0, 0, 1]
    store.close()


def write_v5_database(path: Path) -> None:
    """A version-5 progress file: the version-3 data plus a question answered wrong the same
    way twice, before the rollup tables existed."""
    write_v3_database(path)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m006_review_rollups")
    db.execute("PRAGMA user_version = 5")
    with conn:
        for minutes in (10, 25):
            conn.execute(
                "INSERT INTO reviews (item_id, kind, reviewed_at, rating, correct, answer, "
                "duration_ms, prior_state) VALUES ('q1', 'question', ?, 1, 0, '[\"Wrong\"]', "
                "7000, 2)",
                (to_utc_text(START + timedelta(days=5, minutes=minutes)),),
            )
    conn.close()


def test_v5_database_migrates_to_v6_with_rollups_equal_to_the_log(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    write_v5_database(path)
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    assert store.rollups.confused_item_ids(2) == {"q1"}
    assert {t.item_id: t.times for t in store.rollups.wrong_answer_tallies()} == {"q1": 2}
    # The two wrong answers 15 minutes apart fall in two quarter hours.
    day = START + timedelta(days=5)
    ranges = [(to_utc_text(day), to_utc_text(day + timedelta(minutes=15))), ("", "~")]
    assert store.rollups.review_totals_in(ranges) == [(1, 7000), (6, 4 * 4000 + 2 * 7000)]
    store.close()


def test_the_review_log_refuses_edits_to_what_the_rollups_count(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    write_v5_database(path)
    store = open_store(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE reviews SET rating = 4")
    store.close()


def write_v7_database(path: Path) -> None:
    """A version-7 progress file: the version-5 data on study days, before new-item claims."""
    write_v5_database(path)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m008_new_item_claims")
    db.execute("PRAGMA user_version = 7")
    conn.close()


def test_v7_database_migrates_to_v8_keeping_every_row(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    write_v7_database(path)
    conn = sqlite3.connect(path)
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert "new_item_claims" not in names
    # The columns each table had then (later versions add some, such as exams.guide_id).
    columns = {
        name: ", ".join(f"[{row[1]}]" for row in conn.execute(f"PRAGMA table_info([{name}])"))
        for name in names
    }
    rows_before = {
        name: sorted(map(repr, conn.execute(f"SELECT {columns[name]} FROM [{name}]")))
        for name in names
    }
    conn.close()
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    for name, rows in rows_before.items():
        selected = columns[name]
        after = sorted(map(repr, store.conn.execute(f"SELECT {selected} FROM [{name}]")))
        if name == "_sqlite_migrations":
            assert set(rows) < set(after)
        else:
            assert after == rows, name
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    assert store.reviews.claims() == {}
    assert store.reviews.claim_new_item(
        "c9", "s-v8", START + timedelta(days=6), START + timedelta(days=6), kind="card"
    )
    assert store.reviews.claims() == {"c9": "s-v8"}
    store.close()


def write_v8_database(path: Path) -> None:
    """A version-8 progress file: the version-7 data plus a scenario drill stored as `drill`."""
    write_v7_database(path)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m009_scenarios_mode")
    db.execute("PRAGMA user_version = 8")
    with conn:
        conn.execute(
            "INSERT INTO sessions (id, mode, started_at) VALUES ('s-drill', 'drill', ?)",
            (to_utc_text(START + timedelta(days=6)),),
        )
    conn.close()


def test_v8_database_migrates_to_v9_naming_drills_scenarios(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    write_v8_database(path)
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    modes = dict(store.conn.execute("SELECT id, mode FROM sessions").fetchall())
    assert modes == {"s-v1": "review", "exam-3": "exam", "s-drill": "scenarios"}
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    store.close()


def write_v9_database(path: Path) -> None:
    """A version-9 progress file: the version-8 data plus a submitted topic exam."""
    write_v8_database(path)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m010_exam_guides")
    db.execute("PRAGMA user_version = 9")
    with conn:
        conn.execute(
            "UPDATE exams SET status = 'submitted', submitted_at = started_at, "
            "score_scaled = 1000, correct = 1, total = 1 WHERE id = 'exam-3'"
        )
    conn.close()


def test_v9_database_migrates_to_v10_with_its_exams_unguided_and_all_scored(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v9.db"
    write_v9_database(path)
    conn = sqlite3.connect(path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(exams)")}
    conn.close()
    assert "guide_id" not in columns and "unscored_ids" not in columns
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    (old,) = store.exams.records()
    assert (old.id, old.guide_id, old.unscored_ids, old.score_scaled) == ("exam-3", None, (), 1000)
    guided = ExamRecord(
        "exam-10", START, 7800, ("q1", "c1"), None, guide_id="dva-c02", unscored_ids=("c1",)
    )
    store.exams.create(guided)
    assert store.exams.get("exam-10") == guided
    store.close()


def write_v10_database(path: Path) -> None:
    """A version-10 progress file: the version-9 data with its item-to-topic map as a table
    (the learned reviews filed under it, as v10's topic sync left them), plus two identical
    reviews (a frozen clock writes such rows), before reviews had uids."""
    write_v9_database(path)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m011_review_uids_and_bookmarks")
    db.execute("PRAGMA user_version = 10")
    with conn:
        conn.executemany(
            "INSERT INTO item_topics VALUES (?, ?)",
            [("c1", "demo"), ("c2", "demo"), ("q1", "other")],
        )
        conn.execute("INSERT INTO meta VALUES ('item_topics.digest', 'v10-digest')")
        conn.execute("DELETE FROM learned_days")
        conn.execute(
            "INSERT INTO learned_days SELECT substr(r.reviewed_at, 1, 10) AS day, "
            "coalesce(t.topic_id, '') AS topic, count(*), sum(r.rating > 1) "
            "FROM reviews AS r LEFT JOIN item_topics AS t ON t.item_id = r.item_id "
            "WHERE r.prior_state = 2 GROUP BY day, topic"
        )
        for _ in range(2):
            conn.execute(
                "INSERT INTO reviews (item_id, kind, reviewed_at, rating, prior_state) "
                "VALUES ('c2', 'card', ?, 3, 1)",
                (to_utc_text(START + timedelta(days=7)),),
            )
    conn.close()


def _uids(path: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, uid FROM reviews ORDER BY id").fetchall()
    finally:
        conn.close()


def test_v10_database_migrates_giving_each_review_a_uid_from_its_content(
    tmp_path: Path,
) -> None:
    write_v10_database(tmp_path / "laptop.db")
    shutil.copyfile(tmp_path / "laptop.db", tmp_path / "phone.db")
    open_store(tmp_path / "laptop.db").close()
    store = open_store(tmp_path / "phone.db")
    assert store.schema_version == SCHEMA_VERSION
    # Two devices upgrading copies of one old file agree on every old review's uid.
    laptop, phone = _uids(tmp_path / "laptop.db"), _uids(tmp_path / "phone.db")
    assert laptop == phone
    assert len({uid for _id, uid in phone}) == len(phone) == 8  # the identical two differ
    assert all(uuid.UUID(uid).version == 5 for _id, uid in phone)
    saved, _ = store.reviews.record(
        ReviewRecord("c3", "card", START + timedelta(days=8), 3),
        lambda prior: StudyScheduler().next_state(prior, "c3", "card", Rating.GOOD, START),
    )
    assert saved.uid is not None and uuid.UUID(saved.uid).version == 4
    with pytest.raises(sqlite3.IntegrityError, match="uid never changes"), store.write():
        store.conn.execute("UPDATE reviews SET uid = 'x' WHERE id = 1")
    # A row written by hand, without a uid, gets a random one at once.
    with store.write():
        store.conn.execute(
            "INSERT INTO reviews (item_id, kind, reviewed_at, rating) VALUES ('c3', 'card', ?, 3)",
            (to_utc_text(START + timedelta(days=9)),),
        )
    newest = store.conn.execute("SELECT uid FROM reviews ORDER BY id DESC LIMIT 1").fetchone()
    assert uuid.UUID(newest[0]).version == 4
    assert store.bookmarks.add("c1", START) and store.bookmarks.item_ids() == {"c1"}
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    store.close()


def test_v10_database_migrates_to_v12_with_items_in_place_of_item_topics(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v10.db"
    write_v10_database(path)
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    kinds = dict(store.conn.execute("SELECT name, type FROM sqlite_master"))
    assert kinds["items"] == "table" and kinds["item_topics"] == "view"
    assert {"review_log", "item_progress", "exam_results"} <= {
        name for name, kind in kinds.items() if kind == "view"
    }
    # Every item keeps its topic; kind, title and source wait for the deck.
    items = store.conn.execute("SELECT * FROM items ORDER BY item_id").fetchall()
    assert items == [
        ("c1", "demo", None, None, None),
        ("c2", "demo", None, None, None),
        ("q1", "other", None, None, None),
    ]
    assert (
        store.conn.execute("SELECT * FROM meta WHERE key = 'item_topics.digest'").fetchall() == []
    )
    # The triggers read the map through the view: a new learned review files under q1's topic.
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    with store.conn:
        store.conn.execute(
            "INSERT INTO reviews (item_id, kind, reviewed_at, rating, correct, prior_state) "
            "VALUES ('q1', 'question', ?, 3, 1, 2)",
            (to_utc_text(START + timedelta(days=9)),),
        )
    assert ("2026-03-11", "other", 1, 1) in stored_rollups(store.conn)["learned_days"]
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    # The views read the migrated log by name; no time zone is recorded yet.
    log = store.conn.execute(
        "SELECT item_id, topic_id, rating, state_before, study_day FROM review_log "
        "ORDER BY review_id"
    ).fetchall()
    assert log[0] == ("c1", "demo", "Good", "New", None)
    assert [row[:3] for row in log[-1:]] == [("q1", "other", "Good")]
    assert [row[0] for row in store.conn.execute("SELECT exam_id FROM exam_results")] == ["exam-3"]
    store.close()


def write_v12_database(path: Path) -> None:
    """A version-12 progress file: the version-10 data upgraded, before the log of renames."""
    write_v10_database(path)
    conn = sqlite3.connect(path)
    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m013_item_renames")
    db.execute("PRAGMA user_version = 12")
    conn.close()


def test_v12_database_migrates_to_v13_whose_log_moves_a_review_only_by_a_logged_rename(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v12.db"
    write_v12_database(path)
    before = _uids(path)
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.renames.log() == [] and _uids(path) == before
    refused = pytest.raises(sqlite3.IntegrityError, match="append-only")
    with refused, store.write():
        store.conn.execute("UPDATE reviews SET item_id = 'c9' WHERE item_id = 'c1'")
    with store.write():
        store.conn.execute("INSERT INTO item_renames VALUES ('c1', 'c9', '2026-04-01')")
    # Logged, the move must still keep the id each review was recorded under (its fuzz's).
    with refused, store.write():
        store.conn.execute("UPDATE reviews SET item_id = 'c9' WHERE item_id = 'c1'")
    with store.write():
        store.conn.execute(
            "UPDATE reviews SET item_id = 'c9', recorded_as = 'c1' WHERE item_id = 'c1'"
        )
    moved = [r for r in store.reviews.all() if r.item_id == "c9"]
    assert len(moved) == 2 and {r.recorded_as for r in moved} == {"c1"}
    changes = (
        "item_id = 'c1'",
        "rating = 4",
        "prior_state = 0",
        "item_id = 'c1', rating = 1",
        "recorded_as = 'c2'",
        "recorded_as = NULL",
    )
    for change in changes:
        with refused, store.write():
            store.conn.execute(f"UPDATE reviews SET {change} WHERE item_id = 'c9'")
    store.close()
