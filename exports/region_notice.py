"""A city's or province's notice (区域通报) of one year, summarising its counties (a province: its
cities), as .docx in the county notice's GB/T 9704 layout (exports/notice.py, docx_base):

    title; 主送 each child's education authority; a lead line;
    一、总体情况: schools, verified, average, per level, still in progress and overdue, movement;
    二、各县（市、区）评定情况: （一）one child each, the same figures, who was raised or lowered;
    三、上级认定情况 (when any): the higher authority's decisions, child by child;
    四、有关要求; 附件说明; the organ and date; 附件: the rated schools of every child, one table.

The body's paragraphs go through the county notice's writer (exports/notice.py: pieces of at most
RUN_CHARS per run, so python-docx reads a province's file back), the appendix's rows through
region_notice_table, into the file as the iterator gives them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import region_notice_words  # noqa: F401  - adds the words to the catalog
from .docx_base import (
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
)
from .messages import render
from .notice import TITLE_CAPACITY, _body, _level1, _plain_line
from .notice_appendix import Appendix, add_appendix_note
from .region_notice_data import ChildSummary, Decision, RatedLine, RegionNoticeInput
from .region_notice_table import add_row_template, save_with_rows
from .text import chinese_number, clean_text, format_date, format_score, split_title, typeset_width

KINDS = {"智慧校园": "rn.kind.smart", "数字校园": "rn.kind.digital"}
# 156 mm of 小四 (4.23 mm a character, 3.8 mm of cell margins): a county name of 4 characters fits its 22,
# a school name of 8 its 40, "核定得分" its 21, "已报上级（新评定）" its 43.
WIDTHS_MM = (13.0, 22.0, 40.0, 21.0, 17.0, 43.0)
_L, _C = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
ALIGNS = (_C, _C, _L, _C, _C, _C)


class _Words:
    """The notice's catalog in its language, with its recurring parts filled in once."""

    def __init__(self, data: RegionNoticeInput) -> None:
        self.lang = data.lang
        self.child = self("rn.child." + data.child_tier)
        self.tier = self("rn.tier." + data.tier)
        key = KINDS.get(data.kind)
        self.kind = self(key) if key else data.kind

    def __call__(self, key: str, **params: object) -> str:
        return render(key, self.lang, **params)

    def join(self, parts: list[str], sep: str = "rn.list_sep") -> str:
        return self(sep).join(p for p in parts if p)

    def title_lines(self, title: str) -> list[str]:
        """A title's lines: at the catalog's break (a "\n" between whole words: 回行时词意完整) when each
        side fits a line; else a Chinese title as the notice breaks it, another language's left to wrap."""
        lines = title.split("\n")
        if all(typeset_width(line) <= TITLE_CAPACITY for line in lines):
            return lines
        return split_title(flat(title), TITLE_CAPACITY) if self.lang == "zh" else [flat(title)]

    def date(self, day: object) -> str:
        from datetime import date

        if not isinstance(day, date):
            return ""
        return format_date(day) if self.lang == "zh" else day.isoformat()


def flat(title: str) -> str:
    """A title on one line (the document's properties, the 附件 line)."""
    return title.replace("\n", "")


def _figures(w: _Words, data: RegionNoticeInput, row: ChildSummary) -> str:
    """The counts after the lead sentence: average, per level, in progress, overdue, movement."""
    text = w("rn.average", average=format_score(row.average)) if row.average is not None else ""
    levels = [w("rn.level_count", level=name, count=n) for name, n in zip(data.levels, row.stars, strict=True) if n]
    if row.no_star:
        levels.append(w("rn.no_star", count=row.no_star))
    if levels:
        text += w("rn.levels", levels=w.join(levels))
    text += w("rn.stop")
    if row.in_progress:
        text += w("rn.pending", count=row.in_progress)
        text += (w("rn.overdue", count=row.overdue) if row.overdue else "") + w("rn.stop")
    moves = [w(key, count=n) for key, n in (("rn.move.newly", row.newly_rated), ("rn.move.raised", len(row.raised)),
                                           ("rn.move.lowered", len(row.lowered))) if n]
    if moves:
        text += w("rn.movement", parts=w.join(moves, "rn.comma")) + w("rn.stop")
    return text


def _moved(w: _Words, row: ChildSummary) -> str:
    text = ""
    for key, moved in (("rn.raised_list", row.raised), ("rn.lowered_list", row.lowered)):
        if moved:
            names = w.join([w("rn.moved", name=clean_text(m.name), before=m.before, after=m.after) for m in moved])
            text += w(key, names=names) + w("rn.stop")
    return text


def _decision(w: _Words, item: Decision) -> str:
    authority = clean_text(item.authority).strip() or w("rn.authority_default")
    name = clean_text(item.name)
    if not item.granted:
        text = w("rn.refused", name=name, authority=authority)
    elif item.level:
        text = w("rn.granted", name=name, authority=authority, level=item.level)
    else:
        text = w("rn.granted_plain", name=name, authority=authority)
    doc, day = clean_text(item.doc_no).strip(), w.date(item.decided_on)
    if doc and day:
        text += w("rn.doc_date", doc=doc, date=day)
    elif doc or day:
        text += w("rn.doc", doc=doc or day)
    return text


def _upward(w: _Words, row: ChildSummary) -> str:
    """The decisions recorded, then how many sent up still wait for one."""
    text = w.join([_decision(w, d) for d in row.decisions], "rn.clause_sep")
    if row.awaiting:
        waiting = w("rn.awaiting" if text else "rn.awaiting_only", count=row.awaiting)
        text = w.join([text, waiting], "rn.clause_sep")
    return text + w("rn.stop")


def _child_heading(document: Document, w: _Words, number: int, name: str, text: str) -> None:
    _body(document, [(f"（{chinese_number(number)}）{clean_text(name)}{w('rn.heading_stop')}", KAITI)], text)


def _title(w: _Words, data: RegionNoticeInput) -> str:
    return w("rn.title", region=clean_text(data.region_name), year=data.year, kind=w.kind)


def _appendix_title(w: _Words, data: RegionNoticeInput) -> str:
    return w("rn.appendix.title", region=data.region_name, year=data.year, child=w.child)


def _rows(lines: Iterator[RatedLine]) -> Iterator[list[str]]:
    for number, line in enumerate(lines, 1):
        yield [str(number), line.region, line.school, format_score(line.verified_total), line.level,
               line.state + line.change]


def _appendix(document: Document, w: _Words, data: RegionNoticeInput, title: str) -> None:
    """On pages of its own, labelled and titled as the county notice's appendices, then the table."""
    label = document.add_paragraph()  # as notice_appendix.add_appendices, the title split by language
    set_exact_spacing(label)
    label.paragraph_format.page_break_before = True
    add_runs(label, [(render("chart.appendix.label", w.lang), HEITI)])
    add_title(document, w.title_lines(title), TITLE_FONT, SIZE_2)
    add_blank_line(document)
    headers = (w("rn.col.number"), w("rn.col_region." + data.child_tier), w("rn.col.school"), w("rn.col.total"),
               w("rn.col.level"), w("rn.col.state"))
    add_row_template(document, headers, WIDTHS_MM, ALIGNS)  # the rows go in as the file is written


def build_region_notice(data: RegionNoticeInput) -> Document:
    """The document with its appendix table's headers and marker row (region_notice_table)."""
    w = _Words(data)
    document = new_document()
    title = _title(w, data)
    document.core_properties.title = flat(title)
    add_title(document, w.title_lines(title), TITLE_FONT, SIZE_2)
    add_blank_line(document)
    _plain_line(document, w("rn.addressee", child=w.child) + ("：" if w.lang == "zh" else ":"),
                WD_ALIGN_PARAGRAPH.LEFT)
    _body(document, [], w("rn.lead", year=data.year, tier=w.tier, count=len(data.children), child=w.child,
                          kind=w.kind))
    number = 1
    _level1(document, number, w("rn.h.overall"))
    total = data.total
    _body(document, [], w("rn.overall", year=data.year, tier=w.tier, schools=total.schools, verified=total.verified)
          + _figures(w, data, total))
    number += 1
    _level1(document, number, w("rn.h.children", child=w.child))
    for index, row in enumerate(data.children, 1):
        if not row.schools:
            _child_heading(document, w, index, row.name, w("rn.child_none"))
            continue
        text = w("rn.child_schools", schools=row.schools, verified=row.verified) + _figures(w, data, row)
        _child_heading(document, w, index, row.name, text + _moved(w, row))
    deciding = [row for row in data.children if row.decisions or row.awaiting]
    if deciding:
        number += 1
        _level1(document, number, w("rn.h.upward"))
        for index, row in enumerate(deciding, 1):
            _child_heading(document, w, index, row.name, _upward(w, row))
    number += 1
    _level1(document, number, w("rn.h.closing"))
    _body(document, [], w("rn.closing", child=w.child))
    appendix_title = _appendix_title(w, data)
    add_appendix_note(document, [Appendix(flat(appendix_title), ())], w.lang)
    add_signature(document, clean_text(data.organ).strip(), w.date(data.issue_date), sealed=True)
    _appendix(document, w, data, appendix_title)
    add_page_numbers(document)
    return document


def write_region_notice(data: RegionNoticeInput, path: str | os.PathLike[str]) -> Path:
    """Write the notice to ``path`` atomically (exports.atomic), the appendix's rows read from
    ``data.rated`` as they are written, and return the path."""
    return save_with_rows(build_region_notice(data), path, _rows(iter(data.rated)), len(WIDTHS_MM))
