"""The launch baseline: a stock Textual app with a DataTable of 100 rows and nothing else."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class StockTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("code", "name", "township", "state", "total")
        # the newest row first, so the marker "row 99" is on screen as soon as the rows are
        table.add_rows([(f"P{i:05d}", f"row {i}", "城关镇", "self_evaluating", str(i)) for i in range(99, -1, -1)])


if __name__ == "__main__":
    StockTable().run()
