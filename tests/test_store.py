"""The progress store: schema, settings, refusing foreign files, replay equals state."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.clock import FixedClock
from studyapp.content import Deck
from studyapp.errors import StoreError
from studyapp.srs import Rating, StudyScheduler
from studyapp.store import SCHEMA_VERSION, Store
from studyapp.study import StudyContext
from tests.conftest import START
from tests.rollups import deck_of_topics, rollups_from_log, stored_rollups


def test_new_database_has_schema_and_wal(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "sub" / "progress.db")
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert set(store.db.table_names()) >= {"reviews", "item_state", "settings", "sessions"}
    store.close()
    reopened = Store.open(tmp_path / "sub" / "progress.db")
    assert reopened.schema_version == SCHEMA_VERSION
    reopened.close()


def test_settings_round_trip_and_validation(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = Store.open(path)
    assert store.settings.current().new_per_day == 20
    assert store.settings.current().desired_retention == 0.9
    store.settings.set("new_per_day", "35")
    store.settings.set("desired_retention", "0.85")
    with pytest.raises(StoreError, match="between"):
        store.settings.set("desired_retention", "1.5")
    with pytest.raises(StoreError, match="new_per_day: expected a whole number, got "):
        store.settings.set("new_per_day", "many")
    with pytest.raises(StoreError, match="unknown setting"):
        store.settings.set("colour", "red")
    store.close()
    again = Store.open(path)
    assert (again.settings.current().new_per_day, again.settings.current().desired_retention) == (
        35,
        0.85,
    )
    again.close()


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"my precious notes\n" * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(path)
    assert path.read_bytes() == b"my precious notes\n" * 100


def test_another_apps_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a studyapp database"):
        Store.open(path)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("invoices",)]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this studyapp"):
        Store.open(path)


def test_corrupt_database_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = Store.open(path)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page after the header
    path.write_bytes(bytes(raw))
    with pytest.raises(StoreError, match="corrupt"):
        Store.open(path)
    assert path.read_bytes() == bytes(raw)


def test_due_query_uses_the_index(store: Store) -> None:
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT item_id FROM item_state WHERE due <= ?", ("x",)
    ).fetchall()
    assert any("idx_item_state_due" in row[-1] for row in plan)
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM item_state WHERE first_review >= ?", ("x",)
    ).fetchall()
    assert any("idx_item_state_first_review" in row[-1] for row in plan)


# replay equals stored state --------------------------------------------------------------

steps = st.lists(
    st.tuples(
        st.sampled_from(["answer", "answer", "answer", "undo"]),
        st.integers(min_value=0, max_value=3),  # rating index / choice
        st.integers(min_value=0, max_value=60 * 24 * 20),  # minutes until the next step
    ),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps)
def test_replaying_the_log_gives_the_stored_state(
    small_deck: Deck, steps: list[tuple[str, int, int]]
) -> None:
    store = Store.open(None)
    clock = FixedClock(START)
    scheduler = StudyScheduler()
    context = StudyContext(small_deck, [], store, scheduler, clock)
    topic_of = {item_id: small_deck.topic_of[item_id] for item_id in small_deck.items}
    for mode in ("review", "quiz"):
        if mode == "quiz":  # reviews filed with no topic, then the rest with the deck's
            store.items.sync(small_deck)
        session = context.start(mode, count=50)
        for action, choice, minutes in steps:
            if action == "undo":
                session.undo()
            else:
                item = session.current()
                if item is None:
                    break
                if mode == "review":
                    session.rate(Rating(choice + 1))
                else:
                    from studyapp.study import choices_of, how_many_to_choose

                    options = len(choices_of(item))  # type: ignore[arg-type]
                    need = how_many_to_choose(item)  # type: ignore[arg-type]
                    session.answer([(choice + k) % options for k in range(need)])
            clock.advance(timedelta(minutes=minutes))
    replayed = scheduler.replay_log(store.reviews.all())
    assert replayed == store.reviews.states()
    # The totals the triggers keep equal a recount of the log, undos included.
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    # Moving every item to one topic refiles their learned reviews.
    store.items.sync(deck_of_topics(dict.fromkeys(topic_of, "moved")))
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    store.close()
