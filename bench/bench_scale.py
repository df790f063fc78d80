"""Benchmark studyapp at scale: 20,000 items and 1,000,000 reviews over two years.

Run: /tmp/venv/bin/python bench/bench_scale.py [--items 20000] [--reviews 1000000] [--seed 7]
     [--profile]

From a fixed seed it writes a deck (10 topics of cards, 4-choice questions and scenarios)
as YAML and builds a progress database: the review log is replayed through the real
StudyScheduler in time order (so `prior_state`, leech suspensions and `item_state` are
what studyapp itself would have written) and inserted with executemany in one
transaction. The build runs in a child process, so the figures below see only the app's
own memory. Then, as medians: loading the content (first validated load, cached load),
today's queues, one answer with commit, the stats report, readiness, a headless TUI start
to Home (against the shipped small deck), and peak memory. Prints a markdown table with
the issue's targets. Not a test: nothing fails on a number. `--profile` adds a cProfile
summary of each in-process step.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).parent))

from bench_core import NOW, median_ms

if TYPE_CHECKING:
    from studyapp.clock import FixedClock
    from studyapp.study import StudyContext

HERE = Path(__file__).resolve()
SHIPPED = HERE.parent.parent / "content"
DAY = 86400.0
HISTORY_DAYS = 730

SCENARIO = (
    "    facts: {need: compute, packaging: container, workload: steady, manage_servers: true,"
    " kubernetes: false, cost_priority: lowest-steady-cost}\n"
    "    options: [fargate, ecs-ec2, ec2, eks]\n"
    "    answer: ecs-ec2\n"
)
WRONG_CHOICES = ("Wrong", "Also wrong", "Still wrong")


def write_scale_deck(folder: Path, items: int) -> None:
    """10 topics; each half cards, 35% 4-choice questions, 15% scenarios."""
    per_topic = items // 10
    for topic in range(10):
        cards = per_topic // 2
        questions = per_topic * 35 // 100
        scenarios = per_topic - cards - questions
        out = [f"topic: {{id: t{topic}, title: Topic {topic}}}", "cards:"]
        for n in range(cards):
            out.append(
                f"  - {{id: t{topic}-c{n}, front: Front {n} of topic {topic}?, "
                f'back: Back {n}., source: "https://docs.aws.amazon.com/x/{n}"}}'
            )
        out.append("questions:")
        for n in range(questions):
            out += [
                f"  - id: t{topic}-q{n}",
                f"    prompt: Question {n} of topic {topic}?",
                "    choices:",
                "      - {text: Right, correct: true, why: Because it is.}",
                "      - {text: Wrong, why: Because it is not.}",
                "      - {text: Also wrong, why: Neither.}",
                "      - {text: Still wrong, why: Nor this.}",
                f"    source: https://docs.aws.amazon.com/q/{n}",
            ]
        out.append("scenarios:")
        for n in range(scenarios):
            out.append(
                f"  - id: t{topic}-s{n}\n"
                f"    situation: Scenario {n} of topic {topic}, a steady container workload.\n"
                + SCENARIO
                + "    explanation: ECS on EC2 packs steady tasks onto cheap reserved capacity.\n"
                f"    source: https://docs.aws.amazon.com/s/{n}"
            )
        (folder / f"t{topic}.yaml").write_text("\n".join(out) + "\n")


def kind_of(item_id: str) -> str:
    tag = item_id.rsplit("-", 1)[1][0]
    return {"c": "card", "q": "question", "s": "scenario"}[tag]


def build_history(deck_dir: Path, db_path: Path, reviews: int, seed: int) -> None:
    """Write `reviews` reviews over two years to a fresh database (runs in a child process)."""
    from studyapp.clock import to_utc_text
    from studyapp.content.cache import load_deck_cached
    from studyapp.srs import Rating, StudyScheduler
    from studyapp.store import ItemState, Store
    from studyapp.store.leeches import LEECH_REASON, is_leech_lapse

    began = time.perf_counter()

    def progress(message: str) -> None:
        print(f"  [build {time.perf_counter() - began:5.1f} s] {message}", flush=True)

    rng = random.Random(seed)
    deck, _problems = load_deck_cached([deck_dir], None)
    item_ids = list(deck.items)
    rng.shuffle(item_ids)
    seen = item_ids[: len(item_ids) * 9 // 10]  # a tenth stays new
    weights = [rng.lognormvariate(0.0, 0.7) for _ in seen]
    scale = reviews / sum(weights)
    counts = [max(1, round(w * scale)) for w in weights]
    counts[-1] = max(1, counts[-1] + reviews - sum(counts))
    now = NOW.timestamp()
    start = now - HISTORY_DAYS * DAY

    # Each item: introduced somewhere in the two years, last reviewed 0-14 days ago, its
    # reviews spaced with growing gaps in between (as spaced repetition spaces them).
    events: list[tuple[float, int]] = []
    for index, count in enumerate(counts):
        last = now - rng.uniform(0.02, 14) * DAY
        first = rng.uniform(start, last - min(count, 30) * 0.05 * DAY)
        span = last - first
        for k in range(count):
            fraction = (k / (count - 1)) ** 1.6 if count > 1 else 1.0
            events.append((first + span * fraction + rng.uniform(0, 600), index))
    events.sort()
    progress(f"{len(events):,} review times for {len(seen):,} items")

    difficulty = [rng.uniform(0.02, 0.10) for _ in seen]
    kinds = [kind_of(i) for i in seen]
    scheduler = StudyScheduler()
    store = Store.open(db_path)
    conn = store.conn
    conn.execute("PRAGMA synchronous = OFF")
    states: list[ItemState | None] = [None] * len(seen)
    suspensions: list[tuple[str, str, str]] = []
    batch: list[tuple[object, ...]] = []
    insert = (
        "INSERT INTO reviews (item_id, kind, reviewed_at, rating, correct, answer, duration_ms,"
        " session_id, content_hash, prior_state) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)"
    )
    ratings = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY)
    conn.execute("BEGIN")
    for n, (at_ts, index) in enumerate(events):
        item_id = seen[index]
        kind = kinds[index]
        roll = rng.random()
        if roll < difficulty[index]:
            rating = ratings[0]
        elif kind == "card" and roll < difficulty[index] + 0.05:
            rating = ratings[1]
        elif roll > 0.97:
            rating = ratings[3]
        else:
            rating = ratings[2]
        at = datetime.fromtimestamp(at_ts, UTC)
        prior = states[index]
        state = scheduler.next_state(prior, item_id, kind, rating, at)
        states[index] = state
        at_text = to_utc_text(at)
        if kind == "card":
            correct = answer = None
        elif rating == Rating.AGAIN:
            correct = 0
            answer = json.dumps([rng.choice(WRONG_CHOICES) if kind == "question" else "fargate"])
        else:
            correct, answer = 1, json.dumps(["Right" if kind == "question" else "ecs-ec2"])
        duration = int(rng.lognormvariate(8.8, 0.6))
        batch.append(
            (
                item_id,
                kind,
                at_text,
                int(rating),
                correct,
                answer,
                duration,
                prior.state if prior else 0,
            )
        )
        if is_leech_lapse(prior, state):
            suspensions.append((item_id, at_text, LEECH_REASON))
        if len(batch) >= 50_000:
            conn.executemany(insert, batch)
            batch.clear()
            progress(f"{n + 1:,} reviews replayed and written")
    conn.executemany(insert, batch)
    conn.executemany(
        "INSERT OR REPLACE INTO suspensions (item_id, suspended_at, reason) VALUES (?, ?, ?)",
        suspensions,
    )
    for final in states:
        assert final is not None  # every seen item has at least one review
        store.reviews._put_state(final)  # the same row format the review log writes
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    store.close()
    progress(f"done: {len(suspensions)} leech suspensions")


def describe_db(store: object) -> str:
    conn = store.conn  # type: ignore[attr-defined]
    now_text = NOW.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    week = (NOW + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    (reviews,) = conn.execute("SELECT count(*) FROM reviews").fetchone()
    by_state = dict(conn.execute("SELECT state, count(*) FROM item_state GROUP BY state"))
    (due,) = conn.execute("SELECT count(*) FROM item_state WHERE due <= ?", (now_text,)).fetchone()
    (week_due,) = conn.execute(
        "SELECT count(*) FROM item_state WHERE due > ? AND due <= ?", (now_text, week)
    ).fetchone()
    stabilities = sorted(
        s for (s,) in conn.execute("SELECT stability FROM item_state WHERE state = 2")
    )
    (suspended,) = conn.execute("SELECT count(*) FROM suspensions").fetchone()
    median = stabilities[len(stabilities) // 2] if stabilities else 0
    return (
        f"{reviews:,} reviews; item states by FSRS state {by_state} (2 = Review); "
        f"{due:,} due now, {week_due:,} more in the next 7 days; median Review stability "
        f"{median:.0f} days; {suspended} suspended"
    )


TUI_HOME = """
import resource, sys
from datetime import datetime
from pathlib import Path
from studyapp.clock import FixedClock
from studyapp.tui import make_app

clock = FixedClock(datetime.fromisoformat(sys.argv[3]))
app = make_app([Path(sys.argv[1])], Path(sys.argv[2]), clock, cache_dir=Path(sys.argv[4]))

def ready():
    app.exit()

app.call_after_refresh(lambda: app.call_after_refresh(ready))
app.run(headless=True)
# VmHWM, not ru_maxrss: a vfork-spawned child inherits its parent's ru_maxrss across exec.
print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))
"""


def start_tui(deck: Path, db: Path, cache: Path) -> tuple[float, float]:
    """Milliseconds to a painted Home in a fresh process, and that process's peak RSS in MB."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", TUI_HOME, str(deck), str(db), NOW.isoformat(), str(cache)],
        check=True,
        capture_output=True,
        text=True,
    )
    elapsed = (time.perf_counter() - began) * 1000
    return elapsed, int(done.stdout.strip().splitlines()[-1]) / 1024


def peak_mb(run: Callable[[], object]) -> float:
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def profile(name: str, run: Callable[[], object], lines: int = 14) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    print(f"\n### cProfile: {name}\n```")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    print("```")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--data",
        type=Path,
        help="keep the built deck and database in this folder and reuse them on later runs "
        "(each run measures a fresh copy of the database)",
    )
    parser.add_argument("--build", nargs=2, metavar=("DECK", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_history(Path(args.build[0]), Path(args.build[1]), args.reviews, args.seed)
        return

    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp_text:
        tmp = Path(tmp_text)
        data = args.data or tmp
        deck_dir, built_db = data / "deck", data / "scale.db"
        if not (args.data and built_db.exists()):
            deck_dir.mkdir(parents=True, exist_ok=True)
            write_scale_deck(deck_dir, args.items)
            print(f"building {args.items:,} items and {args.reviews:,} reviews (seed {args.seed})")
            subprocess.run(
                [
                    sys.executable,
                    str(HERE),
                    "--build",
                    str(deck_dir),
                    str(built_db),
                    "--reviews",
                    str(args.reviews),
                    "--seed",
                    str(args.seed),
                ],
                check=True,
            )
        db = tmp / "measured.db"
        if data is not tmp:
            shutil.copyfile(built_db, db)
        else:
            built_db.rename(db)
        print(f"built in {time.perf_counter() - began:.0f} s; measuring", flush=True)
        rows = measure(args, tmp, deck_dir, db)
        print(
            f"\nitems={args.items} reviews={args.reviews} seed={args.seed} "
            f"(whole run {time.perf_counter() - began:.0f} s)\n"
        )
        print("| measure | figure | target | met |")
        print("| --- | --- | --- | --- |")
        for row in rows:
            print("| " + " | ".join(row) + " |")


#: Mock exams sat (blank, submitted) before the back-test is timed.
EXAMS = 10


def sit_exams(context: StudyContext, clock: FixedClock, count: int) -> None:
    """Sit `count` 30-question exams a day apart, each submitted blank."""
    for n in range(count):
        context.start_exam(rng=random.Random(n)).submit()
        clock.advance(timedelta(days=1))


def measure(args: argparse.Namespace, tmp: Path, deck_dir: Path, db: Path) -> list[tuple[str, ...]]:
    from studyapp.clock import FixedClock
    from studyapp.content.cache import load_deck_cached
    from studyapp.srs import Rating, StudyScheduler
    from studyapp.stats import build_stats_report, exam_backtest, readiness_horizon
    from studyapp.stats.readiness import readiness
    from studyapp.store import Store
    from studyapp.study import StudyContext

    rows: list[tuple[str, ...]] = []
    peaks: dict[str, float] = {}

    def row(name: str, ms: float, target: float | None, unit: str = "ms", fmt: str = ".1f") -> None:
        goal = "—" if target is None else f"< {target:g} {unit}"
        met = "—" if target is None else ("yes" if ms < target else f"**no** ({ms / target:.1f}x)")
        rows.append((name, f"{ms:{fmt}} {unit}", goal, met))

    def first_load() -> None:
        cache = tmp / "cold-cache"
        shutil.rmtree(cache, ignore_errors=True)
        load_deck_cached([deck_dir], cache)

    row(
        f"load + validate {args.items:,} items (first load, cache written)",
        median_ms(first_load, 3),
        None,
        fmt=".0f",
    )
    cache = tmp / "cache"
    load_deck_cached([deck_dir], cache)
    row(
        "load from the validated-deck cache",
        median_ms(lambda: load_deck_cached([deck_dir], cache), 7),
        None,
    )
    peaks["cached load"] = peak_mb(lambda: load_deck_cached([deck_dir], cache))
    print("  content loaded", flush=True)

    deck, problems = load_deck_cached([deck_dir], cache)
    store = Store.open(db)
    clock = FixedClock(NOW)
    context = StudyContext(deck, problems, store, StudyScheduler(), clock)
    print("  " + describe_db(store), flush=True)

    review = context.queue("review")
    row(
        f"today's review queue ({len(review):,} items)",
        median_ms(lambda: context.queue("review"), 15),
        20,
    )
    quiz = context.queue("quiz", count=30)
    row(
        f"quiz queue, count=30 ({len(quiz)} items)",
        median_ms(lambda: context.queue("quiz", count=30), 15),
        20,
    )
    peaks["review queue"] = peak_mb(lambda: context.queue("review"))
    peaks["quiz queue"] = peak_mb(lambda: context.queue("quiz", count=30))
    print("  queues measured", flush=True)

    def stats() -> object:
        return build_stats_report(deck, store, clock.now(), clock.local_tz)

    def ready() -> object:
        now = clock.now()
        horizon = readiness_horizon(store, now, clock.local_tz)
        return readiness(deck, store, context.scheduler, now, horizon=horizon)

    row("stats report (`build_stats_report`, all topics)", median_ms(stats, 5), 300, fmt=".0f")
    peaks["stats report"] = peak_mb(stats)
    print("  stats measured", flush=True)
    row("readiness (on the exam date or 7 days ahead)", median_ms(ready, 5), 150, fmt=".0f")
    peaks["readiness"] = peak_mb(ready)
    print("  readiness measured", flush=True)

    sessions = [context.start("review")]

    def answer_one() -> None:
        while sessions[-1].current() is None:  # small runs only: the next day's session
            clock.advance(timedelta(days=1))
            sessions.append(context.start("review"))
        sessions[-1].rate(Rating.GOOD)
        clock.advance(timedelta(seconds=5))

    row(
        "answer one card (`StudySession.rate`, commit included)",
        median_ms(answer_one, 100),
        5,
        fmt=".2f",
    )
    peaks["answer"] = peak_mb(answer_one)
    print("  answers measured", flush=True)

    sit_exams(context, clock, EXAMS)  # after the other steps: it moves the clock on

    def backtest_fresh() -> object:
        with store.conn:
            store.conn.execute("DELETE FROM meta WHERE key LIKE 'cache.readiness.backtest.%'")
        return exam_backtest(deck, store, context.scheduler)

    def backtest_kept() -> object:
        return exam_backtest(deck, store, context.scheduler)

    row(f"back-test of {EXAMS} exams, first run (replays)", median_ms(backtest_fresh, 3), None)
    backtest_kept()
    row(f"back-test of {EXAMS} exams, predictions kept", median_ms(backtest_kept, 5), None)
    print("  back-test measured", flush=True)

    def upgrade_to_study_days() -> None:
        """Schema v7's one-time upgrade: every review replayed under the study-day rules."""
        from sqlite_utils import Database

        from studyapp.srs.replay import step_for
        from studyapp.store.rebuild import replay_under_current_rules

        copy = tmp / "upgrade.db"
        shutil.copy(db, copy)
        conn = sqlite3.connect(copy)
        with conn:
            replay_under_current_rules(Database(conn), step_for)
        conn.close()
        copy.unlink()

    row(
        "upgrade a v6 database to study days (replay of the whole log, once)",
        median_ms(upgrade_to_study_days, 1) / 1000,
        None,
        "s",
    )
    print("  upgrade measured", flush=True)

    worst = max(peaks, key=peaks.__getitem__)
    row(f"peak Python memory of one step (tracemalloc; worst: {worst})", peaks[worst], 250, "MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row("peak RSS of this process (ru_maxrss, all steps above)", rss, 250, "MB", fmt=".0f")

    # TUI start: whole processes with warm caches, the 20k deck against the shipped deck.
    small_cache, big_cache = tmp / "small-cache", tmp / "big-cache"
    small_db = tmp / "small.db"
    start_tui(SHIPPED, small_db, small_cache)  # warm the caches; not counted
    start_tui(deck_dir, db, big_cache)
    small, big, big_rss = [], [], []
    for _ in range(args.starts):
        small.append(start_tui(SHIPPED, small_db, small_cache)[0])
        ms, peak = start_tui(deck_dir, db, big_cache)
        big.append(ms)
        big_rss.append(peak)
    small_ms, big_ms = statistics.median(small), statistics.median(big)
    rows.append(
        ("TUI start to Home, shipped small deck, empty db (cached)", f"{small_ms:.0f} ms", "—", "—")
    )
    ratio = big_ms / small_ms
    rows.append(
        (
            f"TUI start to Home, {args.items:,} items + {args.reviews:,} reviews (cached)",
            f"{big_ms:.0f} ms ({ratio:.2f}x)",
            "≤ 1.5x small deck",
            "yes" if ratio <= 1.5 else f"**no** ({ratio:.2f}x)",
        )
    )
    row("TUI process peak RSS (VmHWM)", max(big_rss), 250, "MB", fmt=".0f")
    print("  TUI measured", flush=True)

    if args.profile:
        profile("review queue", lambda: context.queue("review"))
        profile("quiz queue", lambda: context.queue("quiz", count=30))
        profile("stats report", stats, 20)
        profile("readiness", ready)
        profile("answer one card", answer_one)
    store.close()
    return rows


if __name__ == "__main__":
    main()
