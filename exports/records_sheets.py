"""The problem ledger and the verification records as workbook sheets (exports/workbook.py's hook).

Same columns as the .docx tables (ledger.py, records_doc.py), one row per problem / visit, so a
clerk can filter and sort what the printed register lists. Row 1 is the sheet's title merged over
the table, row 2 the headers (repeated on every printed page, the filter row); bordered cells,
long text wrapped, printed A4 landscape at the page's width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from openpyxl.utils import get_column_letter

from .data_records import ProblemLedger, VerificationRecords
from .ledger import HEADERS as LEDGER_HEADERS
from .ledger import ledger_rows
from .records_doc import HEADERS as RECORDS_HEADERS
from .records_doc import records_rows
from .text import clean_text
from .workbook_columns import TITLE_LINE_PT, lines_needed, row_height
from .xlsx_stream import (
    STYLE_CELL,
    STYLE_HEAD_CELL,
    STYLE_TEXT_CELL,
    STYLE_TITLE,
    PageSetup,
    SheetWriter,
    XlsxStream,
)

LEDGER_SHEET = "整改台账"
RECORDS_SHEET = "核定记录"
LEDGER_WIDTHS = (6, 24, 48, 12, 16, 10, 6)
RECORDS_WIDTHS = (6, 24, 16, 30, 30, 40)
FREEZE = "A3"
PAGE = PageSetup(title_rows=(2, 2))


def _table(title: str, headers: Sequence[str], rows: Sequence[tuple[str, ...]],
           widths: Sequence[float]) -> Callable[[SheetWriter], None]:
    last = get_column_letter(len(headers))

    def fill(sheet: SheetWriter) -> None:
        sheet.merge(f"A1:{last}1")
        sheet.append([clean_text(title)], style=STYLE_TITLE,
                     height=row_height(lines_needed(title, sum(widths) * 0.8), TITLE_LINE_PT))
        sheet.append(headers, style=STYLE_HEAD_CELL)
        for row in rows:
            # Wrapped: a problem or a finding is a sentence; the row grows to hold it.
            sheet.append(row, style=STYLE_TEXT_CELL, blank_style=STYLE_CELL)
        sheet.set_autofilter(f"A2:{last}{sheet.rows_written}")

    return fill


def ledger_sheet(data: ProblemLedger) -> Callable[[SheetWriter], None]:
    return _table(f"{data.title} 问题清单及整改台账", LEDGER_HEADERS, ledger_rows(data), LEDGER_WIDTHS)


def records_sheet(data: VerificationRecords) -> Callable[[SheetWriter], None]:
    return _table(f"{data.title} 核定记录", RECORDS_HEADERS, records_rows(data), RECORDS_WIDTHS)


def write_record_sheets(book: XlsxStream, ledger: ProblemLedger | None, records: VerificationRecords | None) -> None:
    """Add the 整改台账 and 核定记录 sheets to an open workbook, each when given."""
    if ledger is not None:
        book.write_sheet(LEDGER_SHEET, ledger_sheet(ledger), freeze=FREEZE, widths=LEDGER_WIDTHS, page=PAGE)
    if records is not None:
        book.write_sheet(RECORDS_SHEET, records_sheet(records), freeze=FREEZE, widths=RECORDS_WIDTHS, page=PAGE)
