"""`studyapp export csv`: the deck as CSV files for a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from studyapp.cli.options import Options, common_options, echo, pass_options, topic_option


@click.command("csv")
@click.argument(
    "directory",
    metavar="[DIR]",
    required=False,
    default=Path("."),
    type=click.Path(file_okay=False, path_type=Path),
)
@topic_option
@click.option("--force", is_flag=True, help="Replace the CSV files already in DIR.")
@common_options
@pass_options
def export_csv(options: Options, directory: Path, topics: tuple[str, ...], force: bool) -> None:
    """Write notes.csv, cards.csv, questions.csv, scenarios.csv and glossary.csv into DIR
    (default: here), one row per entry, for a spreadsheet; `studyapp import csv` reads
    them back."""
    from studyapp.content import load_deck
    from studyapp.interop.csv_export import export_csv as write_csv
    from studyapp.lines.interchange import export_lines
    from studyapp.lines.reports import problems_left_out_line

    deck, problems = load_deck(options.content_paths())
    if problems:
        echo(problems_left_out_line(len(problems)), err=True)
    for line in export_lines(write_csv(deck, directory, topics, force)):
        echo(line)


COMMANDS = {"csv": export_csv}
