"""The TUI package changes nothing at import; the CLI sets Textual's frame rate when it starts it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.cli.launch import run_tui
from studyapp.cli.options import Options
from tests.test_processes import TIMEOUT, cli_env

ENV_PROBE = """
import json, os
before = dict(os.environ)
import studyapp.tui
after = dict(os.environ)
print(json.dumps({k: [before.get(k), after.get(k)] for k in before.keys() | after.keys()
                  if before.get(k) != after.get(k)}))
"""


@pytest.mark.parametrize("user_fps", [None, "30"])
def test_importing_the_tui_leaves_the_environment_alone(
    tmp_path: Path, user_fps: str | None
) -> None:
    env = cli_env(None)
    env.pop("TEXTUAL_FPS", None)
    if user_fps is not None:
        env["TEXTUAL_FPS"] = user_fps
    result = subprocess.run(
        [sys.executable, "-c", ENV_PROBE],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {}


class _Started(Exception):
    """Raised in place of building the app: the frame rate is set by then."""


def _start_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    import studyapp.tui

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise _Started

    monkeypatch.setattr(studyapp.tui, "make_app", refuse)
    with pytest.raises(_Started):
        run_tui(Options(), "home", ())


def test_starting_the_tui_sets_the_frame_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_FPS", "")  # so that the test's end restores what was there
    monkeypatch.delenv("TEXTUAL_FPS")
    _start_tui(monkeypatch)
    assert os.environ["TEXTUAL_FPS"] == "240"


def test_a_users_frame_rate_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_FPS", "30")
    _start_tui(monkeypatch)
    assert os.environ["TEXTUAL_FPS"] == "30"
