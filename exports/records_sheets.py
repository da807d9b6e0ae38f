"""The problem ledger and the verification records as workbook sheets (exports/workbook.py's hook).

Same columns as the .docx tables (ledger.py, records_doc.py), one row per problem / visit, so a
clerk can filter and sort what the printed register lists.
"""

from __future__ import annotations

from collections.abc import Callable

from .data_records import ProblemLedger, VerificationRecords
from .ledger import HEADERS as LEDGER_HEADERS
from .ledger import ledger_rows
from .records_doc import HEADERS as RECORDS_HEADERS
from .records_doc import records_rows
from .xlsx_stream import STYLE_HEADER, SheetWriter

LEDGER_SHEET = "整改台账"
RECORDS_SHEET = "核定记录"
LEDGER_WIDTHS = (6, 24, 48, 12, 16, 10, 6)
RECORDS_WIDTHS = (6, 24, 16, 30, 30, 40)


def ledger_sheet(data: ProblemLedger) -> Callable[[SheetWriter], None]:
    def fill(sheet: SheetWriter) -> None:
        sheet.append(LEDGER_HEADERS, style=STYLE_HEADER)
        for row in ledger_rows(data):
            sheet.append(row)

    return fill


def records_sheet(data: VerificationRecords) -> Callable[[SheetWriter], None]:
    def fill(sheet: SheetWriter) -> None:
        sheet.append(RECORDS_HEADERS, style=STYLE_HEADER)
        for row in records_rows(data):
            sheet.append(row)

    return fill
