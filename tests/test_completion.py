"""Shell completion through click's protocol, as a shell runs it: a new `studyapp` process
with `_STUDYAPP_COMPLETE`, COMP_WORDS and COMP_CWORD in its environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest

from studyapp.cli import cli
from studyapp.content import load_deck
from studyapp.paths import builtin_content_dir
from studyapp.store.records import SETTING_NAMES
from tests.test_cli import COMMANDS

# Read at collection, before the fixtures that keep the user's deck folder out: the built-in
# deck alone.
SHIPPED_TOPICS = list(load_deck([builtin_content_dir()])[0].topics)


def complete(words: str, env: dict[str, str] | None = None, shell: str = "bash") -> list[str]:
    """What `studyapp` offers for the last word of `words` (a trailing space: a new word)."""
    parts = words.split(" ")
    result = subprocess.run(
        [sys.executable, "-m", "studyapp"],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            **(env or {}),
            "_STUDYAPP_COMPLETE": f"{shell}_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return [line.removeprefix("plain,") for line in result.stdout.splitlines() if line]


def commands_with_topic_option() -> list[list[str]]:
    """Every command that has `--topic`, found from click (commands are loaded lazily)."""
    found = []
    for path in COMMANDS:
        command: click.Command | None = cli
        for name in path:
            assert isinstance(command, click.Group)
            command = command.get_command(click.Context(command), name)
        assert command is not None
        if any("--topic" in param.opts for param in command.params):
            found.append(path)
    return found


@pytest.mark.parametrize("command", commands_with_topic_option(), ids=" ".join)
def test_every_topic_option_completes_the_topic_ids(command: list[str]) -> None:
    assert complete(" ".join(["studyapp", *command, "--topic", ""])) == SHIPPED_TOPICS
    assert complete(" ".join(["studyapp", *command, "-t", "e"])) == [
        topic for topic in SHIPPED_TOPICS if topic.startswith("e")
    ]


def test_the_topic_commands_found_include_the_study_commands() -> None:
    """So the parametrised test above cannot pass on an empty list."""
    found = {" ".join(path) for path in commands_with_topic_option()}
    assert {"review", "quiz", "scenarios", "exam", "stats"} <= found


def test_the_notes_topic_argument_completes_topic_ids() -> None:
    assert complete("studyapp notes ") == SHIPPED_TOPICS
    assert complete("studyapp notes lam") == ["lambda"]


def test_a_topic_of_your_own_content_is_completed(tmp_path: Path) -> None:
    deck = tmp_path / "my-deck"
    deck.mkdir()
    (deck / "mine.yaml").write_text(
        "topic: {id: my-topic, title: Mine}\n"
        "cards:\n  - {id: m1, front: F, back: B, source: 'https://docs.aws.amazon.com/a'}\n"
    )
    assert complete(f"studyapp --content {deck} quiz --topic my") == ["my-topic"]
    assert complete(f"studyapp quiz --content {deck} --topic my") == ["my-topic"]
    assert complete("studyapp quiz --topic my", {"STUDYAPP_CONTENT": str(deck)}) == ["my-topic"]
    assert complete("studyapp quiz --topic my") == []


def test_settings_complete_their_names_and_word_values() -> None:
    assert complete("studyapp settings ") == list(SETTING_NAMES)
    assert complete("studyapp settings exam_") == ["exam_guide", "exam_include_newer"]
    assert complete("studyapp settings exam_include_newer ") == ["yes", "no"]
    assert complete("studyapp settings exam_guide ") == ["dva-c02", "saa-c03", "none"]
    assert complete("studyapp settings new_per_day ") == []


def test_lazily_loaded_commands_complete_their_names_and_options() -> None:
    assert complete("studyapp qu") == ["quiz"]
    assert complete("studyapp quiz --") == [
        "--topic",
        "--count",
        "--missed",
        "--bookmarked",
        "--plain",
        "--db",
        "--content",
        "--help",
    ]
    assert complete("studyapp exam --guide s") == ["saa-c03"]


def test_zsh_gets_the_topic_titles_too() -> None:
    offered = complete("studyapp notes lam", shell="zsh")
    assert offered == ["plain", "lambda", "AWS Lambda"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_readme_bash_recipe_completes_in_bash(tmp_path: Path) -> None:
    """`eval "$(_STUDYAPP_COMPLETE=bash_source studyapp)"`, then a TAB after `--topic l`."""
    script = textwrap.dedent("""\
        eval "$(_STUDYAPP_COMPLETE=bash_source studyapp)"
        COMP_WORDS=(studyapp quiz --topic l)
        COMP_CWORD=3
        _studyapp_completion studyapp
        echo "${COMPREPLY[@]}"
        """)
    scripts = str(Path(sys.executable).parent)
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ['PATH']}"},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["lambda"]
