"""A drop-down that may be mounted late, after the first rows, and so may be removed before its own
mount has finished: an officer who presses F10 the moment the list appears quits while the
dashboard's filters are still being mounted."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.widgets import Select

Value = TypeVar("Value")


class LateSelect(Select[Value]):
    def _on_mount(self, event: events.Mount) -> None:
        # Select's own mount handler fills its overlay, which is gone when the widget was removed
        # while mounting (textual 8.2.8 raises NoMatches and the app exits with a traceback). Nothing
        # is left to fill then: skip it.
        if not self.query("SelectOverlay"):
            event.prevent_default()
