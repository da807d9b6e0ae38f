"""A terminal table printed row by row, for lists too long to hold (``status --all`` at 500,000
schools). The look follows exports.tables (tabulate's grid, github and plain); the column widths
come from the headers and the first page of rows, so a longer cell further down widens only its
own line instead of making the whole list wait.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from wcwidth import wcswidth

from .tables import FORMATS, _cell

FIRST_PAGE = 1000


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def stream_table(rows: Iterable[Sequence[object]], headers: Sequence[str], fmt: str = "grid",
                 right: Sequence[bool] = ()) -> Iterator[str]:
    """The table's lines; ``right`` marks the right-aligned (numeric) columns."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(FORMATS)}")
    source = iter(rows)
    first = [[_cell(v) for v in row] for row in islice(source, FIRST_PAGE)]
    names = [_cell(h) for h in headers]
    widths = [max([_width(names[i]), *(_width(r[i]) for r in first if i < len(r))]) for i in range(len(names))]
    aligned = [bool(right[i]) if i < len(right) else False for i in range(len(names))]

    def line(cells: Sequence[str], header: bool = False) -> str:
        padded = [_pad(cells[i] if i < len(cells) else "", widths[i], aligned[i] and not header)
                  for i in range(len(widths))]
        if fmt == "plain":
            return "  ".join(padded).rstrip()
        return "| " + " | ".join(padded) + " |"

    def rule(char: str) -> str:
        joint = "+" if fmt == "grid" else "|"
        return joint + joint.join(char * (w + 2) for w in widths) + joint

    if fmt == "grid":
        yield rule("-")
    yield line(names, header=True)
    if fmt != "plain":
        yield rule("=" if fmt == "grid" else "-")
    for row in _chain(first, source):
        yield line(row)
        if fmt == "grid":
            yield rule("-")


def _chain(first: list[list[str]], rest: Iterator[Sequence[object]]) -> Iterator[list[str]]:
    yield from first
    for row in rest:
        yield [_cell(v) for v in row]
