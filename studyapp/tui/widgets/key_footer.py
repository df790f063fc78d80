"""Textual's footer, built with its keys and rebuilt only when they change."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """A `Footer` that shows its keys from the first paint and rebuilds only on a change.

    Textual's footer starts empty, then rebuilds on every focus and screen-stack change even
    when the keys stay the same, and each rebuild re-mounts one widget per key: on Home
    (nine keys) the three rebuilds after the first paint slow start-up (measured by
    bench/bench_tui.py: start-up, studyapp Home). The keys it ends up showing are the same.
    """

    #: Textual's own (8.x) flag that lets `Footer.compose` show keys; a Textual without
    #: it gets a plain Footer (tests/test_key_footer.py runs both paths).
    READY_FLAG: ClassVar[str] = "_bindings_ready"

    _shown_keys: Hashable = None

    def _keys_to_show(self) -> Hashable:
        """Everything `Footer.compose` reads, so an unchanged value means the same footer."""
        app = self.app
        return (
            self.show_command_palette and app.ENABLE_COMMAND_PALETTE,
            tuple(
                (binding, enabled, tooltip, app.get_key_display(binding))
                for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
        )

    def compose(self) -> ComposeResult:
        # Textual waits for the first bindings change before showing keys; the keys known
        # at compose time are usually the final ones, and if focus changes them,
        # `recompose` sees the difference and rebuilds.
        ready = getattr(Footer, self.READY_FLAG, None)
        if ready is not None:
            self.set_reactive(ready, True)
            self._shown_keys = self._keys_to_show()
        yield from super().compose()

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

    def _relabel(self, keys: Hashable) -> bool:
        """Show new keys on the key widgets already mounted, hiding those left over; False
        (rebuild) when there are too few of them or a binding is grouped.

        A screen whose keys follow its state (a card's front, then its ratings) changes them
        twice a card; re-mounting every key each time doubled the rating key's time to the
        next card painted (bench/bench_tui.py)."""
        if self._shown_keys is None:
            return False
        by_action: dict[str, tuple[Binding, bool, str]] = {}  # one key per action, as Footer
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        wanted = list(by_action.values())
        mounted = [
            key for key in self.query_children(FooterKey) if not key.has_class("-command-palette")
        ]
        if len(wanted) > len(mounted) or any(binding.group for binding, _e, _t in wanted):
            return False
        for key, (binding, enabled, tooltip) in zip(mounted, wanted, strict=False):
            key.key, key.action = binding.key, binding.action
            key.key_display = self.app.get_key_display(binding)
            key.description = binding.description
            key._disabled = not enabled
            key.set_class(not enabled, "-disabled")
            key.tooltip = tooltip or None
            key.display = True
            key.refresh(layout=True)
        for key in mounted[len(wanted) :]:
            key.display = False
        return True
