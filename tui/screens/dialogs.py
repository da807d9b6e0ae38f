"""Modal dialogs: ask for a reason, confirm an action, add a problem, restore a draft.

Each returns through ``dismiss()``."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

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
