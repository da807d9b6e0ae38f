"""The problem ledger (问题清单及整改台账) of one round, as .docx: one row per problem."""

from __future__ import annotations

import os
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .atomic import save_docx
from .data_records import ProblemLedger
from .table_document import build_table_document
from .text import clean_text, format_date

HEADERS = ("序号", "学校名称", "存在问题", "责任人", "整改时限", "整改状态", "逾期")
# 225 mm: "2023年12月31日" (8.25 characters of 小四, 35 mm, with the spaces LibreOffice and Word put
# between digits and Chinese, plus 3.8 mm of cell margins) in 整改时限, "分管副校长" in 责任人 (26 mm),
# each header on one line.
WIDTHS_MM = (13.0, 36.0, 72.0, 26.0, 40.0, 22.0, 16.0)
_L, _C = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
ALIGNS = (_C, _L, _L, _C, _C, _C, _C)
OVERDUE_MARK = "逾期"


def ledger_rows(data: ProblemLedger) -> list[tuple[str, ...]]:
    return [
        (str(i), clean_text(r.school), clean_text(r.problem), clean_text(r.responsible) or "—",
         format_date(r.deadline) if r.deadline else "—", clean_text(r.status), OVERDUE_MARK if r.overdue else "")
        for i, r in enumerate(data.rows, 1)
    ]


def ledger_intro(data: ProblemLedger) -> str:
    schools = len({r.school for r in data.rows})
    closed = sum(r.status == "已整改" for r in data.rows)
    overdue = sum(r.overdue for r in data.rows)
    if not data.rows:
        return f"截至{format_date(data.as_of)}，本轮评定未登记问题。"
    return (f"截至{format_date(data.as_of)}，{schools}所学校共登记问题{len(data.rows)}个，"
            f"已整改{closed}个，逾期未整改{overdue}个。")


def write_ledger(data: ProblemLedger, path: str | os.PathLike[str]) -> Path:
    document = build_table_document(
        f"{data.title}\n问题清单及整改台账", ledger_intro(data), HEADERS, ledger_rows(data), WIDTHS_MM, ALIGNS,
        organ=data.organ, date_text=format_date(data.as_of))
    return save_docx(document, path)
