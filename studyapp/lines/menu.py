"""The line-mode home menu `studyapp` shows until you pick a session."""

from __future__ import annotations

from typing import TextIO

from studyapp.lines.session import LineSession
from studyapp.stats.overview import today_overview
from studyapp.study import StudyContext
from studyapp.text import printable_output

HELP = "  r [TOPIC] review cards · z [TOPIC] quiz · q quit"


def run_menu(context: StudyContext, input: TextIO, output: TextIO) -> None:
    """Show each topic's due and new counts; start review or quiz sessions until q."""
    output = printable_output(output)
    while True:
        _print_overview(context, output)
        output.write(HELP + "\n> ")
        output.flush()
        line = input.readline()
        if not line:
            output.write("\n")
            return
        words = line.split()
        if not words:
            continue
        command, topics = words[0].lower(), tuple(words[1:])
        if command in ("q", "quit", "exit"):
            return
        if command not in ("r", "z"):
            output.write(f"Unknown choice {words[0]!r}.\n")
            continue
        unknown = [t for t in topics if t not in context.deck.topics]
        if unknown:
            output.write(
                f"Unknown topic {unknown[0]!r}; topics: {', '.join(context.deck.topics)}\n"
            )
            continue
        session = context.start("review" if command == "r" else "quiz", topics)
        LineSession(session, input, output, context.deck.topic_of).run()


def _print_overview(context: StudyContext, output: TextIO) -> None:
    overview = today_overview(context)
    rows = overview.topics
    width = max([len("topic"), *(len(row.topic_id) for row in rows)])
    output.write(
        f"\n{'topic':<{width}}  {'due':>4}  {'new':>4}  {'seen':>5}  {'items':>5}  title\n"
    )
    for row in rows:
        output.write(
            f"{row.topic_id:<{width}}  {row.due:>4}  {row.new:>4}  {row.seen:>5}  "
            f"{row.total:>5}  {row.title}\n"
        )
    output.write(
        f"\nToday: {overview.due} due · {overview.new} new to start "
        "(limit: studyapp settings new_per_day)\n"
    )
    output.flush()
