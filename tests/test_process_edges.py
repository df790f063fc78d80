"""The real program at its edges: closed streams, Ctrl-C while starting, huge numbers, dumb
terminals. Each ends in one line and an exit status, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

import studyapp
from tests.test_processes import (
    TIMEOUT,
    assert_one_line_error,
    cli_env,
    run_cli,
    studyapp_cmd,
)

HUGE = "9" * 23  # past SQLite's 64-bit integers
ENORMOUS = "9" * 5000  # past Python's int-from-text limit


def _closing(fd: int) -> Callable[[], None]:
    """A preexec_fn that closes `fd` in the child, as `<&-` or `>&-` does in a shell."""

    def close() -> None:
        os.close(fd)

    return close


def run_with_closed(fd: int, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        studyapp_cmd(*args),
        input="",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cli_env(),
        preexec_fn=_closing(fd),
        timeout=TIMEOUT,
    )


# integers: bounded options, typed numbers in line mode ------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["flagged", "--resolve", HUGE],
        ["flagged", "--resolve", "0"],
        ["exam", "--seed", HUGE],
        ["optimize", "--seed", HUGE],
        ["plan", "--minutes-per-day", HUGE],
        ["quiz", "--count", HUGE],
    ],
    ids=lambda a: " ".join(a)[:30],
)
def test_out_of_range_integers_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = run_cli(*args, "--db", tmp_path / "x.db")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "Invalid value" in result.stderr and "range" in result.stderr


def test_typed_numbers_in_the_line_mode_exam_never_crash(tmp_path: Path) -> None:
    typed = ["g ²", "²", "g ٤", f"g {HUGE}", f"g {ENORMOUS}", ENORMOUS, "g 2", "q"]
    result = run_cli(
        "exam", "--topic", "lambda", "-n", "3", "--db", tmp_path / "x.db", input="\n".join(typed)
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "there is no question 4" in result.stdout  # ٤ is the Arabic-Indic digit four
    assert result.stdout.count("questions go from 1 to 3") >= 3
    assert "── Question 2 of 3" in result.stdout


# closed standard streams ------------------------------------------------------------------


@pytest.mark.parametrize("args", [["quiz"], [], ["review", "--plain"], ["exam"]])
def test_closed_stdin_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = run_with_closed(0, *args, "--db", tmp_path / "x.db")
    line = assert_one_line_error(result, code=2)
    assert line == "studyapp: standard input is closed", line
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("args", [["quiz"], ["due"], [], ["content", "check"]])
def test_closed_stdout_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = run_with_closed(1, *args, "--db", tmp_path / "x.db")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == ["studyapp: standard output is closed"]
    assert not (tmp_path / "x.db").exists()


# Ctrl-C while Python is still importing ---------------------------------------------------


def _python_start_seconds() -> float:
    """How long this machine takes to start Python and reach the first line of a script."""
    times = []
    for _ in range(3):
        began = time.monotonic()
        subprocess.run([sys.executable, "-c", "pass"], env=cli_env(), timeout=TIMEOUT, check=True)
        times.append(time.monotonic() - began)
    return max(times)


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _entry_points() -> list[list[str]]:
    commands = [studyapp_cmd()]
    script = Path(sys.executable).with_name("studyapp")
    if script.exists():
        commands.append([str(script)])
    return commands


def test_ctrl_c_while_starting_exits_130_without_a_traceback(tmp_path: Path) -> None:
    """Python's own start-up (site) is out of reach, so the first signal goes a little after it;
    studyapp's imports take the next tenth of a second or so.

    Exit 130, or killed by SIGINT (a shell's `$?` is 130 either way): CPython ends that way
    when the interrupt landed in code it runs from text (dataclasses, pydantic), whatever
    exit status the program then asked for.
    """
    start = _python_start_seconds()
    landed_in_studyapp = 0
    for command in _entry_points():
        for extra in (0.02, 0.035, 0.05, 0.07, 0.1, 0.15, 0.25):
            child = subprocess.Popen(
                [*command, "quiz", "--db", str(tmp_path / "x.db")],
                stdin=subprocess.PIPE,  # open and silent: the quiz waits for an answer
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=cli_env(STUDYAPP_CACHE="off"),
                # A test run started in the background (`make test &`) ignores SIGINT, and
                # children inherit that; studyapp rightly keeps ignoring it then.
                preexec_fn=_interruptible,
            )
            time.sleep(start + extra)
            child.send_signal(signal.SIGINT)
            _out, err = child.communicate(timeout=TIMEOUT)
            if _before_studyapp_began(err):
                continue  # a loaded machine was still starting Python itself: out of reach
            landed_in_studyapp += 1
            where = f"{command[-1]} after {start + extra:.3f}s"
            assert b"Traceback" not in err, (where, err.decode()[-600:])
            assert child.returncode in (130, -signal.SIGINT), (where, child.returncode, err)
    assert landed_in_studyapp >= 3, "every interrupt landed before studyapp started"


PACKAGE_DIR = Path(studyapp.__file__).parent


def _before_studyapp_began(err: bytes) -> bool:
    """Python's own start-up was interrupted: runpy could not be imported, or the traceback
    shows no frame of studyapp's code (only the interpreter's importing machinery)."""
    if b"Could not import runpy module" in err:
        return True
    return b"Traceback" in err and str(PACKAGE_DIR).encode() not in err


# TERM=dumb --------------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["dumb", None])
def test_a_terminal_without_capabilities_gets_line_mode(tmp_path: Path, term: str | None) -> None:
    env = cli_env()
    env.pop("TERM", None)
    if term is not None:
        env["TERM"] = term
    argv = studyapp_cmd("quiz", "--topic", "lambda", "--db", tmp_path / "x.db")
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(24, 80), encoding="utf-8")
    try:
        child.expect(r"Choose (one letter|\d letters)", timeout=20)
        child.sendline("q")
        child.expect(r"Session over: 0 answered", timeout=20)
        child.expect(pexpect.EOF, timeout=20)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
