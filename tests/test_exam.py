"""Mock exams: the draw, answering and moving, the score scale, time, resuming, line mode, CLI."""

from __future__ import annotations

import io
import random
import re
import signal
import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.cli import cli
from studyapp.clock import FixedClock, clock_from_env
from studyapp.content import Card, Choice, Deck, Facts, Question, Scenario, Topic, item_kind
from studyapp.errors import UsageError
from studyapp.lines.exam import LineExam, run_exam
from studyapp.srs import Rating, StudyScheduler
from studyapp.store import Store
from studyapp.study import (
    DiscardedExam,
    ExamResult,
    ExamSession,
    ResumeOffer,
    StudyContext,
    scaled_score,
)
from studyapp.study.exam import draw_exam_item_ids, topic_quotas
from tests.conftest import START, shown_letters
from tests.test_processes import answer_for, run_cli, started

#: The right letters of the small deck's exam items as written (q2 is a choose-two); an exam
#: shows them shuffled, so `letters_for` turns them into the letters shown.
RIGHT = {"q1": "a", "q2": "ac", "s1": "b"}
WRONG = {"q1": "b", "q2": "ab", "s1": "a"}


def synthetic_deck(sizes: dict[str, tuple[int, int]]) -> Deck:
    """A deck with, per topic, that many questions and scenarios, and one card never drawn."""
    topics: dict[str, Topic] = {}
    items: dict[str, Card | Question | Scenario] = {}
    topic_of: dict[str, str] = {}
    choices = (Choice("Right", True, "Yes."), Choice("Wrong", False, "No."))
    for topic_id, (questions, scenarios) in sizes.items():
        topics[topic_id] = Topic(topic_id, topic_id.title())
        made: list[Card | Question | Scenario] = [Card(f"{topic_id}-c", "F", "B", "https://a")]
        made += [
            Question(f"{topic_id}-q{n}", "P", 1, choices, "https://a") for n in range(questions)
        ]
        made += [
            Scenario(
                f"{topic_id}-s{n}", "S", Facts(), ("lambda", "fargate"), "fargate", "E", "https://a"
            )
            for n in range(scenarios)
        ]
        for item in made:
            items[item.id] = item
            topic_of[item.id] = topic_id
    return Deck(topics=topics, items=items, topic_of=topic_of)


def start(
    context: StudyContext, seed: int = 1, question_count: int = 30, minutes: int = 60
) -> ExamSession:
    return context.start_exam((), question_count, minutes, random.Random(seed))


def answer_all(exam: ExamSession, letters: dict[str, str]) -> None:
    for position, item in enumerate(exam.items, start=1):
        exam.answer(position, ["abcde".index(ch) for ch in letters[item.id]])


# the draw ------------------------------------------------------------------------------

topic_sizes = st.dictionaries(
    st.sampled_from(["lambda", "sam", "ecs", "eks", "ecr", "fargate"]),
    st.tuples(st.integers(0, 20), st.integers(0, 8)),
    min_size=1,
).filter(lambda sizes: sum(q + s for q, s in sizes.values()) > 0)


@given(sizes=topic_sizes, count=st.integers(1, 80), seed=st.integers(0, 2**32))
@settings(max_examples=150)
def test_draw_is_proportional_to_each_topics_share_without_repeats(
    sizes: dict[str, tuple[int, int]], count: int, seed: int
) -> None:
    deck = synthetic_deck(sizes)
    drawn = draw_exam_item_ids(deck, None, count, random.Random(seed))
    pool = sum(q + s for q, s in sizes.values())
    asked = min(count, pool)
    assert len(drawn) == asked
    assert len(set(drawn)) == asked
    assert all(item_kind(deck.items[i]) in ("question", "scenario") for i in drawn)
    per_topic = Counter(deck.topic_of[i] for i in drawn)
    for topic_id, (questions, scenarios) in sizes.items():
        share = asked * (questions + scenarios) / pool
        assert abs(per_topic[topic_id] - share) < 1


def test_largest_remainders_get_the_leftover_questions() -> None:
    # Exact shares 2, 1.2 and 0.8: the floors give 3, and the one left goes to the 0.8.
    quotas = topic_quotas({"a": 5, "b": 3, "c": 2}, 4, random.Random(0))
    assert quotas == {"a": 2, "b": 1, "c": 1}


def test_the_same_seed_draws_the_same_exam(context: StudyContext) -> None:
    first, second = start(context, seed=9), start(context, seed=9)
    assert first.record.question_ids == second.record.question_ids
    assert first.exam_id != second.exam_id


def test_topics_limit_the_draw_and_an_unknown_topic_is_refused() -> None:
    deck = synthetic_deck({"lambda": (4, 1), "ecs": (3, 0)})
    drawn = draw_exam_item_ids(deck, ["ecs"], 30, random.Random(1))
    assert sorted(drawn) == ["ecs-q0", "ecs-q1", "ecs-q2"]
    context = StudyContext(deck, [], Store.open(None), StudyScheduler(), FixedClock(START))
    with pytest.raises(UsageError, match="unknown topic 'ghost'"):
        context.start_exam(["ghost"])
    exam = context.start_exam(["lambda"], question_count=30, rng=random.Random(2))
    assert exam.total == 5 and exam.record.topic_ids == ("lambda",)


# answering, flagging, moving -------------------------------------------------------------


def test_answers_and_flags_are_saved_at_once_but_not_scored(context: StudyContext) -> None:
    exam = start(context, question_count=3)
    assert (exam.total, exam.position) == (3, 1)
    two = next(n for n, item in enumerate(exam.items, 1) if item.id == "q2")
    with pytest.raises(UsageError, match="choose exactly 2"):
        exam.answer(two, [0])
    with pytest.raises(UsageError, match="choose options 1 to 3"):
        exam.answer(two, [0, 5])
    exam.answer(two, [0, 1])
    exam.answer(two, [2, 0])  # re-answering replaces
    assert exam.picked(two) == (0, 2)
    assert exam.toggle_flag(two) is True
    saved = {a.item_id: a for a in context.store.exams.answers(exam.exam_id)}
    assert saved["q2"].chosen == (0, 2) and saved["q2"].flagged
    assert [a.position for a in saved.values()] == [1, 2, 3]
    assert context.store.reviews.count() == 0
    exam.answer(two, [])  # no pick clears the answer
    assert (
        exam.picked(two) is None
        and context.store.exams.answers(exam.exam_id)[two - 1].chosen is None
    )


def test_moving_and_the_overview(context: StudyContext) -> None:
    exam = start(context, question_count=3)
    exam.previous()
    assert exam.position == 1
    exam.answer(1, [0, 2] if exam.item().id == "q2" else [0])
    exam.next()
    exam.toggle_flag()
    exam.go_to(3)
    exam.next()
    assert exam.position == 3
    with pytest.raises(UsageError, match="there is no question 4; questions go from 1 to 3"):
        exam.go_to(4)
    assert [(s.answered, s.flagged) for s in exam.overview()] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    assert exam.unanswered_count == 2
    exam.toggle_flag(2)
    exam.toggle_flag(1)  # answered and flagged: both are kept
    assert [(s.answered, s.flagged) for s in exam.overview()][:2] == [(True, True), (False, False)]


# scoring ---------------------------------------------------------------------------------


@given(total=st.integers(1, 500), data=st.data())
def test_score_scale_is_monotone_from_100_to_1000(total: int, data: st.DataObject) -> None:
    correct = data.draw(st.integers(0, total))
    score = scaled_score(correct, total)
    assert 100 <= score <= 1000
    assert scaled_score(0, total) == 100
    assert scaled_score(total, total) == 1000
    if correct < total:
        assert scaled_score(correct + 1, total) > score  # strictly: 900 / total >= 1 here


def test_score_scale_examples_and_pass_mark() -> None:
    assert [scaled_score(c, 30) for c in (0, 20, 21, 30)] == [100, 700, 730, 1000]
    assert scaled_score(1, 2) == 550
    with pytest.raises(ValueError):
        scaled_score(1, 0)


def test_submit_scores_and_feeds_the_scheduler(context: StudyContext) -> None:
    clock = context.clock
    assert isinstance(clock, FixedClock)
    exam = start(context, question_count=3)
    ids = [item.id for item in exam.items]
    exam.answer(ids.index("q1") + 1, [0])  # right
    exam.answer(ids.index("q2") + 1, [0, 1])  # one of the two right: wrong
    clock.advance(timedelta(minutes=7))
    result = exam.submit()
    assert (result.correct, result.total, result.score, result.passed) == (1, 3, 400, False)
    assert result.time_used == timedelta(minutes=7)
    assert [(t.topic_id, t.correct, t.total) for t in result.topics] == [("demo", 1, 3)]
    assert [q.item.id for q in result.missed] == [i for i in ids if i != "q1"]
    scenario = next(q for q in result.questions if q.item.id == "s1")
    assert scenario.picked is None and scenario.right == (1,)
    question = next(q for q in result.questions if q.item.id == "q2")
    authored = sorted(question.shown.choices, key=lambda choice: choice.index)
    assert [c.why for c in authored] == ["Yes.", "No.", "Yes."]

    reviews = {r.item_id: r for r in context.store.reviews.all()}
    assert {i: Rating(r.rating) for i, r in reviews.items()} == {
        "q1": Rating.GOOD,
        "q2": Rating.AGAIN,
        "s1": Rating.AGAIN,
    }
    assert reviews["s1"].answer is None and reviews["s1"].correct is False
    assert reviews["q2"].answer == '["A", "B"]' and reviews["q2"].session_id == exam.exam_id
    states = context.store.reviews.states()
    assert states["q2"].due - clock.now() <= timedelta(days=1)
    assert states["q1"].due - clock.now() > timedelta(days=1)
    stored = context.store.exams.get(exam.exam_id)
    assert stored is not None and stored.status == "submitted"
    assert (stored.score_scaled, stored.correct, stored.total) == (400, 1, 3)
    assert stored.elapsed_ms == 7 * 60 * 1000
    with pytest.raises(UsageError, match="already submitted"):
        exam.submit()
    with pytest.raises(UsageError, match="already submitted"):
        exam.answer(1, [0])


def test_all_right_is_1000_and_a_pass(context: StudyContext) -> None:
    exam = start(context, question_count=3)
    answer_all(exam, RIGHT)
    result = exam.submit()
    assert (result.score, result.passed, result.missed) == (1000, True, ())


# time ------------------------------------------------------------------------------------


def test_time_runs_out(context: StudyContext) -> None:
    clock = context.clock
    assert isinstance(clock, FixedClock)
    exam = start(context, question_count=3, minutes=1)
    clock.advance(timedelta(seconds=45))
    assert exam.time_remaining() == timedelta(seconds=15) and not exam.expired
    clock.advance(timedelta(seconds=30))
    assert exam.expired and exam.time_remaining() == timedelta(0)
    with pytest.raises(UsageError, match="time is up"):
        exam.answer(1, [0])
    result = exam.submit()
    assert result.time_used == timedelta(minutes=1) and result.correct == 0


def test_resume_after_reopening_keeps_answers_and_the_clock(
    small_deck: Deck, tmp_path: Path
) -> None:
    clock = FixedClock(START)
    path = tmp_path / "progress.db"
    context = StudyContext(small_deck, [], Store.open(path), StudyScheduler(), clock)
    exam = start(context, question_count=3)
    exam.answer(1, [0, 2] if exam.item(1).id == "q2" else [0])
    exam.toggle_flag(2)
    clock.advance(timedelta(minutes=10))
    exam.go_to(2)  # saves the time used
    context.close()

    clock.advance(timedelta(hours=3))  # closed: this does not count
    context = StudyContext(small_deck, [], Store.open(path), StudyScheduler(), clock)
    unfinished = context.store.exams.unfinished()
    assert unfinished is not None and unfinished.id == exam.exam_id
    again = context.resume_exam(unfinished.id)
    assert again.elapsed() == timedelta(minutes=10)
    assert again.picked(1) == exam.picked(1) and again.is_flagged(2)
    assert again.position == 2  # the first unanswered question
    clock.advance(timedelta(minutes=5))
    assert again.time_remaining() == timedelta(minutes=45)
    context.close()


def test_resume_leaves_out_deleted_items_and_picks_that_no_longer_fit(
    context: StudyContext,
) -> None:
    exam = start(context, question_count=3)
    answer_all(exam, RIGHT)
    q2 = context.deck.items["q2"]
    assert isinstance(q2, Question)
    edited = replace(q2, choose=1, choices=(q2.choices[0], replace(q2.choices[1], correct=False)))
    items = {"q2": edited, **{k: v for k, v in context.deck.items.items() if k not in ("q2", "s1")}}
    deck = replace(context.deck, items=items)
    again = ExamSession.resume(
        deck=deck,
        store=context.store,
        scheduler=context.scheduler,
        clock=context.clock,
        exam_id=exam.exam_id,
    )
    assert sorted(item.id for item in again.items) == ["q1", "q2"]
    assert {item.id: again.picked(n) for n, item in enumerate(again.items, 1)} == {
        "q1": (0,),
        "q2": None,
    }
    assert again.submit().total == 2


def test_an_unfinished_exam_is_offered_then_resumed_or_discarded(context: StudyContext) -> None:
    """The one resume-or-discard policy both front ends follow (StudyContext.unfinished_exam)."""
    assert context.unfinished_exam() is None
    exam = start(context, question_count=3)
    exam.answer(1, [0, 2] if exam.item(1).id == "q2" else [0])
    offer = context.unfinished_exam()
    assert isinstance(offer, ResumeOffer)
    assert (offer.exam_id, offer.answered, offer.total) == (exam.exam_id, 1, 3)
    resumed = context.resume_or_discard(offer, resume=True)
    assert resumed is not None and resumed.exam_id == exam.exam_id
    assert context.resume_or_discard(offer, resume=False) is None
    assert context.unfinished_exam() is None


def test_an_exam_none_of_whose_questions_are_left_is_discarded(context: StudyContext) -> None:
    exam = start(context, question_count=3)
    cards = {k: v for k, v in context.deck.items.items() if item_kind(v) == "card"}
    context.deck = replace(context.deck, items=cards)
    offer = context.unfinished_exam()
    assert isinstance(offer, DiscardedExam) and offer.exam_id == exam.exam_id
    assert "none of the questions" in offer.reason
    assert context.unfinished_exam() is None


# line mode -------------------------------------------------------------------------------


def letters_for(exam: ExamSession, answers: dict[str, str], position: int) -> str:
    return shown_letters(exam.shown_options(position), answers[exam.item(position).id]) + "\n"


def test_line_mode_flow(context: StudyContext) -> None:
    exam = start(context, question_count=3)
    typed = (
        "zz\n"
        + letters_for(exam, RIGHT, 1)
        + "f\ng 2\nn\no\ng 9\n"
        + letters_for(exam, WRONG, 3)
        + "s\nn\ns\ny\n"
    )
    out = io.StringIO()
    result = LineExam(exam, io.StringIO(typed), out, width=80).run()
    text = out.getvalue()
    assert result is not None and result.correct == 1
    assert "── Question 1 of 3 · 60 min left ──" in text
    assert "── Question 2 of 3 · 60 min left · flagged ──" in text
    assert "Type a letter from a to" in text or "Type letters from a to" in text
    assert "Question 2 flagged." in text
    assert "  1✓   2·⚑  3·\n  ✓ 1 answered  ⚑ 1 flagged  · 2 not yet · 60 min left\n" in text
    assert "there is no question 9; questions go from 1 to 3." in text
    assert "That was the last question" in text
    assert text.count("Submit with 1 unanswered? y/n") == 2
    assert "Score: 400 on a simulated scale of 100-1000 (720 to pass): FAIL" in text
    assert "Right: 1 of 3\nTime used: 0 s of 60 min\n" in text
    # the two missed are due from the start of the next study day (04:00), not "now"
    assert "2 missed or blank questions are due for review tomorrow.\n" in text
    assert re.search(r"^Demo topic +1 +3 +33%$", text, re.MULTILINE)  # the title, not the id
    assert "Missed questions: 2 of 3, every option with why." in text
    assert re.search(r"^── Question \d · Demo topic · ", text, re.MULTILINE)
    assert " · not answered · answer " in text and "(your pick)" in text
    assert context.store.reviews.count() == 3


class TickingInput(io.StringIO):
    """Typed lines that each take `step` of the exam's time to arrive."""

    def __init__(self, text: str, clock: FixedClock, step: timedelta) -> None:
        super().__init__(text)
        self.clock = clock
        self.step = step

    # typeshed types StringIO.readline inconsistently with IOBase; the override is the same shape.
    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]
        self.clock.advance(self.step)
        return super().readline(size)


def test_line_mode_submits_when_time_runs_out(context: StudyContext) -> None:
    clock = context.clock
    assert isinstance(clock, FixedClock)
    exam = start(context, question_count=3, minutes=1)
    typed = letters_for(exam, RIGHT, 1) + letters_for(exam, RIGHT, 2) + "s\ny\n"
    out = io.StringIO()
    result = LineExam(exam, TickingInput(typed, clock, timedelta(seconds=40)), out).run()
    text = out.getvalue()
    assert result is not None and result.correct == 1  # the answer typed too late is not taken
    assert "Time is up: the exam is submitted." in text
    assert "Time used: 1 min of 1 min" in text
    assert context.store.exams.answers(exam.exam_id)[1].chosen is None


def run_line_exam(context: StudyContext, typed: str) -> tuple[ExamResult | None, str]:
    """`studyapp exam` in line mode on the small deck, with `typed` as the input."""
    out = io.StringIO()
    result = run_exam(
        context, io.StringIO(typed), out, question_count=3, minutes=60, rng=random.Random(4)
    )
    return result, out.getvalue()


def test_line_mode_leaves_at_end_of_input_and_resumes(context: StudyContext) -> None:
    clock = context.clock
    assert isinstance(clock, FixedClock)
    first, text = run_line_exam(context, "a\n")
    assert first is None
    assert "Mock exam: All topics · 3 questions · 60 min." in text
    assert "Run `studyapp exam` again to resume it." in " ".join(text.split())  # wrapped
    unfinished = context.store.exams.unfinished()
    assert unfinished is not None
    clock.advance(timedelta(minutes=1))

    resumed, text = run_line_exam(context, "maybe\ny\no\ns\ny\n")
    assert (
        "Resume the exam started 2026-03-02 10:00?\n"
        "1 of 3 answered · 60 min left\n"
        "No (n) discards it and starts a new one.\n"
        "y/n > maybe\n"
    ) in text
    assert "Type y to resume it or n" in text
    assert "  1✓   2·   3·\n" in text
    assert resumed is not None and resumed.exam_id == unfinished.id

    run_line_exam(context, "q\n")
    _result, text = run_line_exam(context, "n\nq\n")
    assert "The unfinished exam is discarded; a new one starts." in text
    assert len(context.store.exams.records("in_progress")) == 1


# the command line --------------------------------------------------------------------------


def test_history_lists_past_exams_newest_first(small_deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    empty = CliRunner().invoke(cli, ["exam", "--history", "--db", str(path)])
    assert empty.exit_code == 0 and "No submitted exams yet." in empty.stdout
    clock = FixedClock(START)
    context = StudyContext(small_deck, [], Store.open(path), StudyScheduler(), clock)
    passed = start(context, question_count=3)
    answer_all(passed, RIGHT)
    clock.advance(timedelta(minutes=12, seconds=5))
    passed.submit()
    clock.advance(timedelta(days=1))
    start(context, question_count=3).submit()
    start(context, question_count=3)  # unfinished
    context.close()

    result = CliRunner().invoke(cli, ["exam", "--history", "--db", str(path)])
    assert result.exit_code == 0, result.output
    tz = clock_from_env().local_tz
    first, second = (f"{moment.astimezone(tz):%Y-%m-%d %H:%M}" for moment in (START, clock.now()))
    assert result.stdout.splitlines() == [
        "date              exam    score  result  right  time used",
        f"{second}  topics    100  fail      0/3  0 s",
        f"{first}  topics   1000  pass      3/3  12 min",
        f"Unfinished: the topics exam started at {second}; `studyapp exam` offers to resume it.",
    ]


def test_exam_command_runs_in_line_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDYAPP_NOW", "2026-03-02T10:00:00+00:00")
    args = ["exam", "--topic", "lambda", "-n", "4", "--seed", "1", "--db", str(tmp_path / "p.db")]
    result = CliRunner().invoke(cli, args, input="s\ny\n")
    assert result.exit_code == 0, result.output
    assert "Mock exam: Topic: AWS Lambda · 4 questions · 60 min." in result.stdout
    assert "Submit with 4 unanswered? y/n" in result.stdout
    assert "Score: 100 on a simulated scale" in result.stdout
    unknown = CliRunner().invoke(cli, ["exam", "--topic", "nosuch", "--db", str(tmp_path / "p.db")])
    assert unknown.exit_code == 1 and "unknown topic 'nosuch'" in unknown.stderr


# a killed exam resumes -----------------------------------------------------------------------

EXAM_PROMPT = re.compile(r"Choose (?:one letter|(\d+) letters) \(a-[a-z]\) or n p g N f o s q > ")


def test_sigkill_mid_exam_resumes_with_answers_intact(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    args: list[str | Path] = [
        "exam",
        "--plain",
        "--topic",
        "lambda",
        "--questions",
        "4",
        "--seed",
        "7",
        "--db",
        db,
    ]
    with started(args, tmp_path) as child:
        for _ in range(2):
            child.send(answer_for(child.expect(EXAM_PROMPT)))
        child.expect(EXAM_PROMPT)
        child.send("f\n")
        child.expect(re.compile(r"Question 3 flagged\.\n"))
        child.expect(EXAM_PROMPT)
        assert child.kill() == -signal.SIGKILL

    conn = sqlite3.connect(db, timeout=10)
    try:
        rows = conn.execute(
            "SELECT position, chosen IS NOT NULL, flagged FROM exam_answers ORDER BY position"
        ).fetchall()
        status = conn.execute("SELECT status FROM exams").fetchall()
    finally:
        conn.close()
    assert rows == [(1, 1, 0), (2, 1, 0), (3, 0, 1), (4, 0, 0)]
    assert status == [("in_progress",)]

    again = run_cli("exam", "--db", db, input="y\no\nq\n")
    assert again.returncode == 0, again.stderr
    assert "Resume the exam started 2026-03-02 10:00?\n2 of 4 answered · 60 min left\n" in (
        again.stdout
    )
    assert "── Question 3 of 4 · 60 min left · flagged ──" in again.stdout
    assert "  1✓   2✓   3·⚑  4·\n" in again.stdout
    assert "Exam saved: 2 of 4 answered, 60 min left." in again.stdout


def test_suspended_leeches_are_not_drawn(small_deck: Deck) -> None:
    drawn = draw_exam_item_ids(small_deck, None, 10, random.Random(1), left_out={"q1"})
    assert "q1" not in drawn and set(drawn) == {"q2", "s1"}
