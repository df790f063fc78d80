"""Personal FSRS parameters (`studyapp optimize`) and planning towards an exam (`studyapp plan`)."""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import fsrs
import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.clock import FixedClock, local_zone
from studyapp.errors import StoreError, UsageError
from studyapp.srs import Rating, StudyScheduler
from studyapp.srs.optimize import (
    MIN_REVIEWS,
    optimize,
    review_steps,
    shortfall,
)
from studyapp.srs.personal import (
    EXAM_DATE_PREFERENCE,
    PARAMETERS_PREFERENCE,
    exam_day_start,
    scheduler_from_store,
    store_parameters,
    stored_parameters,
)
from studyapp.srs.plan import parse_exam_date, project
from studyapp.srs.replay import step_for
from studyapp.srs.scheduler import exam_retention
from studyapp.store import Store
from studyapp.store.records import ItemState, ReviewRecord
from studyapp.study import StudyContext
from tests.conftest import START

DEFAULTS = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
# A learner who forgets much faster than FSRS's defaults assume: initial stabilities / 5,
# and stability grows far less after each recall (w8, the growth factor's exponent, 0.5).
TRUE_PARAMETERS = tuple(0.5 if n == 8 else w / 5 if n < 4 else w for n, w in enumerate(DEFAULTS))


def simulate_learner(store: Store, items: int = 90, days: int = 150, seed: int = 7) -> None:
    """Review `items` questions on the default schedule, recalling as TRUE_PARAMETERS predict."""
    rng = random.Random(seed)
    scheduler = StudyScheduler()
    truth = fsrs.Scheduler(
        parameters=TRUE_PARAMETERS, learning_steps=(), relearning_steps=(), enable_fuzzing=False
    )
    for n in range(items):
        item_id = f"q{n}"
        at = START + timedelta(days=n % 10)
        true_card = fsrs.Card(card_id=0, due=at)
        state: ItemState | None = None
        while at < START + timedelta(days=days):
            recalled = state is None or rng.random() < truth.get_card_retrievability(true_card, at)
            rating = Rating.GOOD if recalled else Rating.AGAIN
            true_card, _ = truth.review_card(true_card, fsrs.Rating(int(rating)), at)
            review = ReviewRecord(item_id=item_id, kind="question", reviewed_at=at, rating=rating)
            state = _record(store, scheduler, review)
            at = state.due


def _record(store: Store, scheduler: StudyScheduler, review: ReviewRecord) -> ItemState:
    """Append `review` with the state `scheduler` gives it; returns that state."""

    def next_state(prior: ItemState | None) -> ItemState:
        rating = Rating(review.rating)
        return scheduler.next_state(prior, review.item_id, review.kind, rating, review.reviewed_at)

    return store.reviews.record(review, next_state)[1]


@pytest.fixture(scope="module")
def learner_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("learner") / "progress.db"
    store = Store.open(path)
    simulate_learner(store)
    store.close()
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"STUDYAPP_NOW": "2026-08-01T10:00:00+00:00"})
    return result.exit_code, result.stdout, result.stderr


# optimize -----------------------------------------------------------------------------


def test_a_small_log_is_refused_with_the_thresholds(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "small.db")
    simulate_learner(store, items=5, days=30)
    store.close()
    code, out, _ = invoke("--db", str(tmp_path / "small.db"), "optimize")
    assert code == 0
    assert "Not enough reviews" in out
    assert f"needs {MIN_REVIEWS} reviews" in out
    store = Store.open(tmp_path / "small.db")
    assert store.settings.preference(PARAMETERS_PREFERENCE) is None
    store.close()


def test_optimize_on_a_simulated_learner_improves_and_is_kept(learner_db: Path) -> None:
    store = Store.open(learner_db)
    steps = review_steps(store.reviews.all(), UTC)
    store.close()
    assert shortfall(steps) is None
    result = optimize(steps, DEFAULTS, random.Random(1))
    assert result.better
    assert result.after.log_loss < result.before.log_loss
    assert len(result.parameters) == 21
    # The fit recovers a learner who forgets faster: a lower initial stability for Good.
    assert result.parameters[2] < DEFAULTS[2]


def test_worse_parameters_are_not_kept(learner_db: Path) -> None:
    store = Store.open(learner_db)
    steps = review_steps(store.reviews.all(), UTC)
    store.close()
    fitted = optimize(steps, DEFAULTS, random.Random(1)).parameters
    # Current parameters already fitted; a "fit" that hands back the defaults is worse.
    result = optimize(steps, fitted, random.Random(1), fit=lambda _items: list(DEFAULTS))
    assert not result.better


def test_optimize_command_stores_parameters_used_by_a_new_context(
    learner_db: Path, tmp_path: Path, small_deck_dir: Path
) -> None:
    db = tmp_path / "copy.db"
    source = Store.open(learner_db)
    source.conn.execute("VACUUM INTO ?", (str(db),))
    source.close()
    code, out, _ = invoke("--db", str(db), "optimize")
    assert code == 0, out
    assert "log loss" in out and "Stored the new parameters" in out
    store = Store.open(db)
    stored = stored_parameters(store)
    store.close()
    assert stored is not None and len(stored) == 21 and stored != DEFAULTS
    context = StudyContext.open([small_deck_dir], db, FixedClock(START))
    try:
        assert context.scheduler.parameters == stored
    finally:
        context.close()


def test_parameters_of_another_length_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="21 numbers"):
        store_parameters(store, DEFAULTS[:19])
    store.settings.set_preference(PARAMETERS_PREFERENCE, json.dumps(list(DEFAULTS[:17])))
    with pytest.raises(StoreError, match="21 numbers"):
        stored_parameters(store)


# plan ---------------------------------------------------------------------------------


def test_exam_dates_must_be_well_formed_and_in_the_future() -> None:
    today = date(2026, 3, 2)
    assert parse_exam_date("2026-04-01", today) == date(2026, 4, 1)
    for bad in ("2026-4-1", "next week", "2026-02-30"):
        with pytest.raises(UsageError, match="YYYY-MM-DD"):
            parse_exam_date(bad, today)
    for past in ("2026-03-01", "2026-03-02"):
        with pytest.raises(UsageError, match="not in the future"):
            parse_exam_date(past, today)


def test_plan_command_stores_shows_and_clears(tmp_path: Path, small_deck_dir: Path) -> None:
    db = str(tmp_path / "plan.db")
    code, _, err = invoke("--db", db, "plan", "--exam", "2026-07-01")
    assert code == 1 and "not in the future" in err
    code, out, _ = invoke(
        "--db",
        db,
        "--content",
        str(small_deck_dir),
        "plan",
        "--exam",
        "2026-09-01",
        "--minutes-per-day",
        "20",
    )
    assert code == 0, out
    assert "31 days away" in out and "recalled" in out
    assert re.search(r"per day: about \d+ reviews, \d+ new, 20 minutes", out), out
    store = Store.open(Path(db))
    assert store.settings.preference(EXAM_DATE_PREFERENCE) == "2026-09-01"
    store.close()
    context = StudyContext.open([small_deck_dir], Path(db), FixedClock(START))
    try:
        assert context.scheduler.exam_start == datetime(2026, 9, 1, 4, tzinfo=UTC)
    finally:
        context.close()
    code, out, _ = invoke("--db", db, "plan", "--clear")
    assert code == 0 and "cleared" in out
    store = Store.open(Path(db))
    assert store.settings.preference(EXAM_DATE_PREFERENCE) is None
    store.close()


def test_no_due_date_lands_after_the_exam_eve() -> None:
    exam_start = exam_day_start(date(2026, 3, 20), UTC)
    scheduler = StudyScheduler(exam_start=exam_start)
    plain = StudyScheduler()
    eve = exam_start - timedelta(days=1)
    state = None
    at = START
    for _ in range(6):
        state = scheduler.next_state(state, "q1", "question", Rating.EASY, at)
        assert state.due <= eve or at >= eve
        at = state.due
    # Without the exam, Easy answers push the item well past the exam.
    free = plain.next_state(None, "q1", "question", Rating.EASY, START)
    free = plain.next_state(free, "q1", "question", Rating.EASY, free.due)
    assert free.due > exam_start


def test_replay_with_the_exam_in_the_settings_gives_the_stored_state(store: Store) -> None:
    scheduler = StudyScheduler(exam_start=exam_day_start(date(2026, 3, 25), UTC))
    at = START
    for rating in (Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.EASY):
        review = ReviewRecord(item_id="c1", kind="card", reviewed_at=at, rating=rating)
        state = _record(store, scheduler, review)
        at = max(state.due, at + timedelta(hours=1))
    assert scheduler.replay_log(store.reviews.all()) == store.reviews.states()


def test_retention_rises_to_095_over_the_last_14_days() -> None:
    exam = datetime(2026, 4, 1, 4, tzinfo=UTC)
    assert exam_retention(0.9, exam - timedelta(days=30), exam) == 0.9
    assert exam_retention(0.9, exam - timedelta(days=14), exam) == 0.9
    assert exam_retention(0.9, exam - timedelta(days=7), exam) == 0.925
    assert exam_retention(0.9, exam - timedelta(hours=1), exam) == pytest.approx(0.95, abs=0.001)
    assert exam_retention(0.9, exam + timedelta(days=1), exam) == 0.9
    assert exam_retention(0.97, exam - timedelta(days=1), exam) == 0.97
    assert exam_retention(0.9, exam, None) == 0.9
    scheduler = StudyScheduler(exam_start=exam)
    assert scheduler.retention_at(exam - timedelta(days=7)) == 0.925


def test_projection_counts_learned_items_and_simulates_the_rest() -> None:
    projection = project(DEFAULTS, 0.9, 100, [], 30, 10, 20)
    assert 0 < projection.memorised_on_exam_day <= 100
    assert projection.reviews_per_day > 0 and projection.new_per_day > 0
    assert 0 < projection.readiness <= 1


def test_an_upgrade_replays_with_the_scheduler_the_store_would_build(store: Store) -> None:
    """The raw rows a migration reads ask for the scheduler the typed settings do."""
    store.settings.set("desired_retention", "0.8")
    store_parameters(store, TRUE_PARAMETERS)
    store.settings.set_preference(EXAM_DATE_PREFERENCE, "2026-03-20")
    settings = dict(store.conn.execute("SELECT key, value FROM settings"))
    meta = dict(store.conn.execute("SELECT key, value FROM meta"))
    scheduler, step = scheduler_from_store(store, local_zone()), step_for((settings, meta))
    assert scheduler.exam_start is not None
    prior: ItemState | None = None
    for n, rating in enumerate([Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD]):
        at = START + timedelta(days=3 * n)
        state = scheduler.next_state(prior, "q1", "question", rating, at)
        assert step(prior, "q1", "question", int(rating), at, "q1") == state
        prior = state
    later = START + timedelta(days=12)
    default = StudyScheduler().next_state(prior, "q1", "question", Rating.GOOD, later)
    assert step(prior, "q1", "question", int(Rating.GOOD), later, "q1") != default
