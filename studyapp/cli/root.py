"""The top-level `studyapp` group: options, errors as one line, and commands loaded lazily."""

from __future__ import annotations

import importlib
import os
import sqlite3  # here, not in invoke: a Ctrl-C during that import escaped the handler
import sys
from pathlib import Path

import click

from studyapp.cli.options import CONTEXT_SETTINGS, Options, StudyAppFailure

#: Each command, and the module that defines it (imported only when the command is asked for).
COMMAND_MODULES = {
    "backup": "studyapp.cli.backup",
    "bookmarks": "studyapp.cli.bookmarks",
    "content": "studyapp.cli.content",
    "db": "studyapp.cli.database",
    "decide": "studyapp.cli.decide",
    "due": "studyapp.cli.progress",
    "exam": "studyapp.cli.study",
    "export": "studyapp.cli.export",
    "flagged": "studyapp.cli.progress",
    "import": "studyapp.cli.importing",
    "leeches": "studyapp.cli.progress",
    "merge": "studyapp.cli.merge",
    "notes": "studyapp.cli.study",
    "optimize": "studyapp.cli.planning",
    "plan": "studyapp.cli.planning",
    "quiz": "studyapp.cli.study",
    "restore": "studyapp.cli.backup",
    "review": "studyapp.cli.study",
    "scenarios": "studyapp.cli.study",
    "settings": "studyapp.cli.progress",
    "stats": "studyapp.cli.progress",
    "where": "studyapp.cli.progress",
}

#: The commands with a line mode of their own (`--plain`).
PLAIN_COMMANDS = ("exam", "notes", "quiz", "review", "scenarios")


def _interruptible_from_here() -> None:
    """Give Ctrl-C back to Python (a KeyboardInterrupt the sessions handle) once a command
    runs. `studyapp.__main__` made it exit 130 quietly until now, through click's parsing
    too, where click would print "Aborted!" and exit 1."""
    import signal

    handler = signal.getsignal(signal.SIGINT)
    if getattr(handler, "__name__", "") == "_interrupted_while_starting":
        signal.signal(signal.SIGINT, signal.default_int_handler)


class StudyAppGroup(click.Group):
    """Loads each command from its module on first use, and turns the errors a user can fix
    into one line instead of a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(cmd_name)
        if module_name is None:
            return None
        command = importlib.import_module(module_name).COMMANDS[cmd_name]
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> object:
        from studyapp.errors import StudyAppError, failure_line

        try:
            _interruptible_from_here()
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise click.exceptions.Exit(130) from None  # Ctrl-C: quietly, as a shell expects
        except (StudyAppError, sqlite3.Error) as exc:
            where = ctx.obj.resolved_db_path() if isinstance(ctx.obj, Options) else "database"
            raise StudyAppFailure(failure_line(exc, where)) from exc


@click.group(cls=StudyAppGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="STUDYAPP_DB",
    help="Progress database file [env STUDYAPP_DB; default: your user data folder].",
)
@click.option(
    "--content",
    "content",
    multiple=True,
    type=click.Path(path_type=Path),
    envvar="STUDYAPP_CONTENT",
    help="Extra folder or file of your own YAML content; repeatable [env STUDYAPP_CONTENT].",
)
@click.option(
    "--plain",
    is_flag=True,
    help="Line mode on stdin/stdout even on a terminal (screen readers, scripts): the menu, "
    "or the command's --plain.",
)
@click.version_option(package_name="studyapp")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, content: tuple[Path, ...], plain: bool) -> None:
    """Study the AWS serverless and container exam topics with spaced repetition.

    Run with no command for Home (the line-mode menu with --plain or off a terminal);
    `studyapp review` and `studyapp quiz` start a session straight away.
    """
    ctx.obj = Options(db, content)
    if plain:  # `studyapp --plain quiz` is `studyapp quiz --plain`
        ctx.default_map = {name: {"plain": True} for name in PLAIN_COMMANDS}
    if ctx.invoked_subcommand is None:
        from studyapp.cli.launch import start_home

        start_home(ctx.obj, plain)


def main() -> None:
    """Run the command line (`studyapp.__main__.main` calls this once Ctrl-C is safe)."""
    if sys.stdout is None:  # closed (`>&-`): nothing could be shown, and fd 1 may be reused
        if sys.stderr is not None:
            sys.stderr.write("studyapp: standard output is closed\n")
        sys.exit(2)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    try:
        cli(standalone_mode=True, prog_name="studyapp")
    except BrokenPipeError:
        os._exit(0)
