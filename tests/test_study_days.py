"""Study days as Anki has them: a real zone with DST, the 04:00 rollover, due from a day's start."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import fsrs_rs_python
import pytest
import tzlocal
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.clock import FixedClock, day_start, local_zone, study_day
from studyapp.errors import UsageError
from studyapp.srs import Rating, StudyScheduler
from studyapp.srs.replay import open_store, step_for
from studyapp.stats.progress import topic_progress
from studyapp.store import ItemState, ReviewRecord
from studyapp.store.migrations import migrations, replaying_with
from studyapp.study import StudyContext
from tests.rollups import rollups_from_log, stored_rollups

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def _berlin(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


# the zone and the rollover -------------------------------------------------------------


def test_the_rollover_stays_at_four_local_through_daylight_saving_time() -> None:
    winter, summer = date(2026, 1, 15), date(2026, 7, 15)
    assert day_start(winter, BERLIN) == datetime(2026, 1, 15, 3, 0, tzinfo=UTC)
    assert day_start(summer, BERLIN) == datetime(2026, 7, 15, 2, 0, tzinfo=UTC)
    # 03:30 in July is still the day before; 04:00 starts the new one.
    assert study_day(_berlin(2026, 7, 15, 3, 30), BERLIN) == date(2026, 7, 14)
    assert study_day(_berlin(2026, 7, 15, 4, 0), BERLIN) == date(2026, 7, 15)
    # The clocks go forward at 02:00 on 29 March 2026: the study day of the 28th, which
    # holds that night, lasts 23 hours; the one holding 25 October's night lasts 25.
    spring = day_start(date(2026, 3, 29), BERLIN) - day_start(date(2026, 3, 28), BERLIN)
    autumn = day_start(date(2026, 10, 25), BERLIN) - day_start(date(2026, 10, 24), BERLIN)
    assert (spring, autumn) == (timedelta(hours=23), timedelta(hours=25))


def test_the_zone_comes_from_studyapp_tz_then_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDYAPP_TZ", "America/New_York")
    assert local_zone() == NEW_YORK
    monkeypatch.setenv("STUDYAPP_TZ", "Mars/Olympus_Mons")
    with pytest.raises(UsageError, match="STUDYAPP_TZ: unknown time zone 'Mars/Olympus_Mons'"):
        local_zone()
    monkeypatch.delenv("STUDYAPP_TZ")
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    tzlocal.reload_localzone()  # tzlocal reads the system's zone once per process
    assert str(local_zone()) == "Asia/Kolkata"
    monkeypatch.delenv("TZ")
    tzlocal.reload_localzone()


# what FSRS is told, and when an item falls due --------------------------------------------


def test_fsrs_counts_study_days_not_24_hour_periods() -> None:
    scheduler = StudyScheduler(local_tz=BERLIN, fuzz=False)
    first = scheduler.next_state(None, "q", "question", Rating.GOOD, _berlin(2026, 5, 4, 23, 0))
    # 07:00 the next morning is the next study day, although only 8 hours have passed ...
    next_morning = scheduler.next_state(
        first, "q", "question", Rating.GOOD, _berlin(2026, 5, 5, 7, 0)
    )
    # ... and 02:00 the same night is the same study day, although it is another date.
    same_night = scheduler.next_state(first, "q", "question", Rating.GOOD, _berlin(2026, 5, 5, 2))
    fsrs = fsrs_rs_python.FSRS(list(scheduler.parameters))
    assert first.stability is not None and first.difficulty is not None
    memory = fsrs_rs_python.MemoryState(first.stability, first.difficulty)
    one_day, no_day = fsrs.next_states(memory, 0.9, 1), fsrs.next_states(memory, 0.9, 0)
    # (Stored as Anki stores it: stability to 4 decimals.)
    assert next_morning.stability == pytest.approx(one_day.good.memory.stability, abs=5e-5)
    assert same_night.stability == pytest.approx(no_day.good.memory.stability, abs=5e-5)
    assert next_morning.stability != pytest.approx(same_night.stability, rel=1e-3)


def test_a_question_missed_at_nine_pm_is_due_at_eight_the_next_morning(
    context: StudyContext,
) -> None:
    context.scheduler = StudyScheduler(local_tz=BERLIN)
    clock = FixedClock(_berlin(2026, 5, 4, 21, 0), BERLIN)
    context.clock = clock
    session = context.start("quiz", count=1)
    item = session.current()
    assert item is not None and item.id == "q1"
    session.answer([1])  # wrong
    state = context.store.reviews.state("q1")
    assert state is not None and state.due == _berlin(2026, 5, 5, 4, 0)
    clock.current = _berlin(2026, 5, 5, 8, 0)
    assert "q1" in context.queue("quiz", count=10).due_item_ids
    (demo,) = topic_progress(context.deck, context.store, clock.now(), BERLIN)
    assert (demo.due_now, demo.due_today) == (1, 1)
    clock.current = _berlin(2026, 5, 5, 3, 59)  # the night before the rollover: not yet
    assert "q1" not in context.queue("quiz", count=10).due_item_ids
    (demo,) = topic_progress(context.deck, context.store, clock.now(), BERLIN)
    assert (demo.due_now, demo.due_today, demo.due_tomorrow) == (0, 0, 1)


# Anki's button order ------------------------------------------------------------------------

zones = st.sampled_from([UTC, BERLIN, NEW_YORK, ZoneInfo("Asia/Kolkata")])
ratings = st.sampled_from(list(Rating))
gaps = st.integers(min_value=0, max_value=60 * 24 * 400)  # minutes between reviews
starts = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
)


histories = st.lists(st.tuples(ratings, gaps), min_size=1, max_size=20)


def _answers(
    history: list[tuple[Rating, int]], kind: str, scheduler: StudyScheduler, start: datetime
) -> Iterator[tuple[datetime, ItemState]]:
    """Each answer's time and the state it gives, `minutes` after the one before."""
    at, state = start, None
    for rating, minutes in history:
        at += timedelta(minutes=minutes)
        state = scheduler.next_state(state, "item", kind, rating, at)
        yield at, state


@settings(max_examples=300, deadline=None)
@given(histories, gaps, zones, starts)
def test_a_review_items_buttons_are_strictly_ordered(
    history: list[tuple[Rating, int]], gap: int, zone: ZoneInfo, start: datetime
) -> None:
    scheduler = StudyScheduler(local_tz=zone)
    *_, (at, state) = _answers(history, "card", scheduler, start)
    if state.state != 2:
        return
    at += timedelta(minutes=gap)
    preview = scheduler.preview(state, "item", "card", at)
    again, hard, good, easy = (preview[rating].due for rating in Rating)
    assert again <= hard < good < easy
    # Again is the 10-minute relearning step, below Hard's day at least, unless the step
    # runs past the next 04:00: then, as in Anki, it counts as that study day too.
    if at + timedelta(minutes=10) < day_start(study_day(at, zone) + timedelta(days=1), zone):
        assert again < hard
    assert preview[Rating.HARD].scheduled_days < preview[Rating.GOOD].scheduled_days
    assert preview[Rating.GOOD].scheduled_days < preview[Rating.EASY].scheduled_days


@settings(max_examples=200, deadline=None)
@given(histories, zones, starts)
def test_day_long_intervals_fall_due_at_a_study_days_start(
    history: list[tuple[Rating, int]], zone: ZoneInfo, start: datetime
) -> None:
    scheduler = StudyScheduler(local_tz=zone)
    for at, state in _answers(history, "question", scheduler, start):
        # Questions have no minute-long steps: every due date is a study day's start.
        assert state.due == day_start(study_day(state.due, zone), zone)
        assert study_day(state.due, zone) > study_day(at, zone)


# migrating to study days ---------------------------------------------------------------------


def test_a_v6_database_is_replayed_under_the_new_rules(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    start = datetime(2026, 3, 2, 21, 0, tzinfo=UTC)
    reviews = [
        ReviewRecord("q1", "question", start, 1, False, '["Wrong"]', 5000, None),
        ReviewRecord("q1", "question", start + timedelta(hours=11), 3, True, '["Right"]'),
        ReviewRecord("c1", "card", start, 3, None, None, 3000),
        ReviewRecord("c1", "card", start + timedelta(minutes=10), 3),
        ReviewRecord("c1", "card", start + timedelta(days=3), 1),
    ]
    conn = sqlite3.connect(path)
    from sqlite_utils import Database

    db = Database(conn)
    with replaying_with(step_for):
        migrations.apply(db, stop_before="m007_study_days")
    db.execute("PRAGMA user_version = 6")
    with conn:
        for review in reviews:
            conn.execute(
                "INSERT INTO reviews (item_id, kind, reviewed_at, rating, correct, answer, "
                "duration_ms, prior_state) VALUES (?, ?, ?, ?, ?, ?, ?, 2)",
                (
                    review.item_id,
                    review.kind,
                    review.reviewed_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    review.rating,
                    review.correct,
                    review.answer,
                    review.duration_ms,
                ),
            )
        conn.execute(
            "INSERT INTO item_state (item_id, kind, state, step, stability, difficulty, due, "
            "first_review, reps, lapses) VALUES ('q1', 'question', 2, NULL, 1.0, 5.0, "
            "'2026-03-04T09:00:00.000000Z', '2026-03-02T21:00:00.000000Z', 2, 0)"
        )
    conn.close()

    store = open_store(path)
    assert [(r.item_id, r.rating) for r in store.reviews.all()] == [
        (r.item_id, r.rating) for r in reviews
    ]
    expected = StudyScheduler().replay_log(reviews)
    assert store.reviews.states() == expected
    # q1's miss is now a one-day learning step, so its right answer found it learning (1).
    rows = store.conn.execute("SELECT prior_state FROM reviews ORDER BY id").fetchall()
    assert [row[0] for row in rows] == [0, 1, 0, 1, 2]
    assert stored_rollups(store.conn) == rollups_from_log(store.conn)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE reviews SET prior_state = 0")
    store.close()


@settings(max_examples=2000, deadline=None)
@given(st.floats(min_value=0, max_value=65_535, allow_nan=False))
def test_the_fast_rounding_of_fuzz_bounds_equals_anki_f32_rounding(value: float) -> None:
    from studyapp.srs.anki import _f32, _round, _round_f32

    near_half = float(int(value)) + 0.5 + (value - int(value) - 0.5) / 1000
    for exact in (value, near_half):
        assert _round_f32(exact) == _round(_f32(exact))
