"""Pilot tests of the TUI flows, end to end against a real database file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from textual.widgets import Button, DataTable, MarkdownViewer, Select, Static

from studyapp.clock import FixedClock
from studyapp.tui import StartAt, StudyApp, make_app
from studyapp.tui.screens.home import HomeScreen
from studyapp.tui.screens.notes import NotesScreen
from studyapp.tui.screens.quiz import QuizScreen
from studyapp.tui.screens.review import ReviewScreen
from studyapp.tui.screens.summary import SummaryScreen
from studyapp.tui.widgets import ChoiceList
from tests.conftest import START, shown_letters


def build(deck_dir: Path, db: Path, start: StartAt | None = None) -> StudyApp:
    return make_app([deck_dir], db, FixedClock(START), start or StartAt())


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def card_text(app: StudyApp) -> str:
    """The review card as plain text, whatever renderables make it up."""
    return text_of(app, "#card-text")


def text_of(app: StudyApp, selector: str, width: int = 100) -> str:
    """The text a Static shows, whatever renderables make it up, rendered `width` wide."""
    from rich.console import Console

    console = Console(width=width, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


async def test_home_lists_topics_with_counts(small_deck_dir: Path, tmp_path: Path) -> None:
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2  # all topics + demo
        assert [str(c) for c in table.get_row("demo")[:4]] == ["Demo topic", "0", "6", "6"]


async def test_review_a_card_and_find_its_row(small_deck_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ReviewScreen)
        assert "Front one" in card_text(app)
        await pilot.press("3")  # not revealed yet: ignored
        assert rows(db, "SELECT count(*) FROM reviews") == [(0,)]
        await pilot.press("space")
        assert "Back one" in card_text(app)
        good = app.screen.query_one("#rate-good", Button).label
        assert "3 Good · 10m" in str(good)
        await pilot.press("3")
        await pilot.pause()
        assert rows(db, "SELECT item_id, rating FROM reviews") == [("c1", 3)]
        assert "Front two" in card_text(app)


async def test_undo_in_review(small_deck_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, StartAt("review"))
    async with app.run_test() as pilot:
        await pilot.press("space", "1")
        assert rows(db, "SELECT count(*) FROM reviews") == [(1,)]
        await pilot.press("u")
        await pilot.pause()
        assert rows(db, "SELECT count(*) FROM reviews") == [(0,)]
        assert rows(db, "SELECT count(*) FROM item_state") == [(0,)]
        assert "Front one" in card_text(app)


async def test_wrong_quiz_answer_comes_back_as_due(small_deck_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, StartAt("quiz", count=3))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.shown is not None
        await pilot.press(shown_letters(app.screen.shown, "b"))  # q1: the wrong option
        await pilot.pause()
        assert "Not quite" in text_of(app, "#hint")
        assert "Source:" in text_of(app, "#feedback")
        choices = app.screen.query_one(ChoiceList)
        assert choices.answered
        await pilot.press("enter")  # next: q2, choose two
        assert isinstance(app.screen, QuizScreen) and app.screen.shown is not None
        await pilot.press(*shown_letters(app.screen.shown, "ac"))
        assert rows(db, "SELECT count(*) FROM reviews") == [(1,)]
        await pilot.press("enter")
        await pilot.pause()
        assert "Right" in text_of(app, "#hint")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    [(due,)] = rows(db, "SELECT due FROM item_state WHERE item_id = 'q1'")
    assert str(due) <= "2026-03-03T10:00:00.000000Z"  # wrong: back within a day
    later = make_app([small_deck_dir], db, FixedClock(START.replace(day=3, hour=11)))
    assert "q1" in later.context.queue("quiz").due_item_ids
    later.context.close()


async def test_search_finds_a_note(small_deck_dir: Path, tmp_path: Path) -> None:
    app = build(small_deck_dir, tmp_path / "p.db", StartAt("notes"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("slash")
        await pilot.press(*"back two")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        viewer = app.screen.query_one(MarkdownViewer)
        assert "Back two" in viewer.document.source


async def test_settings_persist_across_restarts(small_deck_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        new_per_day = app.screen.query_one("#new_per_day")
        new_per_day.value = "7"  # type: ignore[attr-defined]
        app.theme = "textual-light"
        await pilot.press("ctrl+s")
        await pilot.pause()
    again = build(small_deck_dir, db)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.context.store.settings.current().new_per_day == 7
        assert again.theme == "textual-light"
        assert again.context.store.settings.current().theme == "textual-light"


def test_the_theme_names_are_textuals() -> None:
    """The `theme` setting is checked without Textual, against this list."""
    from textual.app import App

    from studyapp.themes import DEFAULT_THEME, THEME_NAMES

    app: App[None] = App()
    assert tuple(sorted(app.available_themes)) == THEME_NAMES
    assert app.theme == DEFAULT_THEME


async def test_the_theme_setting_is_applied_at_start_and_chosen_in_settings(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    from click.testing import CliRunner

    from studyapp.cli import cli

    assert CliRunner().invoke(cli, ["settings", "theme", "nord", "--db", str(db)]).exit_code == 0
    app = build(small_deck_dir, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        await pilot.press("comma")
        await pilot.pause()
        theme = app.screen.query_one("#theme", Select)
        assert theme.value == "nord"
        theme.focus()
        await pilot.press("enter", "down", "enter")  # the theme after nord
        await pilot.pause()
        assert app.theme == "rose-pine"
        assert app.context.store.settings.current().theme == "rose-pine"


async def test_the_exam_guide_is_chosen_in_settings_and_named_on_home(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        app.screen.query_one("#exam_guide", Select).value = "saa-c03"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.context.store.settings.current().exam_guide == "saa-c03"
        await pilot.press("escape")
        await pilot.pause()
        scope = app.screen.query_one("#exam-scope", Static).render()
        assert "SAA-C03 · 65 questions · 130 min" in str(scope)


async def test_flag_an_item_without_changing_its_schedule(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    app = build(small_deck_dir, db, StartAt("review"))
    async with app.run_test() as pilot:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"typo", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert rows(db, "SELECT item_id, comment FROM flags") == [("c1", "typo")]
    assert rows(db, "SELECT count(*) FROM reviews") == [(0,)]


async def test_scenario_shows_why_the_pick_lost(small_deck_dir: Path, tmp_path: Path) -> None:
    app = build(small_deck_dir, tmp_path / "p.db", StartAt("scenarios"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, QuizScreen) and app.screen.shown is not None
        await pilot.press(shown_letters(app.screen.shown, "a"))  # lambda, for a 40-minute job
        await pilot.pause()
        feedback = text_of(app, "#feedback")
        assert "Why not AWS Lambda: A Lambda invocation stops after at most 900 seconds" in feedback
        assert "lambda-15-minute-limit: rules out lambda" in feedback


async def test_advisor_is_worked_from_the_keyboard_alone(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    from textual.widgets import Label

    from studyapp.tui.screens.advisor import NO_FACTS, AdvisorScreen

    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AdvisorScreen)
        # with no fact set there is no answer, only what to do (`decide` refuses too)
        assert text_of(app, "#answer").strip() == NO_FACTS
        assert "AWS Lambda" not in text_of(app, "#trace")

        def focused_label() -> str:
            (label,) = app.screen.query(".fact-label.-focused").results(Label)
            return str(label.content)

        assert focused_label() == "Need"  # a field has focus from the start, and shows it
        await pilot.press("tab", "4", "0")  # typing goes to the focused field
        await pilot.pause()
        assert focused_label() == "Runtime (minutes)"
        assert "AWS Fargate" in text_of(app, "#answer")
        assert "lambda-15-minute-limit" in text_of(app, "#trace")
        await pilot.press("enter", *["tab"] * 6)  # Enter moves on from a number, as Tab does
        assert focused_label() == "Kubernetes"
        await pilot.press("enter", "down", "enter")  # open the choices, pick "yes"
        await pilot.pause()
        assert "Amazon EKS" in text_of(app, "#answer")
        await pilot.press("shift+tab")
        assert focused_label() == "GPU"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert text_of(app, "#answer").strip() == NO_FACTS


async def test_screen_actions_are_in_the_command_palette(
    small_deck_dir: Path, tmp_path: Path
) -> None:
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        names = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Review", "Quiz", "Scenarios", "Notes", "Advisor", "Stats", "Settings"} <= names
        await pilot.press("ctrl+p")
        await pilot.press(*"advisor", "enter")
        await pilot.pause()
        from studyapp.tui.screens.advisor import AdvisorScreen

        assert isinstance(app.screen, AdvisorScreen)


async def test_content_problems_show_once_at_start(small_deck_dir: Path, tmp_path: Path) -> None:
    (small_deck_dir / "broken.yaml").write_text("topic: [oops\n")
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1
        assert "broken.yaml:2:1: YAML syntax" in messages[0]
        assert isinstance(app.screen, HomeScreen)


async def test_stats_screen_shows_readiness_per_domain(tmp_path: Path) -> None:
    """Under the readiness headline, a table of the guide's domains (DVA-C02 by default)."""
    from rich.console import Console

    from studyapp.paths import builtin_content_dir

    app = build(builtin_content_dir(), tmp_path / "p.db")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        domains = app.screen.query_one("#readiness-domains", Static)
        assert domains.display
        console = Console(record=True, width=100)
        console.print(domains.content)
        text = console.export_text()
        assert "DVA-C02" in text and "Security" in text and "needs work" in text


async def test_stats_screen_charts_a_seeded_history(small_deck_dir: Path, tmp_path: Path) -> None:
    from studyapp.store import LEECH_LAPSES
    from studyapp.tui.screens.stats import StatsScreen
    from studyapp.tui.widgets import CalendarHeatmap, DueForecastChart
    from tests.test_stats_more import _lapse_q1, _rate_cards

    db = tmp_path / "p.db"
    app = build(small_deck_dir, db)
    _lapse_q1(app.context, LEECH_LAPSES)  # q1 forgotten 8 times: suspended as a leech
    _rate_cards(app.context, 2)  # two reviews today
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()  # readiness comes from a worker
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        caption = app.screen.query_one("#activity-caption", Static).content
        assert "Today 2 reviews" in getattr(caption, "plain", "")
        heatmap = app.screen.query_one(CalendarHeatmap)
        assert heatmap.activity[-1].reviews == 2
        assert len(heatmap.render().plain.splitlines()) == 9  # months, 7 weekdays, legend
        forecast = app.screen.query_one(DueForecastChart)
        assert forecast.bar_count == 30
        assert "today " in forecast.render().plain
        readiness = getattr(app.screen.query_one("#readiness", Static).content, "plain", "")
        assert "Expected score" in readiness and "pass chance" in readiness
        leeches = app.screen.query_one("#leeches", DataTable)
        assert leeches.row_count == 1 and str(leeches.get_row("q1")[0]) == "q1"
        leeches.focus()
        await pilot.press("u")
        await pilot.pause()
        assert leeches.row_count == 0
        assert "None." in text_of(app, "#no-leeches")
    assert rows(db, "SELECT count(*) FROM suspensions") == [(0,)]


async def test_home_recounts_after_a_session(small_deck_dir: Path, tmp_path: Path) -> None:
    app = build(small_deck_dir, tmp_path / "p.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_row("demo")[2]) == "6"
        await pilot.press("r", "space", "4", "escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert str(app.screen.query_one(DataTable).get_row("demo")[2]) == "5"


async def test_key_footer_rebuilds_only_when_its_keys_change() -> None:
    from textual.widgets._footer import FooterKey

    from tests.test_key_footer import Keys

    app = Keys()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        first_keys = list(app.query(FooterKey))
        assert [key.description for key in first_keys] == ["Undo", "palette"]
        assert first_keys[0].has_class("-disabled")  # shown from the first paint
        app.screen.refresh_bindings()  # same keys: nothing rebuilt
        await pilot.pause()
        assert list(app.query(FooterKey)) == first_keys
        app.can_undo = True
        app.screen.refresh_bindings()
        await pilot.pause()
        assert not app.query(FooterKey).first().has_class("-disabled")
