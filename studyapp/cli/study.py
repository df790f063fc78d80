"""Study commands: review, quiz, scenarios, exam and notes."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from studyapp.cli.complete import complete_guides, complete_topics
from studyapp.cli.launch import on_terminal, require_input, run_tui, study
from studyapp.cli.options import (
    SEED,
    Options,
    common_options,
    count_option,
    echo,
    pass_options,
    plain_option,
    run_with,
    topic_option,
)

if TYPE_CHECKING:
    from studyapp.study import Selection, StudyContext

missed_option = click.option(
    "--missed",
    is_flag=True,
    help="Only the questions and scenarios whose latest answer was wrong, most recent first, "
    "whether due or not.",
)
bookmarked_option = click.option(
    "--bookmarked", is_flag=True, help="Only the items you bookmarked (b), newest first."
)


def selection_of(missed: bool, bookmarked: bool) -> Selection:
    """Which items `--missed` and `--bookmarked` ask for; both at once is refused."""
    if missed and bookmarked:
        raise click.UsageError("give --missed or --bookmarked, not both")
    return "missed" if missed else "bookmarked" if bookmarked else "due"


@click.command()
@topic_option
@bookmarked_option
@plain_option
@common_options
@pass_options
def review(options: Options, topics: tuple[str, ...], bookmarked: bool, plain: bool) -> None:
    """Review the flashcards that are due, then today's new ones (or the bookmarked)."""
    study(options, "review", topics, None, plain, selection_of(False, bookmarked))


@click.command()
@topic_option
@count_option("questions")
@missed_option
@bookmarked_option
@plain_option
@common_options
@pass_options
def quiz(
    options: Options,
    topics: tuple[str, ...],
    count: int,
    missed: bool,
    bookmarked: bool,
    plain: bool,
) -> None:
    """Answer exam-style questions and scenarios: due ones, new ones, then weakest first;
    or practise the missed or the bookmarked ones (answers count as in any quiz)."""
    study(options, "quiz", topics, count, plain, selection_of(missed, bookmarked))


@click.command()
@topic_option
@count_option("scenarios")
@plain_option
@common_options
@pass_options
def scenarios(options: Options, topics: tuple[str, ...], count: int, plain: bool) -> None:
    """Drill "which service fits?" scenarios."""
    study(options, "scenarios", topics, count, plain)


@click.command()
@topic_option
@click.option(
    "--guide",
    "-g",
    "guide_id",
    metavar="GUIDE",
    shell_complete=complete_guides,
    help="Draw by this exam guide's domain weights (dva-c02, saa-c03), or `none` for a topic "
    "exam. Default: the exam_guide setting.",
)
@click.option(
    "--questions",
    "-n",
    "question_count",
    type=click.IntRange(1, 500),
    help="How many questions and scenarios.  [default: the guide's 65, or 30]",
)
@click.option(
    "--minutes",
    "-m",
    type=click.IntRange(1, 600),
    help="The time limit.  [default: the guide's time at its pace, or 60]",
)
@click.option(
    "--include-newer/--leave-out-newer",
    default=None,
    help="Draw items tagged newer-than-exam too, or not.  [default: the exam_include_newer "
    "setting, no]",
)
@click.option("--seed", type=SEED, help="Seed the draw, to sit the same exam again.")
@click.option("--history", is_flag=True, help="List past exams instead of starting one.")
@plain_option
@common_options
@pass_options
def exam(
    options: Options,
    topics: tuple[str, ...],
    guide_id: str | None,
    question_count: int | None,
    minutes: int | None,
    include_newer: bool | None,
    seed: int | None,
    history: bool,
    plain: bool,
) -> None:
    """Sit a timed mock exam, scored on a simulated 100-1000 scale (720 to pass).

    With an exam guide (--guide or the exam_guide setting) it has the guide's shape: DVA-C02
    is 65 questions in 130 minutes, drawn by domain weight, 15 of them unscored and not
    marked; the result judges each domain. Without one, questions are drawn across the
    topics in proportion to their share of the deck. Items tagged newer-than-exam are left
    out unless --include-newer. An exam left unfinished (q, Ctrl-C, a crash) is offered for
    resuming next time.
    """
    if history:
        _exam_history(options)
        return
    require_input()
    wanted = ExamWanted(topics, question_count, minutes, guide_id, include_newer)
    if on_terminal(plain) and seed is None:
        run_tui(
            options,
            "exam",
            topics,
            question_count,
            minutes,
            guide_id=guide_id,
            include_newer=include_newer,
        )
        return
    _exam_in_line_mode(options, wanted, seed)


@dataclass(frozen=True)
class ExamWanted:
    """The exam the command line asks for (None: the default or the setting)."""

    topics: tuple[str, ...]
    question_count: int | None
    minutes: int | None
    guide_id: str | None
    include_newer: bool | None


def _exam_in_line_mode(options: Options, wanted: ExamWanted, seed: int | None) -> None:
    import random

    from studyapp.lines.exam import run_exam

    rng = random.Random(seed)

    def body(context: StudyContext) -> None:
        run_exam(
            context,
            sys.stdin,
            sys.stdout,
            topic_ids=wanted.topics,
            question_count=wanted.question_count,
            minutes=wanted.minutes,
            rng=rng,
            guide_id=wanted.guide_id,
            include_newer=wanted.include_newer,
        )

    run_with(options, body)


def _exam_history(options: Options) -> None:
    from studyapp.clock import clock_from_env
    from studyapp.lines.exam_report import history_lines
    from studyapp.srs.replay import open_store

    with open_store(options.resolved_db_path(), read_only=True) as store:
        lines = history_lines(store, clock_from_env().local_tz)
    for line in lines:
        echo(line)


@click.command()
@click.argument("topic", required=False, shell_complete=complete_topics)
@click.option(
    "--glossary", is_flag=True, help="Print the glossary (of TOPIC): terms, definitions, sources."
)
@plain_option
@common_options
@pass_options
def notes(options: Options, topic: str | None, glossary: bool, plain: bool) -> None:
    """Read the notes (of one TOPIC): the reader with search, or the text in line mode."""
    topics = (topic,) if topic else ()
    if on_terminal(plain) and not glossary:
        run_tui(options, "notes", topics)
        return
    from studyapp.content.cache import load_deck_cached
    from studyapp.decide.check import load_checked_deck
    from studyapp.lines.reports import glossary_lines, notes_lines
    from studyapp.paths import cache_dir
    from studyapp.study.context import unknown_topic_error

    # The deck sessions load (and cache): printing notes parses no YAML when it is unchanged.
    deck, _problems = load_deck_cached(options.content_paths(), cache_dir(), load_checked_deck)
    if topic and topic not in deck.topics:
        raise unknown_topic_error(topic, deck)
    report = glossary_lines if glossary else notes_lines
    for line in report(deck, topics or tuple(deck.topics)):
        echo(line)


COMMANDS = {
    "review": review,
    "quiz": quiz,
    "scenarios": scenarios,
    "exam": exam,
    "notes": notes,
}
