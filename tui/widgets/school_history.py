"""The school screen's 历史 tab: its level in every campaign, then its audit history.

The rows come in the reader's words (tui.screens.school_view via workflow.reads.audit_text); the
table fits the width (tui.widgets.fit_table) and the highlighted row is shown whole below it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.school_view import SchoolView
from tui.widgets.fit_table import Col, FitTable
from workflow.i18n import t


def history_columns() -> list[Col]:
    return [
        Col(t("tui.hist.at"), 16),
        Col(t("tui.hist.actor"), 10),
        Col(t("tui.hist.action"), 14),
        Col(t("tui.hist.states"), 18, wide=True, fold_into=4),
        Col(t("tui.hist.note"), 20, flex=True),
    ]


def round_columns() -> list[Col]:
    return [
        Col(t("tui.rounds.year"), 4),
        Col(t("tui.rounds.kind"), 8),
        Col(t("tui.rounds.entry"), 8, wide=True),
        Col(t("tui.rounds.self"), 6),
        Col(t("tui.rounds.verified"), 6),
        Col(t("tui.rounds.level"), 6),
        Col(t("tui.rounds.outcome"), 8),
        Col(t("tui.rounds.date"), 10),
        Col(t("tui.rounds.reason"), 10, flex=True),
    ]


class HistoryPane(Vertical):
    """Its rounds first (the school's history a person reads), then the raw audit trail below (F6 again or Tab)."""

    DEFAULT_CSS = """
    HistoryPane { height: 1fr; }
    HistoryPane #rounds-table { height: auto; max-height: 8; }
    HistoryPane #history-detail { height: auto; max-height: 4; color: $text-muted; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(t("tui.rounds.title"), id="levels-text", markup=False)
        yield FitTable(id="rounds-table", fold_separator=t("audit.sep"))
        yield Static(t("tui.rounds.raw"), id="raw-title", markup=False)
        yield FitTable(id="history-table", fold_separator=t("audit.sep"))
        yield Static(t("tui.hist.pick"), id="history-detail", markup=False)

    def show(self, view: SchoolView) -> None:
        self.query_one("#levels-text", Static).update(Text(t("tui.rounds.title"), style="bold"))
        self.query_one("#rounds-table", FitTable).set_data(round_columns(), [list(row) for row in view.rounds])
        self.query_one("#history-table", FitTable).set_data(history_columns(), [list(row) for row in view.history])

    @on(DataTable.RowHighlighted, "#history-table")
    @on(DataTable.RowHighlighted, "#rounds-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        assert isinstance(table, FitTable)
        parts = [value for _title, value in table.full_text(event.cursor_row) if value]
        self.query_one("#history-detail", Static).update(" | ".join(parts) or t("tui.hist.pick"))
