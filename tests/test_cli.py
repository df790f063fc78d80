"""The command line, run in-process with click's runner."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from studyapp.cli import cli


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    """Every command and group of the CLI, found from click itself so none is forgotten."""
    paths = [list(prefix)]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
        else:
            paths.append([*prefix, name])
    return paths


COMMANDS = command_paths()


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "studyapp")
def test_every_command_has_help_text_and_is_documented(command: list[str]) -> None:
    code, out, _ = invoke(*command, "--help")
    assert code == 0
    assert "Usage: " in out
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert f"studyapp {' '.join(command)}".strip() in readme


def test_content_check_passes_on_the_shipped_deck() -> None:
    code, out, err = invoke("content", "check")
    assert code == 0 and err == ""
    assert out.startswith("OK: ")  # the all-clear is output, not a problem


def test_content_check_lists_problems_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("topic: {id: t, title: T}\ncards:\n  - {id: x, front: F}\n")
    code, out, err = invoke("content", "check", str(bad))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{bad}:3:5: missing required key 'back'",
        f"{bad}:3:5: missing required key 'source'",
        "2 problems found.",
    ]


def test_content_stats_json_counts_per_topic() -> None:
    code, out, _ = invoke("content", "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    lam = stats["topics"]["lambda"]
    assert lam["cards"] >= 15 and lam["questions"] >= 5 and lam["scenarios"] >= 3
    assert stats["total"]["cards"] == sum(t["cards"] for t in stats["topics"].values())


def test_content_stats_table() -> None:
    code, out, _ = invoke("content", "stats")
    assert code == 0
    assert "lambda" in out and "questions" in out and "total" in out


def test_content_schema_is_json_schema() -> None:
    code, out, _ = invoke("content", "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "cards" in schema["properties"]


def test_settings_show_and_set(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    assert invoke("settings", "--db", db)[1] == (
        "new_per_day = 20\nnew_questions_per_day = 10\ndesired_retention = 0.9\n"
        "exam_guide = none\nexam_include_newer = no\ntheme = textual-dark\n"
    )
    code, out, _ = invoke("--db", db, "settings", "new_per_day", "5")
    assert code == 0 and "new_per_day = 5" in out
    code, _out, err = invoke("settings", "new_per_day", "10000", "--db", db)
    assert code == 1 and "must be between 0 and 9999" in err


def test_the_theme_is_a_setting(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    code, out, _ = invoke("settings", "theme", "Nord", "--db", db)
    assert code == 0 and out.endswith("theme = nord\n")
    code, out, err = invoke("settings", "theme", "neon", "--db", db)
    assert code == 1 and out == ""
    assert err.startswith("studyapp: theme: expected one of Textual's themes (ansi-dark, ")
    assert err.endswith("; got 'neon'\n") and err.count("\n") == 1


def test_db_and_content_accepted_before_or_after_the_command(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    code, out, _ = invoke("--db", str(tmp_path / "a.db"), "where", "--content", str(mine))
    assert code == 0
    assert f"database: {tmp_path / 'a.db'}" in out
    assert f"content:  {mine}" in out


def test_environment_variables_choose_db_and_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDYAPP_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("STUDYAPP_CONTENT", f"{tmp_path / 'x'}:{tmp_path / 'y'}")
    code, out, _ = invoke("where")
    assert code == 0
    assert f"database: {tmp_path / 'env.db'}" in out
    assert f"content:  {tmp_path / 'x'}" in out and f"content:  {tmp_path / 'y'}" in out


def test_broken_user_content_does_not_stop_a_session(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "broken.yaml").write_text("topic: [oops\n")
    code, out, err = invoke(
        "quiz",
        "--topic",
        "lambda",
        "--db",
        str(tmp_path / "p.db"),
        "--content",
        str(mine),
        input="q\n",
    )
    assert code == 0
    assert "1 content problem; the rest of the content loaded" in err
    assert f"{mine / 'broken.yaml'}:2:1: YAML syntax" in err
    assert "── lambda · question · new · 9 more after this ──" in out and "Session over" in out


def test_menu_lists_topics_and_starts_a_quiz(tmp_path: Path) -> None:
    code, out, _ = invoke("--db", str(tmp_path / "p.db"), input="z lambda\nq\nq\n")
    assert code == 0
    assert "lambda" in out and "AWS Lambda" in out
    assert "r review · z quiz · s scenarios · e exam · n notes · t stats · f flags · q quit" in out
    assert "── lambda · question · new ·" in out and "Session over: 0 answered" in out


def test_unknown_topic_is_one_line(tmp_path: Path) -> None:
    code, _out, err = invoke("review", "--topic", "nosuch", "--db", str(tmp_path / "p.db"))
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("studyapp: unknown topic 'nosuch' (topics: ")
    assert "lambda" in line


def test_the_committed_schema_matches_the_models() -> None:
    committed = Path(__file__).parent.parent / "content" / "studyapp-content.schema.json"
    code, out, _ = invoke("content", "schema")
    assert code == 0
    assert json.loads(committed.read_text()) == json.loads(out), (
        "run: studyapp content schema > content/studyapp-content.schema.json"
    )


def test_flagged_lists_file_and_line(tmp_path: Path, small_deck_dir: Path) -> None:
    from datetime import UTC, datetime

    from studyapp.store import Store

    db = tmp_path / "p.db"
    store = Store.open(db)
    store.flags.add("c2", datetime(2026, 3, 2, tzinfo=UTC), "back is wrong", None)
    store.close()
    args = ("flagged", "--db", str(db), "--content", str(small_deck_dir))
    code, out, _ = invoke(*args)
    assert code == 0
    assert out == f"#1 c2 at {small_deck_dir / 'demo.yaml'}:10: back is wrong\n"
    assert invoke("flagged", "--db", str(db), "--resolve", "1")[0] == 0
    assert invoke(*args)[1] == "No flagged items.\n"
    assert "[fixed]" in invoke(*args, "--all")[1]


def test_notes_in_line_mode_print_the_topic(tmp_path: Path) -> None:
    code, out, _ = invoke("notes", "lambda", "--plain")
    assert code == 0
    assert out.startswith("The basics: functions, handlers, events and execution environments\n===")
    assert "\nSources:\n  https://docs.aws.amazon.com/" in out
    code, _out, err = invoke("notes", "nosuch", "--plain")
    assert code == 1 and "unknown topic 'nosuch'" in err


def test_scenario_drill_in_line_mode(tmp_path: Path) -> None:
    code, out, _ = invoke(
        "scenarios",
        "--topic",
        "lambda",
        "--db",
        str(tmp_path / "p.db"),
        "--count",
        "1",
        input="b\n",
    )
    assert code == 0
    assert "── lambda · scenario · new · 0 more after this ──" in out
    assert "Session over: 1 answered" in out
    conn = sqlite3.connect(tmp_path / "p.db")
    assert conn.execute("SELECT mode FROM sessions").fetchall() == [("scenarios",)]
    conn.close()
