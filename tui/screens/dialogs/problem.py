"""Add or edit a problem (text, responsible person, deadline) of a school."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import DbModal
from tui.screens.dialogs.discard import DiscardGuard
from tui.work import attempt, thread_connection
from workflow.doors.records import add_problem, edit_problem
from workflow.errors import WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor


@dataclass(frozen=True)
class ProblemFields:
    """A problem as the dialog edits it; ``problem_id`` None: a new one."""

    text: str = ""
    responsible: str = ""
    deadline: str = ""
    problem_id: int | None = None
    version: int | None = None


class ProblemDialog(DiscardGuard, DbModal[bool | None]):
    """Add a problem through ``workflow.doors.records.add_problem``, or change one through ``edit_problem``.

    The refusal stays in the dialog; returns True once saved, None when cancelled. A deadline
    without a year ("9月30日") is in the campaign's year, which the field's hint names.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="problem.cancel"),
        # Enter in a field is decided in the app's key loop (priority), as the key is routed: the focus is on
        # the next field before the next key is routed. Input's own Enter (Submitted, then focus_next in a
        # handler) ran only after a burst's later keys had gone to the same field: "text Enter Enter Enter"
        # (tmux, a lagging SSH link) submitted 问题 three times and left the focus on 确定, nothing saved.
        Binding("enter", "field_enter", show=False, priority=True, id="problem.field_enter"),
    ]

    @dataclass
    class Added(Message):
        outcome: object | WorkflowError

    def __init__(self, assessment_id: int, *, year: int | None = None,
                 editing: ProblemFields | None = None) -> None:
        super().__init__()
        self.assessment_id = assessment_id
        self.year = year
        self.editing = editing or ProblemFields()

    def compose(self) -> ComposeResult:
        e = self.editing
        hint = (t("tui.date.campaign_year_optional", year=self.year) if self.year is not None
                else t("tui.problem.due_hint"))
        title = t("tui.problem.edit_dialog") if e.problem_id is not None else t("tui.problem.dialog")
        with Vertical(classes="dialog", id="problem-dialog"):
            yield Static(title, classes="dialog-title")
            yield Label(t("tui.problem.text"))
            yield Input(e.text, id="p-text")
            yield Label(t("tui.problem.who"))
            yield Input(e.responsible, id="p-who")
            yield Label(t("tui.problem.due"))
            yield Input(e.deadline, placeholder=t("tui.ver.date_hint"), id="p-due")
            yield Static(Text(hint), id="p-due-hint", classes="form-body")
            yield Static("", id="problem-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("tui.ok"), variant="primary", id="ok")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#p-text", Input).focus()

    def _values(self) -> tuple[str, str, str]:
        return (self.query_one("#p-text", Input).value, self.query_one("#p-who", Input).value.strip(),
                self.query_one("#p-due", Input).value.strip())

    def touched(self) -> bool:
        e = self.editing
        return self._values() != (e.text, e.responsible, e.deadline)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "field_enter":
            return isinstance(self.focused, Input)  # on a button Enter presses it
        return True

    def action_field_enter(self) -> None:
        """Enter in 问题 or 责任人 moves on now; in 整改期限 it saves, once the keys typed before it are in."""
        field = self.focused
        if not isinstance(field, Input):
            return
        if field.id != "p-due":
            self.focus_next()
            return
        # Each field reads its keys in its own queue: pass through all three, in order, before reading them.
        boxes = list(self.query(Input))

        def after(index: int) -> None:
            if index < len(boxes):
                boxes[index].call_later(after, index + 1)
            else:
                self.confirm()

        after(0)

    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        self.query_one("#problem-error", Static).update("")
        text, who, due = self._values()
        self.add(self.actor, text, who, due or None)

    @work(thread=True, group="problem.add", exit_on_error=False)
    def add(self, actor: Actor, text: str, responsible: str, deadline: str | None) -> None:
        e = self.editing
        outcome: object
        with thread_connection():
            if e.problem_id is None:
                outcome = attempt(lambda: add_problem(actor, self.assessment_id, text, responsible=responsible,
                                                      deadline=deadline))
            else:
                pid = e.problem_id
                outcome = attempt(lambda: edit_problem(actor, pid, text, responsible=responsible,
                                                       deadline=deadline, expected_version=e.version))
        self.post_message(self.Added(outcome))

    @on(Added)
    def added(self, message: Added) -> None:
        if isinstance(message.outcome, WorkflowError):
            self.query_one("#problem-error", Static).update(str(message.outcome))
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def close_untouched(self) -> None:
        self.dismiss(None)
