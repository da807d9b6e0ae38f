"""The publicity list (公示名单) of proposed star levels, as .docx."""

from __future__ import annotations

import os
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .atomic import save_docx
from .data import PublicityList
from .docx_base import (
    BODY_FONT,
    SIZE_2,
    TITLE_FONT,
    add_blank_line,
    add_page_numbers,
    add_runs,
    add_signature,
    new_document,
    set_exact_spacing,
    set_first_line_chars,
)
from .docx_table import add_table
from .text import clean_text, format_date, format_score, split_title

HEADERS = ("序号", "学校名称", "乡镇", "学段", "核定得分", "拟认定星级")
WIDTHS_MM = (15.0, 49.0, 24.0, 16.0, 24.0, 28.0)
_L, _C = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
ALIGNS = (_C, _L, _C, _C, _C, _C)


def _paragraph(document: Document, text: str, *, indent: bool = True) -> None:
    paragraph = document.add_paragraph()
    set_exact_spacing(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        set_first_line_chars(paragraph, 2)
    add_runs(paragraph, [(text, BODY_FONT)])


def build_publicity(data: PublicityList) -> Document:
    document = new_document()
    title = clean_text(data.title).strip()
    document.core_properties.title = title.replace("\n", "")
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_exact_spacing(paragraph, 36)
    lines = split_title(title, 19)
    for index, line in enumerate(lines):
        add_runs(paragraph, [(line, TITLE_FONT)], SIZE_2)
        if index < len(lines) - 1:
            paragraph.runs[-1].add_break()
    add_blank_line(document)

    organ = clean_text(data.organ).strip()
    days = (data.end - data.start).days + 1
    _paragraph(
        document,
        f"经学校自评、现场核查和综合评定，拟认定以下{len(data.schools)}所学校的智慧校园星级，"
        f"现予以公示。公示期为{format_date(data.start)}至{format_date(data.end)}（共{days}天）。",
    )
    rows = [
        (
            str(index),
            clean_text(s.name),
            clean_text(s.township),
            clean_text(s.stage),
            format_score(s.verified_total, "—"),
            (clean_text(s.star_name) if s.star_name else "未达星级") + ("（暂定）" if s.provisional else ""),
        )
        for index, s in enumerate(data.schools, start=1)
    ]
    add_table(document, HEADERS, rows, WIDTHS_MM, ALIGNS)
    add_blank_line(document)
    where = f"向{organ}" if organ else ""
    contact = clean_text(data.contact).strip()
    _paragraph(
        document,
        f"公示期间，如对公示结果有异议，请以书面形式{where}反映，"
        "反映情况须实事求是，并写明真实姓名和联系方式。" + (f"联系方式：{contact}。" if contact else ""),
    )
    add_signature(document, organ, format_date(data.start))
    add_page_numbers(document)
    return document


def write_publicity(data: PublicityList, path: str | os.PathLike[str]) -> Path:
    return save_docx(build_publicity(data), path)
