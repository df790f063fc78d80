"""The end of a session: what was done, what was missed, when to come back."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from studyapp.present.summary import summary_lines
from studyapp.study import SessionSummary, StudySession
from studyapp.tui.app import study_app
from studyapp.tui.safe_text import one_line, plain
from studyapp.tui.widgets import ItemList, KeyFooter


class SummaryScreen(Screen[None]):
    """Reviewed, share right, time taken, missed items and the next due time; a missed item
    opens with its answer (↑↓ Enter), and `m` practises the missed."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("m", "practise_missed", "Practise missed", id="summary.missed"),
        Binding("enter,escape", "home", "Home", id="summary.home"),
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
            if lines[1:]:
                yield Static(plain("\n".join(lines[1:])))
            if self.summary.missed_item_ids:
                yield Static(
                    "Missed: ↑↓ Enter reads one again with its answer, m practises them.",
                    classes="heading",
                )
                deck = self.session.deck
                missed = [deck.items[i] for i in self.summary.missed_item_ids if i in deck.items]
                yield ItemList(missed, id="missed")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Summary"
        for missed in self.query(ItemList):
            missed.focus()

    @on(OptionList.OptionSelected, "#missed")
    def _open_missed(self, event: OptionList.OptionSelected) -> None:
        """Open the missed item as the learner last saw it, with the pick and the answer."""
        from studyapp.tui.screens.item_view import ItemScreen

        item_id = event.option.id or ""
        last = next(a for a in reversed(self.session.history) if a.item.id == item_id)
        topic = self.session.deck.topics[self.session.deck.topic_of[item_id]].title
        self.app.push_screen(ItemScreen(last.item, one_line(topic), last.shown, last.selected))

    def action_practise_missed(self) -> None:
        """A quiz of the questions whose latest answer was wrong, off the schedule."""
        app = study_app(self)
        self.dismiss()
        app.open_screen(self.session.mode, (), None, selection="missed")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise_missed":
            return bool(self.summary.missed_item_ids)
        return True

    def action_home(self) -> None:
        self.dismiss()
