"""Study commands: review, quiz, scenarios, exam and notes."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

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
    from studyapp.study import StudyContext


@click.command()
@topic_option
@plain_option
@common_options
@pass_options
def review(options: Options, topics: tuple[str, ...], plain: bool) -> None:
    """Review the flashcards that are due, then today's new ones."""
    study(options, "review", topics, None, plain)


@click.command()
@topic_option
@count_option("questions")
@plain_option
@common_options
@pass_options
def quiz(options: Options, topics: tuple[str, ...], count: int, plain: bool) -> None:
    """Answer exam-style questions and scenarios: due ones, new ones, then weakest first."""
    study(options, "quiz", topics, count, plain)


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
    "--questions",
    "-n",
    "question_count",
    type=click.IntRange(1, 500),
    default=30,
    show_default=True,
    help="How many questions and scenarios.",
)
@click.option(
    "--minutes",
    "-m",
    type=click.IntRange(1, 600),
    default=60,
    show_default=True,
    help="The time limit.",
)
@click.option("--seed", type=SEED, help="Seed the draw, to sit the same exam again.")
@click.option("--history", is_flag=True, help="List past exams instead of starting one.")
@plain_option
@common_options
@pass_options
def exam(
    options: Options,
    topics: tuple[str, ...],
    question_count: int,
    minutes: int,
    seed: int | None,
    history: bool,
    plain: bool,
) -> None:
    """Sit a timed mock exam, scored on a simulated 100-1000 scale (720 to pass).

    Questions are drawn across the topics in proportion to their share of the deck. An
    exam left unfinished (q, Ctrl-C, a crash) is offered for resuming next time.
    """
    if history:
        _exam_history(options)
        return
    require_input()
    if on_terminal(plain) and seed is None:
        run_tui(options, "exam", topics, question_count, minutes)
        return
    import random

    from studyapp.lines.exam import run_exam

    rng = random.Random(seed)

    def body(context: StudyContext) -> None:
        run_exam(
            context,
            sys.stdin,
            sys.stdout,
            topic_ids=topics,
            question_count=question_count,
            minutes=minutes,
            rng=rng,
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
@click.argument("topic", required=False)
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
    from studyapp.content import load_deck
    from studyapp.lines.reports import glossary_lines, notes_lines
    from studyapp.study.context import unknown_topic_error

    deck, _problems = load_deck(options.content_paths())
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
