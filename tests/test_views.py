"""The database explains itself: the deck's items by name, views with names and local study
days, and Datasette metadata that describes every table, view and column."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from studyapp.clock import FixedClock, study_day, to_utc_text
from studyapp.content import load_deck_or_raise
from studyapp.content.cache import load_deck_cached
from studyapp.srs import Rating
from studyapp.srs.anki import Phase
from studyapp.store import Store
from studyapp.store.views import (
    RATING_NAMES,
    STATE_NAMES,
    VIEWS,
    local_time,
    record_time_zone,
    utc_offsets,
)
from studyapp.store.views import study_day as study_day_sql
from studyapp.study import StudyContext
from tests.conftest import SMALL_DECK, START
from tests.rollups import rollups_from_log, stored_rollups

ROOT = Path(__file__).parent.parent
METADATA_PATH = ROOT / "data" / "datasette.yaml"
BERLIN = ZoneInfo("Europe/Berlin")


def _open(content: Path, db: Path, clock: FixedClock, *, read_only: bool = False) -> StudyContext:
    return StudyContext.open([content], db, clock, None, read_only=read_only)


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def test_rating_and_state_names_are_the_schedulers() -> None:
    assert {int(r): r.name.title() for r in Rating} == RATING_NAMES
    assert {k: v for k, v in STATE_NAMES.items() if k} == {int(p): p.name.title() for p in Phase}
    assert STATE_NAMES[0] == "New"


# the review log by name ----------------------------------------------------------------


def _study_a_little(context: StudyContext, clock: FixedClock, q1_choice: int = 0) -> None:
    """A review session (the first card Again, the next Easy), then a quiz of q1 alone,
    answered with the authored option `q1_choice` (0 is right)."""
    review = context.start("review")
    for rating in (Rating.AGAIN, Rating.EASY):
        assert review.current() is not None
        clock.advance(timedelta(seconds=7))
        review.rate(rating)
    review.end()
    quiz = context.start("quiz", count=1)
    assert quiz.current() is not None and quiz.current().id == "q1"  # type: ignore[union-attr]
    clock.advance(timedelta(seconds=12))
    quiz.answer([q1_choice])
    quiz.end()


def test_review_log_names_the_rating_state_item_topic_and_mode(
    tmp_path: Path, small_deck_dir: Path
) -> None:
    clock = FixedClock(START, BERLIN)
    context = _open(small_deck_dir, tmp_path / "p.db", clock)
    _study_a_little(context, clock)
    log = _rows(context.store.conn, "SELECT * FROM review_log ORDER BY review_id")
    context.close()
    picked = [(r["item_id"], r["rating"], r["state_before"], r["mode"]) for r in log]
    assert picked[0] == ("c1", "Again", "New", "review")
    assert ("c2", "Easy", "New", "review") in picked
    assert picked[-1] == ("q1", "Good", "New", "quiz")
    q1 = log[-1]
    assert (q1["title"], q1["topic_id"], q1["kind"], q1["correct"]) == (
        "Pick the right one.",
        "demo",
        "question",
        1,
    )
    assert q1["answer"] == '["Right"]' and q1["seconds"] == 12.0
    # START is 10:00 UTC, 11:00 in Berlin in March (winter time).
    assert log[0]["local_time"] == "2026-03-02 11:00:07"
    assert {r["study_day"] for r in log} == {"2026-03-02"}


def test_item_progress_lists_every_item_with_its_state_by_name(
    tmp_path: Path, small_deck_dir: Path
) -> None:
    clock = FixedClock(START)
    context = _open(small_deck_dir, tmp_path / "p.db", clock)
    _study_a_little(context, clock)
    progress = {r["item_id"]: r for r in _rows(context.store.conn, "SELECT * FROM item_progress")}
    states = context.store.reviews.states()
    context.close()
    assert set(progress) == {"c1", "c2", "c3", "q1", "q2", "s1"}
    for item_id, row in progress.items():
        state = states.get(item_id)
        assert row["state"] == (STATE_NAMES[state.state] if state else "New")
        assert row["reps"] == (state.reps if state else 0)
        assert row["in_deck"] == 1 and row["suspended"] == 0
        if state is not None:
            assert row["due_day"] == study_day(state.due, UTC).isoformat()
    assert progress["c1"]["state"] == "Learning" and progress["c2"]["state"] == "Review"
    assert progress["c3"]["title"] == "Front three" and progress["c3"]["due"] is None


def test_exam_results_show_each_submitted_exam(tmp_path: Path, small_deck_dir: Path) -> None:
    clock = FixedClock(START)
    context = _open(small_deck_dir, tmp_path / "p.db", clock)
    exam = context.start_exam(question_count=2, minutes=10, rng=random.Random(3))
    clock.advance(timedelta(minutes=3))
    exam.submit()
    (row,) = _rows(context.store.conn, "SELECT * FROM exam_results")
    (record,) = context.store.exams.records()
    context.close()
    assert row["exam_id"] == record.id and row["guide"] == "topics"
    assert (row["questions"], row["scored"], row["unscored"]) == (2, 2, 0)
    assert row["score"] == record.score_scaled
    assert row["passed"] == int(record.score_scaled is not None and record.score_scaled >= 720)
    assert row["minutes_allowed"] == 10.0 and row["study_day"] == "2026-03-02"


# local time and study days ---------------------------------------------------------------


def _around(moment: datetime, hours: int = 5) -> Iterator[datetime]:
    """Every quarter hour within `hours` of `moment`, and a second either side of it."""
    yield from (moment - timedelta(seconds=1), moment + timedelta(seconds=1))
    for quarter in range(-4 * hours, 4 * hours + 1):
        yield moment + timedelta(minutes=15 * quarter)


def test_study_days_and_local_times_hold_across_dst_in_berlin(store: Store) -> None:
    """Both 2026 changes (01:00 UTC on 29 March and 25 October) and the 04:00 rollovers next
    to them: the views give what `studyapp.clock` gives, to the second."""
    assert record_time_zone(store, BERLIN)
    changes = [datetime(2026, 3, 29, 1, tzinfo=UTC), datetime(2026, 10, 25, 1, tzinfo=UTC)]
    moments = sorted({m for change in changes for m in _around(change, hours=30)})
    with store.conn:
        store.conn.executemany(
            "INSERT INTO reviews (item_id, kind, reviewed_at, rating, prior_state) "
            "VALUES (?, 'card', ?, 3, 0)",
            ((f"c{n}", to_utc_text(m)) for n, m in enumerate(moments)),
        )
    rows = store.conn.execute(
        "SELECT reviewed_at, local_time, study_day FROM review_log ORDER BY review_id"
    ).fetchall()
    expected = [
        (to_utc_text(m), f"{m.astimezone(BERLIN):%Y-%m-%d %H:%M:%S}", study_day(m, BERLIN))
        for m in moments
    ]
    assert [(at, local, day) for at, local, day in rows] == [
        (at, local, day.isoformat()) for at, local, day in expected
    ]
    # 03:59:59 and 04:00:00 local on the day clocks go forward (CEST: 01:59:59 and 02:00 UTC).
    by_time = {at: day for at, _local, day in rows}
    assert by_time["2026-03-29T01:45:00.000000Z"] == "2026-03-28"
    assert by_time["2026-03-29T02:00:00.000000Z"] == "2026-03-29"
    # On the day they go back, 04:00 local is 03:00 UTC (CET again).
    assert by_time["2026-10-25T02:45:00.000000Z"] == "2026-10-24"
    assert by_time["2026-10-25T03:00:00.000000Z"] == "2026-10-25"


@pytest.mark.parametrize(
    "zone",
    ["Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"],
)
def test_local_times_in_sql_equal_zoneinfo_from_2000_to_2100(zone: str) -> None:
    """Random instants (seeded) in five zones, one with 30-minute DST and one with a 5:45
    offset: the SQL of the views turns each into the local time and study day Python does."""
    local_tz = ZoneInfo(zone)
    store = Store.open(None)
    record_time_zone(store, local_tz)
    rng = random.Random(zone)
    start = datetime(2000, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(seconds=rng.randrange(100 * 365 * 86400)) for _ in range(3000)]
    store.conn.execute("CREATE TEMP TABLE moments (at TEXT)")
    store.conn.executemany("INSERT INTO moments VALUES (?)", ((to_utc_text(m),) for m in moments))
    rows = store.conn.execute(
        f"SELECT {local_time('at')}, {study_day_sql('at')} FROM moments ORDER BY rowid"
    ).fetchall()
    store.close()
    assert rows == [
        (f"{m.astimezone(local_tz):%Y-%m-%d %H:%M:%S}", study_day(m, local_tz).isoformat())
        for m in moments
    ]


def test_each_offset_change_is_found_to_the_second() -> None:
    offsets = utc_offsets(BERLIN)
    assert offsets[0] == ("", 3600)
    assert ("2026-03-29T01:00:00.000000Z", 7200) in offsets
    assert ("2026-10-25T01:00:00.000000Z", 3600) in offsets
    assert len(offsets) == 1 + 2 * 100  # two changes a year under today's EU rules
    assert utc_offsets(UTC) == [("", 0)]


def test_the_time_zone_is_written_once_and_again_when_it_changes(store: Store) -> None:
    assert store.conn.execute("SELECT study_day FROM review_log").fetchall() == []
    assert record_time_zone(store, BERLIN) is True
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    assert record_time_zone(store, BERLIN) is False
    store.conn.set_trace_callback(None)
    assert len(statements) == 1 and statements[0].startswith("SELECT value FROM meta")
    assert record_time_zone(store, ZoneInfo("America/New_York")) is True
    zones = {row[0] for row in store.conn.execute("SELECT zone FROM local_time_offsets")}
    assert zones == {"America/New_York"}


def test_with_no_zone_recorded_the_local_columns_are_empty_not_wrong(store: Store) -> None:
    with store.conn:
        store.conn.execute(
            "INSERT INTO reviews (item_id, kind, reviewed_at, rating, prior_state) "
            "VALUES ('c1', 'card', ?, 3, 0)",
            (to_utc_text(START),),
        )
    row = store.conn.execute("SELECT local_time, study_day, rating FROM review_log").fetchone()
    assert row == (None, None, "Good")


# the items table follows the deck --------------------------------------------------------


def _catalogue_rows(content: Path) -> set[tuple[str, ...]]:
    return set(load_deck_or_raise([content]).catalogue)


def test_the_items_table_follows_a_deck_edit(tmp_path: Path, small_deck_dir: Path) -> None:
    db, clock = tmp_path / "p.db", FixedClock(START)
    context = _open(small_deck_dir, db, clock)
    _study_a_little(context, clock)
    items = context.store.conn.execute("SELECT * FROM items").fetchall()
    context.close()
    assert set(items) == _catalogue_rows(small_deck_dir)
    assert ("c1", "demo", "card", "Front one", "https://docs.aws.amazon.com/a") in items
    # The author rewords c1, moves c2 (learned) to a new topic, removes c3 and adds c4.
    deck_file = small_deck_dir / "demo.yaml"
    edited = SMALL_DECK.replace("front: Front one", "front: 'Front one,\n      reworded'")
    edited = edited.replace(
        '  - {id: c2, front: Front two, back: Back two, source: "https://docs.aws.amazon.com/b"}\n',
        "",
    ).replace("{id: c3,", "{id: c4,")
    deck_file.write_text(edited, encoding="utf-8")
    (small_deck_dir / "other.yaml").write_text(
        "topic: {id: other, title: Other}\ncards:\n"
        '  - {id: c2, front: Front two, back: Back two, source: "https://docs.aws.amazon.com/b"}\n',
        encoding="utf-8",
    )
    context = _open(small_deck_dir, db, clock)
    edited_items = set(context.store.conn.execute("SELECT * FROM items"))
    assert edited_items == _catalogue_rows(small_deck_dir)
    assert ("c1", "demo", "card", "Front one, reworded", "https://docs.aws.amazon.com/a") in (
        edited_items
    )
    assert ("c2", "other", "card", "Front two", "https://docs.aws.amazon.com/b") in edited_items
    assert {row[0] for row in edited_items} == {"c1", "c2", "c4", "q1", "q2", "s1"}
    # c2's history files under its new topic; the log keeps c3's.
    log = dict(context.store.conn.execute("SELECT item_id, topic_id FROM review_log"))
    assert log["c2"] == "other"
    assert stored_rollups(context.store.conn) == rollups_from_log(context.store.conn)
    context.close()


def test_a_deck_from_the_cache_brings_its_catalogue_digest(
    tmp_path: Path, small_deck_dir: Path
) -> None:
    """A start from the deck cache tells `items` is current without hashing every item."""
    fresh, _ = load_deck_cached([small_deck_dir], tmp_path / "cache")
    cached, _ = load_deck_cached([small_deck_dir], tmp_path / "cache")
    assert cached is not fresh and "catalogue_digest" in vars(cached)
    assert "catalogue" not in vars(cached)  # the entries themselves are made when needed
    assert cached.catalogue_digest == load_deck_or_raise([small_deck_dir]).catalogue_digest


def test_opening_with_an_unchanged_deck_and_zone_writes_nothing(
    tmp_path: Path, small_deck_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.db"
    _open(small_deck_dir, db, FixedClock(START, BERLIN)).close()

    def no_write(_store: Store) -> None:
        raise AssertionError("took the write lock")

    monkeypatch.setattr(Store, "write", no_write)
    context = _open(small_deck_dir, db, FixedClock(START, BERLIN))
    assert context.store.conn.total_changes == 0
    context.close()


def test_a_read_only_open_of_an_edited_deck_takes_no_write_lock(
    tmp_path: Path, small_deck_dir: Path
) -> None:
    db, clock = tmp_path / "p.db", FixedClock(START)
    context = _open(small_deck_dir, db, clock)
    _study_a_little(context, clock)
    context.close()
    (small_deck_dir / "demo.yaml").write_text(
        SMALL_DECK.replace("{id: demo, title: Demo topic}", "{id: moved, title: Moved}"),
        encoding="utf-8",
    )
    context = _open(small_deck_dir, db, clock, read_only=True)
    statements: list[str] = []
    context.store.conn.set_trace_callback(statements.append)
    context.store.items.sync(context.deck)  # as every report does first
    topics = dict(context.store.conn.execute("SELECT item_id, topic_id FROM item_topics"))
    stored = set(context.store.conn.execute("SELECT topic_id FROM main.items"))
    in_transaction = context.store.conn.in_transaction
    context.close()
    assert not in_transaction
    assert not [s for s in statements if s.upper().startswith("BEGIN IMMEDIATE")]
    assert set(topics.values()) == {"moved"}  # the reports see the deck's topics
    assert stored == {("demo",)}  # the file is as it was


# Datasette metadata ------------------------------------------------------------------------


def _metadata() -> dict[str, Any]:
    loaded = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _columns_of_a_fresh_database() -> dict[str, list[str]]:
    store = Store.open(None)
    names = [
        row[0]
        for row in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"
        )
    ]
    columns = {
        name: [row[1] for row in store.conn.execute(f"PRAGMA table_info([{name}])")]
        for name in names
    }
    store.close()
    return columns


def test_the_metadata_describes_every_table_view_and_column_and_nothing_else() -> None:
    tables = _metadata()["databases"]["progress"]["tables"]
    in_database = _columns_of_a_fresh_database()
    assert sorted(tables) == sorted(in_database)
    for name, columns in in_database.items():
        described = tables[name]["columns"]
        assert list(described) == columns, name  # in the table's own order
        assert all(isinstance(text, str) and text.strip() for text in described.values()), name
        assert str(tables[name].get("description", "")).strip(), name
    assert set(VIEWS) <= set(tables)


#: What Datasette 0.65 reads at each level of a metadata file (docs/metadata.rst of 0.65).
_SOURCE_KEYS = {
    "title",
    "description",
    "description_html",
    "license",
    "license_url",
    "source",
    "source_url",
    "about",
    "about_url",
}
_TOP_KEYS = _SOURCE_KEYS | {"databases", "custom_units", "plugins"}
_DATABASE_KEYS = _SOURCE_KEYS | {"tables", "queries"}
_TABLE_KEYS = _SOURCE_KEYS | {
    "columns",
    "units",
    "label_column",
    "sort",
    "sort_desc",
    "size",
    "sortable_columns",
    "hidden",
    "facets",
    "fts_table",
    "fts_pk",
    "searchmode",
}
_QUERY_KEYS = _SOURCE_KEYS | {"sql", "write", "on_success_message", "on_success_redirect"}


def test_the_metadata_follows_datasettes_0_65_format() -> None:
    metadata = _metadata()
    assert set(metadata) <= _TOP_KEYS
    assert set(metadata["databases"]) == {"progress"}  # the name Datasette gives progress.db
    database = metadata["databases"]["progress"]
    assert set(database) <= _DATABASE_KEYS
    columns = _columns_of_a_fresh_database()
    for name, table in database["tables"].items():
        assert set(table) <= _TABLE_KEYS, name
        named = [table[key] for key in ("label_column", "sort", "sort_desc") if key in table]
        named += [*table.get("facets", []), *table.get("units", {})]
        assert set(named) <= set(columns[name]), name
        assert "sort" not in table or "sort_desc" not in table, name
        assert isinstance(table.get("hidden", False), bool)
    assert database["tables"]["items"]["label_column"] == "title"
    for name, query in database["queries"].items():
        assert set(query) <= _QUERY_KEYS and query["sql"].strip(), name


def _studied_database(tmp_path: Path, small_deck_dir: Path) -> Path:
    """A progress file after two days of study in Berlin a month apart, q1 answered right and
    then wrong."""
    db, clock = tmp_path / "progress.db", FixedClock(START, BERLIN)
    for q1_choice in (0, 1):
        context = _open(small_deck_dir, db, clock)
        _study_a_little(context, clock, q1_choice)
        context.close()
        clock.advance(timedelta(days=30))
    return db


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your data in SQL", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.DOTALL)


def test_the_readmes_queries_are_the_metadatas_and_run(
    tmp_path: Path, small_deck_dir: Path
) -> None:
    queries = _metadata()["databases"]["progress"]["queries"]
    in_readme = _readme_queries()
    assert [" ".join(q.split()) for q in in_readme] == [
        " ".join(q["sql"].split()) for q in queries.values()
    ]
    conn = sqlite3.connect(_studied_database(tmp_path, small_deck_dir))
    missed = _rows(conn, queries["most_missed"]["sql"])
    conn.close()
    assert [(r["item_id"], r["answers"], r["wrong"]) for r in missed] == [("q1", 2, 1)]
    assert missed[0]["title"] == "Pick the right one."
    assert missed[0]["most_given_wrong_answer"] == '["Wrong"]'


def test_datasette_serves_the_views_with_their_descriptions(
    tmp_path: Path, small_deck_dir: Path
) -> None:
    """Only where Datasette is installed (it is not a dependency): the real reader loads the
    metadata and serves a view through it."""
    pytest.importorskip("datasette")
    import asyncio

    from datasette.app import Datasette  # type: ignore[import-not-found]
    from datasette.vendored import pint  # type: ignore[import-not-found]

    units = pint.UnitRegistry()
    for table in _metadata()["databases"]["progress"]["tables"].values():
        for unit in table.get("units", {}).values():
            assert units(unit).dimensionality == units("s").dimensionality  # all are times
    db = _studied_database(tmp_path, small_deck_dir)

    async def fetch(path: str) -> Any:
        datasette = Datasette([str(db)], metadata=_metadata())
        return await datasette.client.get(path)

    response = asyncio.run(fetch("/progress/review_log.json?_shape=array"))
    assert response.status_code == 200
    assert {row["rating"] for row in response.json()} == {"Again", "Easy", "Good"}
    page = asyncio.run(fetch("/progress/review_log")).text
    assert "days roll over at 04:00 local time" in page


def test_where_prints_the_datasette_command_with_the_shipped_metadata(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from studyapp.cli import cli

    db = tmp_path / "my progress.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "where"])
    assert result.exit_code == 0
    browse = result.stdout.splitlines()[-1]
    assert browse == f"browse:   datasette '{db}' --metadata {METADATA_PATH}"
    assert not db.exists()  # where opens nothing
