"""The score workbook's fast path holds what the plain one held, cell by cell.

The detail rows are written from cells made once (exports/workbook_cells.py, xlsx_cells.py) and
the scores read a row per school (exports/score_sheets.py): each is checked here against the
plain definition it replaced — workbook.row_values for what a row holds, and the score table
read row by row — on values chosen to break a cache (8 beside 8.0, NaN, infinity, a signalling
NaN, text needing escapes, missing and extra scores, a capped bonus), read back with openpyxl
and, once, with LibreOffice.
"""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports.data import SchoolResult, WorkbookInput, WorkbookRow
from exports.text import clean_text
from exports.workbook import _plan, row_values, write_workbook
from exports.workbook_columns import Group
from tests.support import need_program

CODES = tuple(f"{g}.{i}" for g in (1, 2, 3) for i in (1, 2))
NAMES = tuple(f"指标{c}" for c in CODES)
MAXIMA = (Decimal(5),) * len(CODES)
GROUPS = (Group("1", "基础", Decimal(10), 2), Group("2", "应用", Decimal(10), 2),
          Group("", "奖励加分", Decimal(10), 2, cap=Decimal(3)))
ODD: tuple[Decimal | None, ...] = (Decimal("8"), Decimal("8.0"), Decimal("7.5"), None, Decimal("NaN"),
                                   Decimal("Infinity"), Decimal("-0"), Decimal("0.30000000000000004"),
                                   Decimal("2.5"), Decimal("1E+1"), Decimal("0"))


def _school(i: int) -> SchoolResult:
    names = ("新民乡中心小学", "A&B <学校>", "控制\x07字符", "", "城关第一小学")
    return SchoolResult(code=f"S{i:03d}", name=names[i % len(names)], township=("城关镇", "", "黄花乡")[i % 3],
                        stage="小学", self_total=ODD[i % len(ODD)], verified_total=ODD[(i * 3) % len(ODD)],
                        star_level=(None, 2, 3)[i % 3], star_name=(None, "二星级", "三星级")[i % 3],
                        authority=(None, "local", "upward", "odd")[i % 4], provisional=i % 5 == 0,
                        display_order=i)


def rows(n: int = 50) -> Iterator[WorkbookRow]:
    for i in range(n):
        width = len(CODES) - (i % 3)  # some rows short: the missing leaves are gaps
        mine = tuple(ODD[(i + k) % len(ODD)] for k in range(width))
        verified = tuple(ODD[(i * 7 + k) % len(ODD)] for k in range(width + (i % 2)))  # some too long
        yield WorkbookRow(_school(i), ("已核定", "已自评", "")[i % 3], mine, verified)


def _expected(value: object) -> object:
    """A value as openpyxl reads the cell back: numbers as numbers (NaN, infinity: no cell)."""
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, str):
        return clean_text(value) or None
    return value


def _book(tmp_path: Path, groups: tuple[Group, ...] = GROUPS, n: int = 50) -> Path:
    data = WorkbookInput("测试<&>", CODES, NAMES, MAXIMA, rows(n))
    return write_workbook(data, tmp_path / "cells.xlsx", groups=groups)


@pytest.mark.parametrize("groups", [GROUPS, ()], ids=["groups", "no-groups"])
def test_every_detail_cell_holds_what_row_values_yields(tmp_path: Path, groups: tuple[Group, ...]) -> None:
    path = _book(tmp_path, groups)
    sheet = openpyxl.load_workbook(path)["评分明细"]
    plan = _plan(len(CODES), groups)
    expected = [[_expected(v) for v in row_values(row, len(CODES), plan)] for row in rows()]
    width = len(expected[0])
    got = [list(r) for r in sheet.iter_rows(min_row=3, max_col=width, values_only=True)]
    assert got == expected
    assert sheet.max_row == 52 and sheet.max_column == width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:  # every cell bordered, the scores and totals in 'General'
            assert cell.border.left.style == "thin", cell.coordinate
            if isinstance(cell.value, float | int):
                assert cell.number_format == "General", cell.coordinate


def test_a_signalling_nan_or_a_list_is_no_key_and_no_number(tmp_path: Path) -> None:
    school = _school(1)
    row = WorkbookRow(school, "已核定", (Decimal("sNaN"), Decimal(2)) + (None,) * 4,
                      (Decimal(1), Decimal("sNaN"), Decimal(3), Decimal(4), None, None))
    data = WorkbookInput("x", CODES, NAMES, MAXIMA, iter([row]))
    sheet = openpyxl.load_workbook(write_workbook(data, tmp_path / "s.xlsx", groups=GROUPS))["评分明细"]
    values = [c.value for c in sheet[3]]
    assert values[5:11] == [None, 1, 2, None, None, None]  # sNaN; 1; 2; sNaN; both subtotals NaN
    assert values[11:17] == [None, 3, None, 4, None, 7]


def test_libreoffice_reads_the_cells_where_openpyxl_does(tmp_path: Path) -> None:
    """Cells without a reference are placed by position: LibreOffice must agree cell by cell."""
    need_program("soffice", "libreoffice")
    path = _book(tmp_path)
    out = tmp_path / "csv"
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false",
                           "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    with (out / "cells.csv").open(encoding="utf-8") as handle:
        office = list(csv.reader(handle))
    sheet = openpyxl.load_workbook(path)["评分明细"]
    for r, row in enumerate(sheet.iter_rows(min_row=3, values_only=True), start=2):
        seen = office[r] + [""] * (len(row) - len(office[r]))
        for c, value in enumerate(row):
            if isinstance(value, float | int):
                assert float(seen[c]) == pytest.approx(value, abs=0.05), (r, c)  # as shown
            else:
                assert seen[c] == (value or ""), (r, c)


def test_text_is_written_as_it_is_only_where_cleaning_and_escaping_change_nothing() -> None:
    """xlsx_cells.text_once skips clean_text and escape for text neither would change: every
    character they touch (controls, \\r, surrogates, U+FFFE/FFFF, & < >) still goes through them."""
    from xml.sax.saxutils import escape

    from exports.xlsx_cells import CellMaker
    from exports.xlsx_stream import STYLE_CELL, STYLE_SCORE_CELL

    cells = CellMaker(STYLE_CELL, STYLE_SCORE_CELL, STYLE_CELL)
    probes = [chr(c) for c in range(0x250)] + [chr(c) for c in (0x2028, 0x3000, 0x4E00, 0xD7FF, 0xD800, 0xDBFF,
                                                                0xDC00, 0xDFFF, 0xE000, 0xFFFD, 0xFFFE, 0xFFFF,
                                                                0x10000, 0x1F600, 0x2A6D6)]
    for ch in probes:
        for text in (ch, f"学校{ch}名", f"{ch}\r\n{ch}"):
            plain = escape(clean_text(text))
            want = cells.blank if not plain else f'<c t="inlineStr" s="{STYLE_CELL}"><is><t xml:space="preserve">{plain}</t></is></c>'
            assert cells.text_once(text) == want, repr(text)
