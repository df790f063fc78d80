"""The base of every study screen: undo, flag or bookmark the item, open its topic's notes,
end."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from studyapp.content import Item
from studyapp.study import StudySession
from studyapp.tui.saving import retry_when_disk_full


class StudyScreen(Screen[None]):
    """A screen that drives a StudySession; subclasses repaint in `after_undo`."""

    session: StudySession

    STUDY_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "undo", "Undo", id="study.undo", tooltip="Take back the last answer"),
        Binding("f", "flag", "Flag", id="study.flag", tooltip="Report a wrong or unclear item"),
        Binding("b", "bookmark", "Bookmark", id="study.bookmark", tooltip="Bookmark, or unmark"),
        Binding("n", "notes", "Notes", id="study.notes", tooltip="Read this topic's notes"),
        Binding("escape", "finish", "End", id="study.end", tooltip="End the session"),
    ]

    def topic_title(self, item_id: str) -> str:
        """The item's topic title on one line, control codes shown (never markup-parsed)."""
        from studyapp.tui.safe_text import one_line

        deck = self.session.deck
        topic = deck.topics.get(deck.topic_of.get(item_id, ""))
        return "" if topic is None else one_line(topic.title)  # gone since: a file was saved

    @retry_when_disk_full
    def action_undo(self) -> None:
        item = self.session.undo()
        if item is None:
            self.app.notify("Nothing to undo.")
            return
        self.after_undo()

    def after_undo(self) -> None:
        raise NotImplementedError

    def item_on_screen(self) -> Item | None:
        """The item the learner sees (a quiz's answered question until Enter moves on)."""
        return self.session.current()

    @retry_when_disk_full
    def action_bookmark(self) -> None:
        from studyapp.tui.bookmarking import toggle_bookmark

        item = self.item_on_screen()
        if item is not None:
            toggle_bookmark(self, item.id)
            self.show_bookmark_mark(item.id)

    def show_bookmark_mark(self, item_id: str) -> None:
        """Show whether the item is bookmarked (in the header, unless a screen says else)."""
        from studyapp.tui.bookmarking import bookmark_mark

        self.sub_title = bookmark_mark(self, item_id)

    def action_flag(self) -> None:
        from studyapp.tui.screens.flag import FlagDialog

        item = self.item_on_screen()
        if item is None:
            return
        self.app.push_screen(FlagDialog(item.id), partial(self._save_flag, item))

    @retry_when_disk_full
    def _save_flag(self, item: Item, comment: str | None) -> None:
        if comment is None:
            return
        from studyapp.content import content_hash

        self.session.store.flags.add(
            item.id, self.session.clock.now(), comment or None, content_hash(item)
        )
        from studyapp.present.flags import flag_saved_text

        self.app.notify(flag_saved_text(item.id), markup=False)

    def action_notes(self) -> None:
        from studyapp.tui.screens.notes import NotesScreen

        item = self.item_on_screen()
        topic_id = self.session.deck.topic_of.get(item.id) if item else None
        self.app.push_screen(NotesScreen(topic_id))

    def action_finish(self) -> None:
        self.finish()

    def finish(self) -> None:
        from studyapp.tui.screens.summary import SummaryScreen

        self.session.end()
        self.app.switch_screen(SummaryScreen(self.session.summary(), self.session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.session.history)
        return True
