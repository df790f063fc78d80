"""`studyapp backup` and `studyapp restore`: copy the progress file out, or put one back."""

from __future__ import annotations

from pathlib import Path

import click

from studyapp.cli.options import Options, common_options, echo, pass_options


@click.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--keep",
    type=click.IntRange(1),
    default=10,
    show_default=True,
    help="Timestamped backups kept in the backups/ folder (older ones deleted).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
@pass_options
def backup(options: Options, file: Path | None, keep: int, force: bool) -> None:
    """Copy the database to FILE, safely while studyapp runs (SQLite's backup API).

    Without FILE: a timestamped file in a `backups/` folder beside the database, keeping
    the newest --keep of those.
    """
    from dataclasses import replace

    from studyapp.clock import clock_from_env
    from studyapp.interop import backup_database, default_backup_path
    from studyapp.interop.backup import prune_backups
    from studyapp.lines.backup import backup_line

    db_path = options.resolved_db_path()
    target = file if file is not None else default_backup_path(db_path, clock_from_env().now())
    result = backup_database(db_path, target, force=force)
    if file is None:
        result = replace(result, pruned=prune_backups(db_path, keep, result.path))
    echo(backup_line(result))


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@common_options
@pass_options
def restore(options: Options, file: Path) -> None:
    """Replace the database's content with the backup FILE, once FILE checks out.

    The current database is kept as `<db>.before-restore-<timestamp>`.
    """
    from studyapp.clock import clock_from_env
    from studyapp.interop import restore_database
    from studyapp.lines.backup import restore_line

    db_path = options.resolved_db_path()
    result = restore_database(file, db_path, clock_from_env().now())
    echo(restore_line(result, db_path))


COMMANDS = {"backup": backup, "restore": restore}
