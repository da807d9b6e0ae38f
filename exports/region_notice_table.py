"""A bordered table whose rows are written into the file as an iterator gives them, for a list as long
as a province's rated schools.

python-docx holds a document as one lxml tree: a formatted cell is some thirty elements, so 10,000
rows of six cells took 440 MB before the file was saved, and docx_table.add_table finds each row by
walking the rows from the top. Here the table is laid out by docx_table with its headers and one
row of markers; the document is saved as usual (exports.atomic.save_docx's stamp and temp file),
and on the way to the file word/document.xml is cut at that row: each item becomes a copy of the
row's XML with its texts put in, written into the zip member as it comes. Nothing but the row in
hand is held.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .atomic import atomic_target
from .docx_table import add_table
from .text import clean_text

DOCUMENT_PART = "word/document.xml"
_MARK = "⟦row{}⟧"  # a cell's text in the marker row; no school name holds these brackets
_CHUNK = 256  # rows encoded and written together


def add_row_template(document: Document, headers: Sequence[str], widths_mm: Sequence[float],
                     aligns: Sequence[WD_ALIGN_PARAGRAPH]) -> None:
    """The table's headers (repeated on every page) and its one marker row, each row never split."""
    add_table(document, headers, [[_MARK.format(i) for i in range(len(headers))]], widths_mm, aligns)


def _split(xml: str, columns: int) -> tuple[str, list[str], str]:
    """The document before the marker row, the row cut at its markers, and what follows it."""
    first = xml.index(_MARK.format(0))
    start = max(xml.rfind("<w:tr>", 0, first), xml.rfind("<w:tr ", 0, first))
    end = xml.index("</w:tr>", first) + len("</w:tr>")
    row, pieces = xml[start:end], []
    for i in range(columns):
        before, row = row.split(_MARK.format(i), 1)
        pieces.append(before)
    pieces.append(row)
    return xml[:start], pieces, xml[end:]


def save_with_rows(document: Document, path: str | os.PathLike[str], rows: Iterable[Sequence[str]],
                   columns: int) -> Path:
    """Save ``document`` (made with add_row_template) to ``path`` atomically, a table row per item."""
    from exports.anchor import stamp_docx

    stamp_docx(document)  # the audit head, as save_docx stamps it
    packed = io.BytesIO()
    document.save(packed)
    with zipfile.ZipFile(packed) as source, atomic_target(path) as tmp, \
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != DOCUMENT_PART:
                target.writestr(item, source.read(item.filename))
                continue
            head, pieces, tail = _split(source.read(item.filename).decode("utf-8"), columns)
            info = zipfile.ZipInfo(DOCUMENT_PART, item.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(info, "w", force_zip64=True) as out:
                out.write(head.encode("utf-8"))
                batch: list[str] = []
                for values in rows:
                    batch.append(_row(pieces, values))
                    if len(batch) >= _CHUNK:
                        out.write("".join(batch).encode("utf-8"))
                        batch.clear()
                out.write(("".join(batch) + tail).encode("utf-8"))
    return Path(path)


def _row(pieces: list[str], values: Sequence[str]) -> str:
    cells = [escape(clean_text(str(v)).strip()) for v in values]
    return "".join(piece + (cells[i] if i < len(cells) else "") for i, piece in enumerate(pieces))
