"""A landscape table document in the notice's look: the ledger and the verification records.

Both are registers (台账) rather than letters: a title, one sentence of counts, one wide table,
the organ and date. GB/T 9704's fonts, line pitch and page numbers (docx_base) on an A4 page
turned landscape, the margins turned with it, so seven columns and a full date fit on one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from .docx_base import (
    BODY_FONT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    SIZE_2,
    TITLE_FONT,
    add_blank_line,
    add_page_numbers,
    add_runs,
    add_signature,
    add_title,
    new_document,
    set_exact_spacing,
    set_first_line_chars,
)
from .docx_table import add_table
from .text import clean_text, split_title

# The portrait page's margins turned a quarter: its left and right (28/26 mm) become top and bottom.
LANDSCAPE_TYPE_WIDTH_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225 mm


def _landscape(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)


def build_table_document(
    title: str,
    intro: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    aligns: Sequence[WD_ALIGN_PARAGRAPH],
    *,
    organ: str,
    date_text: str,
) -> Document:
    assert abs(sum(widths_mm) - LANDSCAPE_TYPE_WIDTH_MM) < 0.5, "the table fills the type width"
    document = new_document()
    _landscape(document)
    title = clean_text(title).strip()
    document.core_properties.title = title.replace("\n", "")
    add_title(document, split_title(title, 27), TITLE_FONT, SIZE_2)
    add_blank_line(document)
    paragraph = document.add_paragraph()
    set_exact_spacing(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    set_first_line_chars(paragraph, 2)
    add_runs(paragraph, [(clean_text(intro), BODY_FONT)])
    add_table(document, headers, rows, widths_mm, aligns)
    add_signature(document, clean_text(organ).strip(), date_text, sealed=False)
    add_page_numbers(document)
    return document
