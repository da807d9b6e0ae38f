from __future__ import annotations

import weakref
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports.data import WorkbookInput, WorkbookRow
from exports.workbook import write_workbook
from exports.workbook_columns import Group

from .jingyuan import schools

CODES = ("1.1", "1.2", "2.1")
NAMES = ("校园网络", "电子阅览室", "校本资源")
MAXIMA = (Decimal(8), Decimal(12), Decimal(15))


def jingyuan_rows() -> Iterator[WorkbookRow]:
    for school in schools():
        state = "已核定" if school.star_level else "未达标"
        yield WorkbookRow(
            school=school,
            state_label=state,
            self_scores=(Decimal("7.5"), Decimal("9"), None),
            verified_scores=(Decimal("7"), Decimal("8.5"), Decimal("12")),
        )


def test_workbook_reads_back(tmp_path: Path) -> None:
    path = write_workbook(
        WorkbookInput("泾源县2023年评定", CODES, NAMES, MAXIMA, jingyuan_rows()), tmp_path / "评分.xlsx"
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["评分明细", "统计", "历年记录"]
    ws = wb["评分明细"]
    assert ws.freeze_panes == "C3"
    assert ws.auto_filter.ref == f"A2:{openpyxl.utils.get_column_letter(ws.max_column)}15"
    assert ws["A1"].value == "泾源县2023年评定"
    assert ws["F1"].value == "1.1 校园网络（8分）"
    assert "F1:G1" in {str(r) for r in ws.merged_cells.ranges}
    header = [c.value for c in ws[2]]
    assert header[:7] == ["学校代码", "学校名称", "乡镇", "学段", "状态", "自评", "核定"]
    assert header[-5:] == ["自评总分", "核定总分", "星级", "认定方式", "暂定"]
    first = {h: c for h, c in zip(header, ws[3], strict=True) if h in ("学校名称", "核定总分", "星级")}
    assert first["学校名称"].value == "新民乡中心小学"
    assert first["核定总分"].value == pytest.approx(71.5)
    assert first["核定总分"].number_format == "General"
    assert first["星级"].value == "二星级"
    assert ws["F3"].value == pytest.approx(7.5) and ws["F3"].number_format == "General"
    assert ws["J3"].value is None  # missing self score of leaf 3 stays empty
    assert ws.max_row == 15
    upward = [row for row in ws.iter_rows(min_row=3, values_only=True) if row[1] == "泾源县城关第一小学"][0]
    assert upward[-3:] == ("四星级", "报上级认定", None)

    stats = {row[0]: row[1] for row in wb["统计"].iter_rows(values_only=True) if len(row) > 1 and row[0]}
    assert stats["二星级"] == 5 and stats["三星级"] == 3 and stats["四星级"] == 1
    assert stats["未达星级"] == 4 and stats["未达标"] == 4 and stats["已核定"] == 9
    assert stats["合计"] == 13


def test_workbook_with_no_rows(tmp_path: Path) -> None:
    path = write_workbook(WorkbookInput("空", CODES, NAMES, MAXIMA, iter(())), tmp_path / "e.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["评分明细"].max_row == 2


def test_workbook_rejects_mismatched_leaves(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_workbook(WorkbookInput("x", CODES, NAMES[:2], MAXIMA, iter(())), tmp_path / "bad.xlsx")
    assert not (tmp_path / "bad.xlsx").exists()
    assert list(tmp_path.iterdir()) == []


# Ten times the writer's flush of 2,000 rows (exports/xlsx_stream.py): a writer that kept its rows
# would hold 18,000 at the 90% mark, one that buffered the file would have 0 bytes on disk there.
# 100,000 proved the same at five times the cost; the 500,000-school file is bench/run.py's.
STREAMED_ROWS = 20_000


def test_20k_rows_by_22_leaves_stream_to_disk(tmp_path: Path) -> None:
    """20,000 schools go out row by row: no row is kept once written, and the file grows on
    disk while rows are still being read. (How fast, up to 500,000: bench/run.py, "Score workbook".)"""
    leaves = 22
    n = STREAMED_ROWS
    template = schools()[0]
    scores = tuple(Decimal(i % 10) + Decimal("0.5") for i in range(leaves))
    consumed = 0
    alive: weakref.WeakSet[WorkbookRow] = weakref.WeakSet()
    most_alive = 0
    on_disk_midway = 0

    def partial_bytes() -> int:
        return sum(p.stat().st_size for p in tmp_path.glob(".big.xlsx.*.tmp"))

    def rows() -> Iterator[WorkbookRow]:
        nonlocal consumed, most_alive, on_disk_midway
        for i in range(n):
            consumed += 1
            if i % 1000 == 0:
                most_alive = max(most_alive, len(alive))
            if i == n * 9 // 10:
                on_disk_midway = partial_bytes()
            row = WorkbookRow(template, "已核定" if i % 3 else "已自评", scores, scores)
            alive.add(row)
            yield row
            del row

    data = WorkbookInput(
        "大批量",
        tuple(f"{i}.1" for i in range(leaves)),
        tuple(f"指标{i}" for i in range(leaves)),
        tuple(Decimal(5) for _ in range(leaves)),
        rows(),
    )
    # With the first-level subtotals and the page setup a printed workbook has: still streamed.
    groups = tuple(Group(str(g), f"一级{g}", Decimal(10), 2) for g in range(leaves // 2))
    path = write_workbook(data, tmp_path / "big.xlsx", groups=groups)
    assert consumed == n
    # The writer holds a row only while writing it; a writer that collected them would hold 18,000.
    assert most_alive <= 10, f"{most_alive} rows were still held while writing"
    # Most of 18,000 rows are on disk before the last ones are read (a buffering writer: 0 bytes).
    assert on_disk_midway > path.stat().st_size // 2, (on_disk_midway, path.stat().st_size)
    with zipfile.ZipFile(path) as archive:
        stats = archive.read("xl/worksheets/sheet2.xml").decode()
        workbook = archive.read("xl/workbook.xml").decode()
        with archive.open("xl/worksheets/sheet1.xml") as detail:
            head = detail.read(20_000).decode("utf-8", "ignore")  # the cols and the header rows
    assert '<definedName name="_xlnm.Print_Titles" localSheetId="0">' in workbook
    assert '<pageSetUpPr fitToPage="1"/>' in head and "一级0小计（10分）" in head
    self_only = len(range(0, n, 3))  # 已自评: every third school
    assert f"<v>{n}</v>" in stats and f"<v>{self_only}</v>" in stats and f"<v>{n - self_only}</v>" in stats
    # the last data row is there (read the sheet's tail, not 20,000 rows through openpyxl)
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as sheet:
        tail = b""
        while chunk := sheet.read(1 << 20):
            tail = (tail + chunk)[-16384:]  # the last row and the page setup after it
    assert f'<row r="{n + 2}">'.encode() in tail and b"<autoFilter ref=" in tail


def test_a_score_reads_the_same_whichever_way_it_was_stored(tmp_path: Path) -> None:
    """7 stored as 7.0 for one school and as 7 for the next is one score: the file holds it as the
    product shows a score ("7", "7.5"), so a reader (openpyxl, pandas) gets 7 for both, in the
    score columns, the totals and the 历年记录 sheet alike."""
    first, second = schools()[:2]
    rows = [
        WorkbookRow(replace(first, self_total=Decimal("75.0"), verified_total=Decimal("71.5")), "已核定",
                    (Decimal("7.0"), Decimal("9"), Decimal("3.50")), (Decimal("7.0"), Decimal("8"), None)),
        WorkbookRow(replace(second, self_total=Decimal("75"), verified_total=Decimal("71.50")), "已核定",
                    (Decimal("7"), Decimal("9.0"), Decimal("3.5")), (Decimal("7"), Decimal("8.0"), None)),
    ]
    history = [("640424001", "甲", 2023, "初评", "初评", Decimal("75.0"), Decimal("8.0"), "二星级", "", "", ""),
               ("640424002", "乙", 2023, "初评", "初评", Decimal("75"), Decimal("8"), "二星级", "", "", "")]
    path = write_workbook(WorkbookInput("评定", CODES, NAMES, MAXIMA, iter(rows), history), tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path, read_only=True)
    detail = list(wb["评分明细"].iter_rows(min_row=3, values_only=True))
    assert [repr(v) for v in detail[0][5:]] == [repr(v) for v in detail[1][5:]]
    assert (detail[0][5], detail[0][9], detail[0][-4]) == (7, 3.5, 71.5)
    assert type(detail[0][5]) is int and type(detail[0][-5]) is int  # 7 and 75, never 7.0 or 75.0
    past = list(wb["历年记录"].iter_rows(min_row=2, values_only=True))
    assert [repr(v) for v in past[0][5:7]] == [repr(v) for v in past[1][5:7]] == ["75", "8"]
