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
from workflow.doors.records import set_narrative, set_problem_status
from workflow.errors import ConflictError, WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor


class ProblemsPane(UsesApp, WorkerReporting, VerticalScroll):

    class Changed(Message):
        """Something was saved: the school should be read again."""

    @dataclass
    class StatusSet(Message):
        problem_id: int
        outcome: int | WorkflowError  # the problem's new version

    @dataclass
    class TextsSaved(Message):
        outcome: dict[str, int] | WorkflowError  # kind -> the paragraph's new version

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
        for i, (pid, body, who, due, status, _version) in enumerate(view.problems, 1):
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
        if isinstance(error, ConflictError):
            # Read again: the other person's change is shown (what was typed here stays) with its version.
            self.post_message(self.Changed())

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
        problem_id = int(key or 0)
        version = next((p[5] for p in self.view.problems if p[0] == problem_id), None)
        self._error("")
        self.set_status(self.actor, problem_id, event.button.name or "", version)

    @work(thread=True, group="problems.status", exit_on_error=False)
    def set_status(self, actor: Actor, problem_id: int, status: str, version: int | None) -> None:
        with thread_connection():
            outcome = attempt(lambda: set_problem_status(actor, problem_id, status, expected_version=version))
        self.post_message(self.StatusSet(problem_id, outcome))

    @on(StatusSet)
    def status_set(self, message: StatusSet) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._refused(message.outcome)
            return
        if self.view is not None:  # the next change of this problem carries the version just returned
            self.view.problems = [(*p[:5], message.outcome) if p[0] == message.problem_id else p
                                  for p in self.view.problems]
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
        versions = dict(self.view.narrative_versions) if self.view is not None else {}
        self.store_texts(self.actor, changed, {kind: versions.get(kind, 0) for kind in changed})

    @on(Button.Pressed, "#narr-save")
    def save_pressed(self) -> None:
        self.save_texts()

    @work(thread=True, group="problems.texts", exit_on_error=False)
    def store_texts(self, actor: Actor, changed: dict[str, str], versions: dict[str, int]) -> None:
        def save() -> dict[str, int]:
            # Each paragraph carries the version it was read at: someone else's edit since is refused.
            return {kind: set_narrative(actor, self.assessment_id, kind, text, expected_version=versions[kind])
                    for kind, text in changed.items()}

        with thread_connection():
            outcome = attempt(save)
        self.post_message(self.TextsSaved(outcome))

    @on(TextsSaved)
    def texts_saved(self, message: TextsSaved) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._refused(message.outcome)
            return
        kinds = list(message.outcome)
        for kind, version in message.outcome.items():
            self._narr_loaded[kind] = self.query_one(f"#narr-{kind}", TextArea).text.strip()
            if self.view is not None:
                self.view.narrative_versions[kind] = version
        self.app.notify(t("tui.narr.saved", which="、".join(t(f"tui.narr.{k}") for k in kinds)), timeout=3)
        self.post_message(self.Changed())
