"""Cells of a streamed sheet made once and reused: the score workbook's 5.5 million cells are
a few thousand distinct ones (half points, totals, townships, states), so each is formatted
the first time it is seen and looked up after (exports/workbook.py; xlsx_stream.SheetWriter.append_xml).

The cells carry no ``r`` attribute: OOXML (ECMA-376 §18.3.1.4) places a cell without one in the
column after the previous cell, so a row that writes every cell, its gaps as empty styled cells,
needs none (Excel, LibreOffice and openpyxl read it so). Numbers are keyed by value, so 8 and
8.0 share one cell; its text is the number as the product shows a score (text.format_score: "8",
"7.5"), whichever of the two was met first: a reader of the file (openpyxl, pandas) gets 8 for
every 8, never 8.0 for some schools and 8 for others as the stored values were typed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from xml.sax.saxutils import escape

from .text import clean_text, format_score

CACHE_LIMIT = 20_000  # distinct cells kept per kind: garbage of many values formats each anew
# What clean_text removes or rewrites (\r, and what XML forbids) and what escape() rewrites (&, <,
# >): text with none of these is written as it is, without the three passes (half a million
# codes and names a workbook).
_AS_IS = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_as_is = _AS_IS.search


def _style(style: int) -> str:
    return f' s="{style}"' if style else ""


class Made(dict[object, str]):
    """Value -> its cell, made on first sight by ``make`` (kept while under CACHE_LIMIT): looked
    up with ``map(cells.__getitem__, values)``, a whole row of lookups runs without a Python call."""

    def __init__(self, make: Callable[[object], str], blank: str, limit: int = CACHE_LIMIT) -> None:
        super().__init__()
        self.make = make
        self.limit = limit
        self[None] = blank

    def __missing__(self, value: object) -> str:
        cell = self.make(value)
        if len(self) < self.limit:
            self[value] = cell
        return cell


class CellMaker:
    """Positional cell XML in one set of styles: text, numbers, and the empty cell of a gap.
    ``numbers[value]`` and ``texts[value]`` are the cells; a value that cannot be a key (a
    signalling NaN, a list) raises TypeError there: ``number`` and ``text`` take any value."""

    def __init__(self, style: int, number_style: int, blank_style: int) -> None:
        self._text_s = _style(style)
        self._num_s = _style(number_style)
        self.blank = f"<c{_style(blank_style)}/>"
        self.numbers = Made(self._number_cell, self.blank)
        self.texts = Made(self.text_once, self.blank)

    def number(self, value: object) -> str:
        """A score or total (Decimal, int or float); None, and a value that is not a finite
        number, is the empty cell: nothing but a number reaches a score column."""
        try:
            return self.numbers[value]
        except TypeError:
            return self._number_cell(value)

    def _number_cell(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
            return self.blank
        if isinstance(value, Decimal):
            if not value.is_finite():
                return self.blank
        elif isinstance(value, float):
            if not math.isfinite(value):
                return self.blank
        else:
            return f"<c{self._num_s}><v>{value}</v></c>"
        return f"<c{self._num_s}><v>{format_score(value)}</v></c>"

    def text(self, value: object) -> str:
        """A text cell that repeats (a township, a state, a level), made once."""
        try:
            return self.texts[value]
        except TypeError:
            return self.text_once(value)

    def text_once(self, value: object) -> str:
        """A text cell of a value seen once (a school's code or name): cleaned of what XML forbids."""
        if value is None:
            return self.blank
        if type(value) is str and value and _as_is(value) is None:
            return f'<c t="inlineStr"{self._text_s}><is><t xml:space="preserve">{value}</t></is></c>'
        text = escape(clean_text(str(value)))
        if not text:
            return self.blank
        return f'<c t="inlineStr"{self._text_s}><is><t xml:space="preserve">{text}</t></is></c>'
