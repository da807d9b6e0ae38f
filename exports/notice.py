"""The notice (通报) as .docx, laid out per GB/T 9704-2012; with appendices (附件, such as the
analysis charts: exports/notice_appendix.py) named under the text and set after the signature."""

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
    add_title,
    new_document,
    set_exact_spacing,
    set_first_line_chars,
)
from .notice_appendix import Appendix, add_appendices, add_appendix_note
from .notice_defaults import DEFAULT_SCHOOL_PROBLEMS_HEADING
from .notice_text import provisional_note, ratings_paragraph
from .record_fields import flag_field, text_field
from .text import chinese_number, clean_text, ends_with_punctuation, format_date, split_title

Parts = list[tuple[str, str]]
TITLE_CAPACITY = 19  # 2号 characters a title line holds in 156 mm (20, less one for safety)
RUN_CHARS = 20_000  # characters per run of body text (lxml parses a text node up to 10 MB)


def _body(document: Document, lead: Parts, text: str = "") -> None:
    """Body paragraph(s) with a 2-character first-line indent.

    ``lead`` runs (e.g. a 楷体 heading) open the first paragraph; each line of ``text``
    after the first becomes its own indented paragraph.
    """
    lines = clean_text(text).split("\n") if text else [""]
    for index, line in enumerate(lines):
        parts: Parts = list(lead) if index == 0 else []
        # A province's ratings paragraph names 500,000 schools: one text node of that size is
        # past lxml's limit ("Text node too long"), so python-docx could not open the file again.
        # Runs of the same font look the same; split the text into pieces a reader can parse.
        parts.extend((line[at:at + RUN_CHARS], BODY_FONT) for at in range(0, max(len(line), 1), RUN_CHARS))
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
    add_title(document, split_title(title, TITLE_CAPACITY), TITLE_FONT, SIZE_2)


def _plain_line(document: Document, text: str, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph = document.add_paragraph()
    set_exact_spacing(paragraph)
    paragraph.alignment = align
    add_runs(paragraph, [(text, BODY_FONT)])


def _document_number(document: Document, data: NoticeInput) -> None:
    """发文字号 (e.g. 泾教发〔2023〕12号), centred above the title, one blank line between."""
    number = clean_text(text_field(data, "document_number")).strip()
    if number:
        _plain_line(document, number, WD_ALIGN_PARAGRAPH.CENTER)
        add_blank_line(document)


def _addressee(document: Document, data: NoticeInput) -> None:
    """主送机关: under the title with one blank line, flush left, ending with a full-width colon."""
    addressee = clean_text(text_field(data, "addressee")).strip().rstrip(":：")
    if addressee:
        _plain_line(document, addressee + "：", WD_ALIGN_PARAGRAPH.LEFT)


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


def _run_on(items: Sequence[Narrative]) -> str:
    """"A：text。B：text。" for the schools' problems under 三、（一）."""
    parts = []
    for item in items:
        name = clean_text(item.school_name).strip()
        text = _with_stop(clean_text(item.text).strip().replace("\n", ""))
        if not name and not text:
            continue
        head = name if not name or ends_with_punctuation(name) else name + "："
        parts.append(head + text)
    return "".join(parts)


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


def build_notice(data: NoticeInput, appendices: Sequence[Appendix] = ()) -> Document:
    document = new_document()
    document.core_properties.title = clean_text(data.title).replace("\n", "")
    _document_number(document, data)
    _title(document, data.title)
    add_blank_line(document)
    _addressee(document, data)
    basis = clean_text(data.basis).strip()
    if basis:
        _body(document, [], basis)

    ratings = ratings_paragraph(data)
    note = provisional_note(data)
    problems_heading = (
        clean_text(text_field(data, "school_problems_heading")).strip() or DEFAULT_SCHOOL_PROBLEMS_HEADING
    )

    def ratings_block() -> None:
        _body(document, [], ratings)
        if note:
            _body(document, [(note, KAITI)])

    def achievements_block() -> None:
        _narratives(document, data.achievements, numbered=True, sep="。")

    def problems_block() -> None:
        number = 1
        if _has_narratives(data.school_problems):
            # As in the county's notice: the heading, then each school's problems in the
            # same paragraph ("（一）heading。A：…。B：…。").
            _level2(document, 1, Section(problems_heading, _run_on(data.school_problems)))
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

    add_appendix_note(document, appendices)  # 附件：… under the text, above the signature
    sealed = flag_field(data, "sealed", True)
    add_signature(document, clean_text(data.organ).strip(), format_date(data.issue_date), sealed=sealed)
    add_appendices(document, appendices)  # each on pages of its own, before the page numbers' end
    add_page_numbers(document)
    return document


def write_notice(data: NoticeInput, path: str | os.PathLike[str], appendices: Sequence[Appendix] = ()) -> Path:
    """Write the notice (with ``appendices``) to ``path`` atomically and return the path."""
    return save_docx(build_notice(data, appendices), path)
