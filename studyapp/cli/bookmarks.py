"""`studyapp bookmarks`: list the bookmarked items, or take one's bookmark away."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from studyapp.cli.options import Options, common_options, echo, pass_options, run_with

if TYPE_CHECKING:
    from studyapp.study import StudyContext


@click.command()
@click.option("--remove", "remove_id", metavar="ID", help="Take the bookmark off item ID.")
@common_options
@pass_options
def bookmarks(options: Options, remove_id: str | None) -> None:
    """List the items you bookmarked (b on a study screen), newest first: id, topic, when
    and what each asks. `studyapp quiz --bookmarked` practises them."""
    if remove_id is not None:
        from studyapp.errors import UsageError
        from studyapp.present.bookmarks import bookmark_removed_line
        from studyapp.srs.replay import open_store

        with open_store(options.resolved_db_path()) as store:
            if not store.bookmarks.remove(remove_id):
                raise UsageError(
                    f"{remove_id!r} is not bookmarked (`studyapp bookmarks` lists them)"
                )
        echo(bookmark_removed_line(remove_id))
        return

    def body(context: StudyContext) -> None:
        from studyapp.lines.writer import terminal_width
        from studyapp.present.bookmarks import bookmark_lines

        records = context.store.bookmarks.records()
        for line in bookmark_lines(records, context.deck, context.clock.local_tz, terminal_width()):
            echo(line)

    run_with(options, body, read_only=True)


COMMANDS = {"bookmarks": bookmarks}
