"""`studyapp import`: files from other tools turned into content of your own."""

from __future__ import annotations

from pathlib import Path

import click

from studyapp.cli.complete import complete_topics
from studyapp.cli.options import Options, common_options, echo, pass_options
from studyapp.errors import UsageError


@click.group("import")
def import_group() -> None:
    """Turn files from other tools into content files of your own."""


def _default_folder(options: Options) -> Path:
    """Where imports go by default: your one content folder (--content or STUDYAPP_CONTENT)
    when you name one, else your deck folder, which every session loads."""
    from studyapp.paths import user_decks_dir

    folders = [path for path in options.extra_content if not path.is_file()]
    if len(folders) == 1:
        return folders[0].expanduser()
    if not folders:
        return user_decks_dir()
    raise UsageError(
        "several content folders are named: say where to write with --into DIR (or name "
        "one folder of your own with --content DIR or STUDYAPP_CONTENT)"
    )


@import_group.command("csv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--topic",
    "-t",
    required=True,
    metavar="TOPIC",
    shell_complete=complete_topics,
    help="The topic the rows belong to (one of the deck's, or a new one with --title).",
)
@click.option(
    "--into",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write TOPIC.yaml in [default: your one --content folder, else your deck "
    "folder].",
)
@click.option("--title", help="The title of a new topic, one the deck does not have yet.")
@common_options
@pass_options
def import_csv(
    options: Options, file: Path, topic: str, into: Path | None, title: str | None
) -> None:
    """Turn a CSV of notes, cards, questions, scenarios or glossary terms (as `export csv`
    writes them; the header says which) into DIR/TOPIC.yaml, merging by id into a file an
    import wrote. Nothing is written if any row has a problem."""
    from studyapp.interop.csv_files import CsvImportError
    from studyapp.interop.csv_import import import_csv as read_csv
    from studyapp.lines.interchange import import_lines

    folder = into if into is not None else _default_folder(options)
    try:
        plan = read_csv(file, topic, folder, options.content_paths(), title)
    except CsvImportError as error:
        for problem in error.problems:
            echo(str(problem), err=True)
        raise
    for line in import_lines(plan, options.is_loaded(folder)):
        echo(line)


COMMANDS = {"import": import_group}
