"""A read-only table that fits its width: fixed columns, one flexible column, cut text ends in "…".

Used by the history tab and the audit screen, whose rows carry long texts (reasons, score lists):
at 80 columns a plain DataTable grows wider than the screen and hides its right half. Here the
columns are laid out again on every resize, columns marked ``wide`` appear only from ``WIDE``
cells on, and the highlighted row's full text is for the screen to show below (``full_text``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from tui.widgets.cells import ellipsize

WIDE = 110


@dataclass(frozen=True)
class Col:
    title: str
    width: int  # cells; the flexible column's smallest width
    flex: bool = False  # takes what the fixed columns leave
    wide: bool = False  # shown only when the table is at least WIDE cells wide
    fold_into: int | None = None  # when hidden (narrow), its text leads this column's, "a；b"


class FitTable(DataTable[Text]):
    DEFAULT_CSS = """
    FitTable { overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None, fold_separator: str = " ") -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.fold_separator = fold_separator
        self.cols: list[Col] = []
        self.rows_text: list[list[str]] = []
        self._laid_width = -1

    def set_data(self, cols: list[Col], rows: list[list[str]]) -> None:
        self.cols, self.rows_text = cols, rows
        self._lay_out(force=True)

    def full_text(self, index: int) -> list[tuple[str, str]]:
        """(title, whole text) of every column of row ``index``, hidden columns included."""
        if not 0 <= index < len(self.rows_text):
            return []
        return [(c.title, v) for c, v in zip(self.cols, self.rows_text[index], strict=True)]

    def _visible(self, width: int) -> list[int]:
        return [i for i, c in enumerate(self.cols) if not c.wide or width >= WIDE]

    def widths(self, width: int) -> dict[int, int]:
        shown = self._visible(width)
        pad = 2 * self.cell_padding * len(shown) + 2  # cell padding, and the vertical scrollbar
        fixed = sum(self.cols[i].width for i in shown if not self.cols[i].flex)
        flex = [i for i in shown if self.cols[i].flex]
        room = max(0, width - pad - fixed)
        out = {i: self.cols[i].width for i in shown}
        for i in flex:
            out[i] = max(self.cols[i].width, room // max(1, len(flex)))
        return out

    def _lay_out(self, *, force: bool = False) -> None:
        width = self.size.width or self.app.size.width
        if not force and width == self._laid_width:
            return
        self._laid_width = width
        row = self.cursor_row
        widths = self.widths(width)
        self.clear(columns=True)
        for i, w in widths.items():
            self.add_column(Text(ellipsize(self.cols[i].title, w)), width=w, key=str(i))
        for values in self.rows_text:
            cells = list(values)
            for i, col in enumerate(self.cols):
                if i not in widths and col.fold_into is not None and values[i]:
                    target = col.fold_into
                    cells[target] = self.fold_separator.join(v for v in (values[i], cells[target]) if v)
            self.add_row(*(Text(ellipsize(cells[i], w)) for i, w in widths.items()))
        if self.rows_text:
            self.move_cursor(row=min(max(row, 0), len(self.rows_text) - 1))

    def on_resize(self, event: events.Resize) -> None:
        if self.cols:
            self.call_after_refresh(self._lay_out)
