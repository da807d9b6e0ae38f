"""The school screen's 流程操作 tab: one button per workflow event the actor is offered.

Refused ones are grey and say why when pressed; an event that needs a reason asks for it. A
chosen event is posted as ``ActionsPane.Chosen``: the school screen queues it behind any saves,
so it carries their version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.dialogs import ReasonDialog
from workflow.i18n import t
from workflow.statemachine.events import EventOption


class ActionsPane(Vertical):
    DEFAULT_CSS = """
    ActionsPane { height: 1fr; }
    """

    @dataclass
    class Chosen(Message):
        option: EventOption
        reason: str

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options: list[EventOption] = []

    def compose(self) -> ComposeResult:
        yield Static(t("tui.actions.hint"), id="actions-hint", markup=False)
        yield Vertical(id="event-buttons")
        yield Static(id="refusal", markup=False, classes="error")

    def show(self, options: list[EventOption]) -> None:
        self.options = options
        box = self.query_one("#event-buttons", Vertical)
        box.remove_children()
        buttons: list[Button] = []
        for option in options:
            button = Button(option.label, name=option.trigger, compact=True,
                            variant="primary" if option.allowed else "default",
                            classes="allowed" if option.allowed else "refused")
            button.tooltip = option.reason or None
            buttons.append(button)
        self.refuse(t("tui.actions.none") if not buttons else "")
        box.mount_all(buttons)

    def refuse(self, text: str) -> None:
        self.query_one("#refusal", Static).update(text)

    @on(Button.Pressed, "#event-buttons Button")
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        option = next((o for o in self.options if o.trigger == event.button.name), None)
        if option is None:
            return
        if not option.allowed:
            self.refuse(t("tui.actions.refused", reason=option.reason))
            return
        if option.needs_reason:
            def with_reason(reason: str | None) -> None:
                if reason:
                    self._choose(option, reason)

            self.app.push_screen(ReasonDialog(option.label), with_reason)
        else:
            self._choose(option, "")

    def _choose(self, option: EventOption, reason: str) -> None:
        self.refuse("")
        self.post_message(self.Chosen(option, reason))
