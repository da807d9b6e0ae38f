"""Modal dialogs: ask for a reason, confirm an action, add a problem, restore a draft, and
``FormDialog``: a small form whose save function (a workflow door) runs in a worker.

Each returns through ``dismiss()``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

import tui.strings  # noqa: F401 - registers the strings used below
from tui.drafts import Draft
from tui.screens.base import DbModal, Modal
from tui.work import attempt, thread_connection
from workflow.errors import WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.records import add_problem


class ReasonDialog(Modal[str | None]):
    """Ask why (退回, 降级...): returns the text, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="reason.cancel"),
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


class ConfirmDialog(Modal[bool]):
    """Yes or no, with the consequences spelled out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="confirm.cancel"),
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


class ProblemDialog(DbModal[bool | None]):
    """Add a problem (text, responsible person, deadline) through ``workflow.records.add_problem``.

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


class DraftDialog(Modal[str | None]):
    """恢复未保存的草稿？ Returns "restore", "discard", or None (decide later; the draft stays)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "tui.draft.later", id="draft.later"),
    ]

    def __init__(self, draft: Draft, school_name: str = "") -> None:
        super().__init__()
        self.draft = draft
        self.school_name = school_name or draft.school_name or draft.school_code

    def body(self) -> str:
        d = self.draft
        kind = t("word.verified") if d.kind == "verified" else t("word.self")
        lines = [t("tui.draft.body", school=self.school_name, code=d.school_code, kind=kind,
                   count=len(d.entries), at=d.saved_at.replace("T", " ")[:16])]
        lines += [f"  {code}  {value}" for code, value in sorted(d.entries.items())]
        return "\n".join(lines)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="draft-dialog"):
            yield Static(Text(t("tui.draft.title")), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(self.body()))
            with Horizontal(classes="buttons"):
                yield Button(t("tui.draft.restore"), variant="primary", id="restore")
                yield Button(t("tui.draft.discard"), variant="error", id="discard")
                yield Button(t("tui.draft.later"), id="later")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    @on(Button.Pressed, "#restore")
    def restore(self) -> None:
        self.dismiss("restore")

    @on(Button.Pressed, "#discard")
    def discard(self) -> None:
        self.dismiss("discard")

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class FormField:
    """One field of a ``FormDialog``.

    ``kind``: ``input`` (one line), ``area`` (several lines), ``checks`` (tick any of ``choices``,
    the value is the list of ticked codes) or ``select`` (one of ``choices`` or none, "").
    """

    key: str
    label: str
    kind: str = "input"
    choices: tuple[tuple[str, str], ...] = ()  # (code, label)
    placeholder: str = ""
    value: str = ""
    required: bool = False


class FormDialog(DbModal[bool | None]):
    """Collect a few fields, then call ``save(values)`` in a worker (it calls a workflow door).

    The door's refusal stays in the dialog, shown literally; returns True once saved, None when
    cancelled. Fields marked ``required`` are checked before anything is sent.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="form.cancel"),
    ]

    @dataclass
    class Saved(Message):
        outcome: object | WorkflowError

    def __init__(self, title: str, fields: list[FormField], save: Callable[[dict[str, Any]], Any], *,
                 body: str = "", dialog_id: str = "form-dialog") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.save = save
        self.body = body
        self.dialog_id = dialog_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog", id=self.dialog_id):
            yield Static(Text(self.title_text), classes="dialog-title")
            if self.body:
                yield Static(Text(self.body), classes="form-body")
            for f in self.fields:
                yield Label(Text(f.label), classes="field-label")
                if f.kind == "area":
                    yield TextArea(f.value, id=f"f-{f.key}", soft_wrap=True, classes="form-area", compact=True)
                elif f.kind == "checks":
                    with Container(classes="form-checks", id=f"f-{f.key}"):
                        for code, text in f.choices:
                            yield Checkbox(Text(text), code in f.value.split(","), name=code,
                                           id=f"f-{f.key}-{code}", compact=True)
                elif f.kind == "select":
                    yield Select([(Text(text), code) for code, text in f.choices], id=f"f-{f.key}",
                                 prompt=f.placeholder or "-", value=f.value or Select.NULL, compact=True)
                else:
                    yield Input(f.value, placeholder=f.placeholder, id=f"f-{f.key}", compact=True)
            yield Static("", id="form-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("tui.ok"), variant="primary", id="ok", compact=True)
                yield Button(t("tui.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.focus_next()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            if f.kind == "area":
                out[f.key] = self.query_one(f"#f-{f.key}", TextArea).text
            elif f.kind == "checks":
                out[f.key] = [box.name for box in self.query(f"#f-{f.key} Checkbox").results(Checkbox)
                              if box.value and box.name]
            elif f.kind == "select":
                value = self.query_one(f"#f-{f.key}", Select).value
                out[f.key] = "" if value is Select.NULL else str(value)
            else:
                out[f.key] = self.query_one(f"#f-{f.key}", Input).value
        return out

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        values = self.values()
        error = self.query_one("#form-error", Static)
        for f in self.fields:
            value = values[f.key]
            empty = not value.strip() if isinstance(value, str) else not value
            if f.required and empty:
                error.update(t("tui.form.required", field=f.label))
                return
        error.update("")
        self.run_save(values)

    @work(thread=True, group="form.save", exit_on_error=False)
    def run_save(self, values: dict[str, Any]) -> None:
        with thread_connection():
            outcome = attempt(lambda: self.save(values))
        self.post_message(self.Saved(outcome))

    @on(Saved)
    def saved(self, message: Saved) -> None:
        if isinstance(message.outcome, WorkflowError):
            self.query_one("#form-error", Static).update(str(message.outcome))
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
