"""`studyapp db`: check the progress database for damage, or rebuild what can be read."""

from __future__ import annotations

from pathlib import Path

import click

from studyapp.cli.options import Options, StudyAppFailure, common_options, echo, pass_options


@click.group("db")
def db_group() -> None:
    """Check the progress database for damage, or rebuild what can be read of it."""


@db_group.command("check")
@common_options
@pass_options
def db_check(options: Options) -> None:
    """Run SQLite's integrity check on the database (read-only); exit 1 on damage."""
    from studyapp.lines.reports import database_damaged_message, database_ok_line
    from studyapp.store.opening import inspect_file
    from studyapp.store.recovery import check_database

    path = options.resolved_db_path()
    result = check_database(path)
    # Damage is what went wrong: on stderr with its summary line, as `content check` does,
    # so `db check >/dev/null` still shows it and stdout carries only the all-clear.
    for problem in result.problems:
        echo(problem, err=True)
    if result.problems:
        raise StudyAppFailure(database_damaged_message(path, len(result.problems)))
    inspect_file(path, 5.0, check_pages=False)  # ours, and every table there?
    echo(database_ok_line(path, result.schema_version))


@db_group.command("recover")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@common_options
@pass_options
def db_recover(options: Options, out: Path) -> None:
    """Rebuild a new database OUT from what can be read of the current one (never changed).

    The review log is replayed row by row, skipping damaged pages, and every item's state
    rebuilt from it; settings, preferences, flags, sessions, suspensions and exams are
    copied where readable. Use it with `--db OUT` (or move it into place) afterwards.
    """
    from studyapp.lines.reports import recovery_lines
    from studyapp.srs.replay import recover as recover_database

    source = options.resolved_db_path()
    report = recover_database(source, out)
    for line in recovery_lines(report, source, out):
        echo(line)


COMMANDS = {"db": db_group}
