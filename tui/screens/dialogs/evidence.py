"""佐证材料 (or, for verified scores, the expert's notes) of one leaf, typed in a text box.

The dialog only collects the text: the school screen saves it with the leaf's value through the
score's own door (``workflow.doors.sheet_entry.save_leaf``), in its queue of writes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import Modal
from tui.screens.dialogs.discard import DiscardGuard
from workflow.i18n import t


class EvidenceDialog(DiscardGuard, Modal[str | None]):
    """Returns the text to store (it may be empty: the note removed), or None when cancelled."""

    DEFAULT_CSS = """
    EvidenceDialog TextArea { height: 8; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="evidence.cancel"),
        Binding("ctrl+s", "save", "tui.key.save", id="evidence.save"),
    ]

    def __init__(self, title: str, text: str, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="evidence-dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.hint), classes="form-body")
            yield TextArea(self.text, id="evidence-text", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button(t("tui.evidence.save"), variant="primary", id="ok", compact=True)
                yield Button(t("tui.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        area = self.query_one("#evidence-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def touched(self) -> bool:
        return self.query_one("#evidence-text", TextArea).text != self.text

    @on(Button.Pressed, "#ok")
    def action_save(self) -> None:
        self.dismiss(self.query_one("#evidence-text", TextArea).text.strip())

    @on(Button.Pressed, "#cancel")
    def close_untouched(self) -> None:
        self.dismiss(None)
