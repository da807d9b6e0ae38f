"""Build real .docx tables and .xlsx sheets the way officers' attachments look."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

HEADER = ["一级指标", "分值", "二级指标", "分值", "详细指标及评分标准", "分值", "评估办法"]

# RUBRICS.md: A1's seven base items (4, 4, 4, 2, 2, 1, 3 = 20) and the IoT extension item (2).
A1_ITEMS = [
    ("有线网络覆盖教学、活动和办公区域", "4"),
    ("无线网络（或5G）覆盖教学、活动和办公区域", "4"),
    ("互联网出口带宽不低于100M", "4"),
    ("至少实现三网融合", "2"),
    ("综合布线和机房建设符合设计规范", "2"),
    ("安防系统与公安联网，视频保存不少于90天", "1"),
    ("以购买服务方式建设和运维", "3"),
    ("物联网感知校园物理环境", "0+2"),
]
A2_ITEMS = [
    ("普通教室全部配备多媒体教学设备", "10"),
    ("建有智慧教室", "10"),
    ("建有创客、VR等创新实验室", "0+7"),
]
B1_ITEMS = [
    ("教师每年上传资源不少于10个", "6"),
    ("开设三个课堂，每周不少于5课时", "4"),
]


def henan_rows() -> tuple[list[list[str]], list[tuple[int, int, int]]]:
    """Rows (header first) and vertical merges (column, first row, last row; 0-based table rows)."""
    rows = [list(HEADER)]
    merges: list[tuple[int, int, int]] = []

    def block(first: tuple[str, str] | None, second: tuple[str, str], items: list[tuple[str, str]]) -> None:
        start = len(rows)
        for n, (text, points) in enumerate(items):
            row = ["", "", "", "", text, points, "查阅资料、实地查看" if n == 0 else ""]
            if n == 0:
                row[2], row[3] = second
                if first:
                    row[0], row[1] = first
            rows.append(row)
        merges.extend([(2, start, len(rows) - 1), (3, start, len(rows) - 1), (6, start, len(rows) - 1)])

    a_start = len(rows)
    block(("A 信息化基础环境", "40+9"), ("A1 校园网络环境", "20+2"), A1_ITEMS)
    block(None, ("A2.智能教学环境", "20+7"), A2_ITEMS)
    merges += [(0, a_start, len(rows) - 1), (1, a_start, len(rows) - 1)]
    b_start = len(rows)
    block(("B 教学应用", "10"), ("B1 资源建设与应用", "10"), B1_ITEMS)
    merges += [(0, b_start, len(rows) - 1), (1, b_start, len(rows) - 1)]
    return rows, merges


def make_docx(path: Path, rows: Sequence[Sequence[str]], merges: Sequence[tuple[int, int, int]] = (),
              *, before: str | None = "河南省中小学数字校园评估标准（V2.0）", extra_table: bool = False,
              across: Sequence[tuple[int, int, int]] = ()) -> Path:
    """``merges`` are vertical (column, first row, last row); ``across`` horizontal (row, first
    column, last column), the text kept being the first cell's, as Word keeps it. 0-based."""
    import docx

    document = docx.Document()
    if before:
        document.add_paragraph(before)
    if extra_table:
        small = document.add_table(rows=1, cols=2)
        small.cell(0, 0).text, small.cell(0, 1).text = "附件", "1"
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for col, first, last in merges:
        if last > first:
            table.cell(first, col).merge(table.cell(last, col))
    for at, first, last in across:
        text = rows[at][first]
        merged = table.cell(at, first).merge(table.cell(at, last))
        merged.text = text  # Word joins the merged cells' paragraphs; an official's cell holds the one text
    document.save(str(path))
    return path


def make_xlsx(path: Path, rows: Sequence[Sequence[object]], merges: Sequence[str] = (),
              *, title: str | None = None, sheet: str = "Sheet1", other_sheet: str | None = None) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    if other_sheet:
        workbook.active.title = other_sheet
        worksheet = workbook.create_sheet(sheet)
    else:
        worksheet = workbook.active
        worksheet.title = sheet
    if title:
        worksheet.append([title])
        worksheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(r) for r in rows))
    for row in rows:
        worksheet.append([None if value == "" else value for value in row])
    for span in merges:
        worksheet.merge_cells(span)
    workbook.save(str(path))
    return path


def xlsx_merges(merges: list[tuple[int, int, int]], offset: int = 1) -> list[str]:
    """Table merges (0-based rows) as Excel ranges, the header on row ``offset``."""
    from openpyxl.utils import get_column_letter

    return [f"{get_column_letter(col + 1)}{first + offset}:{get_column_letter(col + 1)}{last + offset}"
            for col, first, last in merges if last > first]
