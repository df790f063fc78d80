"""The `studyapp` command: one module per command group behind a lazy click group.

Only click is imported up front, so `--help` stays fast; each command imports what it needs.
"""

from studyapp.cli.root import cli, main

__all__ = ["cli", "main"]
