"""The audit log: filterable, with the hash chain's verdict (workflow.audit.verify_chain)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import DbScreen
from tui.widgets.fit_table import Col, FitTable
from tui.widgets.keys_footer import KeysFooter
from tui.work import ReadDone, post_read, thread_connection
from workflow.audit import ChainReport
from workflow.errors import PermissionDenied
from workflow.i18n import language, t
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.audit_log import audit_log, chain_report
from workflow.reads.audit_text import action_prefix, action_text, move_text, note_text


def load_events(reader: Actor, actor: str, school: str, action: str) -> list[list[str]]:
    """The newest 500 rows, in the reader's words: labels, local time, the values that changed."""
    rows = audit_log(reader, by=actor or None, school_code=school or None, action=action or None, limit=500)
    return [[str(e.seq), e.when[:16], e.actor, e.school_code, action_text(e.action),
             move_text(e.from_state, e.to_state), note_text(e.action, e.payload, e.reason)] for e in rows]


def audit_columns() -> list[Col]:
    return [
        Col("#", 5, wide=True),
        Col(t("tui.hist.at"), 16),
        Col(t("tui.hist.actor"), 10),
        Col(t("tui.hist.school"), 10),
        Col(t("tui.hist.action"), 12),
        Col(t("tui.hist.states"), 18, wide=True, fold_into=6),
        Col(t("tui.hist.note"), 16, flex=True),
    ]


class AuditScreen(DbScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="audit.back"),
        Binding("f5", "verify", "tui.audit.verify", id="audit.verify"),
    ]

    @dataclass
    class ChainChecked(ReadDone):
        report: ChainReport | str  # the verdict, or why this user may not ask for it

    @dataclass
    class EventsLoaded(ReadDone):
        rows: list[list[str]]

    def compose(self) -> ComposeResult:
        yield Static(t("tui.audit.checking"), id="chain", markup=False)
        with Horizontal(id="audit-filters"):
            yield Input(placeholder=t("tui.audit.actor"), id="a-actor", compact=True)
            yield Input(placeholder=t("tui.audit.school"), id="a-school", compact=True)
            yield Input(placeholder=t("tui.audit.action"), id="a-action", compact=True)
        yield FitTable(id="audit-table", fold_separator=t("audit.sep"))
        yield Static(t("tui.hist.pick"), id="audit-detail", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.action_verify()
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_verify(self) -> None:
        self.check_chain()

    @work(thread=True, exclusive=True, group="audit.chain", exit_on_error=False)
    def check_chain(self) -> None:
        with thread_connection():
            try:
                report: ChainReport | str = chain_report(self.actor)
            except PermissionDenied as refused:  # a county's officer, a school: the verdict is the server's
                report = refused.message(language())
        post_read(self, self.ChainChecked(report))

    @work(thread=True, exclusive=True, group="audit.events", exit_on_error=False)
    def load(self, reader: Actor, actor: str, school: str, action: str) -> None:
        with thread_connection():
            rows = load_events(reader, actor, school, action)
        post_read(self, self.EventsLoaded(rows))

    @on(ChainChecked)
    def chain_checked(self, message: ChainChecked) -> None:
        if message.stale:
            return
        report = message.report
        if isinstance(report, str):
            self.query_one("#chain", Static).update(Text(report, style="dim"))
            return
        style = "bold green" if report.ok else "bold red"
        self.query_one("#chain", Static).update(Text(report.message(language()), style=style))

    @on(Input.Changed)
    def reload(self) -> None:
        actor, school, action = (self.query_one(f"#a-{n}", Input).value.strip() for n in ("actor", "school", "action"))
        # A school user reads only its own school's history, whatever is typed in the filter.
        scope = queries.scope_of(self.actor)
        self.load(self.actor, actor, scope or school, action_prefix(action))  # "认定星级" as well as "event."

    @on(EventsLoaded)
    def events_loaded(self, message: EventsLoaded) -> None:
        if message.stale:
            return
        self.query_one("#audit-table", FitTable).set_data(audit_columns(), message.rows)

    @on(DataTable.RowHighlighted, "#audit-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one("#audit-table", FitTable)
        parts = [value for _title, value in table.full_text(event.cursor_row) if value]
        self.query_one("#audit-detail", Static).update(" | ".join(parts) or t("tui.hist.pick"))
