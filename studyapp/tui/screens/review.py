"""Flashcard review, Anki's flow: front, reveal, rate with the interval each rating gives."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.rule import Rule
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, ProgressBar, Static

from studyapp.content import Card
from studyapp.content.changes import DeckChange
from studyapp.present.newer import newer_than_exam_note
from studyapp.present.summary import SELECTION_TITLES
from studyapp.srs import Rating
from studyapp.study import StudySession
from studyapp.tui.safe_text import markdown, plain, source_text
from studyapp.tui.saving import retry_when_disk_full
from studyapp.tui.screens.study_screen import StudyScreen
from studyapp.tui.widgets import KeyFooter, RatingBar


class ReviewScreen(StudyScreen):
    """Shows due and new flashcards one at a time until the session's queue is empty.

    The footer follows the card: Show answer on the front, the four ratings on the back."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("space,enter", "reveal", "Show answer", id="review.reveal"),
        Binding("1", "rate(1)", "Again", id="review.again"),
        Binding("2", "rate(2)", "Hard", id="review.hard"),
        Binding("3", "rate(3)", "Good", id="review.good"),
        Binding("4", "rate(4)", "Easy", id="review.easy"),
        # Notes stay on `n` and in the palette, out of the footer: with the four ratings
        # there, everything else still fits 80 columns.
        *(
            replace(b, show=False) if isinstance(b, Binding) and b.id == "study.notes" else b
            for b in StudyScreen.STUDY_BINDINGS
        ),
    ]

    def __init__(self, session: StudySession) -> None:
        super().__init__()
        self.session = session
        self.revealed = False
        self.topic = ""
        #: The card painted now (None: none yet).
        self.card_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(id="progress", show_eta=False)
        with VerticalScroll(id="card"):
            yield Static(id="card-text")
        yield Static("Space: show the answer", id="hint")
        yield RatingBar(id="ratings")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Review" + SELECTION_TITLES[self.session.selection]
        self.show_current()

    def show_current(self) -> None:
        """Paint the current card's front, or end the session when none is left."""
        card = self.session.current()
        if card is None:
            self.finish()
            return
        assert isinstance(card, Card)
        self.revealed, self.card_id = False, card.id
        self.show_bookmark_mark(card.id)
        # One Static for the whole card and a rating bar that is only hidden, never removed:
        # repainting one widget keeps rating-to-next-card fast (see bench/bench_tui.py).
        # The topic goes in the hint line, which changes anyway: changing the header on
        # every card (topics alternate) costs a whole extra repaint (bench/bench_tui.py).
        self.topic = self.topic_title(card.id)
        self.query_one("#card-text", Static).update(markdown(card.front, style="bold"))
        self.query_one("#hint", Static).update(
            plain(f"{self.topic} · Space or Enter: show the answer")
        )
        self.query_one(RatingBar).styles.visibility = "hidden"
        self._update_progress()
        self.refresh_bindings()

    def _update_progress(self) -> None:
        done = len(self.session.history)
        self.query_one(ProgressBar).update(total=done + self.session.remaining, progress=done)

    def action_reveal(self) -> None:
        card = self.session.current()
        if self.revealed or card is None:
            return
        assert isinstance(card, Card)
        self.revealed = True
        labels = self.session.preview_current()
        note = newer_than_exam_note(card)
        self.query_one("#card-text", Static).update(
            Group(
                markdown(card.front, style="bold"),
                Rule(style="blue"),
                *([] if note is None else [plain(note + "\n", style="bold yellow")]),
                markdown(card.back),
                Text(),
                *source_text(card.source),
            )
        )
        self.query_one("#hint", Static).update(plain(f"{self.topic} · How well did you recall it?"))
        bar = self.query_one(RatingBar)
        bar.show_intervals(labels)
        bar.styles.visibility = "visible"
        self.refresh_bindings()

    @retry_when_disk_full
    def action_rate(self, rating: int) -> None:
        if not self.revealed:
            return
        self.session.rate(Rating(rating))
        self.show_current()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return not self.revealed
        if action == "rate":
            return self.revealed
        return super().check_action(action, parameters)

    @on(RatingBar.Rated)
    def _rated(self, event: RatingBar.Rated) -> None:
        self.action_rate(int(event.rating))

    def after_undo(self) -> None:
        self.show_current()

    def deck_changed(self, change: DeckChange) -> None:
        """Paint the card's saved version on the side it was showing (the next card if it
        left the deck); the count left follows items that left."""
        card_id = self.card_id
        if card_id not in change.items.touched and not change.topics_changed:
            self._update_progress()
            return
        revealed = self.revealed and card_id not in change.items.removed
        self.show_current()
        if revealed and self.card_id == card_id:
            self.action_reveal()
