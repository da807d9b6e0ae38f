"""The audit log: filterable, with the hash chain's verdict (workflow.audit.verify_chain)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import DbScreen
from workflow import queries
from workflow.audit import ChainReport, verify_chain
from workflow.i18n import language, t


def load_events(actor: str, school: str, action: str) -> list[tuple[str, ...]]:
    rows = queries.audit_events(actor=actor or None, school_code=school or None, action=action or None,
                                limit=500)
    return [(str(e.seq), e.at.replace("T", " ")[:16], e.actor, e.action, e.school_code,
             f"{e.from_state}>{e.to_state}" if e.to_state else "", e.reason) for e in rows]


class AuditScreen(DbScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", t("tui.key.back"), id="audit.back"),
        Binding("f5", "verify", t("tui.audit.verify"), id="audit.verify"),
    ]

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
        self.db("chain", verify_chain)

    def done_chain(self, report: ChainReport) -> None:
        style = "bold green" if report.ok else "bold red"
        self.query_one("#chain", Static).update(Text(report.message(language()), style=style))

    @on(Input.Changed)
    def reload(self) -> None:
        actor, school, action = (self.query_one(f"#a-{n}", Input).value.strip() for n in ("actor", "school", "action"))
        # A school user reads only its own school's history, whatever is typed in the filter.
        scope = queries.scope_of(self.app.actor)  # type: ignore[attr-defined]
        self.db("events", load_events, actor, scope or school, action)

    def done_events(self, rows: list[Any]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
