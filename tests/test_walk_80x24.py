"""The walk of issue 14's "Done when", kept as a test: Home → study now → a quiz with a
"choose TWO" → a mock exam (flag, overview, leave, resume, submit, review) → notes search →
advisor → settings at 80x24, every screen read as shown and checked for cut text, redundant
lines and the keys it should list."""

from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict
from pathlib import Path

from textual.pilot import Pilot

from studyapp.clock import FixedClock
from studyapp.study import how_many_to_choose
from studyapp.text import ELLIPSIS
from studyapp.tui import StudyApp, make_app
from studyapp.tui.screens import advisor
from studyapp.tui.screens.confirm import ConfirmDialog
from studyapp.tui.screens.exam_overview import ExamOverview
from studyapp.tui.screens.exam_result import ExamResultScreen, ExamReviewScreen
from studyapp.tui.screens.home import HomeScreen
from studyapp.tui.screens.notes import NotesScreen
from studyapp.tui.screens.quiz import QuizScreen
from studyapp.tui.screens.review import ReviewScreen
from studyapp.tui.screens.search import SearchDialog
from studyapp.tui.screens.settings import SettingsScreen
from tests.conftest import START
from tests.test_tui_exam import exam_screen
from tests.test_tui_exam_fit import screen_lines

SIZE = (80, 24)

# Long titles and options, so that the tree, the search results and the summaries have to
# cut them; every text is plain, so the screens show it word for word.
WALK_DECK = """
topic: {id: walk-lambda, title: AWS Lambda for the walk}
notes:
  - id: walk-cold
    title: Cold starts and provisioned concurrency, how Lambda prepares an execution environment
    body: Cold starts happen when no warm execution environment is free for the request.
    sources: [https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html]
cards:
  - id: walk-c1
    front: What is a Lambda cold start, and what is a warm start in the execution environment?
    back: A cold start is the INIT phase of a new execution environment.
    source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
  - id: walk-c2
    front: Which setting keeps execution environments initialized ahead of the requests?
    back: Provisioned concurrency keeps them initialized.
    source: https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
questions:
  - id: walk-q1
    prompt: A function must answer within a few milliseconds even after a quiet night. What helps most?
    choices:
      - {text: Provisioned concurrency on an alias, correct: true, why: It keeps environments warm.}
      - {text: A larger deployment package with every dependency bundled, why: It slows the INIT phase.}
      - {text: A reserved concurrency of zero, why: That stops the function.}
    source: https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
  - id: walk-q2
    prompt: Which TWO changes shorten cold starts of a Java function? (Choose TWO.)
    choose: 2
    choices:
      - {text: Turn on SnapStart for the published versions that serve the traffic, correct: true, why: It restores a snapshot.}
      - {text: Raise the timeout of the function to fifteen minutes, why: The timeout does not change the INIT phase.}
      - {text: Move heavy initialization out of the handler and trim the dependencies, correct: true, why: Less work in INIT.}
      - {text: Put the function in a VPC with many subnets, why: That does not make it start faster.}
    source: https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html
  - id: walk-q3
    prompt: Where does a Lambda function write its logs by default?
    choices:
      - {text: Amazon CloudWatch Logs in a log group named after the function, correct: true, why: That is the default.}
      - {text: An Amazon S3 bucket the developer names in the function's configuration, why: Not by default.}
    source: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
"""

# Shown one after the other, these say the same thing twice (issue 14).
REDUNDANT_PAIRS = [("Nothing is due", "Session over")]
WORD = re.compile(r"\w")


def walk_deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "walk-deck"
    folder.mkdir()
    (folder / "walk.yaml").write_text(WALK_DECK, encoding="utf-8")
    return folder


def source_text() -> str:
    """Every authored text of the walk deck, its whitespace folded to single spaces."""
    return " ".join(WALK_DECK.split())


def cut_ends(rows: list[str]) -> list[str]:
    """The last two words before each "…" that ends a cut text (not one that opens a snippet)."""
    ends = []
    for row in rows:
        for at in (n for n, char in enumerate(row) if char == ELLIPSIS):
            if at and WORD.match(row[at - 1]):
                ends.append(" ".join(row[:at].split()[-2:]).lstrip("│├└─▼ "))
    return ends


def check_screen(app: StudyApp, where: str) -> list[str]:
    """The screen's rows, once they pass what every screen must: nothing wider than the
    terminal, every "…" after a whole word of the text it cuts, no line said twice."""
    rows = screen_lines(app)
    assert len(rows) == SIZE[1], where
    assert all(len(row) <= SIZE[0] for row in rows), (where, rows)
    source = source_text()
    for end in cut_ends(rows):
        at = [m.end() for m in re.finditer(re.escape(end), source)]
        assert at, (where, f"cut text not from the deck: {end!r}", rows)
        whole = [n for n in at if n == len(source) or not WORD.match(source[n])]
        assert whole, (where, f"cut mid-word: {end!r}{ELLIPSIS}", rows)
    said = [row.strip(" ▕▎▊│█") for row in rows]
    for first, second in itertools.pairwise(said):
        assert not (first and WORD.search(first) and first == second), (where, first, rows)
    text = "\n".join(rows)
    for before, after in REDUNDANT_PAIRS:
        assert not (before in text and after in text), (where, before, after, rows)
    return rows


def dialog_hugs_its_text(app: StudyApp, where: str) -> None:
    """A dialog as tall as what it says, not stretched over the whole screen by another
    screen's rules for the same id."""
    dialog = app.screen.query_one("#dialog")
    assert dialog.outer_size.height < SIZE[1] - 6, (where, dialog.outer_size, screen_lines(app))


async def settle(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def study_now(pilot: Pilot[None], app: StudyApp) -> None:
    """Enter on Home: review the new cards, rating them Good; then its summary and
    back to Home."""
    await settle(pilot, "enter")
    assert isinstance(app.screen, ReviewScreen)
    check_screen(app, "review: the front")
    for _ in range(6):  # a card rated Good while new comes back once, minutes later
        await settle(pilot, "space")
        check_screen(app, "review: the answer")
        await settle(pilot, "3")
        if not isinstance(app.screen, ReviewScreen):
            break
    for _ in range(3):  # its summary (and the questions, if it goes on to them), then Home
        check_screen(app, f"study now: {type(app.screen).__name__}")
        await settle(pilot, "escape")
        if isinstance(app.screen, HomeScreen):
            break
    assert isinstance(app.screen, HomeScreen)


async def quiz_choose_two(pilot: Pilot[None], app: StudyApp) -> None:
    """z on Home: answer until the "choose TWO" comes, tick three (refused), answer it."""
    await settle(pilot, "z")
    for _ in range(3):
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.item and screen.shown
        check_screen(app, f"quiz: {screen.item.id}")
        if how_many_to_choose(screen.item) == 2:
            break
        await settle(pilot, screen.shown.letters([0]), "enter")
    quiz = app.screen
    assert isinstance(quiz, QuizScreen) and quiz.item and quiz.shown
    assert how_many_to_choose(quiz.item) == 2, "the quiz never asked the choose-TWO"
    await settle(pilot, *quiz.shown.letters([0, 1, 2]))
    assert "Choose TWO: two are ticked already" in "\n".join(check_screen(app, "three ticks"))
    await settle(pilot, "enter")
    check_screen(app, "quiz: the choose-TWO answered")
    await settle(pilot, "escape")
    check_screen(app, "quiz: its summary")
    await settle(pilot, "escape")
    assert isinstance(app.screen, HomeScreen)


async def exam_flag_overview_leave(pilot: Pilot[None], app: StudyApp) -> None:
    """e on Home: answer the first, flag it, the overview, move with the arrows, leave."""
    await settle(pilot, "e")
    exam = exam_screen(app).exam
    rows = check_screen(app, "exam: the first question")
    assert "Mock exam · All topics" in rows[0]
    await settle(pilot, exam.shown_options().letters([0]), "f")
    check_screen(app, "exam: answered and flagged")
    await settle(pilot, "o")
    assert isinstance(app.screen, ExamOverview)
    check_screen(app, "exam: the overview")
    await settle(pilot, "right", "enter")
    assert exam_screen(app).exam.position == 2
    await settle(pilot, "escape")
    assert isinstance(app.screen, HomeScreen)


async def exam_resume_submit_review(pilot: Pilot[None], app: StudyApp) -> None:
    """e again: the resume dialog, resume, submit (confirmed), the results and the review."""
    await settle(pilot, "e")
    assert isinstance(app.screen, ConfirmDialog)
    rows = check_screen(app, "exam: the resume dialog")
    dialog_hugs_its_text(app, "exam: the resume dialog")
    assert any(re.search(r"1 of 3 answered · .+ left", row) for row in rows), rows
    await settle(pilot, "y")
    assert exam_screen(app).exam.position == 2
    await settle(pilot, "s")
    assert isinstance(app.screen, ConfirmDialog)
    check_screen(app, "exam: submit?")
    dialog_hugs_its_text(app, "exam: submit?")
    await settle(pilot, "y")
    assert isinstance(app.screen, ExamResultScreen)
    check_screen(app, "exam: the results")
    await settle(pilot, "r")
    assert isinstance(app.screen, ExamReviewScreen)
    check_screen(app, "exam: the review")
    await settle(pilot, "escape", "escape")
    assert isinstance(app.screen, HomeScreen)
    rows = check_screen(app, "Home after the exam")
    # the exam's scope in words, not "(topics, …)"
    assert any(re.search(r"Last mock exam: \d+, fail \(all topics, ", row) for row in rows), rows


async def notes_search(pilot: Pilot[None], app: StudyApp) -> None:
    """n, then / "cold starts", and open the first hit."""
    await settle(pilot, "n")
    assert isinstance(app.screen, NotesScreen)
    check_screen(app, "notes")
    await settle(pilot, "slash")
    assert isinstance(app.screen, SearchDialog)
    await pilot.press(*"cold starts")
    await pilot.pause(0.3)
    rows = check_screen(app, "search: cold starts")
    assert any("Cold starts" in row for row in rows), rows
    await settle(pilot, "down", "enter")
    assert isinstance(app.screen, NotesScreen)
    check_screen(app, "search: the hit opened")
    await settle(pilot, "escape")
    assert isinstance(app.screen, HomeScreen)


async def test_the_walk_at_80x24_shows_no_cut_text_and_no_redundant_line(
    tmp_path: Path,
) -> None:
    app = make_app(
        [walk_deck_dir(tmp_path)], tmp_path / "walk.db", FixedClock(START), rng=random.Random(3)
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = check_screen(app, "Home")
        assert "q Quit" in rows[-1] and "? Help" in rows[-1], rows[-1]
        await study_now(pilot, app)
        check_screen(app, "Home after studying")
        await quiz_choose_two(pilot, app)
        await exam_flag_overview_leave(pilot, app)
        await exam_resume_submit_review(pilot, app)
        await notes_search(pilot, app)
        await settle(pilot, "a")
        assert isinstance(app.screen, advisor.AdvisorScreen)
        check_screen(app, "advisor")
        await settle(pilot, "escape", "comma")
        assert isinstance(app.screen, SettingsScreen)
        check_screen(app, "settings")


RULE = re.compile(r"^([#\w.][^{}]*)\{", re.MULTILINE)
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def test_no_screen_styles_an_id_another_screen_uses_without_naming_itself() -> None:
    """A screen's CSS_PATH applies to every screen once loaded: the quiz's `#question
    { height: 1fr }` stretched the resume dialog's `#question` over the whole screen after a
    quiz. An id styled in two screens' files is named with its screen (`ConfirmDialog #dialog`)."""
    folder = Path(advisor.__file__).parent
    files_by_id: dict[str, set[str]] = defaultdict(set)
    bare: dict[str, set[str]] = defaultdict(set)
    for sheet in folder.glob("*.tcss"):
        for rule in RULE.findall(COMMENT.sub("", sheet.read_text(encoding="utf-8"))):
            for selector in (part.strip() for part in rule.split(",")):
                for name in re.findall(r"#([\w-]+)", selector):
                    files_by_id[name].add(sheet.name)
                if selector.startswith("#"):
                    bare[selector.split()[0][1:]].add(sheet.name)
    shared = {name: files for name, files in files_by_id.items() if len(files) > 1}
    assert "dialog" in shared  # the check finds what it is for
    leaking = {name: sorted(bare[name]) for name in shared if bare[name]}
    assert not leaking, leaking
