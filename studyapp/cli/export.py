"""`studyapp export`: the deck (or your progress) written out for other tools."""

from __future__ import annotations

import click

from studyapp.cli.export_csv import export_csv


@click.group("export")
def export() -> None:
    """Write the deck out for other tools."""


export.add_command(export_csv)

COMMANDS = {"export": export}
