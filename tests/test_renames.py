"""Renames keep history: an item that lists its old id in `renamed_from` takes that id's
reviews, schedule, flags, bookmark and totals, through the log, so replay still equals state.

The history is made through the real session API (`StudyContext`, a fixed clock) on a real
file; the rename is an edit of the YAML, and the next open of the deck makes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.content import Question, Scenario
from studyapp.memory import ItemState
from studyapp.srs import Rating, StudyScheduler
from studyapp.store.search import ensure_search_index, search
from studyapp.study import StudyContext
from studyapp.tui import make_app
from studyapp.tui.screens.home import HomeScreen
from tests.conftest import SMALL_DECK, START
from tests.test_merge import check_derived_tables
from tests.test_missed_bookmarks import answer_current

SCHEDULER = StudyScheduler()
#: The tables that file rows under an item id, and what of a row is compared (not its id).
KEYED = {
    "reviews": "uid, kind, reviewed_at, rating, correct, answer, duration_ms, session_id, "
    "content_hash, prior_state",
    "item_state": "kind, state, step, stability, difficulty, due, last_review, first_review, "
    "reps, lapses, scheduled_days",
    "flags": "flagged_at, comment, content_hash, resolved",
    "bookmarks": "bookmarked_at",
    "suspensions": "suspended_at, reason",
    "exam_answers": "exam_id, position, chosen, flagged",
    "new_item_claims": "session_id",
    "item_tallies": "reviews, recalled, duration_ms, last_correct",
    "wrong_answers": "answer, times",
}


def write_deck(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "demo.yaml").write_text(text, encoding="utf-8")
    return folder


def renamed(text: str, old_id: str, new_id: str, *old_ids: str) -> str:
    """The deck `text` with the item `old_id` given `new_id` and listing `old_ids` (its own
    old id when none) in `renamed_from`."""
    listed = ", ".join(old_ids or (old_id,))
    block, flow = f"  - id: {old_id}\n", f"{{id: {old_id}, "
    if block in text:
        return text.replace(block, f"  - id: {new_id}\n    renamed_from: [{listed}]\n", 1)
    assert flow in text
    return text.replace(flow, f"{{id: {new_id}, renamed_from: [{listed}], ", 1)


@contextmanager
def opened(deck_dir: Path, db: Path, clock: FixedClock) -> Iterator[StudyContext]:
    context = StudyContext.open([deck_dir], db, clock)
    try:
        yield context
    finally:
        context.close()


def study(deck_dir: Path, db: Path, clock: FixedClock, days: int = 3) -> None:
    """`days` study days through the session API: every due card rated Good, every question
    and scenario answered, q1 wrong each time (a confusion and a miss)."""
    for _ in range(days):
        with opened(deck_dir, db, clock) as context:
            review = context.start("review")
            while review.current() is not None:
                review.rate(Rating.GOOD)
                clock.advance(timedelta(seconds=20))
            quiz = context.start("quiz", count=5)
            while (item := quiz.current()) is not None:
                assert isinstance(item, Question | Scenario)
                answer_current(quiz, right=item.id != "q1")
                clock.advance(timedelta(seconds=30))
        clock.advance(timedelta(days=1))


def history_of(db: Path, item_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the file keeps under `item_id`, table by table (without the id itself)."""
    conn = sqlite3.connect(db)
    try:
        return {
            table: sorted(
                conn.execute(f"SELECT {columns} FROM {table} WHERE item_id = ?", (item_id,)),
                key=repr,
            )
            for table, columns in KEYED.items()
        }
    finally:
        conn.close()


def nothing_under(db: Path, item_id: str) -> bool:
    return all(rows == [] for rows in history_of(db, item_id).values())


def whole_file(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, for "opening again changed nothing"."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}
    finally:
        conn.close()


def test_a_renamed_item_keeps_its_history_and_the_old_id_keeps_nothing(tmp_path: Path) -> None:
    deck_dir, db, clock = (
        write_deck(tmp_path / "deck", SMALL_DECK),
        tmp_path / "p.db",
        FixedClock(START),
    )
    study(deck_dir, db, clock)
    with opened(deck_dir, db, clock) as context:
        context.store.flags.add("q1", clock.now(), "typo", None)
        context.store.bookmarks.add("q1", clock.now())
        due_before = context.store.reviews.state("q1")
        assert "q1" in context.store.rollups.confused_item_ids(2)
    before = history_of(db, "q1")
    assert len(before["reviews"]) == 3 and before["wrong_answers"] == [('["Wrong"]', 3)]

    write_deck(deck_dir, renamed(SMALL_DECK, "q1", "q1-renamed"))
    with opened(deck_dir, db, clock) as context:
        store = context.store
        assert context.problems == [] and context.deck.renames == {"q1": "q1-renamed"}
        state = store.reviews.state("q1-renamed")
        assert due_before is not None and state is not None
        assert (state.due, state.reps, state.stability) == (
            due_before.due,
            due_before.reps,
            due_before.stability,
        )
        assert store.reviews.state("q1") is None
        assert "q1-renamed" in store.rollups.confused_item_ids(2)
        assert store.rollups.missed_item_ids()[0] == "q1-renamed"
        assert [f.item_id for f in store.flags.records()] == ["q1-renamed"]
        assert store.bookmarks.item_ids() == {"q1-renamed"}
        assert "q1-renamed" in context.queue_facts().seen_item_ids  # not served as new
        assert [(old, new) for old, new, _at in store.renames.log()] == [("q1", "q1-renamed")]
        items = {row[0] for row in store.conn.execute("SELECT item_id FROM items")}
        assert "q1-renamed" in items and "q1" not in items
        ensure_search_index(store, context.deck)  # as the search screen does first
        assert [hit.item_id for hit in search(store, "Pick the right one")] == ["q1-renamed"]
    assert history_of(db, "q1-renamed") == before
    assert nothing_under(db, "q1")
    check_derived_tables(db)

    # Renaming twice is harmless: the next open finds nothing under q1 and changes nothing.
    once = whole_file(db)
    with opened(deck_dir, db, clock) as context:
        assert context.store.renames.pending(context.deck) == {}
    assert whole_file(db) == once


def test_a_chain_of_renames_ends_at_the_last_id_and_the_log_stays_closed(tmp_path: Path) -> None:
    deck_dir, db, clock = (
        write_deck(tmp_path / "deck", SMALL_DECK),
        tmp_path / "p.db",
        FixedClock(START),
    )
    study(deck_dir, db, clock, days=2)
    before = history_of(db, "c2")
    write_deck(deck_dir, renamed(SMALL_DECK, "c2", "c2-b"))
    with opened(deck_dir, db, clock):
        pass
    clock.advance(timedelta(minutes=5))
    # The author keeps both old ids; the file has only the middle one's rows left.
    write_deck(deck_dir, renamed(SMALL_DECK, "c2", "c2-c", "c2", "c2-b"))
    with opened(deck_dir, db, clock) as context:
        log = {old: new for old, new, _at in context.store.renames.log()}
    assert log == {"c2": "c2-c", "c2-b": "c2-c"}
    assert history_of(db, "c2-c") == before
    assert nothing_under(db, "c2") and nothing_under(db, "c2-b")
    check_derived_tables(db)


def test_two_ids_with_history_are_joined_by_replaying_their_log(tmp_path: Path) -> None:
    deck_dir, db, clock = (
        write_deck(tmp_path / "deck", SMALL_DECK),
        tmp_path / "p.db",
        FixedClock(START),
    )
    study(deck_dir, db, clock, days=3)
    with opened(deck_dir, db, clock) as context:
        context.store.bookmarks.add("c3", clock.now())
        clock.advance(timedelta(minutes=1))
        context.store.bookmarks.add("c2", clock.now())
    c2, c3 = history_of(db, "c2"), history_of(db, "c3")
    # c2 is folded into c3: c3 keeps its id and takes c2's reviews.
    without_c2 = SMALL_DECK.replace(
        '  - {id: c2, front: Front two, back: Back two, source: "https://docs.aws.amazon.com/b"}\n',
        "",
    )
    write_deck(deck_dir, renamed(without_c2, "c3", "c3", "c2"))
    with opened(deck_dir, db, clock) as context:
        assert context.deck.renames == {"c2": "c3"}
        joined = context.store.reviews.of("c3")
        uids = {row[0] for row in c2["reviews"] + c3["reviews"]}
        assert {r.uid for r in joined} == uids and len(joined) == len(uids)
        assert [r.reviewed_at for r in joined] == sorted(r.reviewed_at for r in joined)
        state = context.store.reviews.state("c3")
        assert state is not None and state.reps == len(joined)
    assert nothing_under(db, "c2")
    assert history_of(db, "c3")["bookmarks"] == c3["bookmarks"]  # the earlier of the two
    check_derived_tables(db)


def test_a_rename_across_kinds_is_left_undone(tmp_path: Path) -> None:
    deck_dir, db, clock = (
        write_deck(tmp_path / "deck", SMALL_DECK),
        tmp_path / "p.db",
        FixedClock(START),
    )
    study(deck_dir, db, clock, days=1)
    before = history_of(db, "c1")
    write_deck(deck_dir, renamed(SMALL_DECK.replace("id: c1,", "id: c1-gone,"), "q2", "q2", "c1"))
    with opened(deck_dir, db, clock) as context:
        assert context.deck.renames == {"c1": "q2"}
        assert context.store.renames.log() == []
        assert context.store.renames.pending(context.deck) == {}  # no write on every open
    assert history_of(db, "c1") == before
    check_derived_tables(db)


@pytest.mark.parametrize("times", [1, 2])
def test_opening_a_deck_without_renames_reads_nothing_more(tmp_path: Path, times: int) -> None:
    deck_dir, db, clock = (
        write_deck(tmp_path / "deck", SMALL_DECK),
        tmp_path / "p.db",
        FixedClock(START),
    )
    for _ in range(times):
        with opened(deck_dir, db, clock) as context:
            assert context.deck.renames == {}
            assert context.store.renames.pending(context.deck) == {}


def test_a_long_interval_keeps_its_due_date_exactly_through_renames(tmp_path: Path) -> None:
    """A long interval is spread (fuzzed) by the item's id: the moved reviews keep the id
    they were recorded under, so the replayed state is the stored one to the second, before
    and after further reviews and a second rename."""
    deck_dir, db, clock = (
        write_deck(tmp_path / "deck", SMALL_DECK),
        tmp_path / "p.db",
        FixedClock(START),
    )

    def review_c1_when_due(times: int) -> ItemState:
        states = []
        for _ in range(times):  # c1 answered Good whenever it falls due: intervals grow
            with opened(deck_dir, db, clock) as context:
                review = context.start("review")
                while review.current() is not None:
                    review.rate(Rating.GOOD)
                state = context.store.reviews.state(deck_id("c1", context))
            assert state is not None
            states.append(state)
            clock.advance(state.due - clock.now())
        return states[-1]

    before = review_c1_when_due(6)
    assert before.scheduled_days > 20
    write_deck(deck_dir, renamed(SMALL_DECK, "c1", "c1-renamed"))
    with opened(deck_dir, db, clock) as context:
        after = context.store.reviews.state("c1-renamed")
    assert after == replace(before, item_id="c1-renamed")
    check_derived_tables(db)
    review_c1_when_due(2)  # reviews recorded under the new id, fuzzed for it
    write_deck(deck_dir, renamed(SMALL_DECK, "c1", "c1-b", "c1", "c1-renamed"))
    with opened(deck_dir, db, clock) as context:
        states = context.store.reviews.states()
        recorded = [r.recorded_as for r in context.store.reviews.of("c1-b")]
    first_under_new = recorded.index("c1-renamed")
    assert "c1-renamed" not in states and first_under_new >= 6
    assert set(recorded[:first_under_new]) == {"c1"}
    assert set(recorded[first_under_new:]) == {"c1-renamed"}
    check_derived_tables(db)


def deck_id(item_id: str, context: StudyContext) -> str:
    """`item_id`, or the id the deck renamed it to."""
    return next((i for i in context.deck.items if i.startswith(item_id)), item_id)


def test_a_report_on_a_file_it_may_write_makes_the_renames_first_and_says_so(
    tmp_path: Path,
) -> None:
    deck_dir, db, clock = (
        write_deck(tmp_path / "deck", SMALL_DECK),
        tmp_path / "p.db",
        FixedClock(START),
    )
    study(deck_dir, db, clock, days=1)
    write_deck(deck_dir, renamed(SMALL_DECK, "q1", "q1-renamed"))
    due = ["due", "--db", str(db), "--content", str(deck_dir)]
    env = {"STUDYAPP_NOW": "2026-03-04T09:00:00Z"}
    result = CliRunner().invoke(cli, due, env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "studyapp: 'q1' is 'q1-renamed' now (renamed_from): 1 review and the schedule "
        "moved with it\n"
    )
    assert nothing_under(db, "q1")
    check_derived_tables(db)
    again = CliRunner().invoke(cli, due, env=env)
    assert (again.exit_code, again.stderr, again.stdout) == (0, "", result.stdout)


async def test_the_full_screen_app_says_once_which_renames_moved_reviews(tmp_path: Path) -> None:
    deck_dir, db, clock = (
        write_deck(tmp_path / "deck", SMALL_DECK),
        tmp_path / "p.db",
        FixedClock(START),
    )
    study(deck_dir, db, clock, days=1)
    write_deck(deck_dir, renamed(SMALL_DECK, "c1", "c1-renamed"))
    for expected in (
        ["'c1' is 'c1-renamed' now (renamed_from): 2 reviews and the schedule moved with it"],
        [],
    ):
        app = make_app([deck_dir], db, clock)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            assert [str(n.message) for n in app._notifications] == expected
            assert isinstance(app.screen, HomeScreen)
