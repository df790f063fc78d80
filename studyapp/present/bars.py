"""Text bars for shares: the mastery bar of the home and stats screens."""

from __future__ import annotations

from rich.text import Text


def mastery_bar(share: float, width: int = 10) -> Text:
    """A bar like ███████░░░ 70%: the share of items remembered for three weeks or more."""
    filled = round(share * width)
    return Text.assemble(
        ("█" * filled, "green"), ("░" * (width - filled), "dim"), f" {share:>4.0%}"
    )
