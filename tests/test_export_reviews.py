"""`studyapp export reviews`: the review log as the FSRS optimizer tools' CSV, read back with
the csv module and fitted by fsrs-rs-python from the file alone."""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview

from studyapp.cli import cli
from studyapp.errors import ExportError
from studyapp.interop.reviews_csv import FSRS_COLUMNS, card_id_of, export_reviews
from studyapp.srs.optimize import fit_parameters, fsrs_items, review_steps
from studyapp.store import Store
from tests.test_optimize_plan import simulate_learner

HEADER = ["card_id", "review_time", "review_rating", "review_state", "review_duration"]


@pytest.fixture(scope="module")
def learner_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A log of 60 items over 120 days, every review with its state before it."""
    path = tmp_path_factory.mktemp("learner") / "progress.db"
    store = Store.open(path)
    simulate_learner(store, items=60, days=120)
    store.close()
    return path


def read_csv(path: Path) -> tuple[list[str], list[list[int]]]:
    with path.open(encoding="utf-8", newline="") as file:
        header, *rows = list(csv.reader(file))
    return header, [[int(value) for value in row] for row in rows]


def logged(db: Path) -> list[tuple[str, str, int, int, int | None]]:
    """The log as SQLite holds it, in the order it was written."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT item_id, reviewed_at, rating, prior_state, duration_ms FROM reviews ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_the_csv_is_the_log_row_for_row(learner_db: Path, tmp_path: Path) -> None:
    with Store.open(learner_db, read_only=True) as store:
        result = export_reviews(store, tmp_path / "revlog.csv")
    header, rows = read_csv(tmp_path / "revlog.csv")
    assert header == HEADER == list(FSRS_COLUMNS)
    log = logged(learner_db)
    assert result.reviews == len(rows) == len(log) > 500
    assert result.items == 60
    for row, (item_id, at, rating, prior_state, duration) in zip(rows, log, strict=True):
        card_id = int.from_bytes(hashlib.sha256(item_id.encode()).digest()[:6], "big")
        millis = round(datetime.fromisoformat(at).timestamp() * 1000)
        assert row == [card_id, millis, rating, prior_state, duration or 0]
    # FSRS tools expect each card's first review in state New and none after it.
    first_seen: set[int] = set()
    for card_id, _, _, state, _ in rows:
        assert (state == 0) == (card_id not in first_seen)
        first_seen.add(card_id)


def test_card_ids_are_stable_distinct_and_spreadsheet_safe() -> None:
    ids = [card_id_of(f"item-{n}") for n in range(5000)]
    assert len(set(ids)) == len(ids)
    assert all(0 <= i < 10**15 for i in ids)
    assert card_id_of("lambda-max-timeout") == 198867756699128


def steps_from_csv(path: Path) -> list[list[tuple[int, int]]]:
    """Per card, in file order: (rating, study days since its last review) on 04:00 days in
    UTC, computed from the CSV alone."""
    _, rows = read_csv(path)
    steps: dict[int, list[tuple[int, int]]] = {}
    last_day: dict[int, int] = {}
    for card_id, millis, rating, _, _ in rows:
        day = (datetime.fromtimestamp(millis / 1000, UTC) - timedelta(hours=4)).toordinal()
        delta = day - last_day.get(card_id, day)
        steps.setdefault(card_id, []).append((rating, delta))
        last_day[card_id] = day
    return list(steps.values())


def test_fsrs_fits_the_same_parameters_from_the_csv_as_from_the_store(
    learner_db: Path, tmp_path: Path
) -> None:
    with Store.open(learner_db, read_only=True) as store:
        export_reviews(store, tmp_path / "revlog.csv")
        own_steps = review_steps(store.reviews.all(), UTC)
    from_csv = steps_from_csv(tmp_path / "revlog.csv")
    assert from_csv == list(own_steps.values())
    items = [
        FSRSItem([FSRSReview(rating, delta) for rating, delta in history[:end]])
        for history in from_csv
        for end in range(2, len(history) + 1)
    ]
    items = [item for item in items if item.long_term_review_cnt() > 0]
    fitted = FSRS(DEFAULT_PARAMETERS).compute_parameters(items)
    assert list(fitted) != list(DEFAULT_PARAMETERS)
    assert list(fitted) == fit_parameters(fsrs_items(list(own_steps.values())))


def test_the_command_writes_the_csv_and_refuses_the_database(
    learner_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "revlog.csv"
    result = CliRunner().invoke(cli, ["--db", str(learner_db), "export", "reviews", str(target)])
    assert result.exit_code == 0, result.stderr
    _, rows = read_csv(target)
    assert result.stdout == f"Wrote {len(rows)} reviews of 60 items to {target}\n"
    before = learner_db.read_bytes()
    refused = CliRunner().invoke(
        cli, ["--db", str(learner_db), "export", "reviews", str(learner_db)]
    )
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"studyapp: {learner_db}: is the progress database itself; name a .csv file\n"
    )
    assert learner_db.read_bytes() == before


def test_an_empty_log_is_a_header_and_a_bad_path_one_error(tmp_path: Path) -> None:
    store = Store.open(None)
    result = export_reviews(store, tmp_path / "empty.csv")
    assert (result.reviews, result.items) == (0, 0)
    assert (tmp_path / "empty.csv").read_bytes() == ",".join(HEADER).encode() + b"\r\n"
    with pytest.raises(ExportError, match="cannot write: No such file or directory"):
        export_reviews(store, tmp_path / "no" / "revlog.csv")
    store.close()
