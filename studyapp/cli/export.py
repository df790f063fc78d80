"""`studyapp export`: take content and progress out, for Anki, spreadsheets and other FSRS
tools."""

from __future__ import annotations

from pathlib import Path

import click

from studyapp.cli.export_csv import export_csv
from studyapp.cli.options import Options, common_options, echo, pass_options, topic_option


@click.group("export")
def export() -> None:
    """Write the deck or the review log to files other programs read."""


@export.command("anki")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@topic_option
@common_options
@pass_options
def export_anki(options: Options, file: Path, topics: tuple[str, ...]) -> None:
    """Write the deck to FILE as an Anki package (.apkg): a deck per topic under studyapp::.

    Importing a later export into Anki updates the notes an earlier one added (each
    note's id comes from its item id) and keeps their review history there.
    """
    from studyapp.clock import clock_from_env
    from studyapp.content.cache import load_deck_cached
    from studyapp.decide.check import load_checked_deck
    from studyapp.interop.anki import export_anki as write_apkg
    from studyapp.lines.export import anki_export_line
    from studyapp.lines.reports import content_problem_lines
    from studyapp.paths import cache_dir

    deck, problems = load_deck_cached(options.content_paths(), cache_dir(), load_checked_deck)
    for line in content_problem_lines(problems):
        echo(line, err=True)
    result = write_apkg(
        deck, file, clock_from_env().now(), topics, database=options.resolved_db_path()
    )
    echo(anki_export_line(result))


@export.command("reviews")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@common_options
@pass_options
def export_reviews(options: Options, file: Path) -> None:
    """Write the review log to FILE as CSV in the FSRS optimizer's format.

    Columns: card_id, review_time (ms since the epoch, UTC), review_rating (1-4),
    review_state (0 New, 1 Learning, 2 Review, 3 Relearning), review_duration (ms).
    """
    from studyapp.interop.reviews_csv import export_reviews as write_csv
    from studyapp.lines.export import reviews_export_line
    from studyapp.srs.replay import open_store

    with open_store(options.resolved_db_path(), read_only=True) as store:
        result = write_csv(store, file)
    echo(reviews_export_line(result))


export.add_command(export_csv)

COMMANDS = {"export": export}
