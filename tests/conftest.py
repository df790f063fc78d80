"""Shared fixtures: a frozen clock, an in-memory store, a small deck written to disk."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studyapp.clock import FixedClock
from studyapp.content import Deck, Question, Scenario, load_deck_or_raise
from studyapp.paths import builtin_content_dir
from studyapp.srs import StudyScheduler
from studyapp.srs.replay import open_store
from studyapp.store import Store
from studyapp.study import OPTION_LETTERS, ShownOptions, StudyContext, StudySession

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

SMALL_DECK = """
topic: {id: demo, title: Demo topic}
notes:
  - id: demo-note
    title: A note
    body: Some text.
    sources: [https://docs.aws.amazon.com/lambda/latest/dg/welcome.html]
cards:
  - {id: c1, front: Front one, back: Back one, source: "https://docs.aws.amazon.com/a"}
  - {id: c2, front: Front two, back: Back two, source: "https://docs.aws.amazon.com/b"}
  - {id: c3, front: Front three, back: Back three, source: "https://docs.aws.amazon.com/c"}
questions:
  - id: q1
    prompt: Pick the right one.
    choices:
      - {text: Right, correct: true, why: Because.}
      - {text: Wrong, why: Because not.}
    source: https://docs.aws.amazon.com/q
  - id: q2
    prompt: Pick two.
    choose: 2
    choices:
      - {text: A, correct: true, why: Yes.}
      - {text: B, why: No.}
      - {text: C, correct: true, why: Yes.}
    source: https://docs.aws.amazon.com/q
scenarios:
  - id: s1
    situation: A long batch job in a container.
    facts: {runtime_minutes: 40, packaging: container}
    options: [lambda, fargate]
    answer: fargate
    explanation: Lambda stops at 15 minutes.
    source: https://docs.aws.amazon.com/s
"""


@pytest.fixture(autouse=True)
def _study_days_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test, and every process it starts, studies in UTC unless it sets a zone itself,
    so due dates and study days do not depend on the machine's zone."""
    monkeypatch.setenv("STUDYAPP_TZ", "UTC")


@pytest.fixture(scope="session")
def deck_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One temporary deck cache for the whole run, so the shipped deck is validated once."""
    return tmp_path_factory.mktemp("deck-cache")


@pytest.fixture(autouse=True)
def _deck_cache_in_tmp(monkeypatch: pytest.MonkeyPatch, deck_cache_dir: Path) -> None:
    """Every test, and every process it starts, caches the deck in a temporary folder, never
    in the real `~/.cache`; a test may still set STUDYAPP_CACHE itself."""
    monkeypatch.setenv("STUDYAPP_CACHE", str(deck_cache_dir))


@pytest.fixture(autouse=True)
def _user_decks_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every test, and every process it starts, has its user deck folder under tmp_path (not
    created: a test that wants one makes it), never the real one in the user's data folder."""
    decks = tmp_path / "user-decks"
    monkeypatch.setenv("STUDYAPP_DECKS", str(decks))
    return decks


@pytest.fixture
def user_decks(_user_decks_in_tmp: Path) -> Path:
    """The test's user deck folder (STUDYAPP_DECKS), not yet created."""
    return _user_decks_in_tmp


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def store() -> Iterator[Store]:
    # As studyapp opens one: with the scheduler a rename's or an upgrade's replay needs.
    opened = open_store(None)
    yield opened
    opened.close()


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file under tmp_path and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def small_deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "demo.yaml").write_text(SMALL_DECK, encoding="utf-8")
    return folder


@pytest.fixture
def small_deck(small_deck_dir: Path) -> Deck:
    return load_deck_or_raise([small_deck_dir])


@pytest.fixture
def shipped_deck() -> Deck:
    return load_deck_or_raise([builtin_content_dir()])


@pytest.fixture
def context(small_deck: Deck, store: Store, clock: FixedClock) -> StudyContext:
    return StudyContext(small_deck, [], store, StudyScheduler(), clock)


def shown_letters(shown: ShownOptions, authored: str) -> str:
    """What a learner types for the options written as `authored` letters, as `shown` shows them."""
    return shown.letters(OPTION_LETTERS.index(letter) for letter in authored)


def quiz_letters(session: StudySession, item_id: str, authored: str) -> str:
    """The letters to type for these authored options when the session next shows `item_id`."""
    item = session.deck.items[item_id]
    assert isinstance(item, Question | Scenario)
    state = session.store.reviews.state(item_id)
    shown = ShownOptions.for_quiz(item, session.session_id, state.reps if state else 0)
    return shown_letters(shown, authored)
