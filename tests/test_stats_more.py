"""Statistics from a seeded review history: activity, streak, forecast, retention, leeches,
confusions and the queue's confusion boost, plus the `stats`, `due` and `leeches` commands."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.cli import cli
from studyapp.clock import FixedClock, to_utc_text
from studyapp.errors import StoreError
from studyapp.stats import (
    HEATMAP_DAYS,
    Confusion,
    build_stats_report,
    daily_activity,
    due_forecast,
    leeches,
    report_as_json,
    study_days_back,
    study_streak,
    time_studied_ms,
    true_retention,
)
from studyapp.stats.confusions import confusions
from studyapp.stats.overview import today_overview
from studyapp.store import LEECH_LAPSES, ItemState, ReviewRecord, Store
from studyapp.study import StudyContext
from tests.conftest import START
from tests.rollups import deck_of_topics

DAY = timedelta(days=1)


def _clock(context: StudyContext) -> FixedClock:
    assert isinstance(context.clock, FixedClock)
    return context.clock


def _rate_cards(context: StudyContext, count: int, seconds: int = 5) -> None:
    """Rate `count` cards Good in a review session, `seconds` spent on each."""
    session = context.start("review")
    for _ in range(count):
        assert session.current() is not None
        _clock(context).advance(timedelta(seconds=seconds))
        session.rate(3)  # type: ignore[arg-type]


def _quiz_once(context: StudyContext, item_id: str, choice: list[int]) -> None:
    """Answer the first item of a one-item quiz, which must be `item_id`."""
    session = context.start("quiz", count=1)
    item = session.current()
    assert item is not None and item.id == item_id
    session.answer(choice)


def _lapse_q1(context: StudyContext, times: int) -> None:
    """Learn q1 (right), then `times` lapses, each a wrong answer when it is due in Review.

    Between two lapses q1 is answered right at the end of its one-day relearning step, as a
    wrong answer while relearning is no new lapse (Anki's rule). It ends relearning, due.
    """
    if context.store.reviews.state("q1") is None:
        _quiz_once(context, "q1", [0])
    for _ in range(times):
        if context.store.reviews.state("q1").state == 3:  # type: ignore[union-attr]
            _clock(context).current = _due("q1", context)
            _quiz_once(context, "q1", [0])
        _clock(context).current = _due("q1", context)
        _quiz_once(context, "q1", [1])
    _clock(context).current = _due("q1", context)


def _due(item_id: str, context: StudyContext) -> datetime:
    state = context.store.reviews.state(item_id)
    assert state is not None
    return state.due


def _record(
    store: Store,
    item_id: str,
    at: datetime,
    rating: int,
    state: int = 2,
    due: datetime | None = None,
    duration_ms: int | None = None,
) -> None:
    """Append one review of a card whose state afterwards is `state` (2: Review), due a day
    later unless `due` says when."""

    def next_state(prior: ItemState | None) -> ItemState:
        return ItemState(item_id, "card", state, None, 5.0, 5.0, due or at + DAY, at, at, 1, 0)

    review = ReviewRecord(item_id, "card", at, rating, duration_ms=duration_ms)
    store.reviews.record(review, next_state)


# activity, streak and time ------------------------------------------------------------


def test_daily_activity_counts_reviews_and_time_per_study_day(context: StudyContext) -> None:
    _rate_cards(context, 2, seconds=5)
    _clock(context).advance(2 * DAY)
    _rate_cards(context, 1, seconds=30)
    now = context.clock.now()
    activity = daily_activity(context.store, now, UTC)
    assert len(activity) == HEATMAP_DAYS and activity[-1].day == date(2026, 3, 4)
    studied = {d.day: (d.reviews, d.duration_ms) for d in activity if d.reviews}
    assert studied == {date(2026, 3, 2): (2, 10_000), date(2026, 3, 4): (1, 30_000)}
    assert time_studied_ms(context.store) == 40_000
    assert time_studied_ms(context.store, {"c2"}) == 5_000


def test_a_review_before_four_belongs_to_the_previous_study_day(store: Store) -> None:
    _record(store, "c1", datetime(2026, 3, 3, 3, 59, tzinfo=UTC), 3)
    activity = daily_activity(store, datetime(2026, 3, 3, 12, tzinfo=UTC), UTC, days=2)
    assert [(d.day, d.reviews) for d in activity] == [(date(2026, 3, 2), 1), (date(2026, 3, 3), 0)]


def test_streak_counts_days_in_a_row_and_allows_today_unstudied(store: Store) -> None:
    for days_ago in (1, 2, 3, 5):
        _record(store, "c1", START - days_ago * DAY, 3)
    assert study_streak(store, START, UTC) == 3  # today not yet studied: yesterday back
    _record(store, "c1", START, 3)
    assert study_streak(store, START, UTC) == 4
    assert study_streak(store, START + 2 * DAY, UTC) == 0


def test_a_streak_longer_than_the_first_window_is_counted_in_full(store: Store) -> None:
    for days_ago in range(300):
        _record(store, "c1", START - days_ago * DAY, 3)
    assert study_streak(store, START, UTC) == 300


@settings(max_examples=40, deadline=None)
@given(
    minutes=st.lists(st.integers(min_value=0, max_value=60 * 24 * 12), min_size=1, max_size=25),
    zone=st.sampled_from(["UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns"]),
)
def test_activity_from_quarter_hour_totals_equals_a_scan_of_the_log(
    minutes: list[int], zone: str
) -> None:
    """Study days start at 04:00 local time, on a quarter hour in UTC in every zone (India
    +5:30, Nepal +5:45, Newfoundland -3:30), so the totals kept per quarter hour add up to
    the same figures as reading the reviews themselves (which an item filter forces)."""
    store = Store.open(None)
    for n, minute in enumerate(minutes):
        at = START - 12 * DAY + timedelta(minutes=minute, seconds=n % 60)
        _record(store, f"c{n % 3}", at, 3, duration_ms=1000 + n)
    local_tz = ZoneInfo(zone)
    every_item = {"c0", "c1", "c2"}
    assert daily_activity(store, START, local_tz, days=14) == daily_activity(
        store, START, local_tz, days=14, item_ids=every_item
    )
    assert study_streak(store, START, local_tz) == study_streak(store, START, local_tz, every_item)
    assert time_studied_ms(store) == time_studied_ms(store, every_item)
    store.close()


# forecast -----------------------------------------------------------------------------


def test_forecast_counts_overdue_on_day_zero_and_each_day_after(store: Store) -> None:
    due = {
        "c1": START - 3 * DAY,  # overdue: today
        "c2": START + timedelta(hours=17),  # 03:00 tomorrow: still today
        "c3": START + DAY,  # tomorrow
        "q1": START + 40 * DAY,  # past the 30 days
        "q2": START + DAY,  # suspended: never due
    }
    for item_id, at in due.items():
        _record(store, item_id, START - 5 * DAY, 3, due=at)
    with store.conn:
        store.conn.execute(
            "INSERT INTO suspensions VALUES ('q2', ?, 'leech')", (to_utc_text(START),)
        )
    store.items.sync(
        deck_of_topics({"c1": "demo", "c2": "demo", "c3": "other", "q1": "demo", "q2": "demo"})
    )
    forecast = due_forecast(store, None, START, UTC)
    assert len(forecast) == 30 and forecast[0].day == date(2026, 3, 2)
    assert [d.due for d in forecast[:3]] == [2, 1, 0]
    assert sum(d.due for d in forecast) == 3
    assert sum(d.due for d in due_forecast(store, ["other"], START, UTC)) == 1


# true retention -----------------------------------------------------------------------


def test_true_retention_counts_only_reviews_of_learned_items(store: Store) -> None:
    _record(store, "c1", START - 400 * DAY, 1, state=1)  # new: never counted
    _record(store, "c1", START - 200 * DAY, 3)  # learning before: not counted; now learned
    _record(store, "c1", START - 20 * DAY, 1)  # learned, forgotten: 30 and 365 days
    _record(store, "c1", START - 2 * DAY, 3)  # learned, recalled: all windows
    _record(store, "q1", START - 1 * DAY, 4)  # new q1: not counted
    _record(store, "q1", START, 2)  # learned, recalled (Hard counts as recalled)
    topic_of = {"c1": "demo", "c2": "demo", "q1": "other"}
    rows = true_retention(store, deck_of_topics(topic_of), ["demo", "other"], START, UTC)
    shares = {row.topic_id: [f.retention for f in row.figures] for row in rows}
    assert shares == {"demo": [1.0, 0.5, 0.5], "other": [1.0, 1.0, 1.0], None: [1.0, 2 / 3, 2 / 3]}
    assert [f.reviews for f in rows[-1].figures] == [2, 3, 3]


@settings(max_examples=30, deadline=None)
@given(
    reviews=st.lists(
        st.tuples(
            # Days before now, often those where a 7-, 30- or 365-day window begins.
            st.one_of(st.sampled_from([6, 7, 29, 30, 364, 365]), st.integers(0, 400)),
            st.integers(min_value=0, max_value=60 * 24 - 1),  # minute of that day
            st.sampled_from(["c1", "c2", "q1"]),
            st.integers(min_value=1, max_value=4),
            st.sampled_from([1, 2, 2]),  # the state it leaves (2: learned), found by the next
        ),
        max_size=40,
    ),
    zone=st.sampled_from(["UTC", "Asia/Kathmandu", "America/St_Johns"]),
)
def test_retention_from_daily_totals_equals_a_count_of_the_log(
    reviews: list[tuple[int, int, str, int, int]], zone: str
) -> None:
    """Whole UTC days come from the per-day totals and the window's first part-day from the
    log: together they must count exactly the learned reviews since the window began."""
    store = Store.open(None)
    for days, minute, item_id, rating, state in sorted(reviews, reverse=True):
        at = START - timedelta(days=days, minutes=minute)
        _record(store, item_id, at, rating, state=state)
    topic_of = {"c1": "demo", "c2": "other", "q1": "demo"}
    local_tz = ZoneInfo(zone)
    rows = true_retention(store, deck_of_topics(topic_of), ["demo", "other"], START, local_tz)
    log = store.conn.execute(
        "SELECT item_id, reviewed_at, rating, prior_state FROM reviews"
    ).fetchall()
    for row in rows[:-1]:
        for figure in row.figures:
            since = to_utc_text(study_days_back(START, local_tz, figure.window_days)[0].start)
            counted = [
                rating
                for item_id, at, rating, prior in log
                if topic_of[item_id] == row.topic_id and prior == 2 and at >= since
            ]
            assert (figure.reviews, figure.recalled) == (
                len(counted),
                sum(r > 1 for r in counted),
            )
    store.close()


def test_sessions_log_the_state_each_review_found(context: StudyContext) -> None:
    _lapse_q1(context, 2)  # right while new, wrong when learned, right, wrong when learned
    rows = context.store.conn.execute("SELECT prior_state FROM reviews ORDER BY id")
    assert [row[0] for row in rows] == [0, 2, 3, 2]
    (demo, overall) = true_retention(
        context.store, deck_of_topics({"q1": "demo"}), ["demo"], context.clock.now(), UTC
    )
    assert [f.retention for f in demo.figures] == [0.0, 0.0, 0.0]
    assert overall.figures == demo.figures


def test_retention_follows_an_item_that_moves_to_another_topic(store: Store) -> None:
    _record(store, "c1", START - 3 * DAY, 3)
    _record(store, "c1", START - 2 * DAY, 1)  # learned, forgotten
    _record(store, "c2", START - 2 * DAY, 3)
    _record(store, "c2", START - 1 * DAY, 3)  # learned, recalled

    def reviews_per_topic(topic_of: dict[str, str]) -> dict[str | None, int]:
        rows = true_retention(store, deck_of_topics(topic_of), ["demo", "other"], START, UTC)
        return {row.topic_id: row.figures[0].reviews for row in rows}

    assert reviews_per_topic({"c1": "demo", "c2": "demo"}) == {"demo": 2, "other": 0, None: 2}
    # The author moves c2 to another topic file: its reviews go with it.
    assert reviews_per_topic({"c1": "demo", "c2": "other"}) == {"demo": 1, "other": 1, None: 2}
    _record(store, "c2", START, 3)  # filed under its new topic as it is written
    assert reviews_per_topic({"c1": "demo", "c2": "other"}) == {"demo": 1, "other": 2, None: 3}


def test_an_unchanged_deck_syncs_its_topics_without_writing(store: Store) -> None:
    topic_of = {"c1": "demo"}
    store.items.sync(deck_of_topics(topic_of))
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    store.items.sync(deck_of_topics(topic_of))
    store.conn.set_trace_callback(None)
    assert len(statements) == 1 and statements[0].startswith("SELECT value FROM meta")


# leeches ------------------------------------------------------------------------------


def test_an_item_is_suspended_at_its_eighth_lapse_and_not_before(context: StudyContext) -> None:
    _lapse_q1(context, LEECH_LAPSES - 1)
    assert context.store.reviews.state("q1").lapses == 7  # type: ignore[union-attr]
    assert context.store.flags.suspended() == []
    _lapse_q1(context, 1)
    (suspension,) = context.store.flags.suspended()
    assert (suspension.item_id, suspension.reason) == ("q1", "leech")
    assert suspension.suspended_at == context.clock.now() - DAY
    (leech,) = leeches(context.deck, context.store)
    assert (leech.item_id, leech.topic_id, leech.lapses) == ("q1", "demo", 8)


def test_a_suspended_item_leaves_the_queues_until_unsuspended(context: StudyContext) -> None:
    _lapse_q1(context, LEECH_LAPSES)
    assert context.store.reviews.state("q1").due <= context.clock.now()  # type: ignore[union-attr]
    assert "q1" not in context.queue("quiz", count=10).item_ids
    assert [row.due for row in today_overview(context).topics] == [0]
    context.store.flags.unsuspend("q1")
    assert context.queue("quiz", count=10).due_item_ids[0] == "q1"
    assert [row.due for row in today_overview(context).topics] == [1]
    with pytest.raises(StoreError, match="q1 is not suspended"):
        context.store.flags.unsuspend("q1")


def test_undoing_the_eighth_lapse_lifts_its_suspension(context: StudyContext) -> None:
    _lapse_q1(context, LEECH_LAPSES - 1)
    _quiz_once(context, "q1", [0])  # relearned: back in Review
    _clock(context).current = _due("q1", context)
    session = context.start("quiz", count=1)
    session.current()
    session.answer([1])
    assert [s.item_id for s in context.store.flags.suspended()] == ["q1"]
    session.undo()
    assert context.store.flags.suspended() == []


# confusions and the queue boost -------------------------------------------------------


def test_confusions_pair_each_wrong_pick_with_the_right_option(context: StudyContext) -> None:
    _lapse_q1(context, 3)  # "Wrong" picked three times where "Right" was right
    _quiz_once_first_of(context, "q2", [0, 1])  # A right, B wrong, C missed
    _quiz_once_first_of(context, "s1", [0])  # lambda where fargate was right
    found = confusions(context.deck, context.store)
    assert found == [
        Confusion("q1", "demo", "Wrong", "Right", 3),
        Confusion("q2", "demo", "B", "C", 1),
        Confusion("s1", "demo", "AWS Lambda", "AWS Fargate (with Amazon ECS)", 1),
    ]
    assert found[0].describe() == "chose Wrong 3 times where Right was right"
    assert found[2].describe().startswith("chose AWS Lambda once where AWS Fargate")
    assert confusions(context.deck, context.store, {"s1"}) == found[2:]


def _make_q2_most_overdue(context: StudyContext) -> None:
    """Set q1 just due and q2 long overdue, so plain urgency would put q2 first."""
    now = context.clock.now()
    q1, q2 = ("q1", now - timedelta(minutes=1), 5.0), ("q2", now - 30 * DAY, 0.1)
    context.store.reviews.replace_states(
        [
            ItemState(i, "question", 2, None, stability, 5.0, due, now - DAY, now - DAY, 2, 0)
            for i, due, stability in (q1, q2)
        ]
    )


def _quiz_once_first_of(context: StudyContext, item_id: str, choice: list[int]) -> None:
    """Answer `item_id` wherever it is in the quiz queue (answering those before it right)."""
    session = context.start("quiz", count=10)
    while (item := session.current()) is not None and item.id != item_id:
        session.answer([0, 2] if item.id == "q2" else [1] if item.id == "s1" else [0])
    assert item is not None
    session.answer(choice)


def test_a_repeated_confusion_goes_first_among_due_items(context: StudyContext) -> None:
    _quiz_once(context, "q1", [1])  # "Wrong" once
    _make_q2_most_overdue(context)
    assert context.queue("quiz").due_item_ids == ("q2", "q1")
    _quiz_once_first_of(context, "q1", [1])  # "Wrong" twice: a repeated confusion
    _make_q2_most_overdue(context)
    assert context.queue("quiz").due_item_ids == ("q1", "q2")


def test_a_quiz_serves_a_repeated_confusion_before_it_is_due(context: StudyContext) -> None:
    clock = _clock(context)
    _lapse_q1(context, 1)
    _quiz_once(context, "q1", [1])  # the same wrong pick twice; back tomorrow
    queue = context.queue("quiz", count=3)
    assert queue.due_item_ids == () and queue.confused_item_ids == ("q1",)
    assert queue.item_ids == ("q1", "q2", "s1")
    assert context.queue("review").item_ids == ("c1", "c2", "c3")
    clock.advance(DAY)
    _quiz_once(context, "q1", [0])  # answered right: the confusion is resolved
    assert context.queue("quiz", count=3).confused_item_ids == ()


# the report and the commands ----------------------------------------------------------


def test_the_report_leaves_suspended_items_out_of_the_forecast(context: StudyContext) -> None:
    _lapse_q1(context, LEECH_LAPSES)
    report = build_stats_report(context.deck, context.store, context.clock.now(), UTC)
    assert sum(d.due for d in report.forecast) == 0
    assert [leech.item_id for leech in report.leeches] == ["q1"]
    # Learned on March 2, lapsed on the 4th, relearned on the 5th and due again on the 7th;
    # from then on a lapse or a relearning every day up to the 19th: 13 days in a row.
    assert report.streak_days == 13
    data = report_as_json(report)
    assert data["topics"][0]["due_today"] == 0
    # The last 7 study days (14th to 20th) hold the lapses of the 15th, 17th and 19th.
    assert data["retention"]["7"] == {"reviews": 3, "recalled": 0, "retention": 0.0}


def _seeded_db(path: Path) -> None:
    """A database where c1 was reviewed today and q1, a lapsed item, was answered wrong twice."""
    store = Store.open(path)
    _record(store, "c1", START - timedelta(hours=1), 3)
    for days_ago in (3, 2):

        def next_state(
            _prior: ItemState | None, at: datetime = START - days_ago * DAY
        ) -> ItemState:
            return ItemState("q1", "question", 2, None, 1.0, 5.0, at + DAY, at, at, 9, 8)

        answer = json.dumps(["Wrong"])
        review = ReviewRecord("q1", "question", START - days_ago * DAY, 1, False, answer, 2000)
        store.reviews.record(review, next_state)
    store.close()


def _invoke(tmp_path: Path, deck_dir: Path, *args: str) -> tuple[int, str, str]:
    db = tmp_path / "p.db"
    if not db.exists():
        _seeded_db(db)
    env = {"STUDYAPP_NOW": START.isoformat(), "STUDYAPP_CACHE": str(tmp_path / "cache")}
    result = CliRunner().invoke(cli, [*args, "--db", str(db), "--content", str(deck_dir)], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_stats_json_has_every_figure(tmp_path: Path, small_deck_dir: Path) -> None:
    code, out, err = _invoke(tmp_path, small_deck_dir, "stats", "--json", "--topic", "demo")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {
        "topic_ids",
        "topics",
        "retention",
        "forecast",
        "activity",
        "streak_days",
        "time_studied_ms",
        "leeches",
        "confusions",
        "readiness",
    }
    (demo,) = data["topics"]
    assert (demo["topic_id"], demo["reviews"], demo["due_today"]) == ("demo", 3, 1)
    assert set(demo["retention"]) == {"7", "30", "365"}
    assert len(data["forecast"]) == 30 and len(data["activity"]) == HEATMAP_DAYS
    assert data["activity"][-1] == {"date": "2026-03-02", "reviews": 1, "duration_ms": 0}
    assert data["time_studied_ms"] == 4000 and data["streak_days"] == 1
    assert data["confusions"][0]["text"] == "chose Wrong 2 times where Right was right"


def test_stats_table_shows_every_section(tmp_path: Path, small_deck_dir: Path) -> None:
    code, out, err = _invoke(tmp_path, small_deck_dir, "stats", "--topic", "demo")
    assert code == 0, err
    for text in ("Topics", "Due per day", "Reviews per day", "Mon ", "Streak: 1 day ·"):
        assert text in out
    assert "q1: chose Wrong 2 times where Right was right" in out
    code, _out, err = _invoke(tmp_path, small_deck_dir, "stats", "--topic", "nope")
    assert code == 1 and "unknown topic 'nope'" in err


def test_due_prints_one_line_or_json(tmp_path: Path, small_deck_dir: Path) -> None:
    code, out, _err = _invoke(tmp_path, small_deck_dir, "due")
    assert code == 0
    assert out.count("\n") == 1 and out.startswith("due now: demo 1 · new today: ")
    code, out, _err = _invoke(tmp_path, small_deck_dir, "due", "--json")
    data = json.loads(out)
    assert data["topics"]["demo"] == {"due": 1, "new": 4}
    assert data["total"]["due"] == 1


def test_leeches_lists_and_unsuspends(tmp_path: Path, small_deck_dir: Path) -> None:
    assert _invoke(tmp_path, small_deck_dir, "leeches")[1] == "No leeches.\n"
    store = Store.open(tmp_path / "p.db")
    with store.conn:
        store.conn.execute(
            "INSERT INTO suspensions VALUES ('q1', '2026-03-01T10:00:00.000000Z', 'leech')"
        )
    store.close()
    code, out, _err = _invoke(tmp_path, small_deck_dir, "leeches")
    assert (code, out) == (0, "q1 (demo): forgotten 8 times, suspended 2026-03-01\n")
    assert _invoke(tmp_path, small_deck_dir, "leeches", "--unsuspend", "q1")[0] == 0
    code, _out, err = _invoke(tmp_path, small_deck_dir, "leeches", "--unsuspend", "q1")
    assert code == 1 and "q1 is not suspended" in err


def test_state_lapses_unchanged_by_replace(context: StudyContext) -> None:
    """`replace_all_states` (a rebuild) keeps suspensions: they are not a cache."""
    _lapse_q1(context, LEECH_LAPSES)
    states = list(context.store.reviews.states().values())
    context.store.reviews.replace_states([replace(s) for s in states])
    assert [s.item_id for s in context.store.flags.suspended()] == ["q1"]


def test_stats_json_has_readiness_overall_and_per_topic(
    tmp_path: Path, small_deck_dir: Path
) -> None:
    code, out, err = _invoke(tmp_path, small_deck_dir, "stats", "--json", "--topic", "demo")
    assert code == 0, err
    ready = json.loads(out)["readiness"]
    assert 0.25 <= ready["unseen_prior"] <= 1.0  # a 1-in-4 guess plus first-sight knowledge
    assert ready["horizon"]["source"] == "default" and ready["horizon"]["days_ahead"] == 7
    assert ready["backtest"] == []
    overall = ready["overall"]
    assert 100 <= overall["score_low"] <= overall["expected_score"] <= overall["score_high"] <= 1000
    assert 0.0 <= overall["pass_probability"] <= 1.0
    (demo,) = ready["topics"]
    assert demo["topic_id"] == "demo" and (demo["seen"], demo["items"]) == (1, 3)
    keys = {"expected_score", "score_low", "score_high", "pass_probability"}
    assert keys <= set(demo) and keys <= set(overall)


def test_stats_table_shows_readiness(tmp_path: Path, small_deck_dir: Path) -> None:
    code, out, err = _invoke(tmp_path, small_deck_dir, "stats", "--topic", "demo")
    assert code == 0, err
    assert "Readiness: Expected score" in out and "pass chance" in out
    assert "Readiness per topic" in out and "7 days from now" in out
    assert "unseen one counts as right" in out and "Back-test: no finished mock exams" in out


def test_stats_shows_readiness_per_domain_of_the_guide(tmp_path: Path) -> None:
    """The shipped deck is tagged: `--guide` picks the guide, the whole exam is its 50
    questions shared out by domain weight, and the JSON lists each domain."""
    from studyapp.paths import builtin_content_dir

    content = builtin_content_dir()
    code, out, err = _invoke(tmp_path, content, "stats", "--json", "--guide", "saa-c03")
    assert code == 0, err
    ready = json.loads(out)["readiness"]
    assert ready["guide_id"] == "saa-c03" and ready["weighting"] == "domains"
    assert ready["overall"]["questions"] == 50
    domains = ready["domains"]
    assert [d["id"] for d in domains] == [1, 2, 3, 4]
    assert [d["weight"] for d in domains] == [30, 26, 24, 20]
    assert sum(d["questions"] for d in domains) == 50
    for d in domains:
        assert {"id", "name", "weight", "expected", "low", "high", "items"} <= set(d)
        assert 0.0 <= d["low"] <= d["expected"] <= d["high"] <= 1.0
        assert d["verdict"] in {"on track", "needs work"}

    code, out, err = _invoke(tmp_path, content, "stats")
    assert code == 0, err
    assert "Readiness per DVA-C02 domain" in out and "Troubleshooting" in out
    assert "50-question DVA-C02 mock exam" in out

    code, out, err = _invoke(tmp_path, content, "stats", "--guide", "nope")
    assert code != 0 and "unknown exam guide 'nope' (known: dva-c02, saa-c03)" in err


def test_stats_of_untagged_topics_has_no_domains(tmp_path: Path, small_deck_dir: Path) -> None:
    code, out, err = _invoke(tmp_path, small_deck_dir, "stats", "--json", "--topic", "demo")
    assert code == 0, err
    ready = json.loads(out)["readiness"]
    assert ready["domains"] == [] and ready["weighting"] == "topics"
