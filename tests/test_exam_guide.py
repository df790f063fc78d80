"""Mock exams drawn by an exam guide: domain weights, unscored questions, per-domain verdicts,
items newer than the exam, and the note quizzes and reviews show for them."""

from __future__ import annotations

import io
import random
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.content import Card, Choice, Deck, Question, Scenario, Topic
from studyapp.content.guides import ExamGuide
from studyapp.errors import UsageError
from studyapp.lines.session import LineSession
from studyapp.present.exam import MEETS, NEEDS, domain_scores_table, verdict_text
from studyapp.present.newer import NEWER_LEAD
from studyapp.scoring import weighted_quotas
from studyapp.srs import StudyScheduler
from studyapp.store import Store
from studyapp.study import DomainScore, ExamSession, StudyContext
from studyapp.study.exam_guide import (
    domain_quotas,
    draw_guide_exam,
    newer_item_ids,
    shipped_guides,
    unscored_count,
)
from studyapp.study.options import choices_of
from tests.conftest import START

GUIDES = shipped_guides()
DVA = GUIDES["dva-c02"]
#: 32/26/24/18 of 65 by largest remainder; 15 unscored spread the same way; 50 scored.
DVA_65 = {1: 21, 2: 17, 3: 15, 4: 12}
DVA_UNSCORED_15 = {1: 5, 2: 4, 3: 3, 4: 3}
RIGHT, WRONG = Choice("Right", True, "Yes."), Choice("Wrong", False, "No.")


def guide_deck(per_domain: dict[int, int], newer: int = 0, guide: ExamGuide = DVA) -> Deck:
    """Questions tagged with the first task statement of each domain of `guide` (`newer` more
    per domain tagged newer-than-exam), plus one untagged question and a card."""
    items: dict[str, Card | Question | Scenario] = {"card": Card("card", "F", "B", "https://a")}
    items["untagged"] = Question("untagged", "P", 1, (RIGHT, WRONG), "https://a")
    for domain in guide.domains:
        tag = domain.tasks[0].tag
        for n in range(per_domain.get(domain.number, 0)):
            item_id = f"d{domain.number}-q{n}"
            items[item_id] = Question(item_id, "P", 1, (RIGHT, WRONG), "https://a", exam=(tag,))
        for n in range(newer):
            item_id = f"d{domain.number}-new{n}"
            items[item_id] = Question(
                item_id,
                "P",
                1,
                (RIGHT, WRONG),
                "https://a",
                tags=("newer-than-exam",),
                exam=(tag,),
                exam_expects="The old way.",
            )
    topic = Topic("all", "All of it")
    return Deck(topics={"all": topic}, items=items, topic_of=dict.fromkeys(items, "all"))


def open_context(deck: Deck, store: Store, clock: FixedClock | None = None) -> StudyContext:
    return StudyContext(deck, [], store, StudyScheduler(), clock or FixedClock(START))


def domain_of(item_id: str) -> int:
    return int(item_id[1])


def answer(exam: ExamSession, right: bool | None = None, *, unscored_right: bool = False) -> None:
    """Answer every question: right or wrong (None: right in domain 1 only); unscored ones
    right only with `unscored_right`."""
    for position, item in enumerate(exam.items, start=1):
        if item.id in exam.record.unscored_ids:
            good = unscored_right
        else:
            good = domain_of(item.id) == 1 if right is None else right
        wanted = [n for n, c in enumerate(choices_of(item)) if c.correct == good]
        exam.answer(position, wanted[:1])


# the draw ------------------------------------------------------------------------------


def test_the_guide_says_65_questions_in_130_minutes_15_unscored() -> None:
    assert (DVA.format.questions, DVA.format.minutes, DVA.format.unscored_questions) == (
        65,
        130,
        15,
    )
    assert domain_quotas(DVA, 65, random.Random(0)) == DVA_65
    assert domain_quotas(GUIDES["saa-c03"], 65, random.Random(0)) == {1: 19, 2: 17, 3: 16, 4: 13}
    assert weighted_quotas(DVA_65, 15, random.Random(0)) == DVA_UNSCORED_15
    assert unscored_count(DVA.format, 65) == 15 and unscored_count(DVA.format, 10) == 2


@settings(deadline=None)
@given(
    st.dictionaries(st.integers(1, 6), st.integers(0, 40), min_size=1),
    st.integers(0, 300),
    st.integers(0, 9),
)
def test_largest_remainder_shares_every_question_within_one_of_its_weight(
    weights: dict[int, int], count: int, seed: int
) -> None:
    quotas = weighted_quotas(weights, count, random.Random(seed))
    total = sum(weights.values())
    assert sum(quotas.values()) == (count if total else 0)
    for key, weight in weights.items():
        assert abs(quotas[key] - (count * weight / total if total else 0)) < 1


def test_a_full_guide_exam_is_drawn_by_domain_weight(store: Store) -> None:
    context = open_context(guide_deck(dict.fromkeys(range(1, 5), 30)), store)
    exam = context.start_exam(rng=random.Random(4), guide_id="dva-c02")
    assert exam.total == 65 and exam.record.time_limit_seconds == 130 * 60
    assert exam.record.guide_id == "dva-c02" and exam.guide == DVA
    assert Counter(domain_of(item.id) for item in exam.items) == DVA_65
    unscored = exam.record.unscored_ids
    assert len(unscored) == len(set(unscored)) == 15 and set(unscored) <= set(
        exam.record.question_ids
    )
    assert Counter(domain_of(item_id) for item_id in unscored) == DVA_UNSCORED_15
    assert "untagged" not in exam.record.question_ids


def test_the_setting_picks_the_guide_and_none_or_a_topic_gives_the_topic_exam(
    store: Store,
) -> None:
    context = open_context(guide_deck(dict.fromkeys(range(1, 5), 30)), store)
    store.settings.set("exam_guide", "DVA-C02")
    assert context.exam_spec().guide == DVA
    assert context.exam_spec(question_count=13).minutes == 26  # the guide's pace
    assert context.exam_spec(guide_id="none").guide is None
    assert context.exam_spec(["all"]).guide is None
    topic_exam = context.start_exam(guide_id="none", rng=random.Random(1))
    assert (topic_exam.total, topic_exam.record.guide_id, topic_exam.record.unscored_ids) == (
        30,
        None,
        (),
    )
    with pytest.raises(UsageError, match="not both"):
        context.exam_spec(["all"], guide_id="dva-c02")
    with pytest.raises(UsageError, match=r"unknown exam guide 'ccp' \(known: dva-c02, saa-c03"):
        context.exam_spec(guide_id="ccp")


def test_a_short_guide_exam_keeps_the_weights_and_the_unscored_share(store: Store) -> None:
    context = open_context(guide_deck(dict.fromkeys(range(1, 5), 30)), store)
    exam = context.start_exam((), 13, None, random.Random(2), guide_id="dva-c02")
    assert exam.total == 13 and len(exam.record.unscored_ids) == 3
    assert exam.record.time_limit_seconds == 26 * 60
    assert Counter(domain_of(item.id) for item in exam.items) == {1: 4, 2: 4, 3: 3, 4: 2}


def test_too_small_a_pool_names_what_each_domain_lacks(store: Store) -> None:
    context = open_context(guide_deck({1: 30, 2: 10, 3: 30, 4: 5}, newer=2), store)
    with pytest.raises(UsageError) as caught:
        context.start_exam(guide_id="dva-c02")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("not enough questions and scenarios tagged dva-c02 for 65")
    assert "domain 2 Security needs 17, has 10 (7 missing)" in message
    assert "domain 4 Troubleshooting and Optimization needs 12, has 5 (7 missing)" in message
    assert "domain 1" not in message and "domain 3" not in message
    assert "add the 4 tagged newer-than-exam in those domains with --include-newer" in message
    assert store.exams.records() == []


# newer than the exam ---------------------------------------------------------------------


def test_newer_items_are_left_out_unless_asked_for(store: Store) -> None:
    deck = guide_deck(dict.fromkeys(range(1, 5), 25), newer=5)
    context = open_context(deck, store)
    for seed in range(5):
        drawn = context.start_exam(rng=random.Random(seed), guide_id="dva-c02").record
        assert not any("-new" in item_id for item_id in drawn.question_ids)
        store.exams.discard(drawn.id)
    topic = context.start_exam(["all"], 200, 60, random.Random(0))
    assert topic.total == 101 and not any("-new" in item.id for item in topic.items)
    store.exams.discard(topic.exam_id)
    wider = context.start_exam(["all"], 200, 60, random.Random(0), include_newer=True)
    assert wider.total == 121
    store.exams.discard(wider.exam_id)
    guided = context.start_exam(rng=random.Random(0), guide_id="dva-c02", include_newer=True)
    assert any("-new" in item.id for item in guided.items)
    store.exams.discard(guided.exam_id)
    store.settings.set("exam_include_newer", "yes")
    assert context.exam_spec().include_newer is True
    assert context.start_exam(["all"], 200, 60, random.Random(0)).total == 121


# scoring ---------------------------------------------------------------------------------


def test_unscored_questions_do_not_count(store: Store) -> None:
    context = open_context(guide_deck(dict.fromkeys(range(1, 5), 30)), store)
    exam = context.start_exam(rng=random.Random(5), guide_id="dva-c02")
    answer(exam, right=True, unscored_right=False)
    result = exam.result()
    assert (result.correct, result.total, result.score, result.unscored) == (50, 50, 1000, 15)
    assert result.missed and all(not question.scored for question in result.missed)
    submitted = exam.submit()
    record = store.exams.get(exam.exam_id)
    assert record is not None and (record.correct, record.total) == (50, 50)
    assert submitted.passed
    # every question, scored or not, is practice: all 65 reach the review log
    assert len([r for r in store.reviews.all() if r.session_id == exam.exam_id]) == 65


def test_each_domain_is_judged_against_the_pass_share(store: Store) -> None:
    context = open_context(guide_deck(dict.fromkeys(range(1, 5), 30)), store)
    exam = context.start_exam(rng=random.Random(6), guide_id="dva-c02")
    answer(exam, right=None)  # right in domain 1 only
    result = exam.submit()
    assert [(d.number, d.correct, d.total, d.unscored) for d in result.domains] == [
        (1, 16, 16, 5),
        (2, 0, 13, 4),
        (3, 0, 12, 3),
        (4, 0, 9, 3),
    ]
    assert [verdict_text(d) for d in result.domains] == [MEETS, NEEDS, NEEDS, NEEDS]
    table = domain_scores_table(result.domains)
    assert table.rows[0] == ("1 Development with AWS Services", "32%", "16/16", "100%", MEETS)


def test_the_domain_threshold_is_the_pass_mark_on_the_same_scale() -> None:
    # 11 of 16 scores 719, 12 of 16 scores 775: 720 lies between (68.9% right)
    assert DomainScore(1, "D", 32, 11, 16).meets_competencies is False
    assert DomainScore(1, "D", 32, 12, 16).meets_competencies is True
    assert DomainScore(1, "D", 32, 0, 0).meets_competencies is None
    assert verdict_text(DomainScore(1, "D", 32, 0, 0)) == "—"


def test_a_resumed_exam_keeps_its_unscored_questions(store: Store) -> None:
    deck = guide_deck(dict.fromkeys(range(1, 5), 30))
    clock = FixedClock(START)
    exam = open_context(deck, store, clock).start_exam(rng=random.Random(7), guide_id="dva-c02")
    exam.answer(1, [0])
    again = open_context(deck, store, clock).resume_exam(exam.exam_id)
    assert again.record.unscored_ids == exam.record.unscored_ids
    assert again.guide == DVA and again.items == exam.items
    answer(again, right=True)
    assert again.submit().correct == 50


# line mode and the command -------------------------------------------------------------


def test_the_shipped_guide_exam_in_line_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`exam --guide dva-c02` on the shipped deck: the guide's shape, a blank submit, the
    per-domain result, and the guide in the history."""
    monkeypatch.setenv("STUDYAPP_NOW", "2026-03-02T10:00:00+00:00")
    db = str(tmp_path / "p.db")
    args = ["exam", "--guide", "dva-c02", "--plain", "--seed", "3", "--db", db]
    result = CliRunner().invoke(cli, args, input="s\ny\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Mock exam: DVA-C02 · 65 questions · 130 min. 15 of them are unscored" in out
    assert "── Question 1 of 65 · 2 h 10 min left ──" in out
    assert "Right: 0 of 50 scored (15 unscored not counted)" in out
    assert "DVA-C02 domains (scored questions only):" in out
    assert "1 Development with AWS Services        32%   0/16     0%  Needs improvement" in out
    assert "A domain meets competencies when its scored answers alone would pass" in out
    history = CliRunner().invoke(cli, ["exam", "--history", "--db", db])
    assert "65 missed or blank questions are due for review tomorrow." in out
    assert "2026-03-02 10:00  DVA-C02    100  fail     0/50  0 s" in history.stdout


def test_a_question_newer_than_the_exam_says_what_the_exam_may_expect(
    tmp_path: Path, store: Store
) -> None:
    question = Question(
        "nq",
        "Which limit?",
        1,
        (RIGHT, WRONG),
        "https://a",
        tags=("newer-than-exam",),
        exam_expects="The exam still says 29 seconds.",
    )
    card = Card(
        "nc",
        "How long?",
        "Up to 5 minutes now.",
        "https://a",
        ("newer-than-exam",),
        (),
        "The exam says 29 seconds.",
    )
    topic = Topic("t", "T")
    deck = Deck(
        topics={"t": topic}, items={"nq": question, "nc": card}, topic_of={"nq": "t", "nc": "t"}
    )
    context = open_context(deck, store)
    out = io.StringIO()
    session = context.start("quiz", (), 1, random.Random(0))
    LineSession(session, io.StringIO("a\n"), out, deck.topic_of).run()
    text = " ".join(out.getvalue().split())  # the note is wrapped to the terminal
    note = f"{NEWER_LEAD} The exam still says 29 seconds."
    assert note in text
    assert text.index("Right.") < text.index(note) < text.index(": Yes.")  # before the whys
    out = io.StringIO()
    LineSession(context.start("review"), io.StringIO("\n3\n"), out, deck.topic_of).run()
    text = " ".join(out.getvalue().split())
    assert f"{NEWER_LEAD} The exam says 29 seconds." in text
    assert text.index(NEWER_LEAD) < text.index("Up to 5 minutes now.")


def test_the_settings_command_keeps_a_known_guide_only(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    runner = CliRunner()
    ok = runner.invoke(cli, ["settings", "exam_guide", "saa-c03", "--db", db])
    assert ok.exit_code == 0 and "exam_guide = saa-c03" in ok.stdout
    bad = runner.invoke(cli, ["settings", "exam_guide", "ccp", "--db", db])
    assert bad.exit_code == 1 and "unknown exam guide 'ccp'" in bad.stderr
    switch = runner.invoke(cli, ["settings", "exam_include_newer", "maybe", "--db", db])
    assert switch.exit_code == 1 and "expected yes or no" in switch.stderr


# the shipped pool ---------------------------------------------------------------------------


@pytest.mark.parametrize(("guide_id", "exams"), [("dva-c02", 5), ("saa-c03", 1)])
def test_the_shipped_deck_holds_full_exams_without_a_repeat(
    shipped_deck: Deck, guide_id: str, exams: int
) -> None:
    """Five full DVA-C02 exams (and one SAA-C03 exam) can be drawn one after another from the
    shipped deck with no question seen twice, newer-than-exam items left out as by default."""
    guide = shipped_guides()[guide_id]
    taken = set(newer_item_ids(shipped_deck))
    for number in range(exams):
        draw = draw_guide_exam(
            shipped_deck, guide, guide.format.questions, random.Random(number), left_out=taken
        )
        assert len(draw.item_ids) == 65 and len(draw.unscored_ids) == 15
        assert taken.isdisjoint(draw.item_ids)
        taken.update(draw.item_ids)
