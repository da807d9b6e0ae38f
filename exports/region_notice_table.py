"""A bordered table written row by row from an iterator, for a list as long as a province's rated
schools.

docx_table.add_table makes every row first and fills it through ``table.rows[r]``, which python-docx
finds by walking the rows from the top: fine for the publicity list, quadratic at 30,000 rows, and
it needs the whole list in hand. Here one data row is made and formatted by docx_table (its fonts,
pitch and alignment), kept as a template, and each row is a copy of it with its texts set: one
element per row appended as the iterator gives it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table

from .docx_table import add_table
from .text import clean_text

_PLACEHOLDER = "-"  # a run needs text to be made (add_runs skips an empty one)


def add_streamed_table(document: Document, headers: Sequence[str], rows: Iterable[Sequence[str]],
                       widths_mm: Sequence[float], aligns: Sequence[WD_ALIGN_PARAGRAPH]) -> Table:
    """The headers (repeated on every page) and a row per item of ``rows``, each never split."""
    table = add_table(document, headers, [[_PLACEHOLDER] * len(headers)], widths_mm, aligns)
    tbl = table._tbl
    template = tbl.tr_lst[1]
    tbl.remove(template)
    for values in rows:
        row = copy.deepcopy(template)
        for cell, value in zip(row.iter(qn("w:tc")), values, strict=True):
            text = next(cell.iter(qn("w:t")))
            text.text = clean_text(value)
        tbl.append(row)
    return table
