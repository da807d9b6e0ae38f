"""The audit-chain head an export was made from, stamped into the file it writes.

The caller (tui/export_jobs.py) reads the head before gathering the data and runs the writer
inside ``carrying(seq, hash)``; ``save_docx`` (exports/atomic.py) and the .xlsx stream writer
stamp whatever is being carried, so no writer's signature changes. Outside ``carrying`` nothing
is stamped. The format and how it is checked: workflow/audit_anchor.py (``audit verify --anchor``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any
from xml.sax.saxutils import escape

TOKEN = "starcampus-audit-head"
SHORT = 12
FOOTER_PT = 7.5

_carried: ContextVar[tuple[int, str] | None] = ContextVar("audit_anchor", default=None)


@contextlib.contextmanager
def carrying(seq: int, digest: str) -> Iterator[None]:
    """Stamp (seq, hash) into every document written inside this block (this thread's)."""
    token = _carried.set((seq, digest))
    try:
        yield
    finally:
        _carried.reset(token)


def carried() -> tuple[int, str] | None:
    return _carried.get()


def property_text(seq: int, digest: str) -> str:
    return f"{TOKEN}:{seq}:{digest}"


def footer_text(seq: int, digest: str) -> str:
    """What a reader types to ``starcampus audit verify --anchor``."""
    return f"审计链 {seq}:{digest[:SHORT]}"


def _add_footer_line(footer: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from exports.docx_base import SONGTI, off_grid, set_run_font

    paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    off_grid(paragraph)
    set_run_font(paragraph.add_run(text), SONGTI, FOOTER_PT)


def stamp_docx(document: Any) -> None:
    """The carried head in the core properties (``keywords``) and a small line in every footer."""
    head = carried()
    if head is None:
        return
    seq, digest = head
    props = document.core_properties
    props.keywords = property_text(seq, digest)
    text = footer_text(seq, digest)
    both = bool(document.settings.odd_and_even_pages_header_footer)
    for index, section in enumerate(document.sections):
        footers = [section.footer]
        if both:
            footers.append(section.even_page_footer)
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        for footer in footers:
            if index == 0 or not footer.is_linked_to_previous:  # a linked footer shows its section's
                _add_footer_line(footer, text)


CORE_CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def core_properties_xml() -> str | None:
    """docProps/core.xml carrying the head, for a package written by hand (exports/xlsx_stream.py)."""
    head = carried()
    if head is None:
        return None
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:creator>starcampus</dc:creator>"
        f"<cp:keywords>{escape(property_text(*head))}</cp:keywords>"
        "</cp:coreProperties>"
    )
