"""Statistics, first cut: per topic reviews, accuracy, mastery, and what is due soon."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from studyapp.stats import MASTERY_STABILITY_DAYS, topic_progress
from studyapp.tui.screens.home import mastery_bar


class StatsScreen(Screen[None]):
    """A table per topic; charts come with a later release."""

    CSS_PATH = "stats.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="stats.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="stats", cursor_type="row", zebra_stripes=True)
        yield Static(
            f"Accuracy: reviews not rated Again. Mastery: items FSRS expects you to remember "
            f"for {MASTERY_STABILITY_DAYS} days or more. Today and Tomorrow: items due in each "
            "study day.",
            id="stats-hint",
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Stats"
        context = self.app.context  # type: ignore[attr-defined]
        rows = topic_progress(
            context.deck, context.store, context.clock.now(), context.clock.local_tz
        )
        table = self.query_one(DataTable)
        for label in ("Topic", "Reviews", "Accuracy", "Mastery", "Today", "Tomorrow", "Seen"):
            table.add_column(label, key=label.lower())
        for row in rows:
            accuracy = "—" if row.accuracy is None else f"{row.accuracy:.0%}"
            table.add_row(
                row.topic_id,
                str(row.reviews),
                accuracy,
                mastery_bar(row.mastery, width=6),
                str(row.due_today),
                str(row.due_tomorrow),
                f"{row.seen}/{row.total}",
                key=row.topic_id,
            )
        table.focus()
