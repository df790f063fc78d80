"""The line-mode menu: every mode by one key, one line for a bad key, scriptable through a
pipe (NO_COLOR, no terminal), and `studyapp --plain` on a terminal."""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
from pathlib import Path

import pexpect

from studyapp.lines.menu import CHOICES, INPUT_ENDED, KEYS_LINE, MENU_KEYS, run_menu
from studyapp.lines.session import INPUT_ENDED as SESSION_INPUT_ENDED
from studyapp.present.bookmarks import bookmark_toggled_text
from studyapp.study import StudyContext
from studyapp.text import cell_width
from tests.test_processes import TIMEOUT, cli_env, studyapp_cmd

OVERVIEW_HEADER = "due   new   seen  items  title"


def run_typed_menu(context: StudyContext, typed: str) -> str:
    out = io.StringIO()
    run_menu(context, io.StringIO(typed), out, random.Random(7))
    return out.getvalue()


def test_a_bad_key_is_one_line_not_the_whole_table(context: StudyContext) -> None:
    text = run_typed_menu(context, "x\nQ\n")
    assert text.count(OVERVIEW_HEADER) == 1
    assert "> x\nUnknown choice 'x': choose r, z, s, e, n, t, f, ? or q.\n> Q\n" in text
    assert CHOICES == "r, z, s, e, n, t, f, ? or q"


def test_every_mode_runs_from_the_menu(context: StudyContext) -> None:
    context.store.flags.add("c2", context.clock.now(), "back is wrong", None)
    typed = "e dva-c02\nr\nq\nz\nq\ns\nq\ne\nq\nn\nn demo\nt\nf\n?\nn nosuch\nquit\n"
    text = run_typed_menu(context, typed)
    assert "── demo · card · new · 2 more after this ──" in text  # r
    assert "── demo · question · new ·" in text  # z
    assert "── demo · scenario · new · 0 more after this ──" in text  # s
    assert "── Question 1 of 3 · 60 min left ──" in text  # e: across the topics
    assert "Exam saved: 0 of 3 answered" in text
    assert "  demo    1 notes  Demo topic" in text  # n
    assert "A note\n======\n\nSome text." in text  # n demo
    assert "Streak: 0 days" in text and "Readiness: " in text  # t
    assert "#1 c2 at " in text and ": back is wrong" in text  # f
    for choice in MENU_KEYS:  # ?
        assert f"  {choice.key} {choice.args}".rstrip() in text
    # A guide this deck cannot fill, a topic it lacks: one line each, and the menu goes on.
    assert "\nstudyapp: not enough questions and scenarios tagged dva-c02" in text
    assert "\nstudyapp: unknown topic 'nosuch' (topics: demo)\n> quit\n" in text
    # The overview again after each session and exam (their counts change), not after the rest.
    assert text.count(OVERVIEW_HEADER) == 5
    assert INPUT_ENDED not in text


def test_words_choose_as_keys_do(context: StudyContext) -> None:
    text = run_typed_menu(context, "review demo\nq\nflags\nhelp\nexit\n")
    assert "── demo · card · new" in text and "No flagged items." in text
    assert "Words work too: review, quiz," in text


def test_the_end_of_input_is_said_once(context: StudyContext) -> None:
    at_the_menu = run_typed_menu(context, "")
    assert at_the_menu.endswith(f"> \n{INPUT_ENDED}\n")
    in_a_session = run_typed_menu(context, "r\n\n3\n")
    assert in_a_session.count(SESSION_INPUT_ENDED) == 1 and INPUT_ENDED not in in_a_session
    assert in_a_session.count(OVERVIEW_HEADER) == 1  # no table redrawn for nobody
    assert context.store.reviews.count() == 1
    in_an_exam = run_typed_menu(context, "e\n")
    assert "Exam saved: 0 of 3 answered" in in_an_exam and INPUT_ENDED not in in_an_exam
    at_the_resume_question = run_typed_menu(context, "e\n")
    assert at_the_resume_question.endswith(
        "y/n > \nThe unfinished exam is kept: `studyapp exam` offers it again.\n"
    )


def test_every_menu_entry_through_a_pipe(tmp_path: Path) -> None:
    """The real program on pipes (no terminal either end), NO_COLOR set: each choice runs,
    nothing is styled, nothing is a traceback, and the end of input ends it cleanly."""
    db = tmp_path / "p.db"
    typed = [
        "r lambda",  # review: flag the first card, bookmark it, quit
        "f the default timeout is wrong",
        "b",
        "q",
        "z lambda",  # quiz: flag, bookmark, quit
        "f",
        "bookmark",
        "q",
        "s lambda",
        "q",
        "e lambda",  # topic exam, left at once
        "q",
        "e dva-c02",  # the lambda exam is offered again: discard it, start the guide's
        "n",
        "q",
        "n",
        "n sam",
        "t lambda",
        "f",
        "?",
        "x",
    ]
    done = subprocess.run(
        studyapp_cmd("--db", db),
        input="\n".join(typed) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cli_env(NO_COLOR="1"),
        timeout=TIMEOUT,
    )
    out = done.stdout
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "\x1b" not in out and "Traceback" not in out
    assert out.count("Flagged lambda-") == 2 and out.count(bookmark_toggled_text(True)) == 2
    assert "\nWhich service fits best?\n" in out
    assert "Mock exam: Topic: AWS Lambda · 30 questions · 60 min." in out
    assert "Mock exam: DVA-C02 · 65 questions · 130 min." in out
    assert re.search(r"\n  lambda +\d+ notes  AWS Lambda\n", out)  # n: the notes per topic
    assert "What SAM is" in out  # n sam
    assert "Readiness: Expected score" in out  # t lambda
    # f: both flags, the newest first, each with its file and line
    assert re.search(
        r"\n#2 lambda-\S+ at\s+\S+:\d+\n#1 lambda-\S+ at\s+\S+:\d+:\s+the default", out
    )
    assert "Unknown choice 'x'" in out
    assert out.endswith(f"> \n{INPUT_ENDED}\n")
    assert KEYS_LINE in out
    # Off a terminal lines are wrapped to 80 columns; only a prompt with what was typed after
    # it, or a URL on a line of its own, is longer.
    wide = [line for line in out.splitlines() if cell_width(line) > 80]
    assert [line for line in wide if " > " not in line and "  https://" not in line] == []


def test_plain_opens_the_menu_on_a_terminal(tmp_path: Path) -> None:
    env = {**cli_env(), "TERM": "xterm-256color"}
    argv = studyapp_cmd("--plain", "--db", tmp_path / "p.db")
    child = pexpect.spawn(
        argv[0], argv[1:], env=env, dimensions=(24, 80), encoding="utf-8", cwd=os.getcwd()
    )
    try:
        child.expect_exact(KEYS_LINE, timeout=20)
        child.sendline("z lambda")
        child.expect(r"Choose (one letter|\d letters)", timeout=20)
        child.sendline("q")
        child.expect_exact("Session over: 0 answered", timeout=20)
        child.expect_exact("> ", timeout=20)
        child.sendline("q")
        child.expect(pexpect.EOF, timeout=20)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_missed_and_bookmarked_are_words_after_a_study_key(context: StudyContext) -> None:
    """`z missed` practises what `quiz --missed` does; `r bookmarked` the bookmarked cards."""
    session = context.start("quiz", count=10)
    authored = {"q1": [1], "q2": [0, 2], "s1": [1]}  # q1 wrong, the others right
    while (item := session.current()) is not None:
        session.answer(authored[item.id])
    session.end()
    text = run_typed_menu(context, "z missed\nq\nr bookmarked\nz bookmarked demo\nquit\n")
    assert "── demo · question · " in text and "Pick the right one." in text
    assert "Session over: 0 answered" in text  # only the missed q1 was served
    assert "\n> r bookmarked\nNo bookmarked cards: press b" in text
    assert "\n> z bookmarked demo\nNo bookmarked questions or scenarios" in text
    assert "\nstudyapp: unknown topic" not in text
