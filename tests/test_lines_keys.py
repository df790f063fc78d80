"""Line-mode study keys: f flags and b bookmarks the item on screen, scenarios ask their
question, an empty session says one thing, and the end of input ends cleanly."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from pathlib import Path

from studyapp.clock import FixedClock
from studyapp.content import SCENARIO_QUESTION, content_hash, load_deck_or_raise
from studyapp.lines.exam import run_exam
from studyapp.lines.session import INPUT_ENDED, LineSession
from studyapp.present.bookmarks import bookmark_toggled_text
from studyapp.present.flags import flag_saved_text
from studyapp.srs import StudyScheduler
from studyapp.store import Store
from studyapp.study import StudyContext
from studyapp.study.session import SessionMode
from tests.conftest import START, quiz_letters

SIX_OPTIONS = """
topic: {id: six, title: Six options}
questions:
  - id: q6
    prompt: Which one?
    choices:
      - {text: One, correct: true, why: Yes.}
      - {text: Two, why: No.}
      - {text: Three, why: No.}
      - {text: Four, why: No.}
      - {text: Five, why: No.}
      - {text: Six, why: No.}
    source: https://docs.aws.amazon.com/six
"""


def run_typed(
    context: StudyContext, mode: SessionMode, typed: str, count: int | None = None
) -> str:
    session = context.start(mode, count=count)
    out = io.StringIO()
    LineSession(session, io.StringIO(typed), out, context.deck.topic_of).run()
    return out.getvalue()


def test_f_flags_the_question_on_screen_and_asks_it_again(context: StudyContext) -> None:
    session = context.start("quiz", count=1)
    right = quiz_letters(session, "q1", "a")
    out = io.StringIO()
    typed = f"f\nF  the why is wrong \n{right}\n"
    LineSession(session, io.StringIO(typed), out, context.deck.topic_of).run()
    text = out.getvalue()
    flags = sorted(context.store.flags.records(), key=lambda flag: flag.id)
    assert [(f.item_id, f.comment) for f in flags] == [("q1", None), ("q1", "the why is wrong")]
    assert {f.content_hash for f in flags} == {content_hash(context.deck.items["q1"])}
    assert text.count(f"  {flag_saved_text('q1')}\n") == 2
    # The same question is asked again after each flag, and answered.
    assert text.count("Pick the right one.") == 1 and text.count("Choose one letter") == 3
    assert "✓ Right." in text
    assert [r.item_id for r in context.store.reviews.all()] == ["q1"]


def test_f_flags_a_card_on_either_side(context: StudyContext) -> None:
    text = run_typed(context, "review", "f\n\nf Back is wrong\n3\nq\n")
    flags = context.store.flags.records()
    assert sorted((f.item_id, f.comment or "") for f in flags) == [
        ("c1", ""),
        ("c1", "Back is wrong"),
    ]
    assert "Back one" in text  # f did not reveal the back; Enter did
    assert [(r.item_id, r.rating) for r in context.store.reviews.all()] == [("c1", 3)]


def test_b_toggles_a_bookmark_and_the_header_shows_it(context: StudyContext) -> None:
    first = run_typed(context, "review", "b\nq\n")
    assert f"  {bookmark_toggled_text(True)}\n" in first
    assert context.store.bookmarks.item_ids() == {"c1"}
    again = run_typed(context, "review", "\nB\n3\nq\n")  # on the back this time
    assert "── demo · card · new · bookmarked · 2 more after this ──\nFront one" in again
    assert f"  {bookmark_toggled_text(False)}\n" in again
    assert context.store.bookmarks.item_ids() == set()
    assert [(r.item_id, r.rating) for r in context.store.reviews.all()] == [("c1", 3)]


def test_on_a_question_b_is_an_option_and_bookmark_the_key(context: StudyContext) -> None:
    session = context.start("quiz", count=1)
    out = io.StringIO()
    LineSession(session, io.StringIO("bookmark\nb\n"), out, context.deck.topic_of).run()
    assert context.store.bookmarks.item_ids() == {"q1"}
    assert [r.item_id for r in context.store.reviews.all()] == ["q1"]  # b answered it
    assert bookmark_toggled_text(True) in out.getvalue()


def test_on_a_six_option_question_f_picks_and_flag_flags(tmp_path: Path) -> None:
    (tmp_path / "six.yaml").write_text(SIX_OPTIONS, encoding="utf-8")
    deck = load_deck_or_raise([tmp_path])
    with Store.open(None) as store:
        context = StudyContext(deck, [], store, StudyScheduler(), FixedClock(START))
        session = context.start("quiz", count=1)
        out = io.StringIO()
        LineSession(session, io.StringIO("flag odd\nf\n"), out, deck.topic_of).run()
        assert [f.comment for f in store.flags.records()] == ["odd"]
        assert [r.item_id for r in store.reviews.all()] == ["q6"]
        assert "Choose one letter · flag · u undo" in out.getvalue()


def test_a_scenario_asks_which_service_fits(context: StudyContext) -> None:
    text = run_typed(context, "scenarios", "q\n", count=1)
    situation = text.index("A long batch job in a container.")
    question = text.index(f"\n\n{SCENARIO_QUESTION}\n")
    assert situation < question < text.index("  a) ")


def test_an_exam_scenario_asks_which_service_fits(context: StudyContext) -> None:
    out = io.StringIO()
    run_exam(context, io.StringIO("n\nn\nq\n"), out, topic_ids=("demo",), rng=random.Random(1))
    text = out.getvalue()
    assert text.count("── Question") == 3
    assert text.count(SCENARIO_QUESTION) == 1  # the scenario is one of the three questions
    assert text.index("A long batch job") < text.index(SCENARIO_QUESTION)


def test_an_empty_session_says_one_thing(context: StudyContext) -> None:
    context.store.settings.set("new_per_day", "0")
    text = run_typed(context, "review", "")
    assert text == "Nothing is due and no new items are left for today. Come back tomorrow.\n"


def test_an_empty_session_names_when_the_next_is_due(context: StudyContext) -> None:
    run_typed(context, "review", "\n3\n\n3\n\n3\nq\n")  # three new cards, each to a 10m step
    clock = context.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(minutes=1))
    context.store.settings.set("new_per_day", "3")
    text = run_typed(context, "review", "")
    assert "Session over" not in text
    assert text.startswith("Nothing is due and no new items are left for today; the next is due in")
    assert "(2026-03-02 10:10)." in text


def test_the_end_of_input_ends_the_session_with_one_line(context: StudyContext) -> None:
    text = run_typed(context, "review", "\n3\n")
    assert f"\n{INPUT_ENDED}\n\nSession over: 1 answered" in text
    assert "Traceback" not in text
    assert context.store.reviews.count() == 1
    quitting = run_typed(context, "review", "q\n")
    assert INPUT_ENDED not in quitting and "Session over: 0 answered" in quitting
