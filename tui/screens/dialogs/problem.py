"""Add a problem (text, responsible person, deadline) to a school."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import DbModal
from tui.work import attempt, thread_connection
from workflow.doors.records import add_problem
from workflow.errors import WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor


class ProblemDialog(DbModal[bool | None]):
    """Add a problem (text, responsible person, deadline) through ``workflow.doors.records.add_problem``.

    The refusal stays in the dialog; returns True once the problem is saved, None when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="problem.cancel"),
    ]

    @dataclass
    class Added(Message):
        outcome: object | WorkflowError

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.assessment_id = assessment_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.problem.dialog"), classes="dialog-title")
            yield Label(t("tui.problem.text"))
            yield Input(id="p-text")
            yield Label(t("tui.problem.who"))
            yield Input(id="p-who")
            yield Label(t("tui.problem.due"))
            yield Input(placeholder=t("tui.problem.due_hint"), id="p-due")
            yield Static("", id="problem-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("tui.ok"), variant="primary", id="ok")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#p-text", Input).focus()

    @on(Input.Submitted, "#p-text, #p-who")
    def next_field(self, event: Input.Submitted) -> None:
        self.focus_next()

    @on(Input.Submitted, "#p-due")
    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        self.query_one("#problem-error", Static).update("")
        self.add(self.actor, self.query_one("#p-text", Input).value, self.query_one("#p-who", Input).value.strip(),
                 self.query_one("#p-due", Input).value.strip() or None)

    @work(thread=True, group="problem.add", exit_on_error=False)
    def add(self, actor: Actor, text: str, responsible: str, deadline: str | None) -> None:
        with thread_connection():
            outcome = attempt(lambda: add_problem(actor, self.assessment_id, text, responsible=responsible,
                                                  deadline=deadline))
        self.post_message(self.Added(outcome))

    @on(Added)
    def added(self, message: Added) -> None:
        if isinstance(message.outcome, WorkflowError):
            self.query_one("#problem-error", Static).update(str(message.outcome))
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
