"""Options are shuffled at each presentation without the answer order leaking, and every
answer is still logged by the option's identity as written."""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style

from studyapp.clock import FixedClock, to_utc_text
from studyapp.content import (
    Deck,
    Question,
    Scenario,
    content_hash,
    load_deck_or_raise,
)
from studyapp.content.cache import load_deck_cached
from studyapp.lines.exam_report import review_lines
from studyapp.lines.session import LineSession
from studyapp.srs import Rating, StudyScheduler
from studyapp.stats.confusions import Confusion, confusions
from studyapp.store import ReviewRecord, Store
from studyapp.study import OPTION_LETTERS, ShownOptions, StudyContext
from studyapp.study.options import (
    choices_of,
    how_many_to_choose,
    presentation_seed,
    presented_order,
)
from studyapp.tui.screens.exam_result import VerdictStyles, reviewed_renderable
from tests.conftest import START
from tests.test_processes import run_cli

#: The chi-square statistic above which the spread over four letters is not uniform
#: (3 degrees of freedom, p = 0.001); the seeds are fixed, so the test is deterministic.
CHI_SQUARE_LIMIT = 16.27
K = TypeVar("K")

PINNED_DECK = """
topic: {id: pins, title: Pinned options}
questions:
  - id: pinned-q
    prompt: Which two hold?
    choose: 2
    choices:
      - {text: First, correct: true, why: Yes.}
      - {text: Second, why: No.}
      - {text: Both of the above, pinned: true, why: Only the first holds.}
      - {text: Third, correct: true, why: Yes.}
      - {text: None of the above, pinned: true, why: Two hold.}
    source: https://docs.aws.amazon.com/q
"""


def chi_square(observed: Counter[K], expected: dict[K, float]) -> float:
    """Pearson's statistic of observed counts against expected ones."""
    return sum((observed[k] - e) ** 2 / e for k, e in expected.items())


def quiz_shown(items: Iterable[Question | Scenario], sessions: int) -> list[ShownOptions]:
    """Every item presented once in each of `sessions` quizzes, as first seen."""
    return [
        ShownOptions.for_quiz(item, f"session-{n}", 0) for n in range(sessions) for item in items
    ]


# the order itself ----------------------------------------------------------------------


@given(st.lists(st.booleans(), min_size=2, max_size=8), st.integers(0, 2**64 - 1))
def test_an_order_is_a_permutation_that_keeps_pinned_options_in_place(
    pinned: list[bool], seed: int
) -> None:
    order = presented_order(pinned, seed)
    assert sorted(order) == list(range(len(pinned)))
    assert all(order[n] == n for n, stays in enumerate(pinned) if stays)
    assert presented_order(pinned, seed) == order  # a pure function of its seed


def test_seeds_are_stable_across_processes() -> None:
    # sha256, not `hash`: a resumed exam in a new process (a new hash salt) sees the same order
    assert presentation_seed("exam", "exam-1", "q1") == 0x4B6A16019E6F06D0
    assert presentation_seed("a", 1) == presentation_seed("a", "1")
    assert presentation_seed("ab", "c") != presentation_seed("a", "bc")


# the answer order no longer leaks (the shipped deck) ----------------------------------


def test_the_right_answer_is_spread_over_the_letters(shipped_deck: Deck) -> None:
    questions = [i for i in shipped_deck.items.values() if isinstance(i, Question)]
    single = [q for q in questions if q.choose == 1]
    assert {len(q.choices) for q in single} == {4}
    shown = quiz_shown(single, 16)  # 131 questions x 16 quizzes: over 2,000 presentations
    assert len(shown) >= 2000
    right_at = Counter(s.right_letters for s in shown)
    expected = {letter: len(shown) / 4 for letter in "abcd"}
    assert chi_square(right_at, expected) < CHI_SQUARE_LIMIT, right_at
    # as written, the right option was the longest in 89 of 131 (25 since issue 12); shown,
    # the longest is anywhere
    longest_at = Counter(
        OPTION_LETTERS[max(range(4), key=lambda n: len(s.choices[n].text))] for s in shown
    )
    assert chi_square(longest_at, expected) < CHI_SQUARE_LIMIT, longest_at
    # and the right option is not kept where it was written (a no-op shuffle keeps them all)
    kept = sum(1 for s in shown for n, c in enumerate(s.choices) if c.correct and c.index == n)
    assert kept / len(shown) < 0.3


def test_a_scenarios_answer_is_no_longer_mostly_b(shipped_deck: Deck) -> None:
    scenarios = [i for i in shipped_deck.items.values() if isinstance(i, Scenario)]
    written_b = sum(1 for s in scenarios if s.options.index(s.answer) == 1)
    assert written_b / len(scenarios) > 0.5  # the leak this fixes: 36 of 63 as written
    shown = quiz_shown(scenarios, 32)
    right_at = Counter(OPTION_LETTERS.index(s.right_letters) for s in shown)
    expected: dict[int, float] = {}
    for s in shown:
        for position in range(len(s.choices)):
            expected[position] = expected.get(position, 0.0) + 1 / len(s.choices)
    assert chi_square(right_at, expected) < CHI_SQUARE_LIMIT, right_at


def test_choose_two_answers_include_a_as_often_as_chance(shipped_deck: Deck) -> None:
    two = [i for i in shipped_deck.items.values() if isinstance(i, Question) and i.choose == 2]
    assert {len(q.choices) for q in two} == {5}
    shown = quiz_shown(two, 40)
    with_a = sum(1 for s in shown if "a" in s.right_letters) / len(shown)
    assert 0.35 < with_a < 0.45  # 2 of 5 letters; as written, 10 of 26 (once 15)


# exams: the same order on resume, in review and in a new process -----------------------


@pytest.fixture
def shipped_context(shipped_deck: Deck, store: Store, clock: FixedClock) -> StudyContext:
    return StudyContext(shipped_deck, [], store, StudyScheduler(), clock)


def test_a_resumed_exam_and_its_review_show_the_same_order(shipped_context: StudyContext) -> None:
    exam = shipped_context.start_exam((), 10, 60, random.Random(2))
    orders = [exam.shown_options(n).order for n in range(1, 11)]
    assert any(order != tuple(range(len(order))) for order in orders)
    # the first single-answer question whose shown answer letters differ from the written ones
    # (which one that is depends on the shipped deck, so it is looked up rather than pinned;
    # a "choose TWO" question would refuse the single pick made below)
    n = next(
        n
        for n in range(1, 11)
        if how_many_to_choose(exam.item(n)) == 1
        and exam.shown_options(n).right_letters
        != ShownOptions(tuple(choices_of(exam.item(n)))).right_letters
    )
    exam.answer(n, [exam.shown_options(n).order[0]])  # the option shown at a
    resumed = shipped_context.resume_exam(exam.exam_id)
    assert [resumed.shown_options(n).order for n in range(1, 11)] == orders
    result = resumed.submit()
    assert [question.shown.order for question in result.questions] == orders
    assert result.questions[n - 1].picked == (orders[n - 1][0],)
    # the review after submitting names the letters the exam showed, in both front ends
    first = result.questions[n - 1]
    header = review_lines(first, 200)[0]
    assert f"you chose a · answer {first.shown.right_letters} ──" in header
    assert first.shown.right_letters != ShownOptions(tuple(choices_of(first.item))).right_letters
    console = Console(width=400, record=True, file=io.StringIO())
    console.print(reviewed_renderable(first, VerdictStyles(Style(), Style(), Style())))
    listed = [line for line in console.export_text().splitlines() if line[1:3] == ") "]
    assert listed[0].startswith(f"a) {'✓' if first.correct else '✗'} {first.shown.choices[0].text}")
    assert "(your pick)" in listed[0]
    # another exam of the same questions shows them in another order
    other = shipped_context.start_exam((), 10, 60, random.Random(2))
    assert other.items == exam.items and other.exam_id != exam.exam_id
    assert [other.shown_options(n).order for n in range(1, 11)] != orders


def test_line_mode_exam_resumes_in_the_same_order_and_logs_authored_indices(
    tmp_path: Path, shipped_deck: Deck
) -> None:
    db = tmp_path / "p.db"
    # ten questions: enough that one answers with one letter and shows an option moved
    args = ("exam", "--topic", "lambda", "--questions", "10", "--seed", "5", "--db", db)
    started = run_cli(*args, input="q\n")  # save and leave at once: the draw is stored
    assert started.returncode == 0, started.stderr
    conn = sqlite3.connect(db)
    try:
        [(exam_id, question_ids)] = conn.execute("SELECT id, question_ids FROM exams").fetchall()
    finally:
        conn.close()
    # The shown order is derived from the exam id, which is new on every run, so pick a
    # question and a letter whose shown option is not the one written there (instead of
    # assuming "b" moved), so that logging the authored index is really tested.
    moved = [
        (position, index, shown)
        for position, item_id in enumerate(json.loads(question_ids), start=1)
        if isinstance(item := shipped_deck.items[item_id], Question | Scenario)
        and how_many_to_choose(item) == 1  # one letter is a whole answer
        for shown in [ShownOptions.for_exam(item, exam_id)]
        for index, authored in enumerate(shown.order)
        if authored != index
    ]
    assert moved, "no drawn question had an option away from its written place"
    position, index, shown = moved[0]
    letter = OPTION_LETTERS[index]
    first = run_cli("exam", "--db", db, input=f"y\ng {position}\n{letter}\nq\n")
    assert first.returncode == 0, first.stderr
    conn = sqlite3.connect(db)
    try:
        [(chosen,)] = conn.execute(
            "SELECT chosen FROM exam_answers WHERE exam_id = ? AND position = ?",
            (exam_id, position),
        ).fetchall()
    finally:
        conn.close()
    assert json.loads(chosen) == [shown.order[index]]  # the option shown there, as written
    listed = option_lines(first.stdout, position)
    assert [line[:3] for line in listed] == [f"{c}) " for c in "abcd"[: len(listed)]]
    for shown_letter, choice in zip(OPTION_LETTERS, shown.choices, strict=False):
        assert any(line.startswith(f"{shown_letter}) {choice.text[:20]}") for line in listed)

    again = run_cli("exam", "--db", db, input=f"y\ng {position}\nq\n")
    assert again.returncode == 0, again.stderr
    assert option_lines(again.stdout, position) == listed
    assert f"  Your answer: {letter}" in again.stdout


def option_lines(stdout: str, position: int) -> list[str]:
    """The lettered option lines printed under question `position` (first showing)."""
    start = stdout.index(f"── Question {position} of ")
    block = stdout[start:].split("  Choose ", 1)[0]
    return [line.strip() for line in block.splitlines() if re.match(r"^\s+[a-h]\) ", line)]


# quizzes: the log keeps what was written, undo keeps the order -------------------------


def test_a_letter_picked_in_a_shuffled_quiz_is_logged_as_the_option_written(
    context: StudyContext,
) -> None:
    for seed in range(50):
        session = context.start("quiz", count=3, rng=random.Random(seed))
        assert session.current() is not None and session.current().id == "q1"  # type: ignore[union-attr]
        if session.shown_options().order == (1, 0):  # "Wrong" is shown at a
            break
    else:
        pytest.fail("no seed showed q1's options reversed")
    out = io.StringIO()
    LineSession(session, io.StringIO("a\nq\n"), out, context.deck.topic_of).run()
    text = out.getvalue()
    assert "  a) Wrong\n  b) Right\n" in text
    assert "✗ Not quite: the answer is b." in text  # the letter shown, not the one written
    assert "a) ✗ (your pick) Wrong: Because not." in text
    [review] = list(context.store.reviews.all())
    assert (review.item_id, review.answer, review.correct) == ("q1", json.dumps(["Wrong"]), False)
    assert session.history[0].selected == (1,)


def test_the_answer_letters_of_a_choose_two_are_those_shown(context: StudyContext) -> None:
    session = context.start("quiz", count=3)
    session.answer([0])  # q1
    shown = session.shown_options()  # q2: A and C are right as written
    answered = session.answer([0, 1])
    assert answered.shown == shown
    assert shown.right_letters == "".join(
        sorted(OPTION_LETTERS[n] for n, c in enumerate(shown.choices) if c.text in ("A", "C"))
    )


def test_undo_shows_the_same_order_and_a_return_reshuffles(
    shipped_context: StudyContext,
) -> None:
    session = shipped_context.start("quiz", ["lambda"], count=10, rng=random.Random(1))
    reshuffled = 0
    while (item := session.current()) is not None:
        assert isinstance(item, Question | Scenario)
        before = session.shown_options()
        picks = before.authored(range(how_many_to_choose(item)))  # the first letters shown
        session.answer(picks)
        assert session.undo() == item
        assert session.shown_options() == before
        answered = session.answer(picks)
        assert answered.shown == before and answered.selected == picks
        # what this session would show next time: the review count has moved on
        next_time = ShownOptions.for_quiz(item, session.session_id, answered.state.reps)
        reshuffled += next_time != before
    assert len(session.history) == 10
    assert reshuffled >= 6  # when it comes back, almost every item shows another order


# pinned options ---------------------------------------------------------------------------


def test_a_pinned_option_stays_put_while_the_rest_move(tmp_path: Path) -> None:
    folder = tmp_path / "pins"
    folder.mkdir()
    (folder / "pins.yaml").write_text(PINNED_DECK, encoding="utf-8")
    deck = load_deck_or_raise([folder])
    question = deck.items["pinned-q"]
    assert isinstance(question, Question)
    assert [c.pinned for c in question.choices] == [False, False, True, False, True]
    orders = [ShownOptions.for_quiz(question, f"s{n}", 0).order for n in range(200)]
    assert all(order[2] == 2 and order[4] == 4 for order in orders)
    for position in (0, 1, 3):  # every free option reaches every free place
        assert {order[position] for order in orders} == {0, 1, 3}

    cached, _ = load_deck_cached([folder], tmp_path / "cache")
    again, _ = load_deck_cached([folder], tmp_path / "cache")
    assert again.items["pinned-q"] == cached.items["pinned-q"] == question


def test_pinning_changes_no_fingerprint_of_an_unpinned_item(small_deck: Deck) -> None:
    question = small_deck.items["q2"]
    assert isinstance(question, Question)
    fields = asdict(question)
    for choice in fields["choices"]:
        del choice["pinned"]  # the shape of a choice before `pinned` existed
    del fields["exam"], fields["exam_expects"]  # and of an item before exam-guide tags
    del fields["renamed_from"]  # and before renames
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    assert content_hash(question) == hashlib.sha256(canonical.encode()).hexdigest()[:16]


# old logs ---------------------------------------------------------------------------------


def test_confusions_count_old_and_shuffled_answers_together(context: StudyContext) -> None:
    # a wrong answer logged before shuffling existed: the option's text, as now
    old = ReviewRecord(
        "q2", "question", START, 1, correct=False, answer=json.dumps(["A", "B"]), session_id="old"
    )
    context.store.reviews.start_session("old", "quiz", to_utc_text(START), None)
    context.store.reviews.record(
        old,
        lambda prior: context.scheduler.next_state(prior, "q2", "question", Rating.AGAIN, START),
    )
    session = context.start("quiz", count=3, rng=random.Random(3))
    while (item := session.current()) is not None and item.id != "q2":
        session.answer([1] if item.id == "s1" else [0])  # right
    shown = session.shown_options()
    typed = shown.letters([0, 1])  # the letters A and B are shown at now
    session.answer(shown.authored(OPTION_LETTERS.index(letter) for letter in typed))
    [_, new] = [r for r in context.store.reviews.all() if r.item_id == "q2"]
    assert new.answer == old.answer
    assert confusions(context.deck, context.store) == [Confusion("q2", "demo", "B", "C", 2)]
