"""本校自评已被退回: shown to a school user at login while the school stands returned."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

import tui.day_strings  # noqa: F401 - registers the strings used below
from tui.screens.base import Modal
from workflow.i18n import t


class ReturnedDialog(Modal[bool]):
    """Who returned the school, when, and the reason in full. True: open the school now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "tui.returned.later", id="returned.later"),
    ]

    def __init__(self, body: str) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="returned-dialog"):
            yield Static(Text(t("tui.returned.title")), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(self.body), id="returned-body")
            with Horizontal(classes="buttons"):
                yield Button(t("tui.returned.open"), variant="primary", id="open", compact=True)
                yield Button(t("tui.returned.later"), id="later", compact=True)

    def on_mount(self) -> None:
        self.query_one("#open", Button).focus()

    @on(Button.Pressed, "#open")
    def open_school(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss(False)
