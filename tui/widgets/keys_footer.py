"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys after every change of the screen's bindings: each focus move
and each screen mounted. Opening the dashboard moved the focus often enough for five rebuilds, 39
keys built and styled on the way to the first rows; the keys shown were the same after four of them.
This footer rebuilds once per batch of changes (after the refresh, as Textual does), and not at all
when the keys, their words and whether they are enabled are what it already shows.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    _pending = False
    _shown: tuple[object, ...] | None = None

    def _showing(self) -> tuple[object, ...]:
        return tuple((binding.key, binding.action, binding.description, enabled, tooltip)
                     for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values() if binding.show)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    def compose(self) -> ComposeResult:
        # A FooterKey starts compact and is then bound to the footer's (not compact): each key was
        # styled three times on its way in (its "-compact" class added, then removed). Set before it
        # is mounted, its own watcher finds nothing to change.
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def _rebuild(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        showing = self._showing()
        if showing == self._shown:
            return
        self._shown = showing
        await self.recompose()
