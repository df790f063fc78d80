"""Reload the deck when a content file is saved, keeping the screen and session open.

A thread worker watches the content the app was started with (`content.watching`), loads
the deck again off the main thread and posts it; the app swaps it into the context and the
live sessions, tells each screen that shows items (`FollowsDeck`), and says so in a toast.
A save that brings a new problem keeps the deck as it was and names the problem.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

from studyapp.content import Deck, Problem
from studyapp.errors import StudyAppError

if TYPE_CHECKING:
    from studyapp.content.changes import DeckChange
    from studyapp.tui.app import StudyApp


@runtime_checkable
class FollowsDeck(Protocol):
    """A screen that shows items and repaints what a reload changed."""

    def deck_changed(self, change: DeckChange) -> None: ...


class DeckReloaded(Message):
    """A saved file gave a deck with no new problem: serve it."""

    def __init__(self, deck: Deck, problems: list[Problem], change: DeckChange, fixed: int):
        super().__init__()
        self.deck, self.problems, self.change, self.fixed = deck, problems, change, fixed


class DeckRefused(Message):
    """A saved file brought these problems: the deck stays as it was."""

    def __init__(self, new_problems: tuple[Problem, ...]) -> None:
        super().__init__()
        self.new_problems = new_problems


class WatchStopped(Message):
    """The content can no longer be watched, and why (one line)."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def watch_content(app: StudyApp, stop: threading.Event, settle_ms: int) -> None:
    """The worker: on each save, load the deck again and post what it is to `app`, until
    `stop` is set. It keeps the deck it last posted, so it never reads one the app is
    swapping in; problems are new against the deck served, fixed against the last load."""
    # Here, in the worker, not at start-up: the first frame has no use for them.
    from studyapp.content.changes import deck_changes, keyed_problems, problem_changes
    from studyapp.content.watching import content_changes

    context = app.context
    served, applied = context.deck, keyed_problems(context.problems)
    seen = applied
    try:
        for _changed in content_changes(context.content_paths, stop, settle_ms=settle_ms):
            deck, problems = context.load_content()
            now = keyed_problems(problems)
            new, fixed = problem_changes(applied, now).new, problem_changes(seen, now).fixed
            seen = now
            if stop.is_set():
                return
            if new:
                app.post_message(DeckRefused(new))
                continue
            app.post_message(DeckReloaded(deck, problems, deck_changes(served, deck), len(fixed)))
            served, applied = deck, now
    except StudyAppError as error:
        app.post_message(WatchStopped(str(error)))


def serve_reloaded(app: StudyApp, message: DeckReloaded) -> None:
    """Swap the deck in, let every open screen that shows items follow, and say what changed."""
    from studyapp.present.reload import RELOADED_TITLE, reloaded_text
    from studyapp.tui.safe_text import toast

    renamed = app.context.use_deck(message.deck, message.problems)
    for screen in list(app.screen_stack):
        if isinstance(screen, FollowsDeck) and screen.is_attached:
            screen.deck_changed(message.change)
    app.notify(toast(reloaded_text(message.change, message.fixed)), title=RELOADED_TITLE)
    app.say_renamed(renamed)


def say_refused(app: StudyApp, message: DeckRefused) -> None:
    """Name the first new problem, and that the deck stays as it was."""
    from studyapp.present.reload import REFUSED_TITLE, refused_text
    from studyapp.tui.safe_text import toast

    text = toast(refused_text(message.new_problems))
    app.notify(text, title=REFUSED_TITLE, severity="warning", timeout=12)
