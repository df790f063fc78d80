"""Benchmark the TUI: rating key to next card painted, and start-up to an interactive Home.

Run: .venv/bin/python bench/bench_tui.py [--items 5000] [--cards 60] [--starts 21]
     .venv/bin/python bench/bench_tui.py --startup-only --starts 31
     .venv/bin/python bench/bench_tui.py --startup-only --watch   (Home watching the content)

Latency: a rating key on a revealed card until Pilot finds the next card painted (its own
frame wait included), on a deck of --items items, timed two ways (see METHODS), each next
to the same measure for a bare app whose key swaps one Static.
Start-up: whole processes, each started headless and stopped once its first screen has
been painted and the app has gone idle twice, studyapp's Home (shipped deck, warm deck
cache) against a minimal Textual app (Header, ListView, Footer), the same stop for both.
Two figures from the same runs: to that settled first screen (what a user waits for), and
to the process's end (which also waits for Home's readiness worker and the exit).
The two are started in alternating pairs after one untimed start of each, so both see
the same load on a shared machine; the ratio of medians and the median of the per-pair
ratios should agree when the load was steady. studyapp's bytecode is compiled first, as
Textual's is in site-packages: an installed studyapp has it, and without it (a
PYTHONDONTWRITEBYTECODE environment) every start would compile studyapp's source again.
Prints a table for the README. Not a test: nothing fails on a number.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).parent))

from bench_core import write_deck

# Set before Textual is imported (this file imports it only inside functions), as the CLI
# sets it, so every app measured here runs at studyapp's frame rate, the bare ones included.
os.environ.setdefault("TEXTUAL_FPS", "240")

if TYPE_CHECKING:
    from textual.pilot import Pilot

#: The two ways of timing a key with Pilot. Textual 8's `pilot.press` waits for the app to
#: go idle twice after the key, each wait at least one 20 ms sleep and a second one when the
#: first saw any work: about 60 ms whatever the key does. `pilot.pause()` is one such wait
#: and the screen update, about 21 ms when idle, the cost the issue names for it.
METHODS = {
    "pause": "key delivered + `pilot.pause()`",
    "press": "`pilot.press()`",
}

# Both apps stop the same way: registered before `run`, the first idle callback comes
# once the first screen has been laid out and painted, and the second after whatever that
# paint set off (a footer showing its keys) has settled. That moment (the wall clock, as
# the parent reads it too) is printed once `run` returns: the screen a user sees, ready
# for keys. The process then ends as any does, after the threads it started: studyapp's
# readiness worker, which starts with the first frame, is waited for there.
STOP_WHEN_SETTLED = """
import time
settled = []
app.call_after_refresh(lambda: app.call_after_refresh(lambda: (settled.append(time.time()), app.exit())))
app.run(headless=True)
print(f"SETTLED {settled[0]}")
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
import gc, sys
gc.disable()  # as `studyapp` starts the app (cli.launch.run_tui); StudyApp.run turns it on
from pathlib import Path
from studyapp.clock import SystemClock
from studyapp.tui import make_app

db = Path(sys.argv[2])
# --watch: the content watched as `studyapp` watches it (its worker starts after the first paint).
settle_ms = 100 if sys.argv[3:] == ["watch"] else None
app = make_app(
    [Path(sys.argv[1])], db, SystemClock(), cache_dir=db.parent / "cache", watch_settle_ms=settle_ms
)
"""
    + STOP_WHEN_SETTLED
)


@dataclass(frozen=True)
class Start:
    """One start-up, in ms from launching the process: to the settled first screen, and to
    the process's end."""

    settled_ms: float
    ended_ms: float


def time_process(code: str, *args: str) -> Start:
    began, began_wall = time.perf_counter(), time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    ended_ms = (time.perf_counter() - began) * 1000
    settled_at = float(done.stdout.rsplit("SETTLED ", 1)[1])
    return Start((settled_at - began_wall) * 1000, ended_ms)


def startup_pairs(
    starts: int, content_dir: Path, db: Path, watch: bool = False
) -> list[tuple[Start, Start]]:
    """(minimal, studyapp) start-ups, alternating which goes first in a pair."""
    minimal = partial(time_process, MINIMAL_APP)
    home = partial(time_process, STUDYAPP_HOME, str(content_dir), str(db), *["watch"] * watch)
    # Written even where PYTHONDONTWRITEBYTECODE is set (compileall writes regardless).
    compileall.compile_dir(Path(__file__).parent.parent / "studyapp", quiet=1)
    minimal(), home()  # untimed: builds the deck cache and the database, warms the disk cache
    pairs = []
    for start in range(starts):
        if start % 2:
            home_start = home()
            minimal_start = minimal()
        else:
            minimal_start = minimal()
            home_start = home()
        pairs.append((minimal_start, home_start))
    return pairs


def print_startup(pairs: list[tuple[Start, Start]]) -> None:
    for label, stop in (
        ("first screen settled", "settled_ms"),
        ("process ended (readiness worker done)", "ended_ms"),
    ):
        minimal = [getattr(m, stop) for m, _ in pairs]
        home = [getattr(h, stop) for _, h in pairs]
        pair_ratios = [h / m for m, h in zip(minimal, home, strict=True)]
        quartiles = statistics.quantiles(pair_ratios, n=4)
        print(f"| {label}: minimal Textual app (median) | {statistics.median(minimal):.0f} ms |")
        print(f"| {label}: studyapp Home (median) | {statistics.median(home):.0f} ms |")
        ratio = statistics.median(home) / statistics.median(minimal)
        print(f"| {label}: ratio of medians | {ratio:.2f}x |")
        print(
            f"| {label}: ratio per pair, median (quartiles) | "
            f"{statistics.median(pair_ratios):.2f}x ({quartiles[0]:.2f}-{quartiles[2]:.2f}) |"
        )


async def deliver_and_pause(pilot: Pilot[None], key: str) -> None:
    """The key as the terminal driver delivers it, then Pilot's own wait for the frame
    (`pilot.pause()`: one wait for idle, then the screen's update)."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)  # what App._press_keys does for each key
    await pilot.pause()


async def timed(pilot: Pilot[None], key: str, method: str) -> float:
    """Milliseconds from sending `key` to Pilot finding the result painted."""
    began = time.perf_counter()
    if method == "press":
        await pilot.press(key)
    else:
        await deliver_and_pause(pilot, key)
    return (time.perf_counter() - began) * 1000


async def bare_app_latency(presses: int, method: str) -> tuple[list[float], list[float]]:
    """The floors on this machine: a bare `pilot.pause()`, and a key that swaps one
    Static's text in a bare app, by `method`."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Swap(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("card", id="card")

        def key_x(self) -> None:
            self.query_one(Static).update(f"card {time.perf_counter()}")

    pauses, swaps = [], []
    async with Swap().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            began = time.perf_counter()
            await pilot.pause()
            pauses.append((time.perf_counter() - began) * 1000)
            swaps.append(await timed(pilot, "x", method))
    return pauses, swaps


async def rating_latency(deck_dir: Path, db: Path, cards: int, method: str) -> list[float]:
    """Rating key ("3", Good) on a revealed card to the next card painted, by `method`."""
    from studyapp.clock import FixedClock
    from studyapp.tui import StartAt, make_app

    app = make_app([deck_dir], db, FixedClock(datetime(2026, 11, 1, tzinfo=UTC)), StartAt("review"))
    app.context.store.settings.set("new_per_day", str(cards + 10))
    timings = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(cards):
            await pilot.press("space")
            timings.append(await timed(pilot, "3", method))
    return timings


def median_p95(timings: list[float]) -> str:
    p95 = statistics.quantiles(timings, n=20)[18]
    return f"{statistics.median(timings):.1f} / {p95:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--cards", type=int, default=60)
    parser.add_argument("--starts", type=int, default=21)
    parser.add_argument(
        "--startup-only", action="store_true", help="skip the rating-latency measurements"
    )
    parser.add_argument(
        "--watch", action="store_true", help="start Home watching the content, as `studyapp` does"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.startup_only:
            deck_dir = Path(tmp) / "deck"
            deck_dir.mkdir()
            write_deck(deck_dir, args.items)
            latency = {}
            for method in METHODS:
                db = Path(tmp) / f"lat-{method}.db"
                latency[method] = (
                    asyncio.run(rating_latency(deck_dir, db, args.cards, method)),
                    *asyncio.run(bare_app_latency(args.cards, method)),
                )
        shipped = Path(__file__).parent.parent / "content"
        pairs = startup_pairs(args.starts, shipped, Path(tmp) / "start.db", args.watch)
    if args.startup_only:
        print(f"starts={args.starts}{' watch' if args.watch else ''}")
    else:
        print(f"items={args.items} cards={args.cards} starts={args.starts}")
    print("| measure | figure |")
    print("| --- | --- |")
    if not args.startup_only:
        for method, label in METHODS.items():
            rating, pauses, swaps = latency[method]
            print(
                f"| {label}: rating key to next card painted, median / p95 | {median_p95(rating)} |"
            )
            print(f"| {label}: floor, one `Static` swap in a bare app | {median_p95(swaps)} |")
        pauses = latency["pause"][1]
        print(f"| a bare `pilot.pause()` | {median_p95(pauses)} |")
    print_startup(pairs)


if __name__ == "__main__":
    main()
