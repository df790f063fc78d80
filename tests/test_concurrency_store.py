"""Two connections in one process writing to one database file at the same moment."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from studyapp.store import ItemState, ReviewRecord, Store

BASE = datetime(2026, 3, 2, 10, tzinfo=UTC)
PER_WORKER = 200
ITEMS = 10


def _bump(prior: ItemState | None, item_id: str, at: datetime) -> ItemState:
    """A stand-in scheduler: counts reviews in `reps`, so a lost update would show."""
    return ItemState(
        item_id=item_id,
        kind="question",
        state=2,
        step=None,
        stability=1.0,
        difficulty=5.0,
        due=at + timedelta(days=1),
        last_review=at,
        first_review=prior.first_review if prior else at,
        reps=(prior.reps if prior else 0) + 1,
        lapses=0,
    )


def _writer(path: Path, name: str, barrier: threading.Barrier, errors: list[BaseException]) -> None:
    try:
        barrier.wait(timeout=10)
        store = Store.open(path)
        try:
            for i in range(PER_WORKER):
                item_id, at = f"item-{i % ITEMS}", BASE + timedelta(seconds=i)
                review = ReviewRecord(item_id, "question", at, 3, True, f'["{name}"]')
                store.reviews.record(review, partial(_bump, item_id=item_id, at=at))
        finally:
            store.close()
    except BaseException as exc:
        errors.append(exc)


def _run_together(target: Callable[..., None], args_list: list[tuple[object, ...]]) -> None:
    """Start one daemon thread per argument tuple and wait (bounded) for all of them."""
    threads = [threading.Thread(target=target, args=args, daemon=True) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"


def test_two_threads_record_400_reviews_into_one_file(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    Store.open(path).close()  # created and migrated; a brand-new file is tested below
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    _run_together(_writer, [(path, f"w{i}", barrier, errors) for i in range(2)])
    assert errors == []

    conn = sqlite3.connect(path, timeout=10)
    try:
        assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2 * PER_WORKER
        per_worker = dict(conn.execute("SELECT answer, count(*) FROM reviews GROUP BY answer"))
        reps = dict(conn.execute("SELECT item_id, reps FROM item_state"))
    finally:
        conn.close()
    assert per_worker == {'["w0"]': PER_WORKER, '["w1"]': PER_WORKER}
    # Each read-modify-write of an item's state was atomic: no increment was lost.
    assert reps == {f"item-{i}": 2 * PER_WORKER // ITEMS for i in range(ITEMS)}

    store = Store.open(path)
    try:
        assert store.reviews.count() == 2 * PER_WORKER
    finally:
        store.close()


def test_opening_a_new_file_waits_for_another_writer(tmp_path: Path) -> None:
    # What two processes starting on a brand-new file at once run into (about one pair in
    # five fails with "cannot open database: database is locked"), made deterministic: one
    # plain connection holds the write lock for 0.3 s; Store.open should wait, then succeed.
    path = tmp_path / "fresh.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        store = Store.open(path)
        try:
            assert store.reviews.count() == 0
        finally:
            store.close()
    finally:
        release.join(timeout=10)
        holder.close()
