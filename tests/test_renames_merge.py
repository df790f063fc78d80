"""Renames and merges: a rename made on one device comes through `studyapp merge` either way,
and gives what merging first and renaming after gives (hypothesis on random histories of two
devices, written through the store API as `test_merge.py` writes them)."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.content import Card, Choice, Deck, Question, Topic
from studyapp.interop import merge_database
from studyapp.srs.replay import open_store
from tests.conftest import START
from tests.test_merge import (
    ITEMS,
    Device,
    check_derived_tables,
    histories,
    merged,
    snapshot,
    two_devices,
)
from tests.test_renames import nothing_under

#: When the decks below are opened: after every action of the histories.
OPENED_AT = START + timedelta(days=400)
KIND_OF = dict(ITEMS)


def _plans(first: str, second: str) -> list[dict[str, str]]:
    """Every way to rename two items of one kind: either or both to a new id, one folded into
    the other, or both into the second's new id."""
    first_new, second_new = f"{first}-new", f"{second}-new"
    return [
        {},
        {first: first_new},
        {second: second_new},
        {first: first_new, second: second_new},
        {first: second},
        {second: first},
        {first: second_new, second: second_new},
    ]


#: Renames of the cards and of the questions, as old id -> new id.
rename_plans = st.tuples(
    st.sampled_from(_plans("c1", "c2")), st.sampled_from(_plans("q1", "q2"))
).map(lambda plans: {**plans[0], **plans[1]})


def deck_of(renames: Mapping[str, str]) -> Deck:
    """The deck of ITEMS after `renames`, in one topic, claiming the old ids."""
    final = [renames.get(item_id, item_id) for item_id, _kind in ITEMS]
    items: dict[str, Any] = {}
    for item_id, (_old, kind) in zip(final, ITEMS, strict=True):
        old_ids = tuple(old for old, new in renames.items() if new == item_id)
        if kind == "card":
            items[item_id] = Card(
                item_id, f"Front {item_id}", "Back", "https://e.com", renamed_from=old_ids
            )
        else:
            choices = (Choice("Right", True, "Yes."), Choice("Wrong", False, "No."))
            items[item_id] = Question(
                item_id, f"Prompt {item_id}", 1, choices, "https://e.com", renamed_from=old_ids
            )
    return Deck(
        topics={"t": Topic("t", "T")},
        items=items,
        topic_of=dict.fromkeys(items, "t"),
        renames=dict(renames),
    )


def opened_with(path: Path, deck: Deck) -> Path:
    """`path` after studyapp opened it with `deck` (as `StudyContext.open` does)."""
    store = open_store(path)
    try:
        store.items.sync(deck, OPENED_AT)
    finally:
        store.close()
    return path


def full_snapshot(path: Path) -> dict[str, Any]:
    """`test_merge.snapshot` and the log of renames."""
    tables = snapshot(path)
    conn = sqlite3.connect(path)
    try:
        tables["item_renames"] = sorted(conn.execute("SELECT * FROM item_renames"))
    finally:
        conn.close()
    return tables


@settings(max_examples=30, deadline=None)
@given(shared=histories, on_a=histories, on_b=histories, renames=rename_plans)
def test_a_rename_on_one_device_comes_through_a_merge_either_way(
    shared: list[Any], on_a: list[Any], on_b: list[Any], renames: dict[str, str]
) -> None:
    old_deck, new_deck = deck_of({}), deck_of(renames)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        a, b = two_devices(folder, shared, on_a, on_b)
        opened_with(b, old_deck)  # B has not seen the renamed deck yet
        not_renamed = opened_with(Path(shutil.copyfile(a, folder / "a-old.db")), old_deck)
        opened_with(a, new_deck)
        results = [
            merged(a, b, folder / "a-into-b.db"),
            merged(b, a, folder / "b-into-a.db"),
            merged(not_renamed, b, folder / "merged-then-renamed.db"),
        ]
        for path in results:
            opened_with(path, new_deck)
            check_derived_tables(path)
            assert all(nothing_under(path, old_id) for old_id in set(renames) - set(new_deck.items))
        first = full_snapshot(results[0])
        assert all(full_snapshot(path) == first for path in results[1:])
        merge_database(a, results[0])  # again: nothing changes
        merge_database(b, results[0])
        assert full_snapshot(results[0]) == first


def test_a_merge_files_the_other_devices_reviews_under_the_new_id(tmp_path: Path) -> None:
    review = ("review", 0, 2, 60 * 24)  # c1, rated Good, a day later
    a, b = two_devices(tmp_path, [review], [review, ("bookmark", 0, 0, 1)], [review, review])
    renames = {"c1": "c1-new"}
    opened_with(a, deck_of(renames))
    result = merge_database(b, a)  # B still files its two reviews of c1 under c1
    assert (result.reviews_new, result.log_changed) == (2, True)
    store = open_store(a, read_only=True)
    try:
        assert [r.item_id for r in store.reviews.all()] == ["c1-new"] * 4
        assert store.bookmarks.item_ids() == {"c1-new"}
        assert store.renames.log() == [("c1", "c1-new", "2027-04-06T10:00:00.000000Z")]
    finally:
        store.close()
    assert nothing_under(a, "c1")
    check_derived_tables(a)


def _reviewed_items(path: Path) -> dict[str, str]:
    """Each review's uid and the item it is filed under."""
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT uid, item_id FROM reviews"))
    finally:
        conn.close()


@settings(max_examples=25, deadline=None)
@given(history=histories, renames=rename_plans)
def test_a_rename_files_every_review_under_the_new_id_and_replay_equals_state(
    history: list[Any], renames: dict[str, str]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "p.db"
        Device(path, "a").act(history)
        before = _reviewed_items(opened_with(path, deck_of({})))
        opened_with(path, deck_of(renames))
        assert _reviewed_items(path) == {uid: renames.get(i, i) for uid, i in before.items()}
        assert all(
            nothing_under(path, old_id) for old_id in set(renames) - set(deck_of(renames).items)
        )
        check_derived_tables(path)
        once = full_snapshot(path)
        opened_with(path, deck_of(renames))  # the same deck again: nothing to do
        assert full_snapshot(path) == once
