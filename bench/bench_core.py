"""Benchmark the foundation: --help start-up, content loading, queue building, answering.

Run: .venv/bin/python bench/bench_core.py [--items 5000] [--reviews 100000] [--seed 7]
Prints a table of medians; the README records the figures. Not a test: machines here are
shared and noisy, so nothing fails on a number.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.clock import FixedClock
from studyapp.content import load_deck_or_raise
from studyapp.srs import Rating, StudyScheduler
from studyapp.store import Store
from studyapp.study import StudyContext

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def write_deck(folder: Path, items: int) -> None:
    """A synthetic deck: 10 topics, two thirds cards and one third questions."""
    per_topic = items // 10
    for topic in range(10):
        lines = [f"topic: {{id: t{topic}, title: Topic {topic}}}", "cards:"]
        cards = per_topic * 2 // 3
        for n in range(cards):
            lines.append(
                f"  - {{id: t{topic}-c{n}, front: Front {n} of topic {topic}?, "
                f'back: Back {n}., source: "https://docs.aws.amazon.com/x/{n}"}}'
            )
        lines.append("questions:")
        for n in range(per_topic - cards):
            lines += [
                f"  - id: t{topic}-q{n}",
                f"    prompt: Question {n} of topic {topic}?",
                "    choices:",
                "      - {text: Right, correct: true, why: Because it is.}",
                "      - {text: Wrong, why: Because it is not.}",
                "      - {text: Also wrong, why: Neither.}",
                f"    source: https://docs.aws.amazon.com/q/{n}",
            ]
        (folder / f"t{topic}.yaml").write_text("\n".join(lines) + "\n")


def fill_history(store: Store, context: StudyContext, reviews: int, rng: random.Random) -> None:
    """Reviews spread over the past year, written through the real scheduler."""
    item_ids = list(context.deck.items)
    scheduler = context.scheduler
    states: dict[str, object] = {}
    start = NOW - timedelta(days=365)
    rows = []
    state_rows = {}
    for n in range(reviews):
        item_id = rng.choice(item_ids[: len(item_ids) * 3 // 4])  # a quarter stays new
        at = start + timedelta(seconds=n * 365 * 86400 / reviews)
        kind = "card" if "-c" in item_id else "question"
        state = scheduler.next_state(
            states.get(item_id),  # type: ignore[arg-type]
            item_id,
            kind,
            Rating(rng.choice([1, 3, 3, 3, 4])),
            at,
        )
        states[item_id] = state
        state_rows[item_id] = state
        rows.append((item_id, kind, at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), 3))
    with store.db.conn:
        store.conn.executemany(
            "INSERT INTO reviews (item_id, kind, reviewed_at, rating) VALUES (?, ?, ?, ?)", rows
        )
    store.reviews.replace_states(list(state_rows.values()))


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results: list[tuple[str, str]] = []

    help_ms = median_ms(
        lambda: subprocess.run(
            [sys.executable, "-m", "studyapp", "--help"], check=True, capture_output=True
        ),
        10,
    )
    results.append(("`studyapp --help` (whole process)", f"{help_ms:.0f} ms"))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "deck"
        folder.mkdir()
        write_deck(folder, args.items)
        load_ms = median_ms(lambda: load_deck_or_raise([folder]), 3)
        results.append((f"load + validate {args.items} items", f"{load_ms:.0f} ms"))

        deck = load_deck_or_raise([folder])
        store = Store.open(Path(tmp) / "bench.db")
        clock = FixedClock(NOW)
        context = StudyContext(deck, [], store, StudyScheduler(), clock)
        fill_history(store, context, args.reviews, rng)
        due = len(context.queue("review"))
        queue_ms = median_ms(lambda: context.queue("review"), 20)
        results.append((f"build today's review queue ({due} items)", f"{queue_ms:.1f} ms"))

        session = context.start("review")

        def answer_one() -> None:
            session.current()
            session.rate(Rating.GOOD)
            clock.advance(timedelta(seconds=5))

        answer_ms = median_ms(answer_one, 200)
        results.append(("answer one card (commit with synchronous=FULL)", f"{answer_ms:.2f} ms"))
        # What the power-cut guarantee costs: the same with the WAL not synced at each commit.
        store.conn.execute("PRAGMA synchronous = NORMAL")
        normal_ms = median_ms(answer_one, 200)
        store.conn.execute("PRAGMA synchronous = FULL")
        results.append(("answer one card, synchronous=NORMAL instead", f"{normal_ms:.2f} ms"))

        tracemalloc.start()
        context.queue("review")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results.append(("queue build peak Python memory", f"{peak / 1e6:.1f} MB"))
        store.close()

    print(f"items={args.items} reviews={args.reviews} seed={args.seed}")
    print("| measure | median |")
    print("| --- | --- |")
    for name, value in results:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
