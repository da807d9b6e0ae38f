"""The verification records (核定记录) of one round, as .docx: one row per expert visit."""

from __future__ import annotations

import os
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .atomic import save_docx
from .data_records import VerificationRecords
from .table_document import build_table_document
from .text import clean_text, format_date

HEADERS = ("序号", "学校名称", "核定日期", "核定专家", "核定方式", "核定意见")
WIDTHS_MM = (13.0, 40.0, 40.0, 42.0, 42.0, 48.0)  # 225 mm; a full date on one line (as the ledger's)
_L, _C = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
ALIGNS = (_C, _L, _C, _L, _L, _L)


def records_rows(data: VerificationRecords) -> list[tuple[str, ...]]:
    return [
        (str(i), clean_text(r.school), format_date(r.visited_on), clean_text(r.experts),
         "、".join(clean_text(m) for m in r.methods), clean_text(r.findings) or "—")
        for i, r in enumerate(data.rows, 1)
    ]


def records_intro(data: VerificationRecords) -> str:
    if not data.rows:
        return "本轮评定尚无核定记录。"
    first = min(r.visited_on for r in data.rows)
    last = max(r.visited_on for r in data.rows)
    span = format_date(first) if first == last else f"{format_date(first)}至{format_date(last)}"
    schools = len({r.school for r in data.rows})
    return f"{span}，专家组对{schools}所学校进行了现场核定，共{len(data.rows)}次，记录如下。"


def write_verification_records(data: VerificationRecords, path: str | os.PathLike[str]) -> Path:
    document = build_table_document(
        f"{data.title}\n核定记录", records_intro(data), HEADERS, records_rows(data), WIDTHS_MM, ALIGNS,
        organ=data.organ, date_text=format_date(data.as_of))
    return save_docx(document, path)
