"""导入与维护: what an officer used to leave the app for — the school register imported from a CSV or
.xlsx file (the CLI's all-or-nothing report), the campaign's objections, the audit log exported as
CSV, and a backup of the database. Files come from and go to the export folder (tui/office.py).

Every read and write runs in a thread worker (tui/work.py); refusals are shown as the doors word
them; an existing file is replaced only after "replace?" is answered yes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Static

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
import tui.verbs.setup_strings  # noqa: F401 - the CLI's import report
from tui.office import ImportReport, backup, export_audit, import_register
from tui.screens.base import DbScreen
from tui.screens.dialogs import ConfirmDialog
from tui.screens.export import export_dir
from tui.widgets.keys_footer import KeysFooter
from tui.work import ReadDone, attempt, post_read, thread_connection
from workflow import clock
from workflow.errors import WorkflowError
from workflow.i18n import t
from workflow.outputs import FileExists
from workflow.permissions import Actor
from workflow.reads.registers import ObjectionLine, objection_list

CELL = 30  # characters of an objection's text in its cell; the whole text shows below the table


def _cut(text: str) -> Text:
    line = " ".join(text.split())
    return Text(line if len(line) <= CELL else line[:CELL - 3] + "...")


class OfficeScreen(DbScreen):
    DEFAULT_CSS = """
    OfficeScreen #office { padding: 0 1; }
    OfficeScreen .section { text-style: bold; margin-top: 1; background: $primary 20%; }
    OfficeScreen .row { height: 1; }
    OfficeScreen .row Input { width: 1fr; }
    OfficeScreen .row Button { margin-left: 1; }
    OfficeScreen #obj-list { height: auto; max-height: 10; }
    OfficeScreen .note, OfficeScreen #obj-text { color: $text-muted; height: auto; }
    OfficeScreen .result { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="office.back"),
        Binding("f5", "reload", "tui.key.reload", id="office.reload"),
    ]

    @dataclass
    class ObjectionsLoaded(ReadDone):
        outcome: list[ObjectionLine] | WorkflowError

    @dataclass
    class Done(Message):
        job: str  # import | audit | backup
        outcome: object | WorkflowError
        force: bool

    def __init__(self) -> None:
        super().__init__()
        self.objections: list[ObjectionLine] = []

    def compose(self) -> ComposeResult:
        folder = export_dir()
        day = clock.today().strftime("%Y%m%d")
        with VerticalScroll(id="office"):
            yield Static(Text(t("tui.office.folder", folder=str(folder))), classes="note")
            yield Static(t("tui.office.import"), classes="section")
            with Horizontal(classes="row"):
                yield Input(placeholder=t("tui.office.import_file"), id="import-file", compact=True)
                yield Input(placeholder=t("tui.office.import_sheet"), id="import-sheet", compact=True)
                yield Button(t("tui.office.import_go"), id="import-go", variant="primary", compact=True)
            yield Static("", id="import-result", classes="result", markup=False)
            yield Static(t("tui.office.objections"), classes="section")
            yield DataTable(id="obj-list", cursor_type="row", zebra_stripes=True)
            yield Static("", id="obj-text", markup=False)
            yield Static(t("tui.office.audit"), classes="section")
            with Horizontal(classes="row"):
                yield Input(f"audit-{day}.csv", id="audit-file", compact=True)
                yield Button(t("tui.office.audit_go"), id="audit-go", variant="primary", compact=True)
            yield Static("", id="audit-result", classes="result", markup=False)
            yield Static(t("tui.office.backup"), classes="section")
            with Horizontal(classes="row"):
                yield Input(f"starcampus-backup-{day}.sqlite3", id="backup-file", compact=True)
                yield Button(t("tui.office.backup_go"), id="backup-go", variant="primary", compact=True)
            yield Static("", id="backup-result", classes="result", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#obj-list", DataTable).add_columns(
            "#", t("tui.col.code"), t("tui.col.name"), t("tui.rec.col.raised_by"), t("tui.rec.col.status"),
            t("tui.rec.col.text"))
        self.query_one("#import-file", Input).focus()
        self.action_reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        cid = self.starcampus.campaign_id
        if cid is not None:
            self.load_objections(self.actor, cid)

    # ----- the campaign's objections
    @work(thread=True, exclusive=True, group="office.objections", exit_on_error=False)
    def load_objections(self, actor: Actor, campaign_id: int) -> None:
        with thread_connection():
            outcome = attempt(lambda: objection_list(actor, campaign_id))
        post_read(self, self.ObjectionsLoaded(outcome))

    @on(ObjectionsLoaded)
    def objections_loaded(self, message: ObjectionsLoaded) -> None:
        if message.stale:
            return
        table = self.query_one("#obj-list", DataTable)
        table.clear()
        if isinstance(message.outcome, WorkflowError):
            self.query_one("#obj-text", Static).update(str(message.outcome))
            return
        self.objections = message.outcome
        for i, o in enumerate(self.objections, 1):
            table.add_row(str(i), o.school_code, _cut(o.school_name), _cut(o.raised_by),
                          t(f"tui.rec.objection.{o.status}"), _cut(o.text), key=str(o.id))
        if not self.objections:
            self.query_one("#obj-text", Static).update(t("tui.office.no_objections"))

    @on(DataTable.RowHighlighted, "#obj-list")
    def objection_text(self, event: DataTable.RowHighlighted) -> None:
        item = next((o for o in self.objections if str(o.id) == event.row_key.value), None)
        if item is not None:
            text = t("tui.obj.quote", who=item.raised_by, text=item.text)
            if item.resolution:
                text += "\n" + t("tui.rec.col.resolution") + ": " + item.resolution
            self.query_one("#obj-text", Static).update(text)

    # ----- import, audit export, backup
    @on(Input.Submitted, "#import-file, #import-sheet")
    @on(Button.Pressed, "#import-go")
    def import_pressed(self) -> None:
        self._start("import", force=False)

    @on(Input.Submitted, "#audit-file")
    @on(Button.Pressed, "#audit-go")
    def audit_pressed(self) -> None:
        self._start("audit", force=False)

    @on(Input.Submitted, "#backup-file")
    @on(Button.Pressed, "#backup-go")
    def backup_pressed(self) -> None:
        self._start("backup", force=False)

    def _start(self, job: str, *, force: bool) -> None:
        self.query_one(f"#{job}-result", Static).update(t("tui.office.working"))
        values = {"import": (self.query_one("#import-file", Input).value, self.query_one("#import-sheet", Input).value),
                  "audit": (self.query_one("#audit-file", Input).value, ""),
                  "backup": (self.query_one("#backup-file", Input).value, "")}[job]
        self.run_job(self.actor, job, values, force)

    @work(thread=True, group="office.job", exit_on_error=False)
    def run_job(self, actor: Actor, job: str, values: tuple[str, str], force: bool) -> None:
        folder = export_dir()
        path, sheet = values
        with thread_connection():
            outcome: Any
            if job == "import":
                outcome = attempt(lambda: import_register(actor, path, sheet, folder))
            elif job == "audit":
                outcome = attempt(lambda: export_audit(actor, path, folder, force=force))
            else:
                outcome = attempt(lambda: backup(actor, path, folder, force=force))
        self.post_message(self.Done(job, outcome, force))

    @on(Done)
    def done(self, message: Done) -> None:
        result = self.query_one(f"#{message.job}-result", Static)
        outcome = message.outcome
        if isinstance(outcome, FileExists) and not message.force:
            def answered(yes: bool | None) -> None:
                if yes:
                    self._start(message.job, force=True)
                else:
                    result.update(t("tui.office.kept"))

            self.app.push_screen(ConfirmDialog(t("tui.export.replace_title"), str(outcome)), answered)
            return
        if isinstance(outcome, WorkflowError):
            result.update(Text(str(outcome), style="bold red"))
            self.notify(str(outcome), severity="error", timeout=8, markup=False)
            return
        if isinstance(outcome, ImportReport):
            text = t("cli.schools.imported", added=outcome.added, updated=outcome.updated,
                     unchanged=outcome.unchanged, reordered=outcome.reordered)
        else:
            text = t("tui.office.written", path=str(outcome if isinstance(outcome, Path) else "-"))
        result.update(Text(text))
        self.notify(text, timeout=5)
