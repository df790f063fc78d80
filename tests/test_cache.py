"""The validated-deck cache: same deck back, rebuilt when content changes or the cache breaks."""

from __future__ import annotations

import io
import os
import pickle
import pickletools
import stat
from collections.abc import Sequence
from dataclasses import fields, make_dataclass
from pathlib import Path

import pytest

from studyapp.content import (
    Card,
    Choice,
    Deck,
    Facts,
    Note,
    Problem,
    Question,
    Scenario,
    Topic,
    load_deck,
)
from studyapp.content import cache as deck_cache
from studyapp.content.cache import cache_key, field_layout, load_deck_cached
from studyapp.content.models import GlossaryEntry


def test_cache_returns_the_same_deck(small_deck_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, problems = load_deck_cached([small_deck_dir], cache)
    assert len(list(cache.glob("deck-*.pickle"))) == 1
    second, again = load_deck_cached([small_deck_dir], cache)
    assert second == first and again == problems == []


def test_editing_a_file_changes_the_key(small_deck_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_deck_cached([small_deck_dir], cache)
    before = cache_key([small_deck_dir])
    deck_file = small_deck_dir / "demo.yaml"
    deck_file.write_text(deck_file.read_text().replace("Back one", "Back ONE"))
    os.utime(deck_file, ns=(1, 1))  # a different mtime even on coarse clocks
    assert cache_key([small_deck_dir]) != before
    deck, _ = load_deck_cached([small_deck_dir], cache)
    assert deck.items["c1"].back == "Back ONE"  # type: ignore[union-attr]
    assert len(list(cache.glob("deck-*.pickle"))) == 1  # the stale entry is gone


def counting_validate(calls: list[int]) -> deck_cache.Validate:
    def validate(paths: Sequence[Path]) -> tuple[Deck, list[Problem]]:
        calls.append(1)
        return load_deck(paths)

    return validate


def test_a_cache_of_another_field_layout_is_rebuilt(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, calls = tmp_path / "cache", list[int]()
    validate = counting_validate(calls)
    load_deck_cached([small_deck_dir], cache, validate)
    load_deck_cached([small_deck_dir], cache, validate)
    assert len(calls) == 1
    # This studyapp's Card gains a field: a deck cached before it is not used.
    card_fields = [(f.name, f.type, f.default) for f in fields(Card)]
    wider = make_dataclass("Card", [*card_fields, ("hint", str, "")], frozen=True, slots=True)
    wider.__module__ = Card.__module__
    classes = [wider if cls is Card else cls for cls in deck_cache.CACHED_CLASSES]
    assert field_layout(classes) != deck_cache.FIELD_LAYOUT
    monkeypatch.setattr(deck_cache, "FIELD_LAYOUT", field_layout(classes))
    deck, problems = load_deck_cached([small_deck_dir], cache, validate)
    assert len(calls) == 2 and "c1" in deck.items and problems == []
    assert len(list(cache.glob("deck-*.pickle"))) == 1  # the old layout's entry is gone


def one_of_each_model(deck: Deck) -> list[object]:
    """A topic, a note, a card, a question and a choice, a scenario and its facts, a term."""
    question = next(i for i in deck.items.values() if isinstance(i, Question))
    scenario = next(i for i in deck.items.values() if isinstance(i, Scenario))
    card = next(i for i in deck.items.values() if isinstance(i, Card))
    topic, note = next(iter(deck.topics.values())), next(iter(deck.notes.values()))
    term = GlossaryEntry("cold start", "The first request's set-up.", "https://aws.example/x")
    return [topic, note, card, question, question.choices[0], scenario, scenario.facts, term]


def test_every_model_pickles_as_its_class_and_field_values(small_deck: Deck) -> None:
    models = one_of_each_model(small_deck)
    assert set(deck_cache.MODEL_CLASSES) == {
        Topic,
        Note,
        Card,
        Choice,
        Question,
        Facts,
        Scenario,
        GlossaryEntry,
    }
    assert {type(model) for model in models} == set(deck_cache.MODEL_CLASSES)
    for model in models:
        reduce = deck_cache.DISPATCH_TABLE[type(model)]
        values = tuple(getattr(model, f.name) for f in fields(model))  # type: ignore[arg-type]
        assert reduce(model) == (type(model), values)
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = deck_cache.DISPATCH_TABLE
        pickler.dump(model)
        opcodes = {op.name for op, _arg, _pos in pickletools.genops(buffer.getvalue())}
        assert "REDUCE" in opcodes and "BUILD" not in opcodes  # loaded by one call of the class
        buffer.seek(0)
        assert deck_cache._ContentUnpickler(buffer).load() == model


def test_a_corrupt_cache_is_rebuilt(small_deck_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_deck_cached([small_deck_dir], cache)
    [entry] = cache.glob("deck-*.pickle")
    entry.write_bytes(b"not a pickle")
    deck, problems = load_deck_cached([small_deck_dir], cache)
    assert "c1" in deck.items and problems == []


def test_problems_are_cached_too(small_deck_dir: Path, tmp_path: Path) -> None:
    (small_deck_dir / "broken.yaml").write_text("topic: [oops\n")
    cache = tmp_path / "cache"
    _, problems = load_deck_cached([small_deck_dir], cache)
    _, cached = load_deck_cached([small_deck_dir], cache)
    assert cached == problems and len(problems) == 1


def test_an_unwritable_cache_still_loads(small_deck_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    deck, _ = load_deck_cached([small_deck_dir], blocker / "cache")
    assert "c1" in deck.items


def test_a_checked_start_from_the_cache_imports_neither_pydantic_nor_yaml(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    """Sessions load through the scenario check; a cache hit still skips YAML and pydantic."""
    import subprocess
    import sys

    code = f"""
import sys
from pathlib import Path
from studyapp.clock import FixedClock
from studyapp.study import StudyContext
from datetime import datetime, UTC
context = StudyContext.open([Path({str(small_deck_dir)!r})], None,
                            FixedClock(datetime(2026, 3, 2, tzinfo=UTC)), Path({str(tmp_path)!r}))
context.close()
print(sorted(m for m in ("pydantic", "yaml") if m in sys.modules))
"""
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "[]"


# the cache is read only from a folder that only this user could have written --------------


def plant(cache: Path, paths: list[Path], value: object) -> Path:
    """Put `value` where the cache for `paths` is looked up."""
    cache.mkdir(parents=True, exist_ok=True)
    entry = cache / f"deck-{cache_key(paths)}.pickle"
    entry.write_bytes(pickle.dumps(value))
    return entry


def test_the_cache_folder_is_created_private(small_deck_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "new" / "cache"
    load_deck_cached([small_deck_dir], cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    [entry] = cache.glob("deck-*.pickle")
    assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0


def test_a_cache_folder_others_may_write_is_not_read(small_deck_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plant(cache, [small_deck_dir], (Deck(), []))
    cache.chmod(0o777)
    deck, problems = load_deck_cached([small_deck_dir], cache)
    assert "c1" in deck.items and problems == []
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700  # made private, and written afresh
    again, _ = load_deck_cached([small_deck_dir], cache)
    assert again == deck


class Planted:
    """What a pickle from someone else might do on loading: run code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Path.write_text, (self.marker, "ran"))


def test_a_foreign_pickle_is_never_run(small_deck_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    marker = tmp_path / "marker"
    cache.mkdir(mode=0o700)
    plant(cache, [small_deck_dir], (Planted(marker), []))
    deck, _ = load_deck_cached([small_deck_dir], cache)
    assert "c1" in deck.items
    assert not marker.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_cache_owned_by_someone_else_is_not_read(small_deck_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    entry = plant(cache, [small_deck_dir], (Deck(), []))
    os.chown(entry, 65534, 65534)
    deck, _ = load_deck_cached([small_deck_dir], cache)
    assert "c1" in deck.items
    os.chown(cache, 65534, 65534)
    before = entry.read_bytes()
    deck, _ = load_deck_cached([small_deck_dir], cache)
    assert "c1" in deck.items
    assert entry.read_bytes() == before  # someone else's folder: neither read nor written


# the exam guides -----------------------------------------------------------------------


def test_the_guides_come_from_the_cache_while_their_files_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second process (here: call) gets the same guides without YAML and pydantic; an
    edited guide file is read again."""
    import shutil

    from studyapp.content import guides as guides_module
    from studyapp.content.cache import load_guides_cached
    from studyapp.content.guides import builtin_guides_dir, load_guides

    folder = tmp_path / "guides"
    shutil.copytree(builtin_guides_dir(), folder)
    monkeypatch.setattr(deck_cache, "builtin_guides_dir", lambda: folder)
    monkeypatch.setattr(guides_module, "builtin_guides_dir", lambda: folder)
    cache = tmp_path / "cache"
    first = load_guides_cached(cache)
    assert first == load_guides()[0] and set(first.by_id) == {"dva-c02", "saa-c03"}
    [entry] = cache.glob("guides-*.pickle")

    def refused(paths: object = None) -> object:
        raise AssertionError("read from YAML although cached")

    with monkeypatch.context() as patched:
        patched.setattr(guides_module, "load_guides", refused)
        assert load_guides_cached(cache) == first
    guide_file = folder / "dva-c02.yaml"
    guide_file.write_text(
        guide_file.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1),
        encoding="utf-8",
    )
    edited = load_guides_cached(cache)
    assert edited.by_id["dva-c02"].title.startswith("Edited ")
    assert list(cache.glob("guides-*.pickle")) != [entry]  # the old entry replaced
    assert len(list(cache.glob("deck-*.pickle"))) == 0  # decks untouched by guides


def test_a_context_loads_its_guides_through_the_cache(small_deck_dir: Path, tmp_path: Path) -> None:
    """Home and readiness ask `context.guides`: from the cache, no YAML in a warm start."""
    import subprocess
    import sys

    code = f"""
import sys
from pathlib import Path
from studyapp.clock import FixedClock
from studyapp.study import StudyContext
from datetime import datetime, UTC
context = StudyContext.open([Path({str(small_deck_dir)!r})], None,
                            FixedClock(datetime(2026, 3, 2, tzinfo=UTC)), Path({str(tmp_path)!r}))
assert "dva-c02" in context.guides
context.close()
print(sorted(m for m in ("pydantic", "yaml") if m in sys.modules))
"""
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "[]"
