"""Table helpers for the form and the publicity list (fonts on every cell run)."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from .docx_base import BODY_FONT, HEITI, add_runs, off_grid, set_exact_spacing
from .text import clean_text

CELL_SIZE = 12.0  # 小四
CELL_PITCH = 18.0


def fill_cell(
    cell: _Cell,
    text: str,
    *,
    font: str = BODY_FONT,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    indent_chars: int = 0,
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    set_exact_spacing(paragraph, CELL_PITCH)
    off_grid(paragraph)  # 小四 at its own pitch, not the body's 28.95 pt grid lines
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if indent_chars:
        paragraph.paragraph_format.left_indent = Pt(CELL_SIZE * indent_chars)
    add_runs(paragraph, [(clean_text(text), font)], CELL_SIZE)


def _repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def add_table(
    document: Document,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    aligns: Sequence[WD_ALIGN_PARAGRAPH],
    indents: Sequence[int] | None = None,
) -> Table:
    """A bordered table; ``indents[i]`` indents column 1 of row i by that many characters."""
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, title in enumerate(headers):
        fill_cell(table.rows[0].cells[col], title, font=HEITI, align=WD_ALIGN_PARAGRAPH.CENTER)
    for r, values in enumerate(rows, start=1):
        cells = table.rows[r].cells
        for col, value in enumerate(values):
            indent = indents[r - 1] if indents and col == 1 else 0
            fill_cell(cells[col], value, align=aligns[col], indent_chars=indent)
    for col, width in enumerate(widths_mm):
        table.columns[col].width = Mm(width)  # w:gridCol, which LibreOffice reads
        for row in table.rows:
            row.cells[col].width = Mm(width)
    _repeat_header(table)
    for row in table.rows:  # a row is never split across pages
        row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))  # before w:tblHeader
    return table
