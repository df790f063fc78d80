"""Progress commands: stats, due, leeches, flagged, settings and where."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from studyapp.cli.complete import (
    complete_guides,
    complete_setting_names,
    complete_setting_values,
)
from studyapp.cli.options import (
    ROW_ID,
    Options,
    common_options,
    echo,
    pass_options,
    run_with,
    topic_option,
)

if TYPE_CHECKING:
    from studyapp.study import StudyContext


@click.command()
@topic_option
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option(
    "--guide",
    "guide_id",
    metavar="GUIDE",
    shell_complete=complete_guides,
    help="Readiness per domain of this exam guide (dva-c02, saa-c03; default dva-c02).",
)
@common_options
@pass_options
def stats(options: Options, topics: tuple[str, ...], as_json: bool, guide_id: str | None) -> None:
    """Show reviews, retention, mastery, the due forecast, a heatmap, leeches, confusions
    and readiness (overall, per topic and per exam-guide domain)."""

    def body(context: StudyContext) -> None:
        from studyapp.lines.stats import print_stats_report

        print_stats_report(context, context.check_topics(topics), as_json, guide_id)

    run_with(options, body, read_only=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of one line.")
@common_options
@pass_options
def due(options: Options, as_json: bool) -> None:
    """Print one line of what is due now per topic (fast enough for a shell prompt)."""

    def body(context: StudyContext) -> None:
        from studyapp.lines.reports import due_line

        echo(due_line(context, as_json))

    run_with(options, body, read_only=True)


@click.command()
@click.option("--unsuspend", "unsuspend_id", metavar="ID", help="Bring item ID back into study.")
@common_options
@pass_options
def leeches(options: Options, unsuspend_id: str | None) -> None:
    """List the items suspended as leeches (forgotten 8 times), or unsuspend one."""
    if unsuspend_id is not None:
        from studyapp.lines.reports import back_in_study_line
        from studyapp.srs.replay import open_store

        with open_store(options.resolved_db_path()) as store:
            store.flags.unsuspend(unsuspend_id)
        echo(back_in_study_line(unsuspend_id))
        return

    def body(context: StudyContext) -> None:
        from studyapp.lines.reports import leech_lines
        from studyapp.stats import leeches as find_leeches

        for line in leech_lines(find_leeches(context.deck, context.store)):
            echo(line)

    run_with(options, body, read_only=True)


@click.command()
@click.option("--all", "include_resolved", is_flag=True, help="Include flags marked fixed.")
@click.option("--resolve", "resolve_id", type=ROW_ID, metavar="ID", help="Mark flag ID as fixed.")
@common_options
@pass_options
def flagged(options: Options, include_resolved: bool, resolve_id: int | None) -> None:
    """List the items learners flagged, with the file and line to fix them at."""
    from studyapp.lines import reports
    from studyapp.lines.reports import flag_fixed_line
    from studyapp.srs.replay import open_store

    with open_store(options.resolved_db_path(), read_only=resolve_id is None) as store:
        if resolve_id is not None:
            store.flags.resolve(resolve_id)
            echo(flag_fixed_line(resolve_id))
            return
        flags = store.flags.records(include_resolved)
    if not flags:
        echo(reports.NO_FLAGS_LINE)
        return
    from studyapp.content import load_deck
    from studyapp.lines.reports import flag_lines

    deck, _problems = load_deck(options.content_paths())
    for line in flag_lines(flags, deck):
        echo(line)


@click.command()
@click.argument("key", required=False, shell_complete=complete_setting_names)
@click.argument("value", required=False, shell_complete=complete_setting_values)
@common_options
@pass_options
def settings(options: Options, key: str | None, value: str | None) -> None:
    """Show settings, or set one: `studyapp settings new_per_day 30`.

    `exam_guide` (dva-c02, saa-c03 or none) is the guide a mock exam follows when `exam
    --guide` is not given; `exam_include_newer` (yes or no) draws items tagged
    newer-than-exam into mock exams; `theme` is the full-screen app's theme, one of
    Textual's (nord, dracula, textual-light, ...; Tab completes them).
    """
    from studyapp.lines.reports import settings_lines
    from studyapp.srs.replay import open_store
    from studyapp.store.records import SETTING_NAMES

    path = options.resolved_db_path()
    # Showing reads (a read-only file works); the first `settings` creates a missing file.
    with open_store(path, read_only=value is None and path.exists()) as store:
        if key is not None and value is None:
            raise click.UsageError(f"give a value for {key!r}")
        if key == "exam_guide" and value:
            from studyapp.study.exam_guide import known_guide

            known_guide(value)
        current = store.settings.set(key, value) if key and value else store.settings.current()
        for line in settings_lines(current, SETTING_NAMES):
            echo(line)


@click.command()
@common_options
@pass_options
def where(options: Options) -> None:
    """Show which database and content folders are in use, and how to browse the database."""
    from studyapp.lines.reports import where_lines
    from studyapp.paths import datasette_metadata_path, user_decks_dir

    lines = where_lines(
        options.resolved_db_path(),
        options.content_paths(),
        datasette_metadata_path(),
        user_decks_dir(),
    )
    for line in lines:
        echo(line)


COMMANDS = {
    "stats": stats,
    "due": due,
    "leeches": leeches,
    "flagged": flagged,
    "settings": settings,
    "where": where,
}
