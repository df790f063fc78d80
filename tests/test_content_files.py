"""Finding the content files: what cannot be read is reported with its path, never skipped."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.content.files import content_files


@pytest.fixture
def unreadable(small_deck_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A subfolder with mode 000 (root reads it anyway, so for root the refusal is simulated)."""
    folder = small_deck_dir / "private"
    folder.mkdir()
    (folder / "more.yaml").write_text("topic: {id: more, title: More}\n")
    folder.chmod(0)
    if os.geteuid() == 0:
        real_scandir = os.scandir

        def scandir(path: Path) -> Any:
            if Path(path) == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr("studyapp.content.files.os.scandir", scandir)
    yield folder
    folder.chmod(0o755)


def messages(folder: Path) -> dict[str, str]:
    files, problems = content_files([folder])
    assert folder / "demo.yaml" in files
    return {problem.path: problem.message for problem in problems}


def test_a_dangling_symlink_is_a_problem(small_deck_dir: Path) -> None:
    link = small_deck_dir / "gone.yaml"
    link.symlink_to(small_deck_dir / "nowhere.yaml")
    assert messages(small_deck_dir) == {
        str(link): f"symbolic link to a missing file: {small_deck_dir / 'nowhere.yaml'}"
    }


def test_a_looping_symlink_is_a_problem(small_deck_dir: Path) -> None:
    link = small_deck_dir / "loop.yaml"
    link.symlink_to(link)
    assert messages(small_deck_dir) == {str(link): "symbolic link loop"}


def test_a_link_to_a_folder_above_is_a_loop_not_a_hang(small_deck_dir: Path) -> None:
    (small_deck_dir / "sub").mkdir()
    up = small_deck_dir / "sub" / "up"
    up.symlink_to(small_deck_dir)
    assert messages(small_deck_dir) == {str(up): "symbolic link loop"}


def test_a_linked_folder_and_file_are_followed(small_deck_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "extra.yaml").write_text("topic: {id: extra, title: Extra}\n")
    (small_deck_dir / "linked").symlink_to(elsewhere)
    (tmp_path / "single.yaml").write_text("topic: {id: single, title: Single}\n")
    (small_deck_dir / "one.yaml").symlink_to(tmp_path / "single.yaml")
    files, problems = content_files([small_deck_dir])
    assert problems == []
    assert small_deck_dir / "linked" / "extra.yaml" in files
    assert small_deck_dir / "one.yaml" in files


def test_a_file_reached_twice_is_read_once(
    small_deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through two links, or a folder named twice (`--content` and STUDYAPP_CONTENT, one
    relative, one absolute): read twice, its every id would be "already used" by itself."""
    (small_deck_dir / "same.yaml").symlink_to(small_deck_dir / "demo.yaml")
    monkeypatch.chdir(tmp_path)
    files, problems = content_files([small_deck_dir, Path("deck"), Path("deck/demo.yaml")])
    assert problems == []
    assert files == [small_deck_dir / "demo.yaml"]


def test_an_editor_lock_link_is_not_content(small_deck_dir: Path) -> None:
    (small_deck_dir / ".#demo.yaml").symlink_to("someone@host.1234:1700000000")
    assert messages(small_deck_dir) == {}


def test_an_unreadable_folder_is_a_problem(small_deck_dir: Path, unreadable: Path) -> None:
    assert messages(small_deck_dir) == {
        str(unreadable): "cannot read this folder: Permission denied"
    }


def test_content_check_fails_on_what_it_could_not_read(
    small_deck_dir: Path, unreadable: Path
) -> None:
    (small_deck_dir / "gone.yaml").symlink_to(small_deck_dir / "nowhere.yaml")
    result = CliRunner().invoke(cli, ["content", "check", str(small_deck_dir)])
    assert result.exit_code == 1
    assert f"{unreadable}:1:1: cannot read this folder" in result.stderr
    assert f"{small_deck_dir / 'gone.yaml'}:1:1: symbolic link to a missing file" in result.stderr


def test_a_session_shows_the_skipped_link(small_deck_dir: Path, tmp_path: Path) -> None:
    (small_deck_dir / "gone.yaml").symlink_to(small_deck_dir / "nowhere.yaml")
    result = CliRunner().invoke(
        cli,
        ["review", "--content", str(small_deck_dir), "--db", str(tmp_path / "x.db")],
        input="q\n",
        env={"STUDYAPP_CACHE": str(tmp_path / "cache")},
    )
    assert result.exit_code == 0, result.output
    assert "1 content problem;" in result.stderr
    assert "gone.yaml:1:1: symbolic link to a missing file" in result.stderr


def test_a_rules_file_in_a_folder_of_your_own_is_said_to_be_unused(small_deck_dir: Path) -> None:
    rules = small_deck_dir / "sub" / "decisions.yaml"
    rules.parent.mkdir()
    rules.write_text("candidates: [lambda]\nrules: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["content", "check", str(small_deck_dir)])
    assert result.exit_code == 0, result.output
    assert f"{rules}:1:1: warning: not read: the decision rules are the built-in deck's" in (
        result.stderr
    )
    strict = CliRunner().invoke(cli, ["content", "check", "--strict", str(small_deck_dir)])
    assert strict.exit_code == 1 and f"{rules}:1:1: not read" in strict.stderr
    plain = CliRunner().invoke(cli, ["content", "check"])  # the built-in deck's own is read
    assert plain.exit_code == 0 and "decisions.yaml" not in plain.stderr
