"""The score workbook (.xlsx), streamed.

Sheet 评分明细: row 1 the campaign and leaf indicators (each merged over its two
columns), row 2 the column headers (filter row); then one row per school: identity,
self and verified score per leaf, totals, level, authority. Panes frozen at C3, an
autofilter over the table, scores in number format '0.0'.
Sheet 统计: schools per level and per state, counted while the rows stream past.
``data.rows`` is read once and never held in memory (100,000 x 22 leaves: a few seconds).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from openpyxl.utils import get_column_letter

from .atomic import atomic_target
from .data import SchoolResult, WorkbookInput, WorkbookRow
from .text import clean_text, format_score
from .workbook_analysis import AnalysisRows, write_analysis_sheet
from .xlsx_stream import STYLE_HEADER, STYLE_SCORE, SheetWriter, XlsxStream

DETAIL_SHEET = "评分明细"
STATS_SHEET = "统计"
ID_HEADERS = ("学校代码", "学校名称", "乡镇", "学段", "状态")
TAIL_HEADERS = ("自评总分", "核定总分", "星级", "认定方式", "暂定")
AUTHORITY_LABELS = {"local": "本级认定", "upward": "报上级认定", "benchmark": "推荐标杆校"}
UNRATED = "未达星级"
FREEZE = "C3"


def level_label(school: SchoolResult) -> str:
    return clean_text(school.star_name) if school.star_name else UNRATED


def _row_values(row: WorkbookRow, leaves: int) -> Iterator[object]:
    school = row.school
    yield from (school.code, school.name, school.township, school.stage, row.state_label)
    selfs, verified = row.self_scores, row.verified_scores
    for i in range(leaves):
        yield selfs[i] if i < len(selfs) else None
        yield verified[i] if i < len(verified) else None
    yield school.self_total
    yield school.verified_total
    yield level_label(school)
    yield AUTHORITY_LABELS.get(school.authority or "", school.authority or "")
    yield "是" if school.provisional else ""


class _Tally:
    def __init__(self) -> None:
        self.levels: Counter[str] = Counter()
        self.rank: dict[str, int] = {}
        self.states: Counter[str] = Counter()
        self.total = 0

    def add(self, row: WorkbookRow) -> None:
        label = level_label(row.school)
        self.levels[label] += 1
        self.rank.setdefault(label, row.school.star_level or 0)
        self.states[clean_text(row.state_label)] += 1
        self.total += 1


def _detail(data: WorkbookInput, tally: _Tally) -> tuple[int, Callable[[SheetWriter], None]]:
    leaves = len(data.leaf_codes)
    if not (len(data.leaf_names) == len(data.leaf_max) == leaves):
        raise ValueError("leaf_codes, leaf_names and leaf_max differ in length")
    width = len(ID_HEADERS) + 2 * leaves + len(TAIL_HEADERS)

    def fill(sheet: SheetWriter) -> None:
        top: list[object] = [data.campaign_title] + [None] * (len(ID_HEADERS) - 1)
        sub: list[object] = list(ID_HEADERS)
        first = len(ID_HEADERS) + 1
        for i, (code, name, maximum) in enumerate(
            zip(data.leaf_codes, data.leaf_names, data.leaf_max, strict=True)
        ):
            top += [f"{code} {name}（{format_score(maximum)}分）", None]
            sub += ["自评", "核定"]
            col = first + 2 * i
            sheet.merge(f"{get_column_letter(col)}1:{get_column_letter(col + 1)}1")
        top += [None] * len(TAIL_HEADERS)
        sub += list(TAIL_HEADERS)
        sheet.merge(f"A1:{get_column_letter(len(ID_HEADERS))}1")
        sheet.append(top, style=STYLE_HEADER)
        sheet.append(sub, style=STYLE_HEADER)
        for row in data.rows:
            sheet.append(_row_values(row, leaves), number_style=STYLE_SCORE)
            tally.add(row)
        last = get_column_letter(width)
        sheet.set_autofilter(f"A2:{last}{sheet.rows_written}")

    return width, fill


def _stats(tally: _Tally, title: str) -> Callable[[SheetWriter], None]:
    def fill(sheet: SheetWriter) -> None:
        sheet.append([title], style=STYLE_HEADER)
        sheet.append(["星级", "学校数"], style=STYLE_HEADER)
        for name in sorted(tally.levels, key=lambda n: (tally.rank.get(n, 0), n)):
            sheet.append([name, tally.levels[name]])
        sheet.append(["合计", tally.total])
        sheet.append([])
        sheet.append(["状态", "学校数"], style=STYLE_HEADER)
        for name, count in sorted(tally.states.items(), key=lambda kv: (-kv[1], kv[0])):
            sheet.append([name, count])
        sheet.append(["合计", tally.total])

    return fill


def write_workbook(data: WorkbookInput, path: str | os.PathLike[str], analysis: AnalysisRows | None = None) -> Path:
    """Stream ``data.rows`` (read once) into an .xlsx at ``path`` (atomic); with ``analysis``, a 分析 sheet."""
    tally = _Tally()
    width, detail_fill = _detail(data, tally)
    leaves = len(data.leaf_codes)
    widths = [12, 24, 12, 8, 10] + [8] * (2 * leaves) + [10, 10, 10, 12, 6]
    assert len(widths) == width
    with atomic_target(path) as tmp, XlsxStream(tmp) as book:
        book.write_sheet(DETAIL_SHEET, detail_fill, freeze=FREEZE, widths=widths)
        book.write_sheet(STATS_SHEET, _stats(tally, clean_text(data.campaign_title)), widths=[16, 10])
        book.write_sheet(HISTORY_SHEET, _history(data), freeze="A2", widths=[12, 24, 6, 10, 10, 9, 9, 10, 14, 11, 30])
        write_analysis_sheet(book, analysis)
    return Path(path)


HISTORY_SHEET = "历年记录"
HISTORY_HEADERS = ["学校代码", "学校名称", "年份", "轮次", "进入方式", "自评总分", "核定总分", "星级", "结果", "日期",
                   "理由/依据"]


def _history(data: WorkbookInput) -> Callable[[SheetWriter], None]:
    def fill(sheet: SheetWriter) -> None:
        sheet.append(HISTORY_HEADERS, style=STYLE_HEADER)
        for row in data.history:
            sheet.append(row, number_style=STYLE_SCORE)

    return fill
