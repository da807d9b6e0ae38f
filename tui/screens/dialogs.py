"""Modal dialogs: ask for a reason, confirm an action. Each returns through ``dismiss()``."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

import tui.strings  # noqa: F401 - registers the strings used below
from workflow.i18n import t


class ReasonDialog(ModalScreen[str | None]):
    """Ask why (退回, 降级...): returns the text, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", t("tui.key.cancel"), id="reason.cancel"),
    ]

    def __init__(self, event_label: str) -> None:
        super().__init__()
        self.event_label = event_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t("tui.reason.title", event=self.event_label)), classes="dialog-title")
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

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no, with the consequences spelled out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", t("tui.key.cancel"), id="confirm.cancel"),
    ]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(self.body))
            with Horizontal(classes="buttons"):
                yield Button(t("tui.ok"), variant="primary", id="ok")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
