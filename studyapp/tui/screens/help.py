"""`?`: every key of the screen below and of the app, each with what it does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


@dataclass(frozen=True)
class KeyHelp:
    """One action's keys (`a / left`) and what they do, with its tooltip where that says
    more; `enabled` is False while the action cannot run (undo with nothing to undo)."""

    keys: str
    description: str
    tooltip: str = ""
    enabled: bool = True


@dataclass(frozen=True)
class KeySection:
    """The keys of one part of the screen: the screen itself, its focused widget, the app."""

    title: str
    keys: tuple[KeyHelp, ...]


def _words(name: str) -> str:
    """A class name in words: `DataTable` -> `data table`."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def screen_name(screen: Screen[object]) -> str:
    """What the help calls a screen: its `HELP_NAME`, else its title."""
    return getattr(screen, "HELP_NAME", None) or screen.title or _words(type(screen).__name__)


def _describe(action: str, description: str) -> str:
    """A binding's description, or its action in words when it has none."""
    if description:
        return description
    name = action.rpartition(".")[2].partition("(")[0].replace("_", " ")
    return name[:1].upper() + name[1:]


def key_sections(screen: Screen[object]) -> tuple[KeySection, ...]:
    """Every active binding of `screen`, one row per action (and description) with all its
    keys, in three sections: the screen's own, its focused widget's, and the app's
    (everywhere); in each, the keys the footer shows come first, in their order."""
    app = screen.app
    parts: dict[int, dict[str, list[Any]]] = {}
    for node, binding, enabled, tooltip in screen.active_bindings.values():
        part = 0 if node is screen else 2 if node is app else 1
        description = _describe(binding.action, binding.description)
        row = parts.setdefault(part, {}).setdefault(
            f"{binding.action}\n{description}",
            [[], description, tooltip, enabled, binding.show],
        )
        row[0].append(app.get_key_display(binding))
        row[3] = row[3] and enabled
    focused = _words(type(screen.focused).__name__) if screen.focused is not None else "focus"
    titles = (screen_name(screen), f"In the {focused}", "Everywhere")
    return tuple(
        KeySection(
            titles[part],
            tuple(
                KeyHelp(" / ".join(keys), description, tooltip or "", enabled)
                for keys, description, tooltip, enabled, _shown in sorted(
                    parts[part].values(), key=lambda row: not row[4]
                )
            ),
        )
        for part in sorted(parts)
    )


def _table(section: KeySection) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for key in section.keys:
        style = "" if key.enabled else "dim"
        what = Text(key.description, style=style)
        if key.tooltip and key.tooltip != key.description:
            what.append(f" · {key.tooltip}", style="dim")
        table.add_row(Text(key.keys, style=style), what)
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened over, generated from its bindings."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, sections: tuple[KeySection, ...], over: str) -> None:
        super().__init__()
        self.sections = sections
        self.over = over

    @classmethod
    def of(cls, screen: Screen[object]) -> HelpScreen:
        """The help for `screen`, read from its bindings as they are now."""
        return cls(key_sections(screen), screen_name(screen))

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(Text(f"Keys: {self.over}", style="bold"), id="help-title")
            with VerticalScroll(id="help-keys"):
                for section in self.sections:
                    yield Label(Text(section.title, style="bold underline"), classes="help-title")
                    yield Static(_table(section), classes="help-section")
            yield Label("Esc, ? or F1 closes · ctrl+p finds any action by name", id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()
