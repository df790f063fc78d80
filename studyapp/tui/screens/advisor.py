"""The advisor: set facts about a workload and watch the answer and its reasons change."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static

from studyapp.content import SERVICE_NAMES, Facts
from studyapp.decide import allowed_values, decide, load_rules
from studyapp.decide.facts import validate_facts
from studyapp.decide.rules import FACT_NAMES
from studyapp.errors import UsageError
from studyapp.tui.widgets import KeyFooter

NUMBER_FACTS = ("runtime_minutes", "memory_gb")


def fact_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


class AdvisorScreen(Screen[None]):
    """Every fact of the decision vocabulary as a control; the verdict updates live."""

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
            with VerticalScroll(id="facts"):
                for name in FACT_NAMES:
                    yield Label(fact_label(name))
                    if name in NUMBER_FACTS:
                        yield Input(placeholder="not stated", id=name, type="number")
                    else:
                        choices = [(value, value) for value in allowed_values(name).split(", ")]
                        yield Select(choices, prompt="not stated", id=name)
            with VerticalScroll(id="verdict"):
                yield Static(id="answer")
                yield Static(id="trace")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Advisor"
        self.sub_title = "Which service fits?"
        self.refresh_verdict()

    def facts(self) -> Facts:
        """The facts the controls state now (unset controls state nothing)."""
        values: dict[str, object] = {}
        for name in FACT_NAMES:
            if name in NUMBER_FACTS:
                text = self.query_one(f"#{name}", Input).value.strip()
                if text:
                    values[name] = float(text)
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
        except (ValueError, UsageError) as error:  # pydantic's ValidationError is a ValueError
            self.query_one("#answer", Static).update(Text(str(error), style="red"))
            return
        decision = decide(facts, self.book)
        self.query_one("#answer", Static).update(Markdown(f"# {SERVICE_NAMES[decision.answer]}"))
        steps = [
            f"{n}. **{step.rule}**: {step.effect}. {step.because}"
            for n, step in enumerate(decision.trace, 1)
        ]
        live = [s for s in decision.ranking if s not in decision.ruled_out]
        tips = [f"- {step.tip}" for step in decision.trace]
        self.query_one("#trace", Static).update(
            Markdown(
                "**Why**\n\n"
                + "\n".join(steps)
                + f"\n\n**Ranking:** {' > '.join(live)}"
                + (
                    f"\n\n**Ruled out:** {', '.join(decision.ruled_out)}"
                    if decision.ruled_out
                    else ""
                )
                + "\n\n**Exam tips**\n\n"
                + "\n".join(tips)
            )
        )

    def action_reset(self) -> None:
        for name in FACT_NAMES:
            if name in NUMBER_FACTS:
                self.query_one(f"#{name}", Input).value = ""
            else:
                self.query_one(f"#{name}", Select).clear()
        self.refresh_verdict()
