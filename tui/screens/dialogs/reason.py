"""Ask why (退回, 降级...) before an event that needs a reason; for a final event the dialog also
names the school and the consequence, so it is the confirmation too."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import Modal
from tui.screens.dialogs.discard import DiscardGuard
from workflow.i18n import t


class ReasonDialog(DiscardGuard, Modal[str | None]):
    """Ask why (退回, 降级...): returns the text, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="reason.cancel"),
    ]

    def __init__(self, event_label: str, *, body: str = "") -> None:
        super().__init__()
        self.event_label = event_label
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t("tui.reason.title", event=self.event_label)), classes="dialog-title")
            if self.body:
                with VerticalScroll(classes="dialog-body"):
                    yield Static(Text(self.body), id="reason-body")
            yield Input(placeholder=t("tui.reason.placeholder"), id="reason")
            yield Static("", id="reason-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("tui.ok"), variant="primary", id="ok")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self.query_one("#reason-error", Static).update(t("tui.reason.empty"))
            return
        self.dismiss(text)

    def touched(self) -> bool:
        return bool(self.query_one(Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def close_untouched(self) -> None:
        self.dismiss(None)
