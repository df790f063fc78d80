"""Printed reports for the CLI: rich tables on a terminal, JSON for scripts."""

from __future__ import annotations

import json
from typing import Any

import click

from studyapp.content import Deck
from studyapp.content.coverage import ExamCoverage, GuideCoverage, KindCounts
from studyapp.content.guides import THIN_TASK_ITEMS
from studyapp.text import plural

KIND_COLUMNS = ("notes", "cards", "questions", "scenarios")


def print_content_stats(deck: Deck, coverage: ExamCoverage, as_json: bool) -> None:
    """Counts per topic and kind with a total row, then each exam guide's coverage."""
    counts = deck.counts()
    totals = {kind: sum(row[kind] for row in counts.values()) for kind in KIND_COLUMNS}
    if as_json:
        report = {"topics": counts, "total": totals, "exam": coverage_json(coverage)}
        click.echo(json.dumps(report, indent=2))
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
    console = Console()
    console.print(table)
    for guide in coverage.guides:
        console.print(guide_table(guide))
        console.print(Text(thin_tasks_line(guide)))
    console.print(Text(f"Items tagged with no exam task: {coverage.untagged.total}"))


def _kind_cells(counts: KindCounts) -> list[str]:
    return [str(counts.card), str(counts.question), str(counts.scenario), str(counts.total)]


def guide_table(coverage: GuideCoverage) -> Any:
    """One guide: a row per domain (its distinct items) and per task statement under it."""
    from rich.table import Table
    from rich.text import Text

    guide = coverage.guide
    title = f"{guide.id.upper()} {guide.title}: {plural(coverage.items.total, 'item')} tagged"
    table = Table(title=Text(title), title_justify="left")
    table.add_column("task")
    table.add_column("statement")
    for kind in ("cards", "questions", "scenarios", "items"):
        table.add_column(kind, justify="right")
    for domain in coverage.domains:
        name = Text(f"{domain.name} ({domain.weight}%)")
        table.add_row(str(domain.number), name, *_kind_cells(domain.items), style="bold")
        for task in domain.tasks:
            mark = " *" if task.thin else ""
            table.add_row(task.task.id + mark, Text(task.task.text), *_kind_cells(task.items))
        table.add_section()
    return table


def thin_tasks_line(coverage: GuideCoverage) -> str:
    """The task statements with fewer than THIN_TASK_ITEMS items (marked * in the table)."""
    thin = coverage.thin_tasks()
    if not thin:
        return f"{coverage.guide.id}: every task statement has {THIN_TASK_ITEMS} or more items."
    listed = ", ".join(f"{task.task.id} ({task.items.total})" for task in thin)
    return f"{coverage.guide.id}: fewer than {THIN_TASK_ITEMS} items (*): {listed}"


def _counts_json(counts: KindCounts) -> dict[str, int]:
    return {
        "cards": counts.card,
        "questions": counts.question,
        "scenarios": counts.scenario,
        "total": counts.total,
    }


def coverage_json(coverage: ExamCoverage) -> dict[str, Any]:
    """The coverage as plain data: per guide, domain and task statement, and the thin ones."""
    return {
        "thin_below": THIN_TASK_ITEMS,
        "untagged": _counts_json(coverage.untagged),
        "guides": [
            {
                "id": guide.guide.id,
                "title": guide.guide.title,
                "items": _counts_json(guide.items),
                "domains": [
                    {
                        "number": domain.number,
                        "name": domain.name,
                        "weight": domain.weight,
                        "items": _counts_json(domain.items),
                        "tasks": [
                            {
                                "id": task.task.id,
                                "text": task.task.text,
                                "items": _counts_json(task.items),
                            }
                            for task in domain.tasks
                        ],
                    }
                    for domain in guide.domains
                ],
                "thin_tasks": [task.task.tag for task in guide.thin_tasks()],
            }
            for guide in coverage.guides
        ],
    }
