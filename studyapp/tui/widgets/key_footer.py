"""The footer: a screen's keys, the most important first, each shown whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class ShownKey(NamedTuple):
    """One key as the footer shows it."""

    binding: Binding
    enabled: bool
    tooltip: str
    key_display: str

    @property
    def width(self) -> int:
        """Cells it takes in a compact footer: key, a space, description, a gap."""
        if not self.binding.description:
            return cell_len(self.key_display) + 1
        return cell_len(self.key_display) + 1 + cell_len(self.binding.description) + 1


def keys_that_fit(widths: Sequence[int], kept: Sequence[bool], room: int) -> list[int]:
    """The indices of the keys to show in `room` cells: every kept one, then the others in
    their order for as long as each fits whole (the first that does not ends the run, so
    what shows is always the most important)."""
    used = sum(width for width, keep in zip(widths, kept, strict=True) if keep)
    shown = {index for index, keep in enumerate(kept) if keep}
    for index, width in enumerate(widths):
        if index in shown:
            continue
        if used + width > room:
            break
        used += width
        shown.add(index)
    return sorted(shown)


class KeyFooter(Footer):
    """A `Footer` that shows as many of its screen's keys as fit, each whole.

    Keys keep the order their bindings are declared in, which is their importance: at a
    narrow width the last ones are left out whole, where Textual's footer cut one under
    the palette key ("^p pa lette") and lost `q Quit` off the edge. Quitting and `?` help
    always show; every key stays in the help screen and the command palette.

    It shows its keys from the first paint and rebuilds only when they change: Textual's
    footer starts empty, then rebuilds on every focus and screen-stack change even when the
    keys stay the same, and on Home its three rebuilds after the first paint slowed
    start-up (measured by bench/bench_tui.py: start-up, studyapp Home).
    """

    #: Actions whose keys show at any width.
    ALWAYS_SHOWN: ClassVar[frozenset[str]] = frozenset({"quit", "app.quit", "help", "app.help"})
    #: Cells the palette key takes at the right edge: its border, `^p`, a space, `palette`.
    PALETTE_WIDTH: ClassVar[int] = 11

    _shown_keys: tuple[ShownKey | None, tuple[ShownKey, ...]] | None = None

    def _keys_to_show(self) -> tuple[ShownKey | None, tuple[ShownKey, ...]]:
        """The palette key (or None) and the keys that fit beside it, in order."""
        app = self.app
        active = self.screen.active_bindings
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = ShownKey(binding, enabled, tooltip, app.get_key_display(binding))
        by_action: dict[str, ShownKey] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = ShownKey(
                    binding, enabled, tooltip, app.get_key_display(binding)
                )
        keys = list(by_action.values())
        room = app.size.width - (self.PALETTE_WIDTH if palette is not None else 0)
        shown = keys_that_fit(
            [key.width for key in keys],
            [key.binding.action in self.ALWAYS_SHOWN for key in keys],
            room,
        )
        return palette, tuple(keys[index] for index in shown)

    def compose(self) -> ComposeResult:
        palette, keys = self._shown_keys = self._keys_to_show()
        for key in keys:
            yield FooterKey(
                key.binding.key,
                key.key_display,
                key.binding.description,
                key.binding.action,
                disabled=not key.enabled,
                tooltip=key.tooltip,
            ).data_bind(compact=Footer.compact)
        if palette is not None:
            yield FooterKey(
                palette.binding.key,
                palette.key_display,
                palette.binding.description,
                palette.binding.action,
                classes="-command-palette",
                disabled=not palette.enabled,
                tooltip=palette.binding.tooltip or palette.binding.description,
            )

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        if not self.is_attached:  # its screen was closed while the rebuild was queued
            return
        keys = self._keys_to_show()
        if keys == self._shown_keys:
            return
        if self._relabel(keys):
            self._shown_keys = keys
        else:
            await super().recompose()

    def _relabel(self, keys: tuple[ShownKey | None, tuple[ShownKey, ...]]) -> bool:
        """Show new keys on the key widgets already mounted, hiding those left over; False
        (rebuild) when there are too few of them, the palette key changed, or a binding is
        grouped.

        A screen whose keys follow its state (a card's front, then its ratings) changes them
        twice a card; re-mounting every key each time doubled the rating key's time to the
        next card painted (bench/bench_tui.py)."""
        if self._shown_keys is None or keys[0] != self._shown_keys[0]:
            return False
        wanted = keys[1]
        mounted = [
            key for key in self.query_children(FooterKey) if not key.has_class("-command-palette")
        ]
        if len(wanted) > len(mounted) or any(key.binding.group for key in wanted):
            return False
        for widget, key in zip(mounted, wanted, strict=False):
            widget.key, widget.action = key.binding.key, key.binding.action
            widget.key_display = key.key_display
            widget.description = key.binding.description
            widget._disabled = not key.enabled
            widget.set_class(not key.enabled, "-disabled")
            widget.tooltip = key.tooltip or None
            widget.display = True
            widget.refresh(layout=True)
        for widget in mounted[len(wanted) :]:
            widget.display = False
        return True
