"""Bar charts of counts, drawn with plain block characters.

The bar is the last thing on its line and at most half the line wide, so a terminal that
draws the block (an East-Asian ambiguous-width glyph) double-width cannot push it to wrap.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widgets import Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.widgets.cells import ellipsize

BLOCK = "\u2588"


def bars_text(title: str, items: list[tuple[str, int, str]], width: int) -> Text:
    """``items`` are (label, count, style); zero counts are kept so the scale is honest."""
    text = Text(title, style="bold")
    if not items:
        return text
    # Cells, not characters: "Recommended upward" is 18 cells, "已报上级" 8. A third of the line at most.
    label_width = min(max(8, width // 3), max(cell_len(label) for label, _, _ in items))
    count_width = max(len(str(n)) for _, n, _ in items)
    room = max(4, (width - label_width - count_width - 2) // 2)
    top = max(n for _, n, _ in items) or 1
    for label, count, style in items:
        text.append("\n")
        text.append(set_cell_size(ellipsize(label, label_width), label_width))
        text.append(" " + str(count).rjust(count_width) + " ")
        length = round(count * room / top)
        if count and not length:
            length = 1
        text.append(BLOCK * length, style=style)
    return text


class Bars(Static):
    DEFAULT_CSS = """
    Bars { height: auto; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._title = ""
        self._items: list[tuple[str, int, str]] = []

    def show(self, title: str, items: list[tuple[str, int, str]]) -> None:
        self._title, self._items = title, items
        self.update(bars_text(title, items, self.size.width or 38))

    def on_resize(self) -> None:
        if self._title:
            self.update(bars_text(self._title, self._items, self.size.width))
