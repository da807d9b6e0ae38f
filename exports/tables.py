"""Plain-text tables for the terminal (tabulate), with Chinese widths measured right."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tabulate import tabulate

from .text import clean_text, format_score

FORMATS = ("grid", "github", "plain")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_score(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return format_score(Decimal(str(value)))
    return clean_text(str(value)).replace("\n", " ")


def _numeric(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def render_table(rows: Sequence[Sequence[object]], headers: Sequence[str], fmt: str = "grid") -> str:
    """Render rows; Decimal shown as scores ("71.5", "75"), numbers right-aligned.

    East-Asian wide characters count two columns when ``wcwidth`` is installed (tabulate
    picks it up by itself).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(FORMATS)}")
    width = len(headers)
    columns = [[row[i] if i < len(row) else None for row in rows] for i in range(width)]
    align = [
        "right"
        if col and all(_numeric(v) for v in col if v is not None) and any(v is not None for v in col)
        else "left"
        for col in columns
    ]
    body = [[_cell(row[i]) if i < len(row) else "" for i in range(width)] for row in rows]
    return tabulate(
        body,
        headers=[clean_text(h) for h in headers],
        tablefmt=fmt,
        disable_numparse=True,
        colalign=align if width else None,
    )
