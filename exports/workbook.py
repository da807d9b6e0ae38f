"""The score workbook (.xlsx), streamed, ready to print.

Sheet 评分明细: row 1 the campaign and leaf indicators (each merged over its two columns), each
first-level indicator's subtotal after its leaves (exports/workbook_columns.py), row 2 the column
headers (filter row); then one row per school: identity, self and verified score per leaf and
per first level, totals, level, authority. Panes frozen at C3, an autofilter over the table,
scores in number format 'General' (7, 7.5), thin borders. Printed A4 landscape, as many pages across as keep
the print readable, with rows 1-2 and the school's code and name repeated on every page.
Sheet 统计: schools per level and per state, counted while the rows stream past, under its title.
Then 历年记录, and, when given, the problem ledger and the verification records (records_sheets.py).
``data.rows`` is read once and never held in memory (100,000 x 22 leaves: a few seconds).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter

from .atomic import atomic_target
from .data import WorkbookInput, WorkbookRow
from .data_records import ProblemLedger, VerificationRecords
from .records_sheets import write_record_sheets
from .text import clean_text, format_score
from .workbook_analysis import AnalysisRows, write_analysis_sheet
from .workbook_cells import Slot, authority_label, level_label, level_name, row_maker
from .workbook_columns import TITLE_LINE_PT, Group, lines_needed, pages_across, row_height, subtotal
from .xlsx_cells import CellMaker
from .xlsx_stream import (
    STYLE_CELL,
    STYLE_HEAD_CELL,
    STYLE_SCORE_CELL,
    STYLE_TITLE,
    PageSetup,
    SheetWriter,
    XlsxStream,
)

DETAIL_SHEET = "评分明细"
STATS_SHEET = "统计"
ID_HEADERS = ("学校代码", "学校名称", "乡镇", "学段", "状态")
ID_WIDTHS = (12, 24, 12, 8, 10)
TAIL_HEADERS = ("自评总分", "核定总分", "星级", "认定方式", "暂定")
TAIL_WIDTHS = (10, 10, 10, 12, 6)
SCORE_WIDTH = 8
SUBTOTAL_MARK = "小计"
FREEZE = "C3"
TITLE_COLS = ("A", "B")  # the school's code and name, on every printed page
STATS_WIDTHS = (24, 12)


def _plan(leaves: int, groups: Sequence[Group]) -> list[Slot]:
    if not groups:
        return list(range(leaves))
    if sum(g.leaves for g in groups) != leaves:
        raise ValueError("the first-level groups do not cover the leaves")
    plan: list[Slot] = []
    first = 0
    for group in groups:
        plan += range(first, first + group.leaves)
        plan.append((group, first, first + group.leaves))
        first += group.leaves
    return plan


def _padded(scores: tuple[Decimal | None, ...], leaves: int) -> tuple[Decimal | None, ...]:
    return scores if len(scores) >= leaves else scores + (None,) * (leaves - len(scores))


def row_values(row: WorkbookRow, leaves: int, plan: Sequence[Slot]) -> Iterator[object]:
    """A school's row as plain values, column by column: what its cells hold. The sheet is written
    from workbook_cells.row_maker, which must agree with this (tests/exports/test_workbook_cells.py)."""
    school = row.school
    yield from (school.code, school.name, school.township, school.stage, row.state_label)
    selfs, verified = _padded(row.self_scores, leaves), _padded(row.verified_scores, leaves)
    for slot in plan:
        if isinstance(slot, int):
            yield selfs[slot]
            yield verified[slot]
        else:
            group, first, end = slot
            yield subtotal(selfs[first:end], group)
            yield subtotal(verified[first:end], group)
    yield school.self_total
    yield school.verified_total
    yield level_label(school)
    yield authority_label(school)
    yield "是" if school.provisional else ""


# Per leaf code, each verified value and how many schools hold it: what the 分析 sheet's leaf
# losses are made of (workflow.reads.analysis ``leaf_counts``), counted as the rows stream past.
LeafCounts = dict[str, Counter[Decimal]]
AnalysisFromCounts = Callable[[LeafCounts | None], AnalysisRows | None]
_COUNT_ROWS = 2000


class _Tally:
    def __init__(self, leaf_codes: Sequence[str] = (), count_leaves: bool = False) -> None:
        # Schools per (star name, star level, state label) as the rows stream, worded into levels,
        # their ranks and states once at the end (``levels``, ``rank``, ``states``): a count per
        # school, not two labels made and three counters moved.
        self._seen: Counter[tuple[str | None, int | None, str]] = Counter()
        self.total = 0
        self.leaf_codes = tuple(leaf_codes)
        self._width = len(self.leaf_codes)
        self._leaves: list[Counter[Decimal | None]] | None = [Counter() for _ in leaf_codes] if count_leaves else None
        self._pending: list[tuple[Decimal | None, ...]] = []  # verified scores not counted yet

    def add(self, row: WorkbookRow) -> None:
        school = row.school
        self._seen[(school.star_name, school.star_level, row.state_label)] += 1
        self.total += 1
        if self._leaves is not None:
            scores, width = row.verified_scores, self._width
            self._pending.append(scores if len(scores) == width else (*scores, *(None,) * width)[:width])
            if len(self._pending) >= _COUNT_ROWS:
                self._count()

    @property
    def levels(self) -> Counter[str]:
        """Schools per level label (workbook_cells.level_name)."""
        levels: Counter[str] = Counter()
        for (star_name, _level, _state), count in self._seen.items():
            levels[level_name(star_name)] += count
        return levels

    @property
    def rank(self) -> dict[str, int]:
        """Each level label's star level, as the first school with that label had it."""
        rank: dict[str, int] = {}
        for star_name, level, _state in self._seen:  # in the order first seen
            rank.setdefault(level_name(star_name), level or 0)
        return rank

    @property
    def states(self) -> Counter[str]:
        states: Counter[str] = Counter()
        for (_name, _level, state), count in self._seen.items():
            states[clean_text(state)] += count
        return states

    def _count(self) -> None:
        # Column by column over a batch of rows: zip and Counter.update count in C (2.2 million
        # scores one at a time in Python were 0.8 s at 100,000 schools).
        if self._leaves is None or not self._pending:
            return
        try:
            for counts, column in zip(self._leaves, zip(*self._pending, strict=True), strict=False):
                counts.update(column)
        except TypeError:  # a value that is no key (a signalling NaN): the analysis counts for itself
            self._leaves = None
        self._pending.clear()

    def leaf_counts(self) -> LeafCounts | None:
        """The verified values per leaf, or None when they were not (or could not be) counted."""
        self._count()
        if self._leaves is None:
            return None
        for counts in self._leaves:
            counts.pop(None, None)  # no verified score: not a value
        return {code: counts for code, counts in zip(self.leaf_codes, self._leaves, strict=True)}  # type: ignore[misc]


def _pair_headers(data: WorkbookInput, plan: Sequence[Slot]) -> list[str]:
    heads = []
    for slot in plan:
        if isinstance(slot, int):
            code, name, maximum = data.leaf_codes[slot], data.leaf_names[slot], data.leaf_max[slot]
            heads.append(f"{code} {name}（{format_score(maximum)}分）")
        else:
            group = slot[0]
            heads.append(f"{group.label}{SUBTOTAL_MARK}（{format_score(group.maximum)}分）")
    return heads


def _detail(data: WorkbookInput, tally: _Tally, groups: Sequence[Group]) -> tuple[list[float], Callable[[SheetWriter], None]]:
    leaves = len(data.leaf_codes)
    if not (len(data.leaf_names) == len(data.leaf_max) == leaves):
        raise ValueError("leaf_codes, leaf_names and leaf_max differ in length")
    plan = _plan(leaves, groups)
    heads = _pair_headers(data, plan)
    widths: list[float] = [*ID_WIDTHS, *([SCORE_WIDTH] * (2 * len(plan))), *TAIL_WIDTHS]
    title = clean_text(data.campaign_title)
    # Tall enough for the longest wrapped header: a two-line leaf name never runs into 自评/核定.
    lines = max([lines_needed(h, 2 * SCORE_WIDTH) for h in heads]
                + [lines_needed(title, ID_WIDTHS[0] + ID_WIDTHS[1])])

    def fill(sheet: SheetWriter) -> None:
        top: list[object] = [title] + [None] * (len(ID_HEADERS) - 1)
        sub: list[object] = list(ID_HEADERS)
        first = len(ID_HEADERS) + 1
        for i, head in enumerate(heads):
            top += [head, None]
            sub += ["自评", "核定"]
            col = first + 2 * i
            sheet.merge(f"{get_column_letter(col)}1:{get_column_letter(col + 1)}1")
        top += [None] * len(TAIL_HEADERS)
        sub += list(TAIL_HEADERS)
        sheet.merge("A1:B1")  # over the title columns: it prints whole on every page
        sheet.append(top, style=STYLE_HEAD_CELL, blank_style=STYLE_HEAD_CELL, height=row_height(lines))
        sheet.append(sub, style=STYLE_HEAD_CELL, blank_style=STYLE_HEAD_CELL, height=row_height(1))
        make = row_maker(leaves, plan, CellMaker(STYLE_CELL, STYLE_SCORE_CELL, STYLE_CELL))
        add = tally.add

        def made(rows: Iterable[WorkbookRow]) -> Iterator[str]:
            for row in rows:
                add(row)
                yield make(row)

        sheet.append_xml_rows(made(data.rows))
        last = get_column_letter(len(widths))
        sheet.set_autofilter(f"A2:{last}{sheet.rows_written}")

    return widths, fill


def _stats(tally: _Tally, title: str) -> Callable[[SheetWriter], None]:
    def fill(sheet: SheetWriter) -> None:
        sheet.merge("A1:B1")  # the title over its table, not clipped at column A
        sheet.append([title, None], style=STYLE_TITLE,
                     height=row_height(lines_needed(title, sum(STATS_WIDTHS) * 0.8), TITLE_LINE_PT))
        cells = {"style": STYLE_CELL, "number_style": STYLE_CELL, "blank_style": STYLE_CELL}
        levels, rank = tally.levels, tally.rank
        sheet.append(["星级", "学校数"], style=STYLE_HEAD_CELL)
        for name in sorted(levels, key=lambda n: (rank.get(n, 0), n)):
            sheet.append([name, levels[name]], **cells)
        sheet.append(["合计", tally.total], **cells)
        sheet.append([])
        sheet.append(["状态", "学校数"], style=STYLE_HEAD_CELL)
        for name, count in sorted(tally.states.items(), key=lambda kv: (-kv[1], kv[0])):
            sheet.append([name, count], **cells)
        sheet.append(["合计", tally.total], **cells)

    return fill


def write_workbook(data: WorkbookInput, path: str | os.PathLike[str],
                   analysis: AnalysisRows | AnalysisFromCounts | None = None, *,
                   groups: Sequence[Group] = (), ledger: ProblemLedger | None = None,
                   records: VerificationRecords | None = None) -> Path:
    """Stream ``data.rows`` (read once) into an .xlsx at ``path`` (atomic). ``groups``: the rubric's
    first levels (workbook_columns.first_levels), for the subtotal columns; ``ledger`` and
    ``records`` add their sheets; ``analysis`` a 分析 sheet: its rows, or a function making them
    from the verified values counted while the rows streamed (None when they could not be), called
    once the scores are written: the losses then need no second pass over the score table."""
    tally = _Tally(data.leaf_codes, count_leaves=callable(analysis))
    widths, detail_fill = _detail(data, tally, groups)
    title = clean_text(data.campaign_title)
    detail_page = PageSetup(fit_width=pages_across(widths, ID_WIDTHS[0] + ID_WIDTHS[1]), title_rows=(1, 2),
                            title_cols=TITLE_COLS)  # A1:B1 holds the title, repeated with them
    with atomic_target(path) as tmp, XlsxStream(tmp) as book:
        book.write_sheet(DETAIL_SHEET, detail_fill, freeze=FREEZE, widths=widths, page=detail_page)
        book.write_sheet(STATS_SHEET, _stats(tally, title), widths=STATS_WIDTHS,
                         page=PageSetup(landscape=False))
        book.write_sheet(HISTORY_SHEET, _history(data), freeze="A2", widths=HISTORY_WIDTHS,
                         page=PageSetup(title_rows=(1, 1), header=f"{title} {HISTORY_SHEET}"))
        write_record_sheets(book, ledger, records)
        write_analysis_sheet(book, analysis(tally.leaf_counts()) if callable(analysis) else analysis)
    return Path(path)


HISTORY_SHEET = "历年记录"
HISTORY_HEADERS = ["学校代码", "学校名称", "年份", "轮次", "进入方式", "自评总分", "核定总分", "星级", "结果", "日期",
                   "理由/依据"]
HISTORY_WIDTHS = (12, 24, 6, 10, 10, 9, 9, 10, 14, 11, 30)


# The types of a plain 历年记录 row: text, a year, totals (a Decimal or None), text.
_PLAIN_HISTORY = frozenset((str, str, int, str, str, mine, verified, str, str, str, str)
                           for mine in (Decimal, type(None)) for verified in (Decimal, type(None)))


def _plain_history_row(row: tuple[object, ...]) -> bool:
    """Whether a 历年记录 row is what the round reader makes (text, a year, totals): the cells it
    would get from SheetWriter.append can then be looked up (a NaN total, or an odd value, goes
    through ``append``, which has a rule for each)."""
    if tuple(map(type, row)) not in _PLAIN_HISTORY:
        return False
    mine, verified = row[5], row[6]
    return (mine is None or mine.is_finite()) and (verified is None or verified.is_finite())  # type: ignore[attr-defined]


def _history(data: WorkbookInput) -> Callable[[SheetWriter], None]:
    """One row per school and round, each cell what SheetWriter.append(row, STYLE_CELL, STYLE_SCORE_CELL,
    blank_style=STYLE_CELL, integer_style=STYLE_CELL) writes (the year 2023, not 2023.0), but made
    once per distinct value (xlsx_cells.CellMaker): labels, levels, dates and totals repeat down
    100,000 schools, which the generic append formatted one value at a time (3 s)."""

    def fill(sheet: SheetWriter) -> None:
        sheet.append(HISTORY_HEADERS, style=STYLE_HEAD_CELL)
        cells = CellMaker(STYLE_CELL, STYLE_SCORE_CELL, STYLE_CELL)
        year = CellMaker(STYLE_CELL, STYLE_CELL, STYLE_CELL).numbers.__getitem__
        text, once, number = cells.texts.__getitem__, cells.text_once, cells.numbers.__getitem__
        for row in data.history:
            if not _plain_history_row(row):
                sheet.append(row, style=STYLE_CELL, number_style=STYLE_SCORE_CELL, blank_style=STYLE_CELL,
                             integer_style=STYLE_CELL)
                continue
            code, name, the_year, kind, entry, mine, verified, level, outcome, day, reason = row
            sheet.append_xml("".join((once(code), once(name), year(the_year), text(kind), text(entry),
                                      number(mine), number(verified), text(level), text(outcome), text(day),
                                      once(reason))))

    return fill
