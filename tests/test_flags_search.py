"""Flags never touch progress; search finds notes and items and never raises on user input."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.content import Deck, content_hash, load_deck_or_raise
from studyapp.errors import StoreError
from studyapp.srs import Rating
from studyapp.store import Settings, Store
from studyapp.store.search import (
    SearchHit,
    deck_fingerprint,
    ensure_search_index,
    match_expression,
    search,
)
from studyapp.study import StudyContext
from tests.conftest import SMALL_DECK, START

# flags ----------------------------------------------------------------------------------


def test_flags_round_trip_newest_first(store: Store, small_deck: Deck) -> None:
    first = store.flags.add("c1", START, "back is wrong", content_hash(small_deck.items["c1"]))
    second = store.flags.add("q1", START + timedelta(minutes=5), None, None)
    flags = store.flags.records()
    assert [flag.id for flag in flags] == [second, first]
    newest, oldest = flags
    assert (newest.item_id, newest.comment, newest.content_hash) == ("q1", None, None)
    assert oldest.flagged_at == START
    assert oldest.content_hash == content_hash(small_deck.items["c1"])
    assert oldest.comment == "back is wrong" and oldest.resolved is False


def test_resolved_flags_leave_the_default_list(store: Store) -> None:
    flag_id = store.flags.add("c1", START, "typo", None)
    store.flags.resolve(flag_id)
    assert store.flags.records() == []
    (resolved,) = store.flags.records(include_resolved=True)
    assert resolved.id == flag_id and resolved.resolved is True
    with pytest.raises(StoreError, match="flag 999 does not exist"):
        store.flags.resolve(999)


def test_a_naive_flag_time_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.flags.add("c1", datetime(2026, 3, 2, 10, 0), None, None)


def test_flagging_leaves_reviews_states_and_the_queue_alone(context: StudyContext) -> None:
    session = context.start("review")
    session.current()
    session.rate(Rating.GOOD)
    session.current()
    session.rate(Rating.AGAIN)
    store = context.store
    before = (list(store.reviews.all()), store.reviews.states(), context.queue("review"))
    for item_id in ("c1", "c2", "c3", "q1"):
        store.flags.add(item_id, context.clock.now(), "looks wrong", None)
    assert (list(store.reviews.all()), store.reviews.states(), context.queue("review")) == before
    assert len(store.flags.records()) == 4


def test_preferences_round_trip_without_touching_settings(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = Store.open(path)
    assert store.settings.preference("exam_date") is None
    store.settings.set_preference("exam_date", "2027-01-04")
    store.settings.set_preference("exam_date", "2027-02-01")
    store.close()
    again = Store.open(path)
    assert again.settings.preference("exam_date") == "2027-02-01"
    assert again.settings.current() == Settings()
    again.close()


# search ---------------------------------------------------------------------------------


@pytest.fixture
def indexed(store: Store, small_deck: Deck) -> Store:
    ensure_search_index(store, small_deck)
    return store


def test_index_is_rebuilt_only_when_content_changes(
    store: Store, small_deck: Deck, tmp_path: Path
) -> None:
    assert ensure_search_index(store, small_deck) is True
    assert ensure_search_index(store, small_deck) is False
    edited_dir = tmp_path / "edited"
    edited_dir.mkdir()
    (edited_dir / "demo.yaml").write_text(
        SMALL_DECK.replace("Back one", "Back one and zebras"), encoding="utf-8"
    )
    edited = load_deck_or_raise([edited_dir])
    assert deck_fingerprint(edited) != deck_fingerprint(small_deck)
    assert search(store, "zebras") == []
    assert ensure_search_index(store, edited) is True
    assert [hit.item_id for hit in search(store, "zebras")] == ["c1"]
    rows = store.conn.execute("SELECT count(*) FROM search").fetchone()[0]
    assert rows == len(edited.items) + len(edited.notes)


def test_a_word_in_a_note_body_finds_the_note(indexed: Store) -> None:
    (hit,) = search(indexed, "some text")
    assert (hit.item_id, hit.kind, hit.topic_id, hit.title) == (
        "demo-note",
        "note",
        "demo",
        "A note",
    )
    assert hit.snippet == "Some text." and hit.section == 0
    assert [hit.snippet[start:end] for start, end in hit.matches] == ["Some", "text"]


def test_prefixes_choices_whys_and_scenario_options_are_searchable(indexed: Store) -> None:
    assert [hit.item_id for hit in search(indexed, "thr")] == ["c3"]  # "Front three"
    assert [hit.item_id for hit in search(indexed, "because not")] == ["q1"]  # a why
    assert [hit.item_id for hit in search(indexed, "Fargate")] == ["s1"]  # an option name
    assert [hit.item_id for hit in search(indexed, "minutes")] == ["s1"]  # the explanation


def test_title_matches_rank_above_body_matches(store: Store, tmp_path: Path) -> None:
    words = "alpha beta gamma delta"
    (tmp_path / "rank.yaml").write_text(
        "topic: {id: rank, title: Ranking}\n"
        "cards:\n"
        f"  - {{id: in-body, front: zeta, back: {words}, source: 'https://a.example/x'}}\n"
        f"  - {{id: in-title, front: {words}, back: zeta, source: 'https://a.example/y'}}\n",
        encoding="utf-8",
    )
    ensure_search_index(store, load_deck_or_raise([tmp_path / "rank.yaml"]))
    assert [hit.item_id for hit in search(store, "gamma")] == ["in-title", "in-body"]


def test_a_title_match_shows_the_start_of_the_body_instead_of_the_title_again(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "title.yaml").write_text(
        "topic: {id: t, title: Title}\n"
        "cards:\n"
        "  - {id: c, front: When to pick zeta, back: 'Pick it for short jobs; it is cheap.',"
        " source: 'https://a.example/x'}\n",
        encoding="utf-8",
    )
    ensure_search_index(store, load_deck_or_raise([tmp_path / "title.yaml"]))
    (hit,) = search(store, "zeta")
    assert hit.snippet == "When to pick zeta"  # what matched, for the highlight on opening
    assert hit.shown == ("Pick it for short jobs; it is cheap.", ())  # the card's back
    (hit,) = search(store, "zeta short")  # in both: the body's own match is picked out
    text, matches = hit.shown
    assert text.startswith("Pick it for short") and [text[a:b] for a, b in matches] == ["short"]
    (hit,) = search(store, "cheap")  # in the body only: the snippet as it was
    assert hit.preview is None and hit.shown == (hit.snippet, hit.matches)


def test_limit_caps_the_hits(indexed: Store) -> None:
    assert [hit.kind for hit in search(indexed, "front")] == ["card"] * 3
    assert len(search(indexed, "front", limit=2)) == 2
    assert search(indexed, "front", limit=0) == []


def test_the_snippet_is_plain_text_and_the_matches_are_offsets_in_it(indexed: Store) -> None:
    (hit,) = search(indexed, "batch")
    assert hit.snippet == "A long batch job in a container."
    assert [hit.snippet[start:end] for start, end in hit.matches] == ["batch"]


def test_a_snippet_cut_short_keeps_its_offsets(store: Store, tmp_path: Path) -> None:
    """SQLite starts a snippet from the middle of a text with an ellipsis; the offsets count it."""
    words = " ".join(f"word{n}" for n in range(40))
    (tmp_path / "long.yaml").write_text(
        "topic: {id: long, title: Long}\n"
        "cards:\n"
        f"  - {{id: c, front: Front, back: '{words} zebra and zebras {words}', "
        "source: 'https://a.example/x'}\n",
        encoding="utf-8",
    )
    ensure_search_index(store, load_deck_or_raise([tmp_path / "long.yaml"]))
    hits: list[SearchHit] = search(store, "zebra")
    (hit,) = hits
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert [hit.snippet[start:end] for start, end in hit.matches] == ["zebra", "zebras"]


@pytest.mark.parametrize("query", ["", "   ", "\n\t", '"', "-", "(", "*", "()", "^", ":"])
def test_queries_without_words_find_nothing(indexed: Store, query: str) -> None:
    assert match_expression(query) is None
    assert search(indexed, query) == []


@pytest.mark.parametrize(
    "query",
    ['lambda "', "a AND", "a OR", "NOT front", "NEAR(front back)", "front -back", "title:front"],
)
def test_query_syntax_is_taken_as_plain_words(indexed: Store, query: str) -> None:
    search(indexed, query)  # must not raise


def test_fts_operators_are_words_not_syntax(indexed: Store) -> None:
    assert search(indexed, "front OR zebra") == []  # every word is required, OR included
    assert [hit.item_id for hit in search(indexed, "front one")] == ["c1"]


def test_nothing_is_found_before_the_index_is_built(store: Store) -> None:
    assert search(store, "front") == []


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(st.characters(exclude_categories=()), max_size=40))
def test_any_text_is_a_safe_query(indexed: Store, query: str) -> None:
    hits = search(indexed, query, limit=5)
    assert len(hits) <= 5


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(
        st.sampled_from(
            [
                '"',
                "*",
                "(",
                ")",
                "-",
                "AND",
                "OR",
                "NOT",
                "NEAR",
                "^",
                ":",
                "front",
                "back",
                "'",
                "+",
                "{",
                "}",
            ]
        ),
        max_size=8,
    )
)
def test_fts_syntax_soup_is_a_safe_query(indexed: Store, words: list[str]) -> None:
    search(indexed, " ".join(words))
    search(indexed, "".join(words))


def test_shipped_deck_timeout_finds_lambda_items(store: Store, shipped_deck: Deck) -> None:
    ensure_search_index(store, shipped_deck)
    hits = search(store, "timeout")
    assert hits
    assert "lambda" in {hit.topic_id for hit in hits}
    assert any(hit.kind == "card" for hit in hits)
    assert all(
        hit.item_id in shipped_deck.items or hit.item_id in shipped_deck.notes for hit in hits
    )
    assert all("\n" not in hit.title and "\n" not in hit.snippet for hit in hits)
    assert {hit.item_id for hit in search(store, "timeouts")} == {hit.item_id for hit in hits}


def test_search_index_on_disk_survives_reopening(tmp_path: Path, small_deck: Deck) -> None:
    path = tmp_path / "p.db"
    store = Store.open(path)
    assert ensure_search_index(store, small_deck) is True
    store.close()
    again = Store.open(path)
    assert ensure_search_index(again, small_deck) is False
    assert {hit.item_id for hit in search(again, "pick")} == {"q1", "q2"}
    again.close()


def test_flag_times_are_stored_as_utc(store: Store) -> None:
    store.flags.add("c1", START.astimezone(timezone(timedelta(hours=-5))), None, None)
    assert store.flags.records()[0].flagged_at == START
    text = store.conn.execute("SELECT flagged_at FROM flags").fetchone()[0]
    assert text == "2026-03-02T10:00:00.000000Z"


def test_a_theme_kept_as_a_preference_is_the_theme_setting_until_one_is_set(
    tmp_path: Path,
) -> None:
    """The theme was a front end's preference before it became a setting."""
    store = Store.open(tmp_path / "p.db")
    store.settings.set_preference("theme", "gruvbox")
    assert store.settings.current().theme == "gruvbox"
    store.settings.set("theme", "nord")
    assert store.settings.current().theme == "nord"
    store.settings.set_preference("theme", "no-such-theme")
    assert store.settings.current().theme == "nord"
    store.close()
