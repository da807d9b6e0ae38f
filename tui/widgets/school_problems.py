"""The school screen's 问题与成效 tab: the problem list (add, edit, delete one, change its status;
a deadline past on a problem not yet closed is marked 逾期, and the list can be narrowed to the
open, overdue or closed ones) and the two narratives (成效, 问题), saved with Ctrl+S.

Every change goes through a workflow door in a thread worker; the refusal is shown under the
tab. What the actor's role may not do is not offered at all (issue 16): a reader without
``problem.edit`` sees the list without its buttons, one without ``narrative.edit`` the texts read-only. Once something is saved the pane posts ``ProblemsPane.Changed`` and the school screen reads
the school again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Select, Static, TextArea

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import UsesApp
from tui.screens.dialogs import ConfirmDialog, ProblemDialog, ProblemFields
from tui.screens.school_view import NARRATIVES, PROBLEM_STATUSES, SchoolView
from tui.work import WorkerReporting, attempt, thread_connection
from workflow import clock
from workflow.doors.records import delete_problem, set_narrative, set_problem_status
from workflow.errors import ConflictError, WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor, allowed

PROBLEM_FILTERS = ("all", "unclosed", "overdue", "closed")

Problem = tuple[int, str, str, str, str, int]  # id, text, responsible, deadline, status, version


def overdue(problem: Problem, today: date) -> bool:
    """The deadline is past and the problem is not closed (整改 still owed)."""
    deadline, status = problem[3], problem[4]
    return bool(deadline) and status != "closed" and deadline < today.isoformat()


def shown(problem: Problem, which: str, today: date) -> bool:
    if which == "unclosed":
        return problem[4] != "closed"
    if which == "overdue":
        return overdue(problem, today)
    if which == "closed":
        return problem[4] == "closed"
    return True


class ProblemsPane(UsesApp, WorkerReporting, VerticalScroll):
    DEFAULT_CSS = """
    ProblemsPane #problem-filter { width: 20; }
    ProblemsPane #problem-head { height: 1; margin-top: 1; }
    ProblemsPane #problem-title { width: 1fr; text-style: bold; background: $primary 20%; }
    ProblemsPane .buttons Button { width: auto; min-width: 6; }
    ProblemsPane #problem-status-buttons { height: 1; }
    """

    class Changed(Message):
        """Something was saved: the school should be read again."""

    @dataclass
    class StatusSet(Message):
        problem_id: int
        outcome: int | WorkflowError  # the problem's new version

    @dataclass
    class Deleted(Message):
        outcome: None | WorkflowError

    @dataclass
    class TextsSaved(Message):
        outcome: dict[str, int] | WorkflowError  # kind -> the paragraph's new version

    def __init__(self, assessment_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.assessment_id = assessment_id
        self.view: SchoolView | None = None
        self._narr_loaded: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="problem-head"):
            yield Static(t("tui.problems.title"), id="problem-title")  # not .section: its margin
            yield Select([(t(f"tui.problems.filter.{f}"), f) for f in PROBLEM_FILTERS], value="all",
                         allow_blank=False, id="problem-filter", compact=True)
        yield DataTable(id="problem-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="buttons", id="problem-buttons"):
            yield Button(t("tui.problems.add"), id="problem-add", compact=True, variant="primary")
            yield Button(t("tui.problems.edit"), id="problem-edit", compact=True)
            yield Button(t("tui.problems.delete"), id="problem-delete", compact=True, variant="error")
        with Horizontal(classes="buttons", id="problem-status-buttons"):
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
        role = self.actor.role
        for row in ("#problem-buttons", "#problem-status-buttons"):
            self.query_one(row).display = allowed(role, "problem.edit")
            for button in self.query(f"{row} Button"):  # each one too: a hidden button presses nothing
                button.display = allowed(role, "problem.edit")
        writes = allowed(role, "narrative.edit")
        self.query_one("#narr-save", Button).display = writes
        for kind in NARRATIVES:
            self.query_one(f"#narr-{kind}", TextArea).read_only = not writes
        self.query_one("#problem-table", DataTable).add_columns(
            "#", t("tui.problems.col.status"), t("tui.problems.col.due"), t("tui.problems.col.who"),
            t("tui.problems.col.text"))

    def show(self, view: SchoolView) -> None:
        self.view = view
        self._fill_problems()
        for kind in NARRATIVES:
            area = self.query_one(f"#narr-{kind}", TextArea)
            stored = view.narratives.get(kind) or ""
            if kind not in self._narr_loaded or area.text == self._narr_loaded[kind]:
                area.load_text(stored)  # not being edited: show what is stored
            self._narr_loaded[kind] = stored

    def _fill_problems(self) -> None:
        if self.view is None:
            return
        table = self.query_one("#problem-table", DataTable)
        keep = table.cursor_row
        table.clear()
        which = str(self.query_one("#problem-filter", Select).value)
        today = clock.today()
        rows = 0
        for i, problem in enumerate(self.view.problems, 1):
            if not shown(problem, which, today):
                continue
            pid, body, who, due, status, _version = problem
            due_text = Text(due or "-")
            if overdue(problem, today):
                due_text = Text(due + t("tui.problems.overdue"), style="bold red")
            table.add_row(str(i), t(f"tui.problem.{status}") if status in PROBLEM_STATUSES else status,
                          due_text, Text(who or "-"), Text(body), key=str(pid))
            rows += 1
        if rows:
            table.move_cursor(row=min(max(keep, 0), rows - 1))

    @on(Select.Changed, "#problem-filter")
    def filter_changed(self) -> None:
        self._fill_problems()

    def _selected(self) -> Problem | None:
        table = self.query_one("#problem-table", DataTable)
        if self.view is None or table.row_count == 0:
            self._error(t("tui.problems.pick"))
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((p for p in self.view.problems if str(p[0]) == key), None)

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
        self.app.push_screen(ProblemDialog(self.assessment_id, year=self.view.year if self.view else None), added)

    @on(Button.Pressed, "#problem-edit")
    def edit_problem(self) -> None:
        problem = self._selected()
        if problem is None:
            return

        def edited(saved: bool | None) -> None:
            if saved:
                self.app.notify(t("tui.problems.edited"), timeout=3)
                self.post_message(self.Changed())

        pid, body, who, due, _status, version = problem
        self._error("")
        self.app.push_screen(ProblemDialog(self.assessment_id, year=self.view.year if self.view else None,
                                           editing=ProblemFields(body, who, due, pid, version)), edited)

    @on(Button.Pressed, "#problem-delete")
    def delete_pressed(self) -> None:
        problem = self._selected()
        if problem is None:
            return
        pid, body, _who, _due, _status, version = problem

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_delete(self.actor, pid, version)

        self._error("")
        self.app.push_screen(ConfirmDialog(t("tui.problems.delete_title"), t("tui.problems.delete_body", text=body),
                                           yes=t("tui.problems.delete")), answered)

    @work(thread=True, group="problems.delete", exit_on_error=False)
    def run_delete(self, actor: Actor, problem_id: int, version: int) -> None:
        with thread_connection():
            outcome = attempt(lambda: delete_problem(actor, problem_id, expected_version=version))
        self.post_message(self.Deleted(outcome))

    @on(Deleted)
    def deleted(self, message: Deleted) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._refused(message.outcome)
            return
        self.app.notify(t("tui.problems.deleted"), timeout=3)
        self.post_message(self.Changed())

    @on(Button.Pressed, ".problem-status")
    def problem_status(self, event: Button.Pressed) -> None:
        problem = self._selected()
        if problem is None:
            return
        self._error("")
        self.set_status(self.actor, problem[0], event.button.name or "", problem[5])

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
        if not allowed(self.actor.role, "narrative.edit"):
            return  # read-only here: nothing could have been typed
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
