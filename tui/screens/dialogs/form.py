"""A small form whose save function (a workflow door) runs in a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import DbModal
from tui.screens.dialogs.discard import DiscardGuard
from tui.work import attempt, thread_connection
from workflow.errors import WorkflowError
from workflow.i18n import t


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


class FormDialog(DiscardGuard, DbModal[bool | None]):
    """Collect a few fields, then call ``save(values)`` in a worker (it calls a workflow door).

    The door's refusal stays in the dialog, shown literally; returns True once saved, None when
    cancelled. Fields marked ``required`` are checked before anything is sent. The dialog opens
    with the focus on its first field; Esc over changed fields asks before discarding them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="form.cancel"),
        # Enter in a one-line field moves on in the app's key loop (priority), before the next key is routed:
        # the keys typed after it in one burst (tmux, a lagging SSH link) reach the next field, not this one.
        Binding("enter", "next_field", show=False, priority=True, id="form.next_field"),
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
        self._initial: dict[str, Any] | None = None

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
        self._initial = self.values()
        self.first_field().focus()

    def first_field(self) -> Widget:
        """The widget that takes the first field's typing (a checks field: its first box)."""
        first = self.fields[0]
        if first.kind == "checks":
            return self.query(f"#f-{first.key} Checkbox").first()
        return self.query_one(f"#f-{first.key}")

    def touched(self) -> bool:
        return self._initial is not None and self.values() != self._initial

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return isinstance(self.focused, Input)  # a text area's Enter is a new line, a button's presses it
        return True

    def action_next_field(self) -> None:
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
    def close_untouched(self) -> None:
        self.dismiss(None)
