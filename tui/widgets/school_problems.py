"""The school screen's 问题与成效 tab: the problem list (add one, change its status) and the two
narratives (成效, 问题), saved with Ctrl+S.

Every change goes through a workflow door in a thread worker; the refusal is shown under the
tab. Once something is saved the pane posts ``ProblemsPane.Changed`` and the school screen reads
the school again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Static, TextArea

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import UsesApp
from tui.screens.dialogs import ProblemDialog
from tui.screens.school_view import NARRATIVES, PROBLEM_STATUSES, SchoolView
from tui.work import WorkerReporting, attempt, thread_connection
from workflow.errors import WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.records import set_narrative, set_problem_status


class ProblemsPane(UsesApp, WorkerReporting, VerticalScroll):

    class Changed(Message):
        """Something was saved: the school should be read again."""

    @dataclass
    class StatusSet(Message):
        outcome: object | WorkflowError

    @dataclass
    class TextsSaved(Message):
        outcome: list[str] | WorkflowError

    def __init__(self, assessment_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.assessment_id = assessment_id
        self.view: SchoolView | None = None
        self._narr_loaded: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(t("tui.problems.title"), classes="section")
        yield DataTable(id="problem-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="buttons", id="problem-buttons"):
            yield Button(t("tui.problems.add"), id="problem-add", compact=True, variant="primary")
            for status in PROBLEM_STATUSES:
                yield Button(t("tui.problems.set", status=t(f"tui.problem.{status}")),
                             name=status, compact=True, classes="problem-status")
        for kind in NARRATIVES:
            yield Static(t(f"tui.narr.{kind}"), classes="section")
            yield TextArea(id=f"narr-{kind}", soft_wrap=True, classes="narrative")
        with Horizontal(classes="buttons"):
            yield Button(t("tui.narr.save"), id="narr-save", compact=True, variant="primary")
        yield Static("", id="records-error", classes="error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#problem-table", DataTable).add_columns(
            "#", t("tui.problems.col.status"), t("tui.problems.col.due"), t("tui.problems.col.who"),
            t("tui.problems.col.text"))

    def show(self, view: SchoolView) -> None:
        self.view = view
        table = self.query_one("#problem-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for i, (pid, body, who, due, status) in enumerate(view.problems, 1):
            table.add_row(str(i), t(f"tui.problem.{status}") if status in PROBLEM_STATUSES else status,
                          due or "-", Text(who or "-"), Text(body), key=str(pid))
        if view.problems:
            table.move_cursor(row=min(keep, len(view.problems) - 1))
        for kind in NARRATIVES:
            area = self.query_one(f"#narr-{kind}", TextArea)
            stored = view.narratives.get(kind) or ""
            if kind not in self._narr_loaded or area.text == self._narr_loaded[kind]:
                area.load_text(stored)  # not being edited: show what is stored
            self._narr_loaded[kind] = stored

    def _error(self, message: str) -> None:
        self.query_one("#records-error", Static).update(message)

    def _refused(self, error: WorkflowError) -> None:
        self._error(t("tui.actions.refused", reason=str(error)))
        self.app.notify(str(error), severity="error", timeout=8, markup=False)

    @on(Button.Pressed, "#problem-add")
    def add_problem(self) -> None:
        def added(saved: bool | None) -> None:
            if saved:
                self.app.notify(t("tui.problems.added"), timeout=3)
                self.post_message(self.Changed())

        self._error("")
        self.app.push_screen(ProblemDialog(self.assessment_id), added)

    @on(Button.Pressed, ".problem-status")
    def problem_status(self, event: Button.Pressed) -> None:
        table = self.query_one("#problem-table", DataTable)
        if self.view is None or not self.view.problems or table.row_count == 0:
            self._error(t("tui.problems.pick"))
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self._error("")
        self.set_status(self.actor, int(key or 0), event.button.name or "")

    @work(thread=True, group="problems.status", exit_on_error=False)
    def set_status(self, actor: Actor, problem_id: int, status: str) -> None:
        with thread_connection():
            outcome = attempt(lambda: set_problem_status(actor, problem_id, status))
        self.post_message(self.StatusSet(outcome))

    @on(StatusSet)
    def status_set(self, message: StatusSet) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._refused(message.outcome)
            return
        self.app.notify(t("tui.problems.updated"), timeout=3)
        self.post_message(self.Changed())

    def save_texts(self) -> None:
        """Ctrl+S or the button: the narratives that differ from what was read."""
        changed = {kind: self.query_one(f"#narr-{kind}", TextArea).text for kind in NARRATIVES
                   if self.query_one(f"#narr-{kind}", TextArea).text != self._narr_loaded.get(kind, "")}
        if not changed:
            self.app.notify(t("tui.narr.unchanged"), timeout=3)
            return
        self._error("")
        self.store_texts(self.actor, changed)

    @on(Button.Pressed, "#narr-save")
    def save_pressed(self) -> None:
        self.save_texts()

    @work(thread=True, group="problems.texts", exit_on_error=False)
    def store_texts(self, actor: Actor, changed: dict[str, str]) -> None:
        def save() -> list[str]:
            done = []
            for kind, text in changed.items():
                set_narrative(actor, self.assessment_id, kind, text)
                done.append(kind)
            return done

        with thread_connection():
            outcome = attempt(save)
        self.post_message(self.TextsSaved(outcome))

    @on(TextsSaved)
    def texts_saved(self, message: TextsSaved) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._refused(message.outcome)
            return
        kinds = message.outcome
        for kind in kinds:
            self._narr_loaded[kind] = self.query_one(f"#narr-{kind}", TextArea).text.strip()
        self.app.notify(t("tui.narr.saved", which="、".join(t(f"tui.narr.{k}") for k in kinds)), timeout=3)
        self.post_message(self.Changed())
