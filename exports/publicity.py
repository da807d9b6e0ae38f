"""The publicity list (公示名单) of proposed star levels, as .docx.

Only schools proposed for a level are counted and listed. A school at a level the region
cannot confer (authority "upward") is listed apart as recommended to the higher authority,
never as 拟认定. Schools with no level are left out, or named in one line after the
tables when the record's ``list_unrated`` is set.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .atomic import save_docx
from .data import PublicityList, SchoolResult
from .docx_base import (
    BODY_FONT,
    HEITI,
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
from .notice_text import DEFAULT_UPWARD_AUTHORITY, kind_word
from .record_fields import flag_field, int_field, text_field
from .text import clean_text, format_date, format_score, split_title

HEADERS = ("序号", "学校名称", "乡镇", "学段", "核定得分", "拟认定星级")
UPWARD_HEADER = "拟推荐星级"
# 156 mm in all. "二星级（暂定）" (7 characters of 小四, 29.6 mm, plus 3.8 mm of cell margins)
# fits the last column on one line; "核定得分" fits its 22 mm.
WIDTHS_MM = (13.0, 47.0, 22.0, 16.0, 22.0, 36.0)
_L, _C = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
ALIGNS = (_C, _L, _C, _C, _C, _C)


def _paragraph(document: Document, parts: list[tuple[str, str]], *, indent: bool = True) -> None:
    paragraph = document.add_paragraph()
    set_exact_spacing(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        set_first_line_chars(paragraph, 2)
    add_runs(paragraph, parts)


def publicity_period(data: PublicityList) -> tuple[date, date, int]:
    """First day, last day and the number of days, counted inclusively.

    With the record's ``days`` (the campaign's publicity_days, which the publicity guard
    counts from the start) the last day is start + days - 1: 5 days from 2023-09-02 run to
    09-06, and the guard lets the result stand from 09-07. Without it, ``end`` is taken as
    the last day.
    """
    days = int_field(data, "days")
    if days is not None and days > 0:
        return data.start, data.start + timedelta(days=days - 1), days
    return data.start, data.end, (data.end - data.start).days + 1


def _star_cell(school: SchoolResult) -> str:
    name = clean_text(school.star_name) if school.star_name else ""
    return name + ("（暂定）" if school.provisional and name else "")


def _rows(schools: Sequence[SchoolResult]) -> list[tuple[str, ...]]:
    return [
        (
            str(index),
            clean_text(s.name),
            clean_text(s.township),
            clean_text(s.stage),
            format_score(s.verified_total, "—"),
            _star_cell(s),
        )
        for index, s in enumerate(schools, start=1)
    ]


def _levels(schools: Sequence[SchoolResult]) -> str:
    names: list[str] = []
    for school in sorted(schools, key=lambda s: s.star_level or 0):
        name = clean_text(school.star_name or "")
        if name and name not in names:
            names.append(name)
    return "、".join(names)


def build_publicity(data: PublicityList) -> Document:
    document = new_document()
    title = clean_text(data.title).strip()
    document.core_properties.title = title.replace("\n", "")
    add_title(document, split_title(title, 19), TITLE_FONT, SIZE_2)
    add_blank_line(document)

    organ = clean_text(data.organ).strip()
    kind = clean_text(text_field(data, "kind")).strip() or kind_word(title) or "智慧校园"
    authority = clean_text(text_field(data, "upward_authority")).strip() or DEFAULT_UPWARD_AUTHORITY
    proposed = [s for s in data.schools if s.star_level is not None]
    local = [s for s in proposed if s.authority != "upward"]
    upward = [s for s in proposed if s.authority == "upward"]
    unrated = [s for s in data.schools if s.star_level is None]
    start, last, days = publicity_period(data)

    clauses = []
    if local:
        clauses.append(f"{len(local)}所学校拟认定为{kind}星级学校")
    if upward:
        clauses.append(f"{len(upward)}所学校拟推荐向{authority}申请{kind}{_levels(upward)}认定")
    what = "，".join(clauses) if clauses else f"本次无学校达到{kind}星级认定标准"
    _paragraph(
        document,
        [
            (
                f"经学校自评、现场核查和综合评定，{what}，现予以公示。"
                f"公示期为{format_date(start)}至{format_date(last)}（共{days}天）。",
                BODY_FONT,
            )
        ],
    )
    if upward:
        _paragraph(document, [(f"一、拟认定{kind}星级学校（{len(local)}所）", HEITI)])
    if local or not upward:
        add_table(document, HEADERS, _rows(local), WIDTHS_MM, ALIGNS)
    if upward:
        number = "二" if local else "一"
        if local:
            add_blank_line(document)
        _paragraph(document, [(f"{number}、拟推荐申请{kind}{_levels(upward)}认定学校（{len(upward)}所）", HEITI)])
        add_table(document, (*HEADERS[:-1], UPWARD_HEADER), _rows(upward), WIDTHS_MM, ALIGNS)
    add_blank_line(document)
    if unrated and flag_field(data, "list_unrated", False):
        names = "、".join(clean_text(s.name) for s in unrated)
        _paragraph(document, [(f"另有{len(unrated)}所学校参加评定，未达到星级认定标准：{names}。", BODY_FONT)])

    receiver = clean_text(text_field(data, "contact_organ")).strip() or organ
    where = f"向{receiver}" if receiver else ""
    tail = []
    telephone = clean_text(text_field(data, "telephone")).strip()
    address = clean_text(text_field(data, "objection_address")).strip()
    if telephone:
        tail.append(f"联系电话：{telephone}")
    if address:
        tail.append(f"通讯地址：{address}")
    contact = clean_text(data.contact).strip()
    if not tail and contact and contact not in (organ, receiver):
        tail.append(f"联系方式：{contact}")  # an older record's free-text contact
    _paragraph(
        document,
        [
            (
                f"公示期间，如对公示结果有异议，请以书面形式{where}反映，"
                "反映情况须实事求是，并写明真实姓名和联系方式。" + ("；".join(tail) + "。" if tail else ""),
                BODY_FONT,
            )
        ],
    )
    add_signature(document, organ, format_date(start), sealed=flag_field(data, "sealed", True))
    add_page_numbers(document)
    return document


def write_publicity(data: PublicityList, path: str | os.PathLike[str]) -> Path:
    return save_docx(build_publicity(data), path)
