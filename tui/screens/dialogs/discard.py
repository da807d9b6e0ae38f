"""Esc in a dialog: closes at once when nothing was typed, asks first when something was.

A dialog mixes ``DiscardGuard`` in and says what "touched" means for it (``touched``) and how it
closes without saving (``close_untouched``); Esc is bound to ``action_cancel``, which asks with
``DiscardDialog`` before dropping typed text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

import tui.day_strings  # noqa: F401 - registers the strings used below
from tui.screens.base import Modal
from workflow.i18n import t


class DiscardDialog(Modal[bool]):
    """放弃已输入的内容？ True: discard; False (or Esc): keep editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "tui.discard.no", id="discard.keep"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="discard-dialog"):
            yield Static(Text(t("tui.discard.title")), classes="dialog-title")
            yield Static(Text(t("tui.discard.body")))
            with Horizontal(classes="buttons"):
                yield Button(t("tui.discard.no"), variant="primary", id="keep", compact=True)
                yield Button(t("tui.discard.yes"), variant="error", id="discard", compact=True)

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()  # a second Esc or Enter keeps the text

    @on(Button.Pressed, "#discard")
    def discard(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(False)


class DiscardGuard:
    """Mixed into a dialog (a ModalScreen): Esc asks before throwing typed text away."""

    def touched(self) -> bool:
        raise NotImplementedError

    def close_untouched(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        if not self.touched():
            self.close_untouched()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.close_untouched()

        app = self.app  # type: ignore[attr-defined]
        app.push_screen(DiscardDialog(), answered)
