"""`studyapp merge OTHER.db`: join another device's progress into this database."""

from __future__ import annotations

from pathlib import Path

import click

from studyapp.cli.options import Options, common_options, echo, pass_options


@click.command("merge")
@click.argument("other", type=click.Path(dir_okay=False, path_type=Path))
@common_options
@pass_options
def merge(options: Options, other: Path) -> None:
    """Join the progress in OTHER (another device's copy) into this database.

    One transaction; OTHER is only read. Reviews, flags, bookmarks, suspensions and
    finished exams are joined; every item's state is replayed from the joined log; this
    database's settings are kept. The rules are in the README ("Two devices").
    """
    from studyapp.interop import merge_database
    from studyapp.lines.merge import merge_lines

    for line in merge_lines(merge_database(other, options.resolved_db_path())):
        echo(line)


COMMANDS = {"merge": merge}
