"""The annual review notice (年度复核通报) as .docx: who was raised, kept or lowered, and the
higher authority's decisions received; laid out like the initial notice (GB/T 9704-2012)."""

from __future__ import annotations

import os
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from rubrics.scoring import format_score

from .atomic import save_docx
from .data import ReviewNoticeInput, ReviewOutcome, Section
from .docx_base import (
    BODY_FONT,
    HEITI,
    KAITI,
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
from .text import chinese_number, clean_text, format_date

_GROUPS = (("raised", "晋级"), ("kept", "保持原星级"), ("lowered", "降级"))


def _paragraph(document: Document, parts: list[tuple[str, str]], *, indent: bool = True) -> None:
    paragraph = document.add_paragraph()
    set_exact_spacing(paragraph)
    if indent:
        set_first_line_chars(paragraph, 2)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    add_runs(paragraph, parts)


def _school_text(item: ReviewOutcome) -> str:
    total = f"，核定{format_score(item.verified_total)}分" if item.verified_total is not None else ""
    if item.outcome == "kept":
        text = f"{item.name}（{item.new_level}{total}）"
    else:
        text = f"{item.name}（{item.old_level}→{item.new_level}{total}）"
    if item.outcome == "lowered" and item.reason:
        text = text[:-1] + f"；降级理由：{item.reason}）"
    return text


def build_review_notice(data: ReviewNoticeInput) -> Document:
    document = new_document()
    document.core_properties.title = data.title
    if data.document_number.strip():
        paragraph = document.add_paragraph()
        set_exact_spacing(paragraph)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_runs(paragraph, [(data.document_number.strip(), BODY_FONT)])
        add_blank_line(document)
    add_title(document, [data.title], TITLE_FONT, SIZE_2)
    add_blank_line(document)
    addressee = clean_text(data.addressee).strip().rstrip(":：")
    if addressee:
        _paragraph(document, [(addressee + "：", BODY_FONT)], indent=False)
    when = ""
    if data.window:
        start, end = data.window
        when = f"于{format_date(start)}至{format_date(end)}"
    count = len(data.outcomes)
    _paragraph(document, [(f"根据《{data.rubric_name}》每年度集中审核一次的规定，{data.organ}{when}"
                           f"对申请晋级和抽查复核的学校开展了{data.year}年度复核，{count}所学校已完成复核。"
                           "现将复核结果通报如下：", BODY_FONT)])
    number = 1
    _paragraph(document, [(f"{chinese_number(number)}、复核结果", HEITI)])
    sub = 0
    for kind, word in _GROUPS:
        items = [o for o in data.outcomes if o.outcome == kind]
        if not items:
            continue
        sub += 1
        names = "、".join(_school_text(o) for o in items)
        _paragraph(document, [(f"（{chinese_number(sub)}）{word}{len(items)}所。", KAITI), (f"{names}。", BODY_FONT)])
    if not data.outcomes:
        _paragraph(document, [("本年度尚无学校完成复核。", BODY_FONT)])
    if data.in_progress:
        _paragraph(document, [(f"另有{data.in_progress}所学校复核尚未完成，结果另行通报。", BODY_FONT)])
    if data.upward:
        number += 1
        _paragraph(document, [(f"{chinese_number(number)}、上级认定结果", HEITI)])
        for item in data.upward:
            on = f"于{format_date(item.decided_on)}" if item.decided_on else ""
            number_text = f"（{item.doc_no}）" if item.doc_no else ""
            verdict = f"认定为{item.level}" if item.granted else f"未予认定，保持{item.level}"
            _paragraph(document, [(f"{item.name}经{item.authority}{on}{verdict}{number_text}。", BODY_FONT)])
    if data.requirements:
        number += 1
        _paragraph(document, [(f"{chinese_number(number)}、下一步工作要求", HEITI)])
        for index, section in enumerate(data.requirements, 1):
            _requirement(document, index, section)
    add_signature(document, data.organ, format_date(data.issue_date))
    add_page_numbers(document)
    return document


def _requirement(document: Document, index: int, section: Section) -> None:
    heading = section.heading.rstrip("。")
    _paragraph(document, [(f"（{chinese_number(index)}）{heading}。", KAITI), (section.text, BODY_FONT)])


def write_review_notice(data: ReviewNoticeInput, path: str | os.PathLike[str]) -> Path:
    return save_docx(build_review_notice(data), path)
