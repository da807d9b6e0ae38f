"""The self-evaluation form (自评表), one per school, as .docx."""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .atomic import save_docx
from .data import FormRow, SelfEvaluationForm
from .docx_base import (
    BODY_FONT,
    KAITI,
    TITLE_FONT,
    add_blank_line,
    add_page_numbers,
    add_runs,
    add_title,
    new_document,
    off_grid,
    set_exact_spacing,
)
from .docx_table import CELL_PITCH, CELL_SIZE, add_table
from .notice_text import rubric_ref
from .provisional import provisional_sentence
from .record_fields import date_field, decimal_field, parts_field
from .text import clean_text, format_date, format_score, split_title

SIZE_XIAO2 = 18.0  # 小二: a school form's title, two lines
SIGN_PITCH = 30.0  # the signature lines: room to sign and stamp

HEADERS = ("指标编号", "指标名称", "分值", "自评得分", "佐证材料及说明")
# 156 mm in all. A four-character 小四 header is 16.9 mm plus 3.8 mm of cell margins, so
# "指标编号" and "自评得分" need about 21 mm to stay on one line.
WIDTHS_MM = (22.0, 56.0, 14.0, 21.0, 43.0)
_L, _C = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
ALIGNS = (_C, _L, _C, _C, _L)


def _line(
    document: Document,
    parts: list[tuple[str, str]],
    size: float = 16.0,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
) -> None:
    paragraph = document.add_paragraph()
    set_exact_spacing(paragraph)
    paragraph.alignment = align
    add_runs(paragraph, parts, size)


def _restart_numbering(document: Document) -> None:
    sect_pr = document.sections[-1]._sectPr
    pg = sect_pr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        grid = sect_pr.find(qn("w:docGrid"))
        if grid is not None:
            grid.addprevious(pg)
        else:
            sect_pr.append(pg)
    pg.set(qn("w:start"), "1")


def _total_maximum(form: SelfEvaluationForm) -> Decimal:
    """The record's ``total_maximum`` (the rubric's reachable maximum, with the bonus cap:
    153 for henan-v2, not the 173 its rows add up to); else the first-level rows' sum."""
    given = decimal_field(form, "total_maximum")
    if given is not None:
        return given
    if not form.rows:
        return Decimal(0)
    top = min(row.depth for row in form.rows)
    return sum((row.maximum for row in form.rows if row.depth == top), Decimal(0))


def subtotals(rows: Sequence[FormRow]) -> list[Decimal | None]:
    """Each row's self score; a row with indicators under it and no score of its own shows
    the sum of the scored indicators below it (the first-level subtotals), None if none is."""
    leaf = [i + 1 >= len(rows) or rows[i + 1].depth <= row.depth for i, row in enumerate(rows)]
    result: list[Decimal | None] = []
    for index, row in enumerate(rows):
        if row.self_score is not None or leaf[index]:
            result.append(row.self_score)
            continue
        below: list[Decimal] = []
        for j in range(index + 1, len(rows)):
            if rows[j].depth <= row.depth:
                break
            score = rows[j].self_score
            if leaf[j] and score is not None:
                below.append(score)
        result.append(sum(below, Decimal(0)) if below else None)
    return result


def _keep_with_next(paragraphs: Sequence[Paragraph]) -> None:
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _form(document: Document, form: SelfEvaluationForm) -> None:
    school = form.school
    campaign = clean_text(form.campaign_title).strip()
    add_title(document, [*split_title(campaign, 24), "自评表"], TITLE_FONT, SIZE_XIAO2)
    add_blank_line(document)
    _line(document, [(f"学校名称：{clean_text(school.name)}", BODY_FONT)])
    place = "　".join(x for x in (clean_text(school.township), clean_text(school.stage)) if x)
    if place:
        _line(document, [(f"所在乡镇及学段：{place}", BODY_FONT)])
    _line(document, [(f"评定标准：{clean_text(form.rubric_name)}", BODY_FONT)])
    # 自评日期 is the day the school submitted (``submitted_on``), never the export day.
    submitted = date_field(form, "submitted_on") or form.date
    _line(document, [(f"自评日期：{format_date(submitted)}", BODY_FONT)])

    scores = subtotals(form.rows)
    rows = [
        (
            clean_text(r.code),
            clean_text(r.name),
            format_score(r.maximum),
            format_score(score),
            clean_text(r.evidence),
        )
        for r, score in zip(form.rows, scores, strict=True)
    ]
    indents = [max(0, r.depth) for r in form.rows]
    rows.append(("合计", "", format_score(_total_maximum(form)), format_score(form.self_total), ""))
    indents.append(0)
    table = add_table(document, HEADERS, rows, WIDTHS_MM, ALIGNS, indents)
    _signature_row(table, form)


def _signature_row(table: Table, form: SelfEvaluationForm) -> None:
    """自评总分, the provisional note and the signature lines, as the table's last row.

    One row that never splits, so the block cannot be left on a page of its own; the 合计
    row above it keeps with it in Word and WPS (w:keepNext in each of its paragraphs).
    """
    _keep_with_next([p for cell in table.rows[-1].cells for p in cell.paragraphs])
    row = table.add_row()
    row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
    cell = row.cells[0].merge(row.cells[-1])
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    star = clean_text(form.provisional_star) if form.provisional_star else "未达到星级标准"
    lines: list[tuple[str, str, float]] = [
        (f"自评总分：{format_score(form.self_total, '—')}分　　自评等级（暂定）：{star}", BODY_FONT, CELL_PITCH),
    ]
    if form.provisional_rubric:
        parts = parts_field(form, "provisional_parts")
        lines.append((provisional_sentence(rubric_ref(form.rubric_name), parts), KAITI, CELL_PITCH))
    lines += [
        ("学校（盖章）：　　　　　　　　　　　　　　校长签字：", BODY_FONT, SIGN_PITCH),
        ("日期：　　　　年　　月　　日", BODY_FONT, SIGN_PITCH),
        ("本表一式二份，学校和教育行政部门各存一份。", BODY_FONT, CELL_PITCH),
    ]
    for index, (text, font, pitch) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        set_exact_spacing(paragraph, pitch)
        off_grid(paragraph)
        add_runs(paragraph, [(text, font)], CELL_SIZE)


def build_forms(forms: Sequence[SelfEvaluationForm]) -> Document:
    document = new_document()
    document.core_properties.title = "自评表"
    for index, form in enumerate(forms):
        if index:
            document.add_section(WD_SECTION.NEW_PAGE)
            _restart_numbering(document)
        _form(document, form)
    if not forms:
        _line(document, [("（无自评表）", BODY_FONT)])
    else:
        document.add_paragraph()
    _shrink_after_tables(document)
    add_page_numbers(document)
    return document


def _shrink_after_tables(document: Document) -> None:
    """The empty paragraph after each form's table (a section break, or the document's end)
    is 1 pt high, so a table that fills its last page never pushes it onto a blank page."""
    for paragraph in document.paragraphs:
        before = paragraph._p.getprevious()
        if paragraph.text or before is None or before.tag != qn("w:tbl"):
            continue
        set_exact_spacing(paragraph, 1.0)
        off_grid(paragraph)


def write_self_evaluation_forms(forms: Sequence[SelfEvaluationForm], path: str | os.PathLike[str]) -> Path:
    """Write one 自评表 per school (each school starts a page, numbered from 1)."""
    return save_docx(build_forms(forms), path)
