"""The end of a session: what was done, what was missed, when to come back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from studyapp.content import Question
from studyapp.present.summary import summary_lines
from studyapp.study import SessionSummary, StudySession
from studyapp.tui.safe_text import plain
from studyapp.tui.widgets import KeyFooter


class SummaryScreen(Screen[None]):
    """Reviewed, share right, time taken, missed items and the next due time."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("enter,escape", "home", "Back to home", id="summary.home"),
    ]

    def __init__(self, summary: SessionSummary, session: StudySession) -> None:
        super().__init__()
        self.summary = summary
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            clock = self.session.clock
            lines = summary_lines(self.summary, clock.now(), clock.local_tz, list_missed=False)
            yield Static(plain(lines[0]), id="summary-title")
            yield Static(plain("\n".join(lines[1:])))
            if self.summary.missed_item_ids:
                yield Static("Missed, to read again:", classes="heading")
                deck = self.session.deck
                for item_id in self.summary.missed_item_ids:
                    item = deck.items[item_id]
                    text = (
                        item.prompt
                        if isinstance(item, Question)
                        else str(getattr(item, "situation", item_id))
                    )
                    first = text.strip().splitlines()[0]
                    yield Static(plain(f"• {first}  ({item_id})"), classes="missed")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Summary"

    def action_home(self) -> None:
        self.dismiss()
