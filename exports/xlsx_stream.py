"""A minimal streaming .xlsx (SpreadsheetML) writer for very large score sheets.

openpyxl's write-only mode spends ~3.5 us per cell (17.7 s for 100,000 rows x 55 cells
with no style, 36 s with a number format on the score cells). This writer formats each
row as one string and streams it into the zip entry, so 5.5 million cells take seconds.
It knows a few cell styles (plain, header, score 'General', and bordered ones for printed tables),
inline strings, frozen panes, column widths, row heights, an autofilter, merged header cells,
the page setup of a printed sheet (landscape, fit to width, print titles, page numbers) and PNG
pictures anchored on a cell (exports/xlsx_drawing.py): what the exports need, no more. The page
setup and the drawing sit in the sheet's head and tail, so it streams too.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

from .anchor import CORE_CONTENT_TYPE, CORE_RELATIONSHIP, core_properties_xml
from .text import clean_text, format_score
from .xlsx_drawing import (
    DRAWING_CT,
    PNG_DEFAULT,
    SheetImage,
    drawing_rels,
    drawing_tag,
    drawing_xml,
    sheet_rels,
)

STYLE_PLAIN = 0
STYLE_HEADER = 1
STYLE_SCORE = 2
# The printed tables' cells: thin borders all round (a clerk's table, not a grid of gaps).
STYLE_CELL = 3
STYLE_HEAD_CELL = 4  # bold, centred, wrapped
STYLE_SCORE_CELL = 5  # 'General' (7 and 7.5 as the text says them), centred
STYLE_TITLE = 6  # a sheet's title line: bold 14 pt, centred over its table
STYLE_TEXT_CELL = 7  # long text (a problem, a finding): wrapped

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="General"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>\
<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>\
<font><b/><sz val="14"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
<alignment vertical="center"/></xf>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" \
applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
<alignment vertical="center" wrapText="1"/></xf></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
"""

_FLUSH_ROWS = 2000
_TEXTS_KEPT = 20_000


@dataclass(frozen=True)
class PageSetup:
    """How a sheet prints: A4, landscape or not, scaled to ``fit_width`` pages across (0: no fit)
    and as many down as it takes; ``title_rows`` (first, last) and ``title_cols`` ("A", "B")
    repeat on every printed page; the footer numbers the pages."""

    landscape: bool = True
    fit_width: int = 1
    title_rows: tuple[int, int] | None = None
    title_cols: tuple[str, str] | None = None
    header: str = ""  # printed centred at the top of every page, e.g. the sheet's title


class _Sheet:
    def __init__(self, name: str, freeze: str | None, widths: Sequence[float], page: PageSetup | None) -> None:
        self.name = name
        self.freeze = freeze
        self.widths = list(widths)
        self.page = page
        self.autofilter: str | None = None
        self.merges: list[str] = []
        self.images: list[SheetImage] = []
        self.breaks: list[int] = []  # printed pages end after these rows
        self.drawing = 0  # its drawing part's number, once written
        self.row = 0


class SheetWriter:
    """Appends rows to one worksheet entry of an open :class:`XlsxStream`."""

    def __init__(self, handle: IO[bytes], sheet: _Sheet) -> None:
        self._handle = handle
        self._sheet = sheet
        self._buffer: list[str] = []
        self._letters: list[str] = []
        self._escaped: dict[str, str] = {}  # text as written: labels and names repeat down a sheet

    def _letter(self, index: int) -> str:
        while len(self._letters) <= index:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters[index]

    @property
    def rows_written(self) -> int:
        return self._sheet.row

    def append(
        self, values: Iterable[object], style: int = STYLE_PLAIN, number_style: int = STYLE_PLAIN,
        *, blank_style: int = STYLE_PLAIN, height: float | None = None, integer_style: int | None = None,
    ) -> None:
        """One row; text gets ``style``, numbers ``number_style``; None and "" leave a gap, an
        empty cell of ``blank_style`` when one is given (a bordered table keeps its lines).
        ``height`` in points fixes the row's height (headers whose text wraps); ``integer_style``,
        when given, is for whole numbers (a year, a count) that must not read "2023.0"."""
        self._sheet.row += 1
        r = self._sheet.row
        tall = f' ht="{height:g}" customHeight="1"' if height else ""
        parts = [f'<row r="{r}"{tall}>']
        text_s = f' s="{style}"' if style else ""
        num_s = f' s="{number_style}"' if number_style else ""
        blank = f' s="{blank_style}"' if blank_style else ""
        int_s = num_s if integer_style is None else (f' s="{integer_style}"' if integer_style else "")
        # A cell is placed in the column after the one before it (ECMA-376 §18.3.1.4): only the
        # first cell after one left out names its column, so most cells carry no reference.
        gap = False
        for index, value in enumerate(values):
            if value is None or value == "":
                if blank:
                    parts.append(f'<c r="{self._letter(index)}{r}"{blank}/>' if gap else f"<c{blank}/>")
                    gap = False
                else:
                    gap = True
                continue
            head = f'<c r="{self._letter(index)}{r}"' if gap else "<c"
            if isinstance(value, str):
                text = self._escaped.get(value)
                if text is None:
                    text = escape(clean_text(value))
                    if len(self._escaped) < _TEXTS_KEPT:
                        self._escaped[value] = text
            elif isinstance(value, bool):
                parts.append(f'{head} t="b"{num_s}><v>{int(value)}</v></c>')
                gap = False
                continue
            elif isinstance(value, int):
                parts.append(f"{head}{int_s}><v>{value}</v></c>")
                gap = False
                continue
            elif isinstance(value, Decimal | float):
                if not (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)):
                    gap = True  # no cell: a number column never holds NaN or infinity
                    continue
                # As the product shows a score: 75, not 75.0 for one school and 75 for the next.
                parts.append(f"{head}{num_s}><v>{format_score(value)}</v></c>")
                gap = False
                continue
            else:
                text = escape(clean_text(str(value)))
            if not text:
                if blank:
                    parts.append(f"{head}{blank}/>")
                    gap = False
                else:
                    gap = True
                continue
            parts.append(f'{head} t="inlineStr"{text_s}><is><t xml:space="preserve">{text}</t></is></c>')
            gap = False
        parts.append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= _FLUSH_ROWS:
            self.flush()

    def append_xml(self, cells: str, height: float | None = None) -> None:
        """One row of cells already made (exports/xlsx_cells.py): positional, every column's cell
        written, a gap as an empty cell, so no cell needs its reference."""
        self._sheet.row += 1
        tall = f' ht="{height:g}" customHeight="1"' if height else ""
        self._buffer.append(f'<row r="{self._sheet.row}"{tall}>{cells}</row>')
        if len(self._buffer) >= _FLUSH_ROWS:
            self.flush()

    def append_xml_rows(self, rows: Iterable[str]) -> None:
        """``append_xml`` for each of ``rows`` (no heights): one call for a sheet's 100,000 rows."""
        buffer, row = self._buffer, self._sheet.row
        try:
            for cells in rows:
                row += 1
                buffer.append(f'<row r="{row}">{cells}</row>')
                if len(buffer) >= _FLUSH_ROWS:
                    self.flush()
        finally:
            self._sheet.row = row

    def merge(self, ref: str) -> None:
        self._sheet.merges.append(ref)

    def add_image(self, image: SheetImage) -> None:
        """A picture on this sheet; the rows it covers are the caller's to leave free."""
        self._sheet.images.append(image)

    def page_break(self) -> None:
        """The printed page ends after the last row written (a chart starts on a page of its own)."""
        if self._sheet.row and self._sheet.row not in self._sheet.breaks:
            self._sheet.breaks.append(self._sheet.row)

    def set_autofilter(self, ref: str) -> None:
        self._sheet.autofilter = ref

    def flush(self) -> None:
        if self._buffer:
            self._handle.write("".join(self._buffer).encode("utf-8"))
            self._buffer.clear()


class XlsxStream:
    """Write sheets one after the other; ``close`` adds workbook, styles and rels."""

    def __init__(self, path: str | Path) -> None:
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheets: list[_Sheet] = []
        self._media = 0  # pictures written so far: xl/media/image1.png, image2.png…
        self._drawings = 0

    def __enter__(self) -> XlsxStream:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self._zip.close()

    def write_sheet(
        self,
        name: str,
        fill: Callable[[SheetWriter], None],
        *,
        freeze: str | None = None,
        widths: Sequence[float] = (),
        page: PageSetup | None = None,
    ) -> None:
        """Create sheet ``name`` and call ``fill(writer)`` to stream its rows; ``page``: how it prints."""
        sheet = _Sheet(clean_text(name)[:31], freeze, widths, page)
        self._sheets.append(sheet)
        entry = f"xl/worksheets/sheet{len(self._sheets)}.xml"
        with self._zip.open(entry, "w", force_zip64=True) as handle:
            handle.write(self._sheet_head(sheet, first=len(self._sheets) == 1).encode("utf-8"))
            writer = SheetWriter(handle, sheet)
            fill(writer)
            writer.flush()
            handle.write(self._sheet_tail(sheet).encode("utf-8"))
        if sheet.images:
            self._write_drawing(sheet, len(self._sheets))

    def _write_drawing(self, sheet: _Sheet, number: int) -> None:
        """The sheet's drawing, its pictures and the rels that wire them (the sheet is closed by now:
        a zip takes one open entry at a time)."""
        self._drawings += 1
        sheet.drawing = self._drawings
        media = []
        for image in sheet.images:
            self._media += 1
            media.append(self._media)
            self._zip.writestr(f"xl/media/image{self._media}.png", image.png)
        self._zip.writestr(f"xl/drawings/drawing{sheet.drawing}.xml", drawing_xml(sheet.images))
        self._zip.writestr(f"xl/drawings/_rels/drawing{sheet.drawing}.xml.rels", drawing_rels(media))
        self._zip.writestr(f"xl/worksheets/_rels/sheet{number}.xml.rels", sheet_rels(sheet.drawing))

    @staticmethod
    def _sheet_head(sheet: _Sheet, first: bool) -> str:
        selected = ' tabSelected="1"' if first else ""
        view = f'<sheetView workbookViewId="0"{selected}'
        if sheet.freeze:
            col, row = _split_ref(sheet.freeze)
            x, y = col - 1, row - 1
            pane = "bottomRight" if x and y else ("bottomLeft" if y else "topRight")
            split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
            view += (
                f'><pane{split} topLeftCell="{sheet.freeze}" activePane="{pane}" state="frozen"/>'
                f'<selection pane="{pane}" activeCell="{sheet.freeze}" sqref="{sheet.freeze}"/></sheetView>'
            )
        else:
            view += "/>"
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, 1)
        )
        fit = sheet.page is not None and sheet.page.fit_width > 0
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            + ('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if fit else "")
            + f"<sheetViews>{view}</sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
        )

    @staticmethod
    def _sheet_tail(sheet: _Sheet) -> str:
        tail = "</sheetData>"
        if sheet.autofilter:
            tail += f'<autoFilter ref="{sheet.autofilter}"/>'
        if sheet.merges:
            cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in sheet.merges)
            tail += f'<mergeCells count="{len(sheet.merges)}">{cells}</mergeCells>'
        if sheet.page is not None:
            tail += _page_xml(sheet.page)
        if sheet.breaks:
            cuts = "".join(f'<brk id="{row}" max="16383" man="1"/>' for row in sheet.breaks)
            tail += f'<rowBreaks count="{len(sheet.breaks)}" manualBreakCount="{len(sheet.breaks)}">{cuts}</rowBreaks>'
        if sheet.images:
            tail += drawing_tag()  # after the page setup, where the schema wants it
        return tail + "</worksheet>"

    def close(self) -> None:
        core = core_properties_xml()
        sheets = "".join(
            f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(self._sheets, 1)
        )
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{escape(_quote(s.name))}!{_absolute(s.autofilter)}</definedName>"
            for i, s in enumerate(self._sheets)
            if s.autofilter
        ) + "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{escape(titles)}</definedName>'
            for i, s in enumerate(self._sheets)
            if (titles := _print_titles(s))
        )
        workbook = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
            f"<sheets>{sheets}</sheets>"
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>"
        )
        n = len(self._sheets)
        rels = (
            "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, n + 1)
            )
            + f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_CT}"/>'
            for i in range(1, n + 1)
        ) + "".join(
            f'<Override PartName="/xl/drawings/drawing{d}.xml" ContentType="{DRAWING_CT}"/>'
            for d in range(1, self._drawings + 1)
        )
        ct = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + (PNG_DEFAULT if self._media else "")
            + '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}"
            + (f'<Override PartName="/docProps/core.xml" ContentType="{CORE_CONTENT_TYPE}"/>' if core else "")
            + "</Types>"
        )
        root_rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            + (f'<Relationship Id="rId2" Type="{CORE_RELATIONSHIP}" Target="docProps/core.xml"/>' if core else "")
            + "</Relationships>"
        )
        if core:
            self._zip.writestr("docProps/core.xml", core)  # the audit head it was made from (exports/anchor.py)
        self._zip.writestr("[Content_Types].xml", ct)
        self._zip.writestr("_rels/.rels", root_rels)
        self._zip.writestr("xl/workbook.xml", workbook)
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>',
        )
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.close()


def _page_xml(page: PageSetup) -> str:
    """printOptions … headerFooter, in the order the schema wants them after mergeCells."""
    orientation = "landscape" if page.landscape else "portrait"
    fit = f' fitToWidth="{page.fit_width}" fitToHeight="0"' if page.fit_width > 0 else ""
    header = f"<oddHeader>&amp;C&amp;B{escape(_header_text(page.header))}</oddHeader>" if page.header else ""
    return (
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.25" footer="0.25"/>'
        f'<pageSetup paperSize="9" orientation="{orientation}"{fit}/>'
        f"<headerFooter>{header}<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
    )


def _header_text(text: str) -> str:
    # "&" starts a code in a header (&P, &B): a literal one is written twice.
    return clean_text(text).replace("&", "&&")


def _print_titles(sheet: _Sheet) -> str:
    page = sheet.page
    if page is None:
        return ""
    parts = []
    if page.title_cols:
        parts.append(f"{_quote(sheet.name)}!${page.title_cols[0]}:${page.title_cols[1]}")
    if page.title_rows:
        parts.append(f"{_quote(sheet.name)}!${page.title_rows[0]}:${page.title_rows[1]}")
    return ",".join(parts)


def _split_ref(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return col, int(digits)


def _absolute(ref: str | None) -> str:
    if not ref:
        return ""
    out = []
    for part in ref.split(":"):
        col, row = _split_ref(part)
        out.append(f"${get_column_letter(col)}${row}")
    return ":".join(out)


def _quote(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
