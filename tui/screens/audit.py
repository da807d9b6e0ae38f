"""The audit log: filterable, with the hash chain's verdict (workflow.audit.verify_chain)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import DbScreen
from tui.work import ReadDone, post_read, thread_connection
from workflow.audit import ChainReport, verify_chain
from workflow.i18n import language, t
from workflow.reads import queries


def load_events(actor: str, school: str, action: str) -> list[tuple[str, ...]]:
    rows = queries.audit_events(actor=actor or None, school_code=school or None, action=action or None,
                                limit=500)
    return [(str(e.seq), e.at.replace("T", " ")[:16], e.actor, e.action, e.school_code,
             f"{e.from_state}>{e.to_state}" if e.to_state else "", e.reason) for e in rows]


class AuditScreen(DbScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="audit.back"),
        Binding("f5", "verify", "tui.audit.verify", id="audit.verify"),
    ]

    @dataclass
    class ChainChecked(ReadDone):
        report: ChainReport

    @dataclass
    class EventsLoaded(ReadDone):
        rows: list[tuple[str, ...]]

    def compose(self) -> ComposeResult:
        yield Static(t("tui.audit.checking"), id="chain", markup=False)
        with Horizontal(id="audit-filters"):
            yield Input(placeholder=t("tui.audit.actor"), id="a-actor", compact=True)
            yield Input(placeholder=t("tui.audit.school"), id="a-school", compact=True)
            yield Input(placeholder=t("tui.audit.action"), id="a-action", compact=True)
        yield DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "#", t("tui.hist.at"), t("tui.hist.actor"), t("tui.hist.action"), t("tui.col.code"),
            t("tui.hist.states"), t("tui.hist.reason"))
        self.action_verify()
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_verify(self) -> None:
        self.check_chain()

    @work(thread=True, exclusive=True, group="audit.chain", exit_on_error=False)
    def check_chain(self) -> None:
        with thread_connection():
            report = verify_chain()
        post_read(self, self.ChainChecked(report))

    @work(thread=True, exclusive=True, group="audit.events", exit_on_error=False)
    def load(self, actor: str, school: str, action: str) -> None:
        with thread_connection():
            rows = load_events(actor, school, action)
        post_read(self, self.EventsLoaded(rows))

    @on(ChainChecked)
    def chain_checked(self, message: ChainChecked) -> None:
        if message.stale:
            return
        report = message.report
        style = "bold green" if report.ok else "bold red"
        self.query_one("#chain", Static).update(Text(report.message(language()), style=style))

    @on(Input.Changed)
    def reload(self) -> None:
        actor, school, action = (self.query_one(f"#a-{n}", Input).value.strip() for n in ("actor", "school", "action"))
        # A school user reads only its own school's history, whatever is typed in the filter.
        scope = queries.scope_of(self.actor)
        self.load(actor, scope or school, action)

    @on(EventsLoaded)
    def events_loaded(self, message: EventsLoaded) -> None:
        if message.stale:
            return
        table = self.query_one(DataTable)
        table.clear()
        for row in message.rows:
            table.add_row(*(Text(cell) for cell in row))
