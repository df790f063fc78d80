"""Readiness: calibrated against learners who follow other models, monotone in the answers,
honest about its horizon, and back-tested on finished exams."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.content import Choice, Deck, Question, Scenario, Topic
from studyapp.content.guides import ExamGuide
from studyapp.errors import UsageError
from studyapp.paths import builtin_content_dir
from studyapp.srs import Rating, StudyScheduler
from studyapp.srs.personal import EXAM_DATE_PREFERENCE, exam_day_start
from studyapp.stats import (
    FIRST_SIGHT_WEIGHT,
    RANGE_COVERAGE,
    FirstSight,
    ItemEvidence,
    QuestionGroup,
    Readiness,
    correct_count_distribution,
    exam_backtest,
    exam_outlook,
    first_sight,
    guessing_floor,
    readiness_horizon,
)
from studyapp.stats.readiness import readiness
from studyapp.stats.readiness_domains import (
    DEFAULT_GUIDE_ID,
    domain_chances,
    exam_guide,
    guide_for,
    item_ids_by_domain,
)
from studyapp.stats.readiness_evidence import deck_evidence, deck_floors
from studyapp.stats.readiness_model import NO_LATER_ANSWERS, domain_first_sight
from studyapp.store import ItemState, ReviewRecord, Store
from studyapp.study.exam import ExamSession
from tests import readiness_sim
from tests.readiness_sim import TRUTH_MODELS, Record, calibrate, calibrate_by_domain

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
#: Simulated learners per truth model, and exams each of them sits.
LEARNERS, EXAMS = 16, 150
#: The issue's bar: the range holds the simulated score in at least this share of exams.
COVERAGE_BAR = 0.85


def _choices(options: int, right: int) -> tuple[Choice, ...]:
    return tuple(Choice(f"Option {n}", n < right, "Why.") for n in range(options))


def _mixed_deck() -> Deck:
    """Two topics with every form: 4-option, choose two of five, and 3-option scenarios."""
    from studyapp.content import Facts

    items: dict[str, Question | Scenario] = {}
    topic_of: dict[str, str] = {}
    for n in range(12):
        topic = "a" if n % 2 else "b"
        if n % 3 == 0:
            item: Question | Scenario = Question(
                f"q{n}", "Which two?", 2, _choices(5, 2), "https://docs.aws.amazon.com/x"
            )
        elif n % 3 == 1:
            item = Question(f"q{n}", "Which?", 1, _choices(4, 1), "https://docs.aws.amazon.com/x")
        else:
            item = Scenario(
                f"q{n}",
                "A job.",
                Facts(),
                ("lambda", "fargate", "ec2"),
                "fargate",
                "Because.",
                "https://docs.aws.amazon.com/x",
            )
        items[item.id] = item
        topic_of[item.id] = topic
    return Deck(
        topics={"a": Topic("a", "A"), "b": Topic("b", "B")}, items=dict(items), topic_of=topic_of
    )


def _answer(
    store: Store, scheduler: StudyScheduler, item_id: str, right: bool, at: datetime
) -> None:
    rating = Rating.GOOD if right else Rating.AGAIN
    review = ReviewRecord(item_id, "question", at, int(rating), correct=right)
    store.reviews.record(
        review, lambda prior: scheduler.next_state(prior, item_id, "question", rating, at)
    )


# the model's parts ---------------------------------------------------------------------


def test_guessing_floors_follow_the_form() -> None:
    deck = _mixed_deck()
    assert guessing_floor(deck.items["q0"]) == pytest.approx(1 / 10)  # choose two of five
    assert guessing_floor(deck.items["q1"]) == pytest.approx(1 / 4)
    assert guessing_floor(deck.items["q2"]) == pytest.approx(1 / 3)


def test_first_sight_knowledge_is_shrunk_towards_guessing() -> None:
    assert first_sight([]).knowledge == 0.0
    assert first_sight([(0.25, False)] * 25).knowledge == 0.0
    one_lucky = first_sight([(0.25, True)]).knowledge
    assert 0 < one_lucky < 0.1  # one right answer is not knowledge
    many = first_sight([(0.25, True)] * 80 + [(0.25, False)] * 20).knowledge
    raw = (80 - 25) / 75
    assert many == pytest.approx(raw * 75 / (75 + FIRST_SIGHT_WEIGHT * 0.75))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=40))
def test_the_range_holds_at_least_its_coverage(probabilities: list[float]) -> None:
    """At least RANGE_COVERAGE of the modelled (mixed) score distribution is in range."""
    distribution = correct_count_distribution(probabilities)
    outlook = exam_outlook([QuestionGroup(0.0, p, 1) for p in probabilities])

    assert sum(distribution) == pytest.approx(1.0)
    assert outlook.range_probability >= RANGE_COVERAGE - 1e-9


# calibration against other models ------------------------------------------------------


@pytest.fixture(scope="module")
def deck() -> Deck:
    from studyapp.content import load_deck_or_raise

    return load_deck_or_raise([builtin_content_dir()])


@pytest.mark.parametrize("model", list(TRUTH_MODELS))
def test_the_range_holds_exams_of_learners_who_follow_other_models(deck: Deck, model: str) -> None:
    """Learners whose memory is FSRS with other parameters, exponential, or who guess
    differently: their simulated exams land in the range at least 85% of the time."""
    result = calibrate(deck, model, LEARNERS, EXAMS, seed=1)

    print(f"{model}: coverage {result.coverage:.3f}, pass error {result.mean_pass_error:.3f}")
    assert result.coverage >= COVERAGE_BAR
    assert result.mean_pass_error < 0.15


def test_the_calibration_check_fails_a_predictor_that_trusts_fsrs_blindly(
    deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check can fail: FSRS's own recall from the latest review (a wrong answer counted
    as study) and no correction from later answers misses under some truths."""

    def trusting(self: Record) -> dict[str, ItemEvidence]:
        return {
            i: ItemEvidence(s.stability, True, False, s.last_review) for i, s in self.states.items()
        }

    monkeypatch.setattr(Record, "evidence", trusting)
    monkeypatch.setattr(Record, "later_answers", lambda self, floors: NO_LATER_ANSWERS)
    coverages = [calibrate(deck, m, LEARNERS, EXAMS, seed=1).coverage for m in TRUTH_MODELS]

    assert min(coverages) < COVERAGE_BAR


@pytest.mark.parametrize("model", list(TRUTH_MODELS))
def test_domain_ranges_hold_learners_stronger_in_some_domains(deck: Deck, model: str) -> None:
    """Learners of the other models, each with their own strength per DVA-C02 domain: each
    domain's share of a guide exam lands in its range at about the rate the range states."""
    result = calibrate_by_domain(deck, exam_guide("dva-c02"), model, 12, 100, seed=1)

    print(
        f"{model}: domains {result.domain_coverage:.3f}, stated {result.stated_domain_coverage:.3f}"
    )
    assert result.domain_coverage >= COVERAGE_BAR
    assert abs(result.domain_coverage - result.stated_domain_coverage) < 0.05
    assert result.coverage >= COVERAGE_BAR  # the whole guide exam, domains weighted
    assert result.mean_share_error < 0.1


def test_the_domain_check_fails_a_predictor_that_trusts_fsrs_blindly(
    deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-domain check can fail too: the same blind trust misses domain results."""

    def trusting(self: Record) -> dict[str, ItemEvidence]:
        return {
            i: ItemEvidence(s.stability, True, False, s.last_review) for i, s in self.states.items()
        }

    monkeypatch.setattr(Record, "evidence", trusting)
    monkeypatch.setattr(Record, "later_answers", lambda self, floors: NO_LATER_ANSWERS)
    guide = exam_guide("dva-c02")
    results = [
        calibrate_by_domain(deck, guide, m, 12, 100, seed=1)
        for m in ("exponential", "flat-guesser")
    ]

    # The calibration test above asks for both: the bar, and the stated rate within 5 points.
    assert any(
        r.domain_coverage < COVERAGE_BAR
        or abs(r.domain_coverage - r.stated_domain_coverage) >= 0.05
        for r in results
    ), [(r.domain_coverage, r.stated_domain_coverage) for r in results]


def test_the_store_gives_the_evidence_the_simulation_keeps(store: Store) -> None:
    """What readiness reads from the log equals what the simulated record keeps by hand."""
    deck = _mixed_deck()
    scheduler = StudyScheduler()
    rng = random.Random(3)
    record = Record()
    at = NOW - timedelta(days=30)
    for _ in range(60):
        item_id = rng.choice(list(deck.items))
        right = rng.random() < 0.6
        at += timedelta(hours=rng.uniform(1, 20))
        _answer(store, scheduler, item_id, right, at)
        prior = record.states.get(item_id)
        rating = Rating.GOOD if right else Rating.AGAIN
        record.states[item_id] = scheduler.next_state(prior, item_id, "question", rating, at)
        record.first_right.setdefault(item_id, right)
        counts = record.answers.setdefault(item_id, [0, 0])
        counts[0], counts[1] = counts[0] + 1, counts[1] + right
        if right:
            record.last_right_at[item_id] = at
        else:
            record.ever_wrong.add(item_id)
    floors = {i: guessing_floor(item) for i, item in deck.items.items()}

    evidence, first, later = deck_evidence(store, list(deck.items), deck_floors(deck))

    assert evidence == record.evidence()
    kept_first, kept_later = record.first_sight(floors), record.later_answers(floors)
    assert (first.answers, first.right) == (kept_first.answers, kept_first.right)
    assert first.knowledge == pytest.approx(kept_first.knowledge)
    assert (later.answers, later.right) == (kept_later.answers, kept_later.right)
    assert later.exponent == pytest.approx(kept_later.exponent)
    assert readiness_sim.START  # the simulation's clock is fixed


# monotone in the answers ---------------------------------------------------------------

answers = st.lists(st.tuples(st.integers(0, 11), st.booleans(), st.floats(0.01, 72.0)), max_size=14)


def _readiness_after(
    history: list[tuple[int, bool, float]],
    extra: tuple[int, bool] | None,
    deck: Deck | None = None,
    guide: ExamGuide | None = None,
) -> Readiness:
    """Readiness at NOW after `history` (item index, right, hours since the last answer) and
    then `extra`: over the mixed deck and 12 questions, or over `deck` by `guide`."""
    scheduler = StudyScheduler()
    store = Store.open(None)
    try:
        at = NOW - timedelta(days=40)
        for index, right, hours in history:
            at += timedelta(hours=hours)
            _answer(store, scheduler, f"q{index}", right, at)
        if extra is not None:
            _answer(store, scheduler, f"q{extra[0]}", extra[1], at + timedelta(minutes=5))
        if guide is not None and deck is not None:
            return readiness(deck, store, scheduler, NOW, guide=guide)
        return readiness(_mixed_deck(), store, scheduler, NOW, question_count=12)
    finally:
        store.close()


@settings(max_examples=60, deadline=None)
@given(answers, st.integers(0, 11))
def test_a_wrong_answer_never_raises_readiness(
    history: list[tuple[int, bool, float]], index: int
) -> None:
    before = _readiness_after(history, None).overall
    after = _readiness_after(history, (index, False)).overall

    assert after.expected_share <= before.expected_share + 1e-12
    assert after.expected_score <= before.expected_score
    assert after.pass_probability <= before.pass_probability + 1e-12


@settings(max_examples=60, deadline=None)
@given(answers, st.integers(0, 11))
def test_a_right_answer_never_lowers_readiness(
    history: list[tuple[int, bool, float]], index: int
) -> None:
    before = _readiness_after(history, None).overall
    after = _readiness_after(history, (index, True)).overall

    assert after.expected_share >= before.expected_share - 1e-12
    assert after.expected_score >= before.expected_score
    assert after.pass_probability >= before.pass_probability - 1e-12


def test_an_all_wrong_exam_of_25_leaves_little_pass_chance(deck: Deck, store: Store) -> None:
    clock = FixedClock(NOW)
    scheduler = StudyScheduler()
    exam = ExamSession.start(
        deck=deck,
        store=store,
        scheduler=scheduler,
        clock=clock,
        rng=random.Random(1),
        topic_ids=["sam"],
        question_count=25,
        include_newer=True,  # every one of sam's 25
    )
    exam.submit()

    result = readiness(deck, store, scheduler, clock.now(), ["sam"])

    assert result.seen == 25 and result.first_sight.knowledge == 0.0
    assert result.overall.pass_probability < 0.05
    assert result.overall.expected_score < 400


def test_the_issue_reproduction(tmp_path: Path) -> None:
    """`exam --plain --topic sam --questions 25`, submitted blank, then `stats --topic sam`."""
    db = str(tmp_path / "r.db")
    env = {"STUDYAPP_NOW": NOW.isoformat()}
    runner = CliRunner()
    exam = runner.invoke(
        cli,
        ["exam", "--plain", "--topic", "sam", "--questions", "25", "--include-newer", "--db", db],
        input="s\ny\n",
        env=env,
    )
    assert exam.exit_code == 0, exam.output
    stats = runner.invoke(cli, ["stats", "--topic", "sam", "--json", "--db", db], env=env)
    ready = json.loads(stats.output)["readiness"]

    assert ready["overall"]["pass_probability"] < 0.05
    assert ready["overall"]["expected_score"] < 400
    assert ready["horizon"]["source"] == "default" and ready["horizon"]["days_ahead"] == 7
    (check,) = ready["backtest"]
    assert (check["score"], check["correct"], check["total"]) == (100, 0, 25)
    text = runner.invoke(cli, ["stats", "--topic", "sam", "--db", db], env=env).output
    assert "pass chance 0% · in 7 days" in text
    assert "7 days from now" in text and "Back-test:" in text


# the horizon ---------------------------------------------------------------------------


def test_the_horizon_is_the_planned_exam_day_or_seven_days(store: Store) -> None:
    default = readiness_horizon(store, NOW, UTC)
    assert (default.source, default.at) == ("default", NOW + timedelta(days=7))

    store.settings.set_preference(EXAM_DATE_PREFERENCE, "2026-03-20")
    planned = readiness_horizon(store, NOW, UTC)
    assert planned.source == "plan" and planned.exam_date == date(2026, 3, 20)
    assert planned.at == exam_day_start(date(2026, 3, 20), UTC)
    assert "exam day, 2026-03-20" in planned.describe()

    store.settings.set_preference(EXAM_DATE_PREFERENCE, "2026-02-20")
    assert readiness_horizon(store, NOW, UTC).source == "default"  # the date has passed


def test_a_later_exam_expects_less_recall(store: Store) -> None:
    deck, scheduler = _mixed_deck(), StudyScheduler()
    for n in range(12):
        _answer(store, scheduler, f"q{n}", True, NOW - timedelta(days=1))
    soon = readiness(deck, store, scheduler, NOW, question_count=12)
    planned = readiness_horizon(store, NOW, UTC)
    later = readiness(
        deck,
        store,
        scheduler,
        NOW,
        question_count=12,
        horizon=type(planned)(NOW + timedelta(days=60), 60.0, "default"),
    )

    assert later.overall.expected_score < soon.overall.expected_score


# the back-test -------------------------------------------------------------------------


def _sit_exam(deck: Deck, store: Store, clock: FixedClock, pick: Callable[[int], bool]) -> None:
    exam = ExamSession.start(
        deck=deck,
        store=store,
        scheduler=StudyScheduler(),
        clock=clock,
        rng=random.Random(clock.now().day),
        topic_ids=["lambda"],
        question_count=10,
    )
    for position in range(1, exam.total + 1):
        item = exam.item(position)
        from studyapp.study import choices_of

        right = [n for n, c in enumerate(choices_of(item)) if c.correct]
        wrong = [n for n, c in enumerate(choices_of(item)) if not c.correct][: len(right)]
        exam.answer(position, right if pick(position) else wrong)
    clock.advance(timedelta(minutes=20))
    exam.submit()


def test_the_backtest_predicts_each_exam_from_before_it(deck: Deck, store: Store) -> None:
    clock = FixedClock(NOW)
    _sit_exam(deck, store, clock, lambda n: n % 2 == 0)
    clock.advance(timedelta(days=2))
    _sit_exam(deck, store, clock, lambda n: True)
    scheduler = StudyScheduler()

    checks = exam_backtest(deck, store, scheduler)

    assert [c.score for c in checks] == [1000, 550]  # newest first
    newest, oldest = checks
    assert oldest.predicted.expected_score < 400  # nothing was known before the first one
    assert newest.predicted.expected_score > oldest.predicted.expected_score
    assert exam_backtest(deck, store, scheduler, ["sam"]) == []
    # kept once computed: the same figures without reading the log again
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    assert exam_backtest(deck, store, scheduler) == checks
    store.conn.set_trace_callback(None)
    assert not any("FROM reviews" in s for s in statements)


# scale ---------------------------------------------------------------------------------


def _state(item_id: str, stability: float, days_ago: int) -> ItemState:
    last = NOW - timedelta(days=days_ago)
    return ItemState(item_id, "question", 2, None, stability, 5.0, last, last, last, 3, 0)


def test_20000_items_take_a_few_reads(store: Store) -> None:
    """Chunked reads and index probes, never one query per item (timing: bench/)."""
    topic_ids = [f"t{n}" for n in range(12)]
    questions = {
        f"q{n}": Question(f"q{n}", "?", 1, _choices(4, 1), "https://docs.aws.amazon.com/x")
        for n in range(20_000)
    }
    deck = Deck(
        topics={t: Topic(t, t) for t in topic_ids},
        items=dict(questions),
        topic_of={i: topic_ids[n % 12] for n, i in enumerate(questions)},
    )
    rng = random.Random(3)
    store.reviews.replace_states(
        [
            _state(i, rng.uniform(0.5, 120), rng.randint(0, 90))
            for i in questions
            if rng.random() < 0.8
        ]
    )
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    result = readiness(deck, store, StudyScheduler(), NOW)
    store.conn.set_trace_callback(None)

    assert result.items == 20_000 and len(result.topics) == 12
    assert len(statements) <= 20_000 // 500 + 5
    assert result.overall.expected_score > 500


# per domain of an exam guide -----------------------------------------------------------


def _tagged_deck() -> Deck:
    """The mixed deck with DVA-C02 tags: q0-q3 in domain 1, q4-q7 in 2 (their first DVA tag),
    q8-q11 untagged for DVA-C02."""
    import dataclasses

    deck = _mixed_deck()
    tags = {
        **{f"q{n}": ("dva-c02:1.2", "dva-c02:2.1") for n in range(4)},
        **{f"q{n}": ("saa-c03:1.1", "dva-c02:2.1", "dva-c02:1.1") for n in range(4, 8)},
        **{f"q{n}": ("saa-c03:2.1",) for n in range(8, 12)},
    }
    items = {i: dataclasses.replace(item, exam=tags[i]) for i, item in deck.items.items()}
    return dataclasses.replace(deck, items=items)


def test_an_item_counts_for_the_domain_of_its_first_tag_in_the_guide() -> None:
    deck = _tagged_deck()
    by_domain = item_ids_by_domain(deck, exam_guide("dva-c02"), deck.items)

    assert by_domain == {1: ["q0", "q1", "q2", "q3"], 2: ["q4", "q5", "q6", "q7"]}


def test_a_guide_weights_the_whole_exam_by_domain(store: Store) -> None:
    """Domains 1 and 2 weigh 32 and 26: 4 + 4 items, so 4 questions each at most; the
    whole exam is of those 8, and a topic-limited one stays topic-based."""
    deck, scheduler = _tagged_deck(), StudyScheduler()
    for n in range(4):  # domain 1 known, domain 2 never seen
        _answer(store, scheduler, f"q{n}", True, NOW)
    guide = exam_guide("dva-c02")
    ready = readiness(deck, store, scheduler, NOW, guide=guide)
    by_topic = readiness(deck, store, scheduler, NOW, topic_ids=["a", "b"], guide=guide)

    assert ready.weighting == "domains" and ready.guide_id == "dva-c02"
    assert [(d.number, d.items, d.seen, d.outlook.questions) for d in ready.domains] == [
        (1, 4, 4, 4),
        (2, 4, 0, 4),
    ]
    first, second = ready.domains
    assert first.expected_share > second.expected_share
    assert first.share_low <= first.expected_share <= first.share_high
    assert ready.overall.questions == 8
    assert by_topic.weighting == "topics" and by_topic.overall.questions == 12
    assert len(by_topic.domains) == 2


def test_a_domain_first_sight_knowledge_is_pooled_with_the_overall_one() -> None:
    """A domain's first answers pull its knowledge from the overall figure, more of them
    further and with less doubt; with none it is the overall figure."""
    overall = first_sight([(0.25, True)] * 30 + [(0.25, False)] * 30)
    k, spread = domain_first_sight([], overall)
    strong, strong_spread = domain_first_sight([(0.25, True)] * 8, overall)
    weak, _ = domain_first_sight([(0.25, False)] * 8, overall)
    stronger, stronger_spread = domain_first_sight([(0.25, True)] * 40, overall)

    assert k == pytest.approx(overall.knowledge) and spread > 0
    assert weak < k < strong < stronger < 1.0
    assert stronger_spread < strong_spread


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([0.1, 0.25, 1 / 3]), st.booleans()), max_size=20),
    st.sampled_from([0.1, 0.25, 1 / 3]),
    st.floats(0.0, 1.0),
)
def test_a_domain_first_answer_moves_its_knowledge_its_own_way(
    records: list[tuple[float, bool]], floor: float, overall: float
) -> None:
    prior = FirstSight(40, 20, overall)
    before, _ = domain_first_sight(records, prior)

    assert domain_first_sight([*records, (floor, True)], prior)[0] >= before - 1e-12
    assert domain_first_sight([*records, (floor, False)], prior)[0] <= before + 1e-12


def test_unseen_items_count_with_their_domain_first_sight_knowledge(store: Store) -> None:
    """First answers right in domain 1 and wrong in domain 2: domain 1's unseen items count
    better than domain 2's, each with its doubt."""
    deck, scheduler = _tagged_deck(), StudyScheduler()
    for n, right in ((0, True), (1, True), (4, False), (5, False)):
        _answer(store, scheduler, f"q{n}", right, NOW - timedelta(days=1))
    evidence, first, later = deck_evidence(store, list(deck.items), deck_floors(deck))
    by_domain = item_ids_by_domain(deck, exam_guide("dva-c02"), deck.items)

    chances, spreads = domain_chances(
        by_domain, deck_floors(deck), evidence, first, later, scheduler, NOW
    )

    assert chances["q2"][1] > first.knowledge > chances["q6"][1]
    assert set(spreads) == {1, 2} and all(0 < spread < 0.5 for spread in spreads.values())


def _guide_readiness_after(
    history: list[tuple[int, bool, float]], extra: tuple[int, bool] | None
) -> Readiness:
    return _readiness_after(history, extra, _tagged_deck(), exam_guide("dva-c02"))


@settings(max_examples=60, deadline=None)
@given(answers, st.integers(0, 11), st.booleans())
def test_an_answer_moves_every_domain_and_the_guide_exam_its_own_way(
    history: list[tuple[int, bool, float]], index: int, right: bool
) -> None:
    """With each domain's own first-sight knowledge and widened range, a right answer still
    never lowers a domain's expected share or pass chance, nor a wrong one raises them."""
    before = _guide_readiness_after(history, None)
    after = _guide_readiness_after(history, (index, right))
    sign = 1 if right else -1

    for old, new in zip(before.domains, after.domains, strict=True):
        assert sign * (new.expected_share - old.expected_share) >= -1e-12
        assert sign * (new.outlook.pass_probability - old.outlook.pass_probability) >= -1e-12
    assert sign * (after.overall.expected_share - before.overall.expected_share) >= -1e-12


def test_the_verdict_is_against_the_pass_mark(store: Store) -> None:
    deck, scheduler = _tagged_deck(), StudyScheduler()
    ready = readiness(deck, store, scheduler, NOW, guide=exam_guide("dva-c02"))

    assert {d.verdict for d in ready.domains} == {"needs work"}
    assert all(d.outlook.expected_score < 720 for d in ready.domains)


def test_without_a_guide_there_are_no_domains(store: Store) -> None:
    ready = readiness(_tagged_deck(), store, StudyScheduler(), NOW)

    assert ready.domains == () and ready.weighting == "topics" and ready.guide_id is None


def test_the_guide_is_chosen_in_one_place(store: Store) -> None:
    assert guide_for(None) == DEFAULT_GUIDE_ID == "dva-c02"
    assert guide_for(None, "saa-c03") == "saa-c03"
    assert guide_for(store) == "dva-c02"  # no preferred guide: the default
    store.settings.set("exam_guide", "saa-c03")
    assert guide_for(store) == "saa-c03"  # the learner's preferred guide
    assert guide_for(store, "dva-c02") == "dva-c02"  # `stats --guide` wins
    with pytest.raises(UsageError, match=r"unknown exam guide .xyz. \(known: dva-c02, saa-c03\)"):
        exam_guide("xyz")
