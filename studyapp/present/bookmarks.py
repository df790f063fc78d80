"""Bookmarks as both front ends and the CLI word them: toggled, marked, listed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from studyapp.content import Deck
from studyapp.present.items import item_line
from studyapp.store.records import Bookmark
from studyapp.text import ellipsize

#: Shown beside an item that is bookmarked.
BOOKMARK_MARK = "★ bookmarked"
#: What `studyapp bookmarks` says when there are none.
NO_BOOKMARKS_LINE = "No bookmarks yet: press b on a study screen to bookmark an item."
#: The columns `studyapp bookmarks` lists, the title last so it can take the width left.
HEADERS = ("ID", "TOPIC", "BOOKMARKED", "TITLE")
#: Never cut a title shorter than this, however narrow the terminal.
MIN_TITLE_WIDTH = 20


def bookmark_toggled_text(added: bool) -> str:
    """What toggling a bookmark says."""
    if added:
        return "Bookmarked: `studyapp bookmarks` lists them, `--bookmarked` practises them."
    return "Bookmark removed."


def bookmark_removed_line(item_id: str) -> str:
    """What `studyapp bookmarks --remove ID` says when it took one away."""
    return f"Bookmark on {item_id} removed."


def bookmark_lines(
    bookmarks: Sequence[Bookmark], deck: Deck, local_tz: tzinfo, width: int = 80
) -> list[str]:
    """Each bookmark, newest first: id, topic, when (local) and its title cut at a word
    boundary so a line fits in `width` cells; an item no longer in the deck says so."""
    if not bookmarks:
        return [NO_BOOKMARKS_LINE]
    rows = [
        (
            mark.item_id,
            deck.topic_of.get(mark.item_id, "-"),
            f"{mark.bookmarked_at.astimezone(local_tz):%Y-%m-%d %H:%M}",
        )
        for mark in bookmarks
    ]
    widths = [max(len(row[n]) for row in [HEADERS[:3], *rows]) for n in range(3)]
    room = max(MIN_TITLE_WIDTH, width - sum(widths) - 2 * len(widths))

    def line(cells: tuple[str, ...], title: str) -> str:
        lead = "  ".join(cell.ljust(size) for cell, size in zip(cells, widths, strict=True))
        return f"{lead}  {title}".rstrip()

    lines = [line(HEADERS[:3], HEADERS[3])]
    for mark, cells in zip(bookmarks, rows, strict=True):
        item = deck.items.get(mark.item_id)
        title = item_line(item, room) if item else ellipsize("(no longer in the deck)", room)
        lines.append(line(cells, title))
    return lines
