"""The workbook's 分析 sheet (exports/workbook_analysis.py) from the hand-computed county's
analysis (SQLite and PostgreSQL): the ranked leaves, the groups, the bins with their threshold
lines and bars, the schools near the next level, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from exports.workbook_analysis import ANALYSIS_SHEET, write_analysis_sheet
from exports.xlsx_stream import XlsxStream
from tests.workflow.analysis_fixture import county
from tests.workflow.helpers import ADMIN
from tui.verbs.analysis import workbook_rows
from workflow.reads.analysis import analysis


def _rows(path: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [tuple(c for c in row if c is not None) for row in book[ANALYSIS_SHEET].iter_rows(values_only=True)]


def test_the_analysis_sheet_reads_back(db: str, tmp_path: Path) -> None:
    county()
    path = tmp_path / "analysis.xlsx"
    with XlsxStream(path) as book:
        write_analysis_sheet(book, workbook_rows(analysis(ADMIN, lang="zh")))  # Chinese, as the workbook
    rows = _rows(path)
    assert rows[0] == ("某县2022智慧校园星级评定：2022年初评分析",)
    assert rows[3] == ("排名", "代码", "指标", "满分", "失分学校", "已核定", "平均失分", "合计失分")
    assert rows[4] == (1, "1.1", "校园网络", 8, 4, 5, 4.1, 16.5)
    assert ("新民乡", 2, 1, 0, 0, 0, 1, 73) in rows
    assert ("初中", 2, 0, 0, 1, 1, 0, 95.8) in rows
    bins = {r[0]: r[1:] for r in rows if r and isinstance(r[0], str) and "–" in r[0]}
    assert bins["70–75"] == (0, "70分 二星级")
    assert bins["95–100"] == (2, "95分 五星级", "█" * 40)
    assert bins["65–70"] == (1, "█" * 20)
    assert ("A003", "新民小学", "新民乡", 79, "三星级", 1) in rows
    assert rows[-1] == ("六、与上一轮相比：本轮是首轮",)


def test_no_rows_no_sheet(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    with XlsxStream(path) as book:
        book.write_sheet("x", lambda sheet: sheet.append(["x"]))
        write_analysis_sheet(book, None)
    assert openpyxl.load_workbook(path, read_only=True).sheetnames == ["x"]


def test_the_exported_workbook_carries_the_analysis_sheet(db: str, tmp_path: Path) -> None:
    from tui.export_jobs import run_export

    county()
    path = run_export(ADMIN, "workbook", tmp_path / "book.xlsx")
    assert openpyxl.load_workbook(path, read_only=True).sheetnames[-1] == ANALYSIS_SHEET
    rows = _rows(path)
    assert rows[4] == (1, "1.1", "校园网络", 8, 4, 5, 4.1, 16.5)
    assert ("A003", "新民小学", "新民乡", 79, "三星级", 1) in rows
