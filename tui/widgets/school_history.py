"""The school screen's 历史 tab: its level in every campaign, then its audit history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.school_view import SchoolView
from workflow.i18n import t


class HistoryPane(Vertical):
    DEFAULT_CSS = """
    HistoryPane { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="levels-text", markup=False)
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#history-table", DataTable).add_columns(
            t("tui.hist.at"), t("tui.hist.actor"), t("tui.hist.action"), t("tui.hist.states"), t("tui.hist.reason"))

    def show(self, view: SchoolView) -> None:
        text = Text(t("tui.hist.levels") + "\n", style="bold")
        for year, title, level_no, verified, st in view.levels:
            text.append(t("tui.hist.level_row", year=year, title=title, level=level_no, verified=verified,
                          state=st) + "\n", style="")
        self.query_one("#levels-text", Static).update(text)
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for row in view.history:
            table.add_row(*(Text(cell) for cell in row))
