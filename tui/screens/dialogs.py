"""Modal dialogs: ask for a reason, confirm an action, add a problem, restore a draft, and
``FormDialog``: a small form whose save function (a workflow door) runs in a worker.

Each returns through ``dismiss()``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

import tui.strings  # noqa: F401 - registers the strings used below
from tui.drafts import Draft
from tui.screens.base import DbModal
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.records import add_problem


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


class ProblemDialog(DbModal):
    """Add a problem (text, responsible person, deadline) through ``workflow.records.add_problem``.

    The refusal stays in the dialog; returns True once the problem is saved, None when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", t("tui.key.cancel"), id="problem.cancel"),
    ]

    def __init__(self, actor: Actor, assessment_id: int) -> None:
        super().__init__()
        self.actor = actor
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
        self.db("added", add_problem, self.actor, self.assessment_id, self.query_one("#p-text", Input).value,
                responsible=self.query_one("#p-who", Input).value.strip(),
                deadline=self.query_one("#p-due", Input).value.strip() or None)

    def done_added(self, _row: object) -> None:
        self.dismiss(True)

    def failed_added(self, error: str) -> None:
        self.query_one("#problem-error", Static).update(error)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class DraftDialog(ModalScreen[str | None]):
    """恢复未保存的草稿？ Returns "restore", "discard", or None (decide later; the draft stays)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", t("tui.draft.later"), id="draft.later"),
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


class FormDialog(DbModal):
    """Collect a few fields, then call ``save(values)`` in a worker (it calls a workflow door).

    The door's refusal stays in the dialog, shown literally; returns True once saved, None when
    cancelled. Fields marked ``required`` are checked before anything is sent.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", t("tui.key.cancel"), id="form.cancel"),
    ]

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
        self.db("form_saved", self.save, values)

    def done_form_saved(self, _value: object) -> None:
        self.dismiss(True)

    def failed_form_saved(self, message: str) -> None:
        self.query_one("#form-error", Static).update(message)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
