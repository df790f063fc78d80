"""Benchmark the TUI: rating key to next card painted, and start-up to an interactive Home.

Run: .venv/bin/python bench/bench_tui.py [--items 5000] [--cards 60] [--starts 21]
     .venv/bin/python bench/bench_tui.py --startup-only --starts 31

Latency: Pilot presses a rating key on a revealed card and waits for the next card's
front to be painted (Pilot's own frame wait included), on a deck of --items items.
Start-up: whole processes, each started headless and stopped once its first screen has
been painted and the app has gone idle twice, studyapp's Home (shipped deck, warm deck
cache) against a minimal Textual app (Header, ListView, Footer), the same stop for both.
The two are started in alternating pairs after one untimed start of each, so both see
the same load on a shared machine; the ratio of medians and the median of the per-pair
ratios should agree when the load was steady. Prints a table for the README. Not a test:
nothing fails on a number.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_core import write_deck

# Both apps stop the same way: registered before `run`, the first idle callback comes
# once the first screen has been laid out and painted, and the second after whatever that
# paint set off (a footer showing its keys) has settled.
STOP_WHEN_SETTLED = """
app.call_after_refresh(lambda: app.call_after_refresh(app.exit))
app.run(headless=True)
"""

MINIMAL_APP = (
    """
from textual.app import App
from textual.widgets import Footer, Header, ListItem, ListView, Label

class Minimal(App):
    def compose(self):
        yield Header()
        yield ListView(*(ListItem(Label(f"topic {n}")) for n in range(8)))
        yield Footer()

app = Minimal()
"""
    + STOP_WHEN_SETTLED
)

STUDYAPP_HOME = (
    """
import sys
from pathlib import Path
from studyapp.clock import SystemClock
from studyapp.tui import make_app

db = Path(sys.argv[2])
app = make_app([Path(sys.argv[1])], db, SystemClock(), cache_dir=db.parent / "cache")
"""
    + STOP_WHEN_SETTLED
)


def time_process(code: str, *args: str) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
    return (time.perf_counter() - began) * 1000


def startup_pairs(starts: int, content_dir: Path, db: Path) -> list[tuple[float, float]]:
    """(minimal, studyapp) start-up times in ms, alternating which goes first in a pair."""
    minimal = partial(time_process, MINIMAL_APP)
    home = partial(time_process, STUDYAPP_HOME, str(content_dir), str(db))
    minimal(), home()  # untimed: builds the deck cache and the database, warms the disk cache
    pairs = []
    for start in range(starts):
        if start % 2:
            home_ms = home()
            minimal_ms = minimal()
        else:
            minimal_ms = minimal()
            home_ms = home()
        pairs.append((minimal_ms, home_ms))
    return pairs


def print_startup(pairs: list[tuple[float, float]]) -> None:
    minimal = [m for m, _ in pairs]
    home = [h for _, h in pairs]
    pair_ratios = [h / m for m, h in pairs]
    ratio_quartiles = statistics.quantiles(pair_ratios, n=4)
    print(f"| start-up, minimal Textual app (median) | {statistics.median(minimal):.0f} ms |")
    print(f"| start-up, studyapp Home (median) | {statistics.median(home):.0f} ms |")
    print(f"| ratio of medians | {statistics.median(home) / statistics.median(minimal):.2f}x |")
    print(
        f"| ratio per pair, median (quartiles) | {statistics.median(pair_ratios):.2f}x "
        f"({ratio_quartiles[0]:.2f}-{ratio_quartiles[2]:.2f}) |"
    )


async def minimal_swap_latency(presses: int) -> list[float]:
    """The floor on this machine: a key that swaps one Static's text in a bare app."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Swap(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("card", id="card")

        def key_x(self) -> None:
            self.query_one(Static).update(f"card {time.perf_counter()}")

    timings = []
    async with Swap().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            began = time.perf_counter()
            await pilot.press("x")
            timings.append((time.perf_counter() - began) * 1000)
    return timings


async def rating_latency(deck_dir: Path, db: Path, cards: int) -> list[float]:
    from studyapp.clock import FixedClock
    from studyapp.tui import StartAt, make_app

    app = make_app([deck_dir], db, FixedClock(datetime(2026, 11, 1, tzinfo=UTC)), StartAt("review"))
    app.context.store.set_setting("new_per_day", str(cards + 10))
    timings = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(cards):
            await pilot.press("space")
            began = time.perf_counter()
            await pilot.press("3")
            timings.append((time.perf_counter() - began) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--cards", type=int, default=60)
    parser.add_argument("--starts", type=int, default=21)
    parser.add_argument(
        "--startup-only", action="store_true", help="skip the rating-latency measurements"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.startup_only:
            deck_dir = Path(tmp) / "deck"
            deck_dir.mkdir()
            write_deck(deck_dir, args.items)
            timings = asyncio.run(rating_latency(deck_dir, Path(tmp) / "lat.db", args.cards))
            floor = asyncio.run(minimal_swap_latency(args.cards))
        shipped = Path(__file__).parent.parent / "content"
        pairs = startup_pairs(args.starts, shipped, Path(tmp) / "start.db")
    if args.startup_only:
        print(f"starts={args.starts}")
    else:
        print(f"items={args.items} cards={args.cards} starts={args.starts}")
    print("| measure | figure |")
    print("| --- | --- |")
    if not args.startup_only:
        p95 = statistics.quantiles(timings, n=20)[18]
        floor_p95 = statistics.quantiles(floor, n=20)[18]
        print(f"| rating key to next card painted, median | {statistics.median(timings):.1f} ms |")
        print(f"| rating key to next card painted, p95 | {p95:.1f} ms |")
        print(
            f"| floor: one Static swap in a bare app, median | {statistics.median(floor):.1f} ms |"
        )
        print(f"| floor: one Static swap in a bare app, p95 | {floor_p95:.1f} ms |")
    print_startup(pairs)


if __name__ == "__main__":
    main()
