"""The advisor: set facts about a workload and watch the answer and its reasons change."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static

from studyapp.content import SERVICE_NAMES, Facts
from studyapp.decide import Decision, allowed_values, decide, load_rules
from studyapp.decide.engine import ruled_out_lines
from studyapp.decide.facts import FACT_INFO, fact_heading, validate_facts
from studyapp.errors import UsageError
from studyapp.tui.widgets import KeyFooter

#: The facts that take a number (the rest take one of a few words, or yes or no).
NUMBER_FACTS = tuple(name for name, info in FACT_INFO.items() if info.unit)
#: What a yes-or-no fact's choices read as, and the value each stands for.
YES_NO = [("yes", "true"), ("no", "false")]
HINT = "Tab ⇧Tab move · Enter/space choose"
#: What the verdict pane says before any fact is set: with nothing stated every rule is
#: silent, and the ranking's first service would read as advice (`decide` refuses too).
NO_FACTS = "Set a fact on the left to see which service fits."
NO_FACTS_WHY = "With no fact stated no rule applies, so no service is picked."


def fact_choices(name: str) -> list[tuple[str, str]]:
    """A word fact's choices as (shown, value)."""
    allowed = allowed_values(name)
    return YES_NO if allowed == "true, false" else [(v, v) for v in allowed.split(", ")]


def verdict_markdown(decision: Decision) -> str:
    """The rules that fired with their effects, the ranking and the exam tips, as Markdown."""
    steps = [
        f"{n}. **{step.rule}**: {step.effect}. {step.because}"
        for n, step in enumerate(decision.trace, 1)
    ]
    live = [s for s in decision.ranking if s not in decision.ruled_out]
    parts = ["**Why**", "\n".join(steps), f"**Ranking:** {' > '.join(live)}"]
    parts += [f"**{line.replace(':', ':**', 1)}" for line in ruled_out_lines(decision)]
    parts += ["**Exam tips**", "\n".join(f"- {step.tip}" for step in decision.trace)]
    return "\n\n".join(parts)


class AdvisorScreen(Screen[None]):
    """Every fact of the decision vocabulary as a control; the verdict updates live.

    | Key | Does |
    | :- | :- |
    | tab, shift+tab | next or previous fact (then the verdict, to scroll it) |
    | enter, space | open a fact's choices; enter picks one, or moves on from a number |
    | ctrl+r | every fact back to "not stated" |
    """

    CSS_PATH = "advisor.tcss"
    BINDINGS = [
        Binding("ctrl+r", "reset", "Reset facts", id="advisor.reset"),
        Binding("escape", "app.pop_screen", "Back", id="advisor.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.book = load_rules()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with VerticalScroll(id="facts", can_focus=False):
                yield Label(HINT, id="advisor-hint", classes="dim")
                with Grid(id="fact-grid"):
                    for name in FACT_INFO:
                        yield Label(fact_heading(name), id=f"{name}-label", classes="fact-label")
                        yield self._control(name)
            with VerticalScroll(id="verdict"):
                yield Static(id="answer")
                yield Static(id="trace")
        yield KeyFooter(compact=True)

    def _control(self, name: str) -> Input | Select[str]:
        """A number field, or a choice of the fact's words; both start "not stated"."""
        tooltip = FACT_INFO[name].heading
        if name in NUMBER_FACTS:
            return Input(
                placeholder="not stated", id=name, type="number", compact=True, tooltip=tooltip
            )
        return Select(
            fact_choices(name), prompt="not stated", id=name, compact=True, tooltip=tooltip
        )

    def on_mount(self) -> None:
        self.title = "Advisor"
        self.sub_title = "Which service fits?"
        self.query_one(f"#{next(iter(FACT_INFO))}").focus()
        self.refresh_verdict()

    def facts(self) -> Facts:
        """The facts the controls state now (unset controls state nothing)."""
        values: dict[str, object] = {}
        for name in FACT_INFO:
            if name in NUMBER_FACTS:
                text = self.query_one(f"#{name}", Input).value.strip()
                if text:
                    try:
                        values[name] = float(text)
                    except ValueError:  # half typed: "-", "1e"
                        values[name] = text
                continue
            selected = self.query_one(f"#{name}", Select).value
            if isinstance(selected, str):  # anything else means "not stated"
                values[name] = {"true": True, "false": False}.get(selected, selected)
        return validate_facts(values)

    @on(Select.Changed)
    @on(Input.Changed)
    def refresh_verdict(self) -> None:
        try:
            facts = self.facts()
        except UsageError as error:
            self.query_one("#answer", Static).update(Text(str(error), style="red"))
            return
        if facts == Facts():
            self.query_one("#answer", Static).update(Text(NO_FACTS, style="bold"))
            self.query_one("#trace", Static).update(Text(NO_FACTS_WHY))
            return
        decision = decide(facts, self.book)
        self.query_one("#answer", Static).update(Markdown(f"# {SERVICE_NAMES[decision.answer]}"))
        self.query_one("#trace", Static).update(Markdown(verdict_markdown(decision)))

    def on_descendant_focus(self) -> None:
        self._mark_focused_fact()

    def on_descendant_blur(self) -> None:
        self._mark_focused_fact()

    def _mark_focused_fact(self) -> None:
        """Pick out the label of the fact whose control has focus (the grid has no
        `:focus-within` per row)."""
        focused = self.focused.id if self.focused is not None else None
        for label in self.query(".fact-label"):
            label.set_class(label.id == f"{focused}-label", "-focused")

    @on(Input.Submitted)
    def _next_fact(self) -> None:
        """Enter in a number field moves on, as Tab does."""
        self.focus_next()

    def action_reset(self) -> None:
        for name in FACT_INFO:
            if name in NUMBER_FACTS:
                self.query_one(f"#{name}", Input).value = ""
            else:
                self.query_one(f"#{name}", Select).clear()
        self.refresh_verdict()
