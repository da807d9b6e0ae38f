"""Yes or no, with the consequences spelled out."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import Modal
from workflow.i18n import t


class ConfirmDialog(Modal[bool]):
    """Yes or no, with the consequences spelled out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="confirm.cancel"),
    ]

    def __init__(self, title: str, body: str, *, yes: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes or t("tui.ok")  # a decision's button names the event, not just "OK"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(self.body))
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="ok")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()  # a stray Enter declines

    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
