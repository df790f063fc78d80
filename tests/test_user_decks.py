"""The user deck folder: loaded after the built-in deck once it exists, before `--content`
folders, by every command that loads the deck; shown by `studyapp where`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp.content.cache import load_deck_cached
from studyapp.paths import builtin_content_dir, content_dirs, user_decks_dir
from tests.test_cli import invoke
from tests.test_completion import complete

SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html"


def card_file(folder: Path, item_id: str, name: str = "mine.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"topic: lambda\ncards:\n  - {{id: {item_id}, front: F?, back: B., source: {SOURCE}}}\n"
    )
    return path


def test_the_tests_never_see_the_real_user_folder(user_decks: Path, tmp_path: Path) -> None:
    assert user_decks_dir() == user_decks
    assert user_decks.is_relative_to(tmp_path)


def test_a_missing_deck_folder_is_left_out_and_not_created(user_decks: Path) -> None:
    assert content_dirs() == [builtin_content_dir()]
    code, out, err = invoke("content", "check")
    assert code == 0 and err == "" and out.startswith("OK: ")
    assert not user_decks.exists()


def test_the_deck_folder_loads_after_the_built_in_deck_and_before_content_folders(
    user_decks: Path, tmp_path: Path
) -> None:
    user_decks.mkdir()
    extra = tmp_path / "extra"
    assert content_dirs([extra]) == [builtin_content_dir(), user_decks, extra]


def test_studyapp_decks_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDYAPP_DECKS", "~/somewhere/decks")
    assert user_decks_dir() == Path("~/somewhere/decks").expanduser()


def test_commands_load_the_deck_folder_without_content(user_decks: Path) -> None:
    def lambda_cards() -> int:
        code, out, _ = invoke("content", "stats", "--json")
        assert code == 0
        return int(json.loads(out)["topics"]["lambda"]["cards"])

    before = lambda_cards()
    card_file(user_decks, "my-own-card")
    assert lambda_cards() == before + 1
    code, out, _ = invoke("content", "show", "my-own-card")
    assert code == 0 and out.splitlines()[-1] == f"{user_decks / 'mine.yaml'}:3"
    assert complete("studyapp content show my-own-") == ["my-own-card"]


def test_where_says_whether_the_deck_folder_exists(user_decks: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    code, out, _ = invoke("--db", db, "where")
    assert code == 0
    assert f"decks:    {user_decks} (your deck folder: not created yet)" in out.splitlines()
    assert f"content:  {user_decks}" not in out
    user_decks.mkdir()
    code, out, _ = invoke("--db", db, "where")
    lines = out.splitlines()
    assert f"decks:    {user_decks} (your deck folder: loaded after the built-in deck)" in lines
    assert lines[1:3] == [f"content:  {builtin_content_dir()}", f"content:  {user_decks}"]


def test_the_deck_cache_sees_a_file_added_to_the_deck_folder(
    user_decks: Path, deck_cache_dir: Path
) -> None:
    user_decks.mkdir()
    first, _ = load_deck_cached(content_dirs(), deck_cache_dir)
    assert "my-new-card" not in first.items
    card_file(user_decks, "my-new-card", "added-later.yaml")
    second, problems = load_deck_cached(content_dirs(), deck_cache_dir)
    assert problems == []
    assert "my-new-card" in second.items


def test_completion_offers_the_deck_folder_topics(user_decks: Path) -> None:
    user_decks.mkdir()
    (user_decks / "t.yaml").write_text("topic: {id: my-own-topic, title: Mine}\n")
    assert complete("studyapp quiz --topic my-own") == ["my-own-topic"]
