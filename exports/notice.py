"""The notice (通报) as .docx, laid out per GB/T 9704-2012."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .atomic import save_docx
from .data import Narrative, NoticeInput, Section
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
    new_document,
    set_exact_spacing,
    set_first_line_chars,
)
from .notice_text import provisional_note, ratings_paragraph
from .text import chinese_number, clean_text, ends_with_punctuation, format_date, split_title

Parts = list[tuple[str, str]]
TITLE_CAPACITY = 19  # 2号 characters a title line holds in 156 mm (20, less one for safety)


def _body(document: Document, lead: Parts, text: str = "") -> None:
    """Body paragraph(s) with a 2-character first-line indent.

    ``lead`` runs (e.g. a 楷体 heading) open the first paragraph; each line of ``text``
    after the first becomes its own indented paragraph.
    """
    lines = clean_text(text).split("\n") if text else [""]
    for index, line in enumerate(lines):
        parts: Parts = list(lead) if index == 0 else []
        parts.append((line, BODY_FONT))
        if not any(t for t, _ in parts):
            continue
        paragraph = document.add_paragraph()
        set_exact_spacing(paragraph)
        set_first_line_chars(paragraph, 2)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        add_runs(paragraph, parts)


def _with_stop(text: str, stop: str = "。") -> str:
    text = clean_text(text).strip()
    return text if not text or ends_with_punctuation(text) else text + stop


def _title(document: Document, title: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_exact_spacing(paragraph, 36)
    lines = split_title(title, TITLE_CAPACITY)
    for index, line in enumerate(lines):
        add_runs(paragraph, [(line, TITLE_FONT)], SIZE_2)
        if index < len(lines) - 1:
            paragraph.runs[-1].add_break()


def _level1(document: Document, number: int, heading: str) -> None:
    _body(document, [(f"{chinese_number(number)}、{heading}", HEITI)])


def _level2(document: Document, number: int, section: Section) -> None:
    heading = _with_stop(section.heading)
    label = f"（{chinese_number(number)}）"
    _body(document, [(label + heading, KAITI)], clean_text(section.text).strip())


def _narratives(document: Document, items: Sequence[Narrative], numbered: bool, sep: str) -> None:
    count = 0
    for item in items:
        name = clean_text(item.school_name).strip()
        text = clean_text(item.text).strip()
        if not name and not text:
            continue
        count += 1
        prefix = f"{count}." if numbered else ""
        head = name if not name or ends_with_punctuation(name) else name + sep
        _body(document, [(prefix + head, BODY_FONT)], text)


def _sections(document: Document, items: Sequence[Section], start: int) -> int:
    number = start
    for section in items:
        if not clean_text(section.heading).strip() and not clean_text(section.text).strip():
            continue
        _level2(document, number, section)
        number += 1
    return number


def _has_sections(items: Sequence[Section]) -> bool:
    return any(clean_text(s.heading).strip() or clean_text(s.text).strip() for s in items)


def _has_narratives(items: Sequence[Narrative]) -> bool:
    return any(clean_text(n.school_name).strip() or clean_text(n.text).strip() for n in items)


def build_notice(data: NoticeInput) -> Document:
    document = new_document()
    document.core_properties.title = clean_text(data.title).replace("\n", "")
    _title(document, data.title)
    add_blank_line(document)
    basis = clean_text(data.basis).strip()
    if basis:
        _body(document, [], basis)

    ratings = ratings_paragraph(data)
    note = provisional_note(data) if data.provisional else ""

    def ratings_block() -> None:
        _body(document, [], ratings)
        if note:
            _body(document, [(note, KAITI)])

    def achievements_block() -> None:
        _narratives(document, data.achievements, numbered=True, sep="。")

    def problems_block() -> None:
        number = 1
        if _has_narratives(data.school_problems):
            _level2(document, 1, Section("各学校存在的具体问题", ""))
            _narratives(document, data.school_problems, numbered=False, sep="：")
            number = 2
        _sections(document, data.general_problems, number)

    def requirements_block() -> None:
        _sections(document, data.requirements, 1)

    blocks: list[tuple[str, bool, Callable[[], None]]] = [
        ("评星定级情况", bool(ratings), ratings_block),
        ("取得的成效", _has_narratives(data.achievements), achievements_block),
        (
            "存在的问题",
            _has_narratives(data.school_problems) or _has_sections(data.general_problems),
            problems_block,
        ),
        ("下一步工作要求", _has_sections(data.requirements), requirements_block),
    ]
    number = 0
    for heading, present, block in blocks:
        if not present:
            continue
        number += 1
        _level1(document, number, heading)
        block()
    if note and not ratings:
        _body(document, [(note, KAITI)])

    add_signature(document, clean_text(data.organ).strip(), format_date(data.issue_date))
    add_page_numbers(document)
    return document


def write_notice(data: NoticeInput, path: str | os.PathLike[str]) -> Path:
    """Write the notice to ``path`` atomically and return the path."""
    return save_docx(build_notice(data), path)
