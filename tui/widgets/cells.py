"""Text cut to a width in terminal cells: the list, the bars and the tables share it.

Apart from tui/widgets/fit_table.py, which builds on Textual's DataTable: the dashboard draws no
DataTable, and a launch need not import one for this function.
"""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


def ellipsize(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending in "…" when cut (wide CJK glyphs count 2)."""
    text = " ".join(text.split())  # a reason typed over several lines reads as one line here
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS
