"""Four rating buttons that show the interval each rating would give."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button
from textual.widgets.button import ButtonVariant

from studyapp.srs import Rating

_VARIANTS: dict[Rating, ButtonVariant] = {
    Rating.AGAIN: "error",
    Rating.HARD: "warning",
    Rating.GOOD: "success",
    Rating.EASY: "primary",
}


class RatingBar(Horizontal):
    """Again / Hard / Good / Easy, each labelled with its key and the interval it gives."""

    DEFAULT_CSS = """
    RatingBar { height: auto; width: 100%; align-horizontal: center; }
    RatingBar Button { width: 1fr; max-width: 22; min-width: 12; margin: 0 1; }
    """

    class Rated(Message):
        """The learner picked a rating with the mouse."""

        def __init__(self, rating: Rating) -> None:
            super().__init__()
            self.rating = rating

    def compose(self) -> ComposeResult:
        for rating in Rating:
            yield Button(
                f"{int(rating)} {rating.name.title()}",
                id=f"rate-{rating.name.lower()}",
                variant=_VARIANTS[rating],
                compact=True,
            )

    def show_intervals(self, intervals: dict[Rating, str]) -> None:
        """Label each button with the interval its rating would schedule."""
        for rating, label in intervals.items():
            button = self.query_one(f"#rate-{rating.name.lower()}", Button)
            button.label = f"{int(rating)} {rating.name.title()} · {label}"

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        name = (event.button.id or "").removeprefix("rate-").upper()
        self.post_message(self.Rated(Rating[name]))
