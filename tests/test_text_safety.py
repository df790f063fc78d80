"""Authored text is data: no control code reaches a terminal, no bracket is read as markup,
no document expands without bound, and sessions serve only what `content check` passes."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner

from studyapp.cli import cli
from studyapp.clock import FixedClock
from studyapp.content import (
    Card,
    Choice,
    Deck,
    Facts,
    Note,
    Question,
    Scenario,
    Topic,
    load_deck,
)
from studyapp.content.deck import Origin
from studyapp.lines.session import LineSession
from studyapp.srs import StudyScheduler
from studyapp.store import Store
from studyapp.study import StudyContext
from studyapp.text import BIDI_CONTROLS, is_printable, printable
from studyapp.tui import StudyApp, make_app
from tests.conftest import START

ESCAPES = "\x1b[2J\x1b]0;pwned\x07"
OSC8 = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
MARKUP = "[red]x[/red] [link=https://evil.example]click[/link] Broken [/] title"
HOSTILE = f"{MARKUP} {ESCAPES} {OSC8} \u202etxt.exe\x9b31m"

#: Textual's own drawing: colours (SGR) and cursor moves. Anything else starting ESC is not its.
TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-9;:]*[mH]")
REFUSED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")


def hostile_deck(text: str = HOSTILE) -> Deck:
    """Every field of every kind holding `text`, as if validation had let it through."""
    source = f"https://docs.aws.amazon.com/{text}"
    choices = (Choice(f"A {text}", True, f"why {text}"), Choice(f"B {text}", False, f"no {text}"))
    items = {
        "c1": Card("c1", f"front {text}", f"back {text}", source),
        "q1": Question("q1", f"prompt {text}", 1, choices, source),
        "s1": Scenario(
            "s1",
            f"situation {text}",
            _facts(),
            ("lambda", "fargate"),
            "fargate",
            f"explained {text}",
            source,
        ),
    }
    note = Note("n1", f"note {text}", f"body {text}\n\n[link]({source})", (source,))
    return Deck(
        topics={"demo": Topic("demo", f"topic {text}", f"domain {text}")},
        notes={"n1": note},
        items=items,  # type: ignore[arg-type]
        topic_of={"n1": "demo", "c1": "demo", "q1": "demo", "s1": "demo"},
        origin_of={i: Origin(f"deck{text}.yaml", 1) for i in ("n1", "c1", "q1", "s1")},
    )


def _facts() -> Facts:
    return Facts(runtime_minutes=40, packaging="container")


def written(app: StudyApp) -> str:
    """What the app would write to a colour terminal for its current screen, minus Textual's
    own colour and cursor sequences: links (OSC 8) and anything authored stay in."""
    from rich.console import Console

    console = Console(color_system="truecolor", force_terminal=True, file=io.StringIO())
    from textual._compositor import LayoutUpdate

    update = app.screen._compositor.render_update(full=True)
    assert isinstance(update, LayoutUpdate)
    return TEXTUAL_SEQUENCES.sub("", update.render_segments(console))


def assert_clean(output: str) -> None:
    assert "\x1b" not in output, repr(re.findall(r"\x1b.{0,20}", output)[:3])
    assert REFUSED.search(output) is None, repr(REFUSED.findall(output)[:5])


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


# 1. escape sequences ------------------------------------------------------------------------


def yaml_deck(text: str) -> str:
    """A valid deck but for `text` (a JSON string, which YAML reads) in a card's front."""
    return textwrap.dedent(f"""\
        topic: {{id: t, title: T}}
        cards:
          - id: c1
            front: {json.dumps(text)}
            back: B
            source: https://docs.aws.amazon.com/x
        """)


def test_content_check_refuses_control_codes_with_their_place(tmp_path: Path) -> None:
    for text in (f"Front {ESCAPES}", f"Front {OSC8}", "Front \u202eevil", "Front \x85", "A\rB"):
        path = tmp_path / "deck.yaml"
        path.write_text(yaml_deck(text), encoding="utf-8")
        code, _out, err = invoke("content", "check", str(path))
        assert code == 1, text
        assert err.startswith(f"{path}:4:12: front: contains the control character U+"), err
        assert_clean(err)


def test_newlines_and_tabs_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(yaml_deck("Line one\n\tLine two"), encoding="utf-8")
    code, _out, err = invoke("content", "check", str(path))
    assert code == 0, err


def test_a_hostile_file_name_is_shown_not_sent(tmp_path: Path) -> None:
    path = tmp_path / "x\x1b]0;pwned\x07.yaml"
    path.write_text("topic: {id: t, title: T}\ncards: 3\n", encoding="utf-8")
    code, _out, err = invoke("content", "check", str(tmp_path))
    assert code == 1
    assert "x␛]0;pwned␇.yaml:2:8: cards must be a list" in err
    assert_clean(err)


def test_line_mode_never_writes_control_codes() -> None:
    """Defence in depth: even text validation never saw is printable when line mode prints it."""
    deck = hostile_deck()
    for mode, typed in (("review", "\n3\n\n3\n"), ("quiz", "a\n\nb\n\n")):
        context = StudyContext(deck, [], Store.open(None), StudyScheduler(), FixedClock(START))
        output = io.StringIO()
        session = context.start(mode)  # type: ignore[arg-type]
        LineSession(session, io.StringIO(typed), output, deck.topic_of).run()
        assert "front" in output.getvalue() or "prompt" in output.getvalue()
        assert_clean(output.getvalue())
        context.close()


def test_cli_prints_are_printable(tmp_path: Path) -> None:
    code, out, _err = invoke("--content", str(tmp_path / f"x{ESCAPES}"), "where")
    assert code == 0
    assert "x␛[2J␛]0;pwned␇" in out
    assert_clean(out)


async def test_tui_never_writes_control_codes_or_links(tmp_path: Path) -> None:
    await walk_every_screen(hostile_deck(), tmp_path)


# 2. markup ---------------------------------------------------------------------------------


async def walk_every_screen(deck: Deck, tmp_path: Path, problems: list[str] | None = None) -> None:
    """Open every screen over `deck` and check what each would write."""
    from textual.widgets import Input

    from studyapp.content import Problem
    from studyapp.tui.screens.summary import SummaryScreen

    found = [Problem(f"deck{HOSTILE}.yaml", 1, 1, p) for p in problems or [HOSTILE]]
    context = StudyContext(
        deck, found, Store.open(tmp_path / "p.db"), StudyScheduler(), FixedClock(START)
    )
    app = StudyApp(context)
    async with app.run_test(size=(110, 40)) as pilot:

        async def check(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            assert_clean(written(app))

        await check()  # Home, with the content-problems toast
        await check("r")  # review: the front
        await check("space")  # the back and its source
        await check("f")  # the flag dialog
        await check("escape", "3", "n")  # rated; the notes reader over the study screen
        await check("slash")  # search
        app.screen.query_one(Input).value = "front"
        await check()
        await check("enter")  # a card opened from search
        await check("escape", "escape")  # the session's summary
        assert isinstance(app.screen, SummaryScreen)
        await check("enter", "z")  # quiz: the first question
        await check("a")  # its result, with every option's why
        await check("enter", "a")  # the scenario and its trace (or the next question)
        await check("escape")  # the summary, listing what was missed
        await check("enter", "e")  # a mock exam
        await check("o", "escape", "s", "y")  # overview, submitted: results
        await check("r")  # the exam review
        await check("escape", "escape", "t")  # stats
        await check("escape", "a")  # the advisor
        await check("escape", "comma")  # settings
        await check("escape", "ctrl+p")  # the command palette
        await check("escape")


async def test_markup_in_authored_text_is_shown_as_written(tmp_path: Path) -> None:
    """Brackets are allowed by validation: every screen shows them, none parses them."""
    await walk_every_screen(hostile_deck(MARKUP), tmp_path)


async def test_markup_through_the_loader_and_the_problem_toast(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    title = json.dumps(MARKUP)
    (deck_dir / "demo.yaml").write_text(
        textwrap.dedent(f"""\
            topic: {{id: demo, title: {title}}}
            notes:
              - {{id: n1, title: {title}, body: {title}, sources: ["https://a.example/"]}}
            cards:
              - {{id: c1, front: {title}, back: {title}, source: "https://a.example/"}}
              - {{id: c2, front: F, back: B, source: "Broken [/] source"}}
            questions:
              - id: q1
                prompt: {title}
                choices:
                  - {{text: {title}, correct: true, why: {title}}}
                  - {{text: other, why: {title}}}
                source: https://a.example/
            """),
        encoding="utf-8",
    )
    app = make_app([deck_dir], tmp_path / "p.db", FixedClock(START))
    assert any("Broken [/] source" in str(p) for p in app.context.problems)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        assert "[link=https://evil.example]click[/link]" in written(app)
        assert_clean(written(app))
        for keys in (("r",), ("space",), ("escape",), ("enter", "z"), ("a",), ("escape",)):
            await pilot.press(*keys)
            await pilot.pause()
            assert_clean(written(app))
        await pilot.press("enter", "n")
        await pilot.pause()
        assert "Broken [/] title" in written(app)


# 3. alias amplification -------------------------------------------------------------------

ALIAS_BOMB = """
import resource, sys, time
from pathlib import Path
limit = 1024 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from studyapp.content import load_deck
from studyapp.store import Store
from studyapp.store.search import ensure_search_index
folder = Path(sys.argv[1])
big = "x" * 1_500_000
cards = "\\n".join(
    f"  - {{id: c{n}, front: *big, back: B, source: 'https://a.example/'}}" for n in range(150)
)
(folder / "bomb.yaml").write_text(
    f"topic: {{id: t, title: T}}\\nnotes:\\n  - {{id: n, title: &big {big}, body: B, "
    f"sources: ['https://a.example/']}}\\ncards:\\n{cards}\\n"
)
assert (folder / "bomb.yaml").stat().st_size < 2 * 1024 * 1024
deck, problems = load_deck([folder])
store = Store.open(folder / "p.db")
ensure_search_index(store, deck)
store.close()
size = sum(p.stat().st_size for p in folder.glob("p.db*"))
print(len(deck.items), size, [p.message for p in problems])
"""


def test_an_alias_bomb_of_long_text_is_refused_within_bounds(tmp_path: Path) -> None:
    """One 1.5 MB anchored scalar used 150 times: refused, under 1 GB and a minute, so a
    regression fails here instead of filling the disk or the memory."""
    result = subprocess.run(
        [sys.executable, "-c", ALIAS_BOMB, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    items, size, messages = result.stdout.split(" ", 2)
    assert int(items) == 0
    assert int(size) < 5 * 1024 * 1024
    assert "characters" in messages and "aliases" in messages


def test_a_field_over_the_length_cap_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(yaml_deck("x" * 20_001), encoding="utf-8")
    _deck, problems = load_deck([path])
    assert [p.message for p in problems] == ["front: String should have at most 20000 characters"]


# 4. one truth for sessions and content check ---------------------------------------------

WRONG_SCENARIO = """
topic: {id: t, title: T}
scenarios:
  - id: s-wrong
    situation: A 40-minute containerised batch job.
    facts: {runtime_minutes: 40, packaging: container, manage_servers: false}
    options: [lambda, fargate]
    answer: lambda
    explanation: Wrong on purpose.
    source: https://docs.aws.amazon.com/s
  - id: s-right
    situation: The same job, answered right.
    facts: {runtime_minutes: 40, packaging: container, manage_servers: false}
    options: [lambda, fargate]
    answer: fargate
    explanation: Lambda stops at 15 minutes.
    source: https://docs.aws.amazon.com/s
"""


def test_a_contradicting_scenario_is_left_out_of_sessions(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (deck_dir / "s.yaml").write_text(WRONG_SCENARIO, encoding="utf-8")
    for cache in (None, tmp_path / "cache", tmp_path / "cache"):  # a cache hit says the same
        context = StudyContext.open([deck_dir], None, FixedClock(START), cache)
        try:
            assert list(context.deck.items) == ["s-right"]
            [problem] = context.problems
            assert "'s-wrong' answers 'lambda' but its facts decide 'fargate'" in str(problem)
            assert "\n" not in str(problem)
            assert list(context.queue("scenarios").item_ids) == ["s-right"]
        finally:
            context.close()
    code, out, err = invoke("content", "check", str(deck_dir))
    assert code == 1 and out == "" and err.splitlines() == [str(problem), "1 problem found."]


def test_printable_keeps_text_and_shows_controls() -> None:
    assert printable("a\tb\nc [/] é 😀") == "a\tb\nc [/] é 😀"
    assert printable("\x1b[2J\x07\x7f\x9b\u202e\ud800") == "␛[2J␇␡\ufffd\ufffd\ufffd"
    assert printable("a\nb", newlines=False) == "a␊b"
    assert is_printable(printable(HOSTILE))
