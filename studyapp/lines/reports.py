"""Short printed reports of the command line: notes, due counts, leeches, flags, fits, plans."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from studyapp.text import plural

if TYPE_CHECKING:
    from studyapp.content import Deck, Note, Problem
    from studyapp.srs.optimize import OptimizeResult
    from studyapp.stats import Leech
    from studyapp.store import FlagRecord, Settings
    from studyapp.store.recovery import RecoveryReport
    from studyapp.store.renames import Renamed
    from studyapp.study import StudyContext

#: How many content problems a command lists before "and N more".
SHOWN_PROBLEMS = 10
Result = TypeVar("Result")


def content_problem_lines(problems: Sequence[Problem]) -> list[str]:
    """Content problems, once on stderr: a count, the first ten, and how many more."""
    if not problems:
        return []
    shown = problems[:SHOWN_PROBLEMS]
    lines = [
        f"studyapp: {plural(len(problems), 'content problem')}; the rest of the "
        "content loaded (details: studyapp content check):",
        *(f"  {problem}" for problem in shown),
    ]
    if len(problems) > len(shown):
        lines.append(f"  … and {len(problems) - len(shown)} more")
    return lines


def renamed_lines(renamed: Sequence[Renamed]) -> list[str]:
    """Once on stderr, after an open of the deck moved renamed items' reviews."""
    from studyapp.present.renames import renamed_sentences

    return [f"studyapp: {sentence}" for sentence in renamed_sentences(renamed)]


def problems_found_line(count: int) -> str:
    """After `content check` lists its problems."""
    return f"{plural(count, 'problem')} found."


def problems_left_out_line(count: int) -> str:
    """Once on stderr when a command loads content with problems but lists none of them."""
    return (
        f"studyapp: {plural(count, 'content problem')} left out (details: studyapp content check)"
    )


def lint_warning(finding: Problem) -> Problem:
    """A lint finding as `content check` shows it without `--strict`: marked as a warning."""
    return replace(finding, message=f"warning: {finding.message}")


def warnings_line(count: int) -> str:
    """After `content check` lists warnings that only `--strict` makes problems."""
    return f"{plural(count, 'warning')}; --strict makes them problems."


def deck_counts_line(deck: Deck) -> str:
    """`OK: 8 topics, ...` after a clean content check."""
    counts = [plural(len(deck.topics), "topic"), plural(len(deck.notes), "note")]
    return f"OK: {', '.join(counts)}, {plural(len(deck.items), 'item')}."


def notes_lines(deck: Deck, topic_ids: Sequence[str], width: int | None = None) -> list[str]:
    """Each note of these topics as plain text wrapped to `width` (the terminal's): its title
    underlined, its Markdown without markup (tables aligned), then its sources."""
    from studyapp.lines.writer import terminal_width

    width = width or terminal_width()
    return [
        line
        for topic_id in topic_ids
        for note in deck.notes_of(topic_id)
        for line in note_lines(note, width)
    ]


def note_lines(note: Note, width: int) -> list[str]:
    """One note as line mode prints it: the title underlined, the Markdown as plain text,
    the sources, and a blank line after."""
    from studyapp.content.markdown import plain_text, underlined

    lines = [*underlined(note.title, width), "", plain_text(note.body, width), ""]
    return [*lines, "Sources:", *(f"  {url}" for url in note.sources), ""]


def glossary_lines(deck: Deck, topic_ids: Sequence[str]) -> list[str]:
    """Each of these topics' glossary as plain text (its title underlined, as a note's is): the
    terms alphabetically, each with its definition and source; a topic without one says so."""
    from studyapp.content.markdown import underlined
    from studyapp.lines.writer import terminal_width
    from studyapp.present.glossary import GLOSSARY_TITLE, alphabetical, term_heading

    lines: list[str] = []
    for topic_id in topic_ids:
        title = f"{GLOSSARY_TITLE}: {deck.topics[topic_id].title}"
        lines += [*underlined(title, terminal_width()), ""]
        entries = alphabetical(deck.glossary_of(topic_id))
        if not entries:
            lines.append("(no glossary)\n")
        for entry in entries:
            lines.append(term_heading(entry))
            lines.append(f"  {' '.join(entry.definition.split())}")
            lines.append(f"  Source: {entry.source}\n")
    return lines


def due_line(context: StudyContext, as_json: bool) -> str:
    """What is due now per topic and how many new items are left today, as a line or JSON."""
    from studyapp.stats.overview import today_overview

    overview = today_overview(context)
    rows = overview.topics
    if as_json:
        import json

        topics = {row.topic_id: {"due": row.due, "new": row.new} for row in rows}
        total = {"due": overview.due, "new": overview.new}
        return json.dumps({"topics": topics, "total": total})
    parts = [f"{row.topic_id} {row.due}" for row in rows if row.due]
    due_text = ", ".join(parts) if parts else "nothing"
    return f"due now: {due_text} · new today: {overview.new}"


def leech_lines(found: Sequence[Leech]) -> list[str]:
    """Each suspended leech: how often forgotten and when suspended."""
    if not found:
        return ["No leeches."]
    return [
        f"{leech.item_id} ({leech.topic_id or 'no longer in the deck'}): forgotten "
        f"{leech.lapses} times, suspended {leech.suspended_at:%Y-%m-%d}"
        for leech in found
    ]


def flag_lines(flags: Sequence[FlagRecord], deck: Deck) -> list[str]:
    """Each flag with the file and line of its item, whether fixed, and the comment."""
    lines = []
    for flag in flags:
        origin = deck.origin_of.get(flag.item_id)
        where = f"{origin.path}:{origin.line}" if origin else "(no longer in the deck)"
        status = " [fixed]" if flag.resolved else ""
        comment = f": {flag.comment}" if flag.comment else ""
        lines.append(f"#{flag.id} {flag.item_id} at {where}{status}{comment}")
    return lines


def fit_lines(result: OptimizeResult, item_count: int) -> list[str]:
    """The optimizer's table: held-out items, then log loss and RMSE before and after."""
    lines = [
        f"held out: {result.held_out_items} of {plural(item_count, 'item')}",
        "           log loss   RMSE",
    ]
    for name, fit in (("current", result.before), ("new", result.after)):
        lines.append(f"{name:<10} {fit.log_loss:>8.4f}   {fit.rmse:.4f}")
    return lines


def with_spinner(label: str, work: Callable[[], Result]) -> Result:
    """Run `work` under a spinner with elapsed time on stderr (the fit reports no progress)."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        progress.add_task(label, total=None)
        return work()


def plan_lines(
    context: StudyContext, exam: date, today: date, minutes_per_day: int | None
) -> list[str]:
    """The exam date, the expected recall on the day and the daily workload to get there."""
    from studyapp.srs.plan import project

    settings = context.store.settings.current()
    learned = [
        s for s in context.store.reviews.states().values() if s.item_id in context.deck.items
    ]
    projection = project(
        context.scheduler.parameters,
        settings.desired_retention,
        len(context.deck.items),
        learned,
        (exam - today).days,
        settings.new_per_day + settings.new_questions_per_day,  # both kinds' new items
        minutes_per_day,
    )
    return [
        f"exam: {exam} ({plural(projection.days_left, 'day')} away)",
        f"on exam day: about {projection.memorised_on_exam_day:.0f} of "
        f"{plural(projection.deck_size, 'item')} recalled ({projection.readiness:.0%}); "
        f"{projection.learned} learned so far",
        f"per day: about {plural(round(projection.reviews_per_day), 'review')}, "
        f"{projection.new_per_day:.0f} new, {plural(round(projection.minutes_per_day), 'minute')}",
    ]


def recovery_lines(report: RecoveryReport, source: Path, out: Path) -> list[str]:
    """What `db recover` rebuilt, what it could not read, and how to use the new file."""
    lines = [f"reviews: {report.reviews:,} recovered into {out}"]
    if report.reviews_from_index:
        lines.append(
            f"  {report.reviews_from_index} of them from an index of the log: time, item and "
            "rating kept, the answer given lost"
        )
    lines += [f"{table}: {count}" for table, count in report.copied.items()]
    if report.unreadable_ranges or report.lost_tables:
        lost = f"; unreadable: {', '.join(report.lost_tables)}" if report.lost_tables else ""
        lines.append(
            f"{plural(report.unreadable_ranges, 'row or range', 'rows or ranges')} of rows "
            "unreadable in their tables" + lost
        )
    lines.append(f"{source} was not changed; `studyapp --db {out}` studies from the new file.")
    return lines


def database_damaged_message(path: Path, count: int) -> str:
    """Why `db check` fails, and what to do about it."""
    return (
        f"{path}: {plural(count, 'problem')}; "
        "`studyapp db recover NEW.db` rebuilds what can be read into a new file"
    )


def database_ok_line(path: Path, schema_version: int | None) -> str:
    """`db check` on a sound database."""
    return f"{path}: ok (schema version {schema_version})"


def fitting_label(reviews: int, items: int) -> str:
    """The spinner's label while `optimize` fits FSRS."""
    return f"Fitting FSRS to {plural(reviews, 'review')} of {plural(items, 'item')}"


def exam_date_passed_line(exam: date) -> str:
    """`plan` once the stored exam date is today or past."""
    return f"The exam date {exam} has passed: `studyapp plan --clear`."


def back_in_study_line(item_id: str) -> str:
    """After `leeches --unsuspend ID`."""
    return f"{item_id} is back in study."


def flag_fixed_line(flag_id: int) -> str:
    """After `flagged --resolve ID`."""
    return f"Flag {flag_id} marked fixed."


def settings_lines(settings: Settings, names: Iterable[str]) -> list[str]:
    """`name = value`, one line per setting (yes or no for a switch)."""
    values = {name: getattr(settings, name) for name in names}
    shown = {k: ("yes" if v else "no") if isinstance(v, bool) else v for k, v in values.items()}
    return [f"{name} = {value}" for name, value in shown.items()]


def where_lines(
    db_path: Path,
    content_paths: Iterable[Path],
    metadata_path: Path | None = None,
    decks_dir: Path | None = None,
) -> list[str]:
    """The database and the content folders in use, the user deck folder (whether it is there
    yet), and how to browse the database with Datasette (given where its metadata is)."""
    lines = [f"database: {db_path}", *(f"content:  {path}" for path in content_paths)]
    if decks_dir is not None:
        state = "loaded after the built-in deck" if decks_dir.is_dir() else "not created yet"
        lines.append(f"decks:    {decks_dir} (your deck folder: {state})")
    if metadata_path is not None:
        browse = (
            f"datasette {shlex.quote(str(db_path))} --metadata {shlex.quote(str(metadata_path))}"
        )
        lines.append(f"browse:   {browse}")
    return lines


#: What `fit`, `plan` and `flagged` say when there is nothing more to show.
KEPT_PARAMETERS_LINE = "Kept the current parameters: the new ones do not predict better."
STORED_PARAMETERS_LINE = "Stored the new parameters; they schedule your reviews from now on."
EXAM_DATE_CLEARED_LINE = "Exam date cleared; scheduling is back to plain FSRS."
NO_EXAM_DATE_LINE = "No exam date set: `studyapp plan --exam YYYY-MM-DD`."
NO_FLAGS_LINE = "No flagged items."
