"""Pilot tests of the study screens as an exam-taker judges them (issue 14, "Study screens"):
a "choose TWO" that stops at two, a footer that follows the card, lines that hang under
their letter, addresses kept whole, summaries that name and open what was missed, and `b`
bookmarks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from studyapp.clock import FixedClock
from studyapp.tui import StartAt, StudyApp, make_app
from studyapp.tui.screens.exam import ExamScreen
from studyapp.tui.screens.exam_result import ExamReviewScreen
from studyapp.tui.screens.item_view import ItemScreen
from studyapp.tui.screens.quiz import QuizScreen
from studyapp.tui.screens.review import ReviewScreen
from studyapp.tui.screens.summary import SummaryScreen
from studyapp.tui.widgets import ChoiceList, ItemList
from tests.conftest import START, shown_letters
from tests.test_tui import rows, text_of
from tests.test_tui_exam_fit import screen_lines

URL = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/what-is-sam.html"

STUDY_DECK = f"""
topic: {{id: study, title: Study topic}}
cards:
  - id: card-long-source
    front: Which file describes a SAM application?
    back: The SAM template.
    source: {URL}
questions:
  - id: q-two
    prompt: >-
      A deployment tool can only submit a finished template to AWS CloudFormation. The
      SAM template's functions use CodeUri pointing at a folder on the build server, so
      CloudFormation cannot reach the code. Which TWO commands can each produce a
      template the tool can submit? (Choose TWO.)
    choose: 2
    choices:
      - {{text: sam package which uploads the code to Amazon S3 and rewrites every CodeUri to point there, correct: true, why: It packages.}}
      - {{text: sam validate which checks the template, why: It uploads nothing.}}
      - {{text: aws cloudformation package which uploads local artifacts and rewrites their paths, correct: true, why: It packages too.}}
      - {{text: sam init which starts a new project, why: It packages nothing.}}
    source: {URL}
  - id: q-one
    prompt: |
      A team needs a function to run for forty minutes every night, on a schedule, with
      no servers to manage and no code changes beyond packaging it as a container image.
      Which service fits best?
    choices:
      - {{text: AWS Fargate task started by an EventBridge Scheduler schedule, correct: true, why: Fargate has no fifteen-minute limit and no servers to manage at all.}}
      - {{text: AWS Lambda function with the longest timeout it allows, why: An invocation stops after fifteen minutes whatever its timeout says.}}
    source: {URL}
"""


@pytest.fixture
def study_deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "study-deck"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY_DECK, encoding="utf-8")
    return folder


def build(deck_dir: Path, db: Path, start: StartAt) -> StudyApp:
    return make_app([deck_dir], db, FixedClock(START), start, rng=random.Random(5))


def quiz(app: StudyApp) -> QuizScreen:
    assert isinstance(app.screen, QuizScreen) and app.screen.shown is not None
    return app.screen


async def test_choose_two_stops_at_two_and_enter_needs_two(
    study_deck_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    app = build(study_deck_dir, db, StartAt("quiz", count=2))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = quiz(app)
        assert screen.item is not None and screen.item.id == "q-two"
        assert "Choose TWO" in text_of(app, "#hint")
        a, b, c = (shown_letters(screen.shown, letter) for letter in "abc")  # type: ignore[arg-type]
        await pilot.press(a, b, c)  # a third tick: refused, and said why
        await pilot.pause()
        choices = screen.query_one(ChoiceList)
        assert len(choices.picked) == 2
        assert "Choose TWO: two are ticked already. Untick one first" in text_of(app, "#hint")
        await pilot.press(b, "enter")  # one ticked: Enter submits nothing and unticks nothing
        await pilot.pause()
        assert len(choices.picked) == 1 and not choices.answered
        assert "Choose TWO: 1 ticked so far. Tick one more, then Enter." in text_of(app, "#hint")
        assert rows(db, "SELECT count(*) FROM reviews") == [(0,)]
        await pilot.press(b)  # a tick: the warning gives way to how to answer
        await pilot.pause()
        assert text_of(app, "#hint").startswith("Choose TWO: a–d or Space to tick")
        await pilot.press("enter")  # a and b: one right, one wrong
        await pilot.pause()
        assert rows(db, "SELECT item_id, correct FROM reviews") == [("q-two", 0)]
        # the right ones named by the letters shown and their text, each on its own line
        hint = text_of(app, "#hint")
        first, second = sorted([a, c])
        assert "✗ Not quite: the answer is\n" in hint
        assert f"  {first}) " in hint and f"  {second}) " in hint
        assert "sam package which uploads the code" in hint
        assert "aws cloudformation package which uploads" in hint


async def test_the_review_footer_follows_the_card(study_deck_dir: Path, tmp_path: Path) -> None:
    app = build(study_deck_dir, tmp_path / "p.db", StartAt("review"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReviewScreen)

        def shown() -> list[str]:
            bindings = app.screen.active_bindings.values()
            return [b.binding.description for b in bindings if b.binding.show and b.enabled]

        assert "Show answer" in shown() and "Again" not in shown()
        await pilot.press("space")
        await pilot.pause()
        assert shown()[:4] == ["Again", "Hard", "Good", "Easy"]
        assert "Show answer" not in shown()
        # everything the footer lists fits 80 columns: "esc End" is whole
        assert "esc End" in screen_lines(app)[-1]
        assert footer_keys(app) == [
            "Again",
            "Hard",
            "Good",
            "Easy",
            "Flag",
            "Bookmark",
            "End",
            "Help",
        ]
        await pilot.press("3")  # the next card's front: the keys widgets relabelled, not rebuilt
        await pilot.pause()
        assert footer_keys(app) == ["Show answer", "Undo", "Flag", "Bookmark", "End", "Help"]
        await pilot.press("space")
        await pilot.pause()
        assert footer_keys(app)[:5] == ["Again", "Hard", "Good", "Easy", "Undo"]
        assert (
            "1 Again 2 Hard 3 Good 4 Easy u Undo f Flag b Bookmark esc End" in screen_lines(app)[-1]
        )


def footer_keys(app: StudyApp) -> list[str]:
    """The descriptions the footer shows, left to right, the palette's left out."""
    keys = app.screen.query(FooterKey)
    return [k.description for k in keys if k.display and not k.has_class("-command-palette")]


async def test_options_hang_under_their_text_and_the_quiz_opens_on_the_question(
    study_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(study_deck_dir, tmp_path / "p.db", StartAt("quiz", count=2))
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        screen = quiz(app)
        assert screen.query_one("#question").scroll_y == 0
        lines = screen_lines(app)
        assert lines[3].strip().startswith("A deployment tool can only submit")
        boxed = [line.split("│")[1] for line in lines if line.count("│") == 2]
        letter_rows = [n for n, line in enumerate(boxed) if line.lstrip()[1:3] == ") "]
        assert len(letter_rows) >= 2
        text_column = boxed[letter_rows[0]].index("[ ] ") + 4
        for n, line in enumerate(boxed):
            if n not in letter_rows and line.strip():  # a wrapped line starts under the text
                assert len(line) - len(line.lstrip()) == text_column, boxed
        await pilot.press(*shown_letters(screen.shown, "ac"), "enter")  # type: ignore[arg-type]
        await pilot.press("enter")  # the next question opens at its top too
        await pilot.pause()
        assert quiz(app).item.id == "q-one"  # type: ignore[union-attr]
        assert screen.query_one("#question").scroll_y == 0


async def test_a_source_address_is_never_broken_inside_a_word(
    study_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(study_deck_dir, tmp_path / "p.db", StartAt("review"))
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        shown = [line.strip() for line in screen_lines(app)]
        start = shown.index("Source:") + 1
        address = shown[start : start + 3]
        assert address[0] == "https://docs.aws.amazon.com/"
        assert "".join(address).startswith(URL)  # whole, broken only after a /


async def test_the_summary_names_the_missed_and_opens_one(
    study_deck_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    app = build(study_deck_dir, db, StartAt("quiz", count=2))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = quiz(app)
        wrong = shown_letters(screen.shown, "bd")  # type: ignore[arg-type]
        await pilot.press(*wrong, "enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        missed = app.screen.query_one(ItemList)
        [option] = [missed.get_option_at_index(0)]
        assert option.id == "q-two"
        title = str(option.prompt)
        assert title.startswith("• A deployment tool can only submit a finished template to")
        assert title.endswith("…") and "(q-two)" not in title
        assert not title.removesuffix("…").endswith(("Whi", "Wh", "W"))  # cut at a word
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        shown = text_of(app, "#item-text", width=76)
        assert "(your pick)" in shown and "It packages." in shown and "✓" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)


async def test_nothing_to_review_says_so_once(study_deck_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    first = build(study_deck_dir, db, StartAt())
    first.context.store.settings.set("new_per_day", "0")
    first.context.close()
    app = build(study_deck_dir, db, StartAt("review"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        texts = [str(static.content) for static in app.screen.query(Static)]
        assert "Nothing is due and no new items are left for today. Come back tomorrow." in texts
        assert not any("Session over" in text for text in texts)


async def test_b_bookmarks_the_card_with_a_mark_and_again_removes_it(
    study_deck_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    app = build(study_deck_dir, db, StartAt("review"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert rows(db, "SELECT item_id FROM bookmarks") == [("card-long-source",)]
        assert app.screen.sub_title == "★ bookmarked"
        assert "★ bookmarked" in screen_lines(app)[0]
        await pilot.press("b")
        await pilot.pause()
        assert rows(db, "SELECT item_id FROM bookmarks") == []
        assert app.screen.sub_title == ""


async def test_b_in_a_quiz_picks_until_answered_then_bookmarks_what_was_answered(
    study_deck_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    app = build(study_deck_dir, db, StartAt("quiz", count=2))
    async with app.run_test(size=(60, 18)) as pilot:
        screen = quiz(app)
        await pilot.press("b")  # option b, ticked
        assert len(screen.query_one(ChoiceList).picked) == 1
        assert rows(db, "SELECT count(*) FROM bookmarks") == [(0,)]
        other = next(letter for letter in "acd" if letter != "b")
        await pilot.press(other, "enter", "b", "f")  # answered: b bookmarks, f flags it
        await pilot.pause()
        assert rows(db, "SELECT item_id FROM bookmarks") == [("q-two",)]
        # the header keeps whole parts, the mark first, and drops what does not fit
        assert str(screen.sub_title).startswith("★ bookmarked · Study topic")
        assert "★ bookmarked" in screen_lines(app)[0] and "…" not in screen_lines(app)[0]
        await pilot.press("enter")  # the flag dialog: saved without a comment
        await pilot.pause()
        assert rows(db, "SELECT item_id FROM flags") == [("q-two",)]  # not the next one


async def test_m_on_the_summary_practises_the_missed(study_deck_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    app = build(study_deck_dir, db, StartAt("quiz", count=2))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = quiz(app)
        await pilot.press(*shown_letters(screen.shown, "bd"), "enter", "escape")  # type: ignore[arg-type]
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        practice = quiz(app)
        assert practice.session.selection == "missed" and practice.title == "Quiz: missed"
        assert practice.item is not None and practice.item.id == "q-two"
        assert practice.session.remaining == 1


async def test_an_exam_choose_two_keeps_both_ticks_and_refuses_a_third(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db", StartAt("exam", count=3, minutes=5))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ExamScreen)
        exam = app.screen.exam
        while exam.item().id != "q2":
            await pilot.press("right")
        shown = exam.shown_options()
        await pilot.press(*shown.letters((0, 1)))  # two ticks by their keys: both kept
        assert exam.picked() == (0, 1)
        await pilot.press(shown.letters((2,)))  # a third: refused, and said why
        await pilot.pause()
        assert exam.picked() == (0, 1)
        assert app.screen.query_one(ChoiceList).picked == {0, 1}
        assert "Choose TWO: two are ticked already" in text_of(app, "#exam-hint")


async def test_b_bookmarks_a_question_in_the_exam_review(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, StartAt("exam", count=3, minutes=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "y")
        await pilot.pause()
        await pilot.press("r", "b")
        await pilot.pause()
        assert isinstance(app.screen, ExamReviewScreen)
        first = app.screen.questions[0].item.id
        assert rows(db, "SELECT item_id FROM bookmarks") == [(first,)]
        assert app.screen.sub_title == "1 of 3 · ★ bookmarked"


async def test_the_palette_offers_missed_and_bookmarked_practice(
    study_deck_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    app = build(study_deck_dir, db, StartAt())
    async with app.run_test(size=(80, 24)) as pilot:
        app.context.store.bookmarks.add("q-one", START)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Practise bookmarked questions"].callback()
        await pilot.pause()
        practice = quiz(app)
        assert practice.session.selection == "bookmarked"
        assert practice.item is not None and practice.item.id == "q-one"
        assert "Practise missed questions" in commands
