"""Printed reports for the CLI: rich tables on a terminal, JSON for scripts."""

from __future__ import annotations

import json

import click

from studyapp.content import Deck

KIND_COLUMNS = ("notes", "cards", "questions", "scenarios")


def print_content_stats(deck: Deck, as_json: bool) -> None:
    """Counts per topic and kind, with a total row."""
    counts = deck.counts()
    totals = {kind: sum(row[kind] for row in counts.values()) for kind in KIND_COLUMNS}
    if as_json:
        click.echo(json.dumps({"topics": counts, "total": totals}, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from studyapp.text import printable

    table = Table(title="Content", title_justify="left")
    table.add_column("topic")
    for kind in KIND_COLUMNS:
        table.add_column(kind, justify="right")
    for topic_id, row in counts.items():
        table.add_row(Text(printable(topic_id)), *(str(row[kind]) for kind in KIND_COLUMNS))
    table.add_section()
    table.add_row("total", *(str(totals[kind]) for kind in KIND_COLUMNS), style="bold")
    Console().print(table)
