"""Property: any Unicode text, control codes, bidi overrides and brackets included, goes
through loading, line mode and the TUI without raising, and only printable text comes out."""

from __future__ import annotations

import asyncio
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.clock import FixedClock
from studyapp.content import Card, Deck, Question, Scenario, load_deck
from studyapp.lines.session import LineSession
from studyapp.srs import StudyScheduler
from studyapp.store import Store
from studyapp.study import StudyContext
from studyapp.text import is_printable, printable
from studyapp.tui import StudyApp
from tests.conftest import START
from tests.test_text_safety import assert_clean, hostile_deck, written

#: Every code point (surrogates included), with the dangerous ones drawn often.
ANY_CHARACTER = st.one_of(
    st.characters(exclude_categories=()),
    st.sampled_from(list("\x1b\x07\x08\r\x00\x7f\x85\x9b\u202e\u2066\u200f\ud800[]/=\n\t ")),
)
ANY_TEXT = st.text(ANY_CHARACTER, min_size=1, max_size=40)


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly (escapes for anything
    YAML would refuse or fold)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD:
            out.append(char)
        elif code > 0xFFFF:
            out.append(f"\\U{code:08x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out) + '"'


def deck_yaml(text: str) -> str:
    """A deck with `text` in every text field of every kind (prefixed, so never blank)."""
    t = yaml_string("x" + text)
    url = yaml_string("https://docs.aws.amazon.com/" + text)
    return f"""
topic: {{id: demo, title: {t}, domain: {t}}}
notes:
  - {{id: n1, title: {t}, body: {t}, sources: [{url}]}}
cards:
  - {{id: c1, front: {t}, back: {t}, source: {url}}}
  - {{id: c2, front: plain, back: plain, source: "https://docs.aws.amazon.com/"}}
questions:
  - id: q1
    prompt: {t}
    choices:
      - {{text: {t}, correct: true, why: {t}}}
      - {{text: other, why: {t}}}
    source: {url}
scenarios:
  - id: s1
    situation: {t}
    facts: {{runtime_minutes: 40, packaging: container}}
    options: [lambda, fargate]
    answer: fargate
    explanation: {t}
    source: {url}
"""


def texts_of(deck: Deck) -> list[str]:
    """Every authored string the deck holds."""
    found: list[str] = []
    for topic in deck.topics.values():
        found += [topic.title, topic.domain or ""]
    for note in deck.notes.values():
        found += [note.title, note.body, *note.sources]
    for item in deck.items.values():
        if isinstance(item, Card):
            found += [item.front, item.back, item.source]
        elif isinstance(item, Question):
            found += [item.prompt, item.source]
            found += [text for c in item.choices for text in (c.text, c.why)]
        elif isinstance(item, Scenario):
            found += [item.situation, item.explanation, item.source]
    return found


def line_mode_output(deck: Deck) -> str:
    """Everything a review and a quiz over `deck` print in line mode."""
    output = io.StringIO()
    for mode, typed in (("review", "\n3\n" * 3), ("quiz", "a\n\n" * 3)):
        context = StudyContext(deck, [], Store.open(None), StudyScheduler(), FixedClock(START))
        try:
            session = context.start(mode)  # type: ignore[arg-type]
            LineSession(session, io.StringIO(typed), output, deck.topic_of).run()
        finally:
            context.close()
    return output.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_text_is_printable_after_printable(text: str) -> None:
    shown = printable(text)
    assert is_printable(shown)
    assert is_printable(printable(text, newlines=False), newlines=False)
    if is_printable(text):
        assert shown == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_text_loads_as_printable_and_prints_as_printable(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.yaml"
        path.write_text(deck_yaml(text), encoding="utf-8")
        deck, problems = load_deck([path])
    loaded = texts_of(deck)
    assert all(is_printable(value) for value in loaded)
    if is_printable(text) and text.strip() and "c1" not in deck.items:
        assert any("front" in p.message for p in problems), problems  # refused for another cause
    if "demo" in deck.topics:
        assert "c2" in deck.items  # a bad item never takes a good one with it
    for problem in problems:
        assert is_printable(str(problem), newlines=False)
    assert_clean(line_mode_output(deck))
    assert_clean(line_mode_output(hostile_deck(text)))  # unvalidated text too


async def _tui_output(deck: Deck) -> list[str]:
    context = StudyContext(deck, [], Store.open(None), StudyScheduler(), FixedClock(START))
    app = StudyApp(context)
    shown: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for keys in ((), ("r",), ("space",), ("3", "n"), ("escape", "escape", "enter", "z")):
            await pilot.press(*keys)
            await pilot.pause()
            shown.append(written(app))
        await pilot.press("a")
        await pilot.pause()
        shown.append(written(app))
    return shown


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_text_renders_in_the_tui_as_printable(text: str) -> None:
    """Home, a card front and back, the notes, a question and its result, over text that
    validation never saw: no exception, and nothing but printable text is written."""
    for screen in asyncio.run(_tui_output(hostile_deck(text))):
        assert_clean(screen)


def test_the_yaml_escaping_reads_back_exactly(tmp_path: Path) -> None:
    text = 'a\x1b\u202e\ud800\U0001f600"\\\n\t[/]\x85\ufffe'
    path = tmp_path / "deck.yaml"
    path.write_text(deck_yaml(text), encoding="utf-8")
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["cards"][0]["front"] == "x" + text
