"""What every command shares: the top-level options, output, errors and opening the data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

import click

from studyapp.cli.complete import complete_topics

if TYPE_CHECKING:
    from studyapp.study import StudyContext

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
#: Row ids are SQLite integers: signed 64-bit.
ROW_ID = click.IntRange(1, 2**63 - 1)
#: Seeds of `random.Random`, kept to what a 64-bit integer holds.
SEED = click.IntRange(-(2**63), 2**63 - 1)
Command = TypeVar("Command", bound=Callable[..., object])


def echo(message: str = "", err: bool = False) -> None:
    """`click.echo`, with control codes in the text (from content, a file name, the database or
    an error) shown as pictures instead of reaching the terminal."""
    from studyapp.text import printable

    click.echo(printable(message), err=err)


class Options:
    """What the top-level options resolved to, handed to every subcommand."""

    def __init__(self, db: Path | None = None, content: tuple[Path, ...] = ()) -> None:
        self.db_path = db
        self.extra_content = content

    def resolved_db_path(self) -> Path:
        from studyapp.paths import default_db_path

        return self.db_path if self.db_path is not None else default_db_path()

    def content_paths(self, more: Sequence[Path] = ()) -> list[Path]:
        """The built-in deck, the user's folders (`--content`, STUDYAPP_CONTENT), then `more`."""
        from studyapp.paths import content_dirs

        return content_dirs([*self.extra_content, *more])

    def is_loaded(self, path: Path) -> bool:
        """Whether `path` is one of the content folders or files a session loads, or in one."""
        wanted = path.expanduser().resolve()
        return any(
            wanted == folder.resolve() or wanted.is_relative_to(folder.resolve())
            for folder in self.content_paths()
        )

    def open_context(self, read_only: bool = False) -> StudyContext:
        """Load the deck and open the database; report content problems once, on stderr."""
        from studyapp.clock import clock_from_env
        from studyapp.lines.reports import content_problem_lines, renamed_lines
        from studyapp.paths import cache_dir
        from studyapp.study import StudyContext

        context = StudyContext.open(
            self.content_paths(),
            self.resolved_db_path(),
            clock_from_env(),
            cache_dir(),
            read_only=read_only,
        )
        for line in [*content_problem_lines(context.problems), *renamed_lines(context.renamed)]:
            echo(line, err=True)
        return context


pass_options = click.make_pass_decorator(Options)


def run_with(
    options: Options, body: Callable[[StudyContext], None], read_only: bool = False
) -> None:
    """Open the deck and database, run `body` on them, and close them whatever happens."""
    context = options.open_context(read_only)
    try:
        body(context)
    finally:
        context.close()


def _set_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(Options).db_path = value


def _add_content(ctx: click.Context, _param: click.Parameter, value: tuple[Path, ...]) -> None:
    if value:
        options = ctx.ensure_object(Options)
        options.extra_content = (*options.extra_content, *value)


def common_options(command: Command) -> Command:
    """Accept --db and --content after the subcommand too (`studyapp quiz --db x.db`)."""
    command = click.option(
        "--content",
        multiple=True,
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_add_content,
        help="Extra folder or file of your own YAML content; repeatable.",
    )(command)
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False,
        callback=_set_db,
        help="Progress database file.",
    )(command)


topic_option = click.option(
    "--topic",
    "-t",
    "topics",
    multiple=True,
    metavar="TOPIC",
    shell_complete=complete_topics,
    help="Only this topic; repeatable.",
)

plain_option = click.option(
    "--plain",
    is_flag=True,
    help="Line mode on stdin/stdout (chosen anyway when not on a terminal).",
)


def count_option(what: str) -> Callable[[Command], Command]:
    """`--count/-n`, how many items a quiz or drill serves."""
    return click.option(
        "--count",
        "-n",
        type=click.IntRange(1, 500),
        default=10,
        show_default=True,
        help=f"How many {what}.",
    )


class StudyAppFailure(click.ClickException):
    """A StudyAppError on its way out: one line on stderr, exit status 1."""

    def show(self, file: IO[str] | None = None) -> None:
        echo(f"studyapp: {self.format_message()}", err=True)


class UsageFailure(StudyAppFailure):
    """A command given too little to go on (what it needs is in the line): exit 2, as click
    exits on a usage error."""

    exit_code = 2


class ClosedStream(StudyAppFailure):
    """Standard input or output was closed before studyapp started (`<&-`, `>&-`): exit 2."""

    exit_code = 2
