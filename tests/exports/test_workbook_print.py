"""The score workbook as it prints (issue 18): the demo's workbook read back with openpyxl for its
page setup, borders, subtotals and record sheets, and rendered by LibreOffice to check that every
printed page of 评分明细 carries the header rows and the schools' names."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports.data import WorkbookInput, WorkbookRow
from exports.render import render_pdf
from exports.workbook import write_workbook
from exports.workbook_columns import MIN_SCALE, Group, first_levels, subtotal
from rubrics.loader import builtin_rubric
from tests.demo_copy import load_demo
from tests.support import need_program
from tui.export_jobs import run_export
from workflow.doors.demo import ADMIN

from .jingyuan import schools

SCHOOL = "泾源县城关第一小学"


@pytest.fixture
def demo_book(sqlite_db: str, tmp_path: Path) -> Path:
    load_demo()
    return run_export(ADMIN, "workbook", tmp_path / "评分汇总.xlsx", round_year=2023)


def _header_columns(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    """Row 1's labels (leaf or subtotal) -> the column of their 自评 cell."""
    return {str(c.value): c.column for c in sheet[1] if c.value and c.column > 5}


def test_the_demo_workbook_is_set_up_to_print(demo_book: Path) -> None:
    book = openpyxl.load_workbook(demo_book)
    detail = book["评分明细"]
    assert detail.print_title_rows == "$1:$2"  # the two header rows on every page
    assert detail.print_title_cols == "$A:$B"  # the school's code and name on every page
    assert detail.page_setup.orientation == "landscape" and detail.page_setup.paperSize == 9
    assert detail.sheet_properties.pageSetUpPr.fitToPage is True
    assert detail.page_setup.fitToHeight == 0
    # 22 leaves and 6 subtotals do not fit one page across at a readable size: a few pages across.
    assert int(detail.page_setup.fitToWidth) == 3
    # Header rows: the leaf names wrap to two lines, the row is tall enough for them.
    assert detail.row_dimensions[1].height >= 2 * 15 and detail.row_dimensions[2].height >= 15
    assert {"A1:B1", "F1:G1"} <= {str(r) for r in detail.merged_cells.ranges}
    for ref in ("A2", "B3", "F3", "J3", f"A{detail.max_row}"):
        cell = detail[ref]
        assert (cell.border.left.style, cell.border.bottom.style) == ("thin", "thin"), ref

    # First-level subtotals: after each first level's leaves, self and verified, the sum of the leaves.
    columns = _header_columns(detail)
    assert list(columns)[:5] == ["1.1 校园网络（8分）", "1.2 网络安全设备（5分）", "1.3 能力提升类功能室（8分）",
                                 "1.4 多媒体教学设备（4分）", "1 基础设施小计（25分）"]
    subtotals = [label for label in columns if "小计" in label]
    assert len(subtotals) == 6
    row = next(r for r in detail.iter_rows(min_row=3) if r[1].value == SCHOOL)
    for label in subtotals:
        code = label.split()[0]
        leaves = [c for h, c in columns.items() if h.split()[0].startswith(f"{code}.")]
        assert len(leaves) >= 3
        for offset in (0, 1):  # 自评, 核定
            expected = sum(Decimal(str(row[c - 1 + offset].value)) for c in leaves)
            assert Decimal(str(row[columns[label] - 1 + offset].value)) == expected, (label, offset)
    header = [c.value for c in detail[2]]
    total = row[header.index("核定总分")].value
    assert sum(row[columns[s]].value for s in subtotals) == pytest.approx(total)

    stats = book["统计"]
    assert "A1:B1" in {str(r) for r in stats.merged_cells.ranges}  # the title over its table
    assert stats["A1"].value == "泾源县2023年“互联网+教育”智慧校园星级评定"
    for name in ("历年记录", "整改台账", "核定记录", "分析"):
        assert book[name].page_setup.orientation == "landscape", name
    assert book["整改台账"].print_title_rows == "$2:$2"


def test_the_problem_ledger_and_verification_records_are_sheets(demo_book: Path) -> None:
    book = openpyxl.load_workbook(demo_book)
    assert book.sheetnames == ["评分明细", "统计", "历年记录", "整改台账", "核定记录", "分析"]
    ledger = book["整改台账"]
    assert ledger["A1"].value == "泾源县2023年“互联网+教育”智慧校园星级评定 问题清单及整改台账"
    assert [c.value for c in ledger[2]] == ["序号", "学校名称", "存在问题", "责任人", "整改时限", "整改状态", "逾期"]
    problems = list(ledger.iter_rows(min_row=3, values_only=True))
    assert len(problems) == 13 and problems[0][:2] == ("1", "泾源县第一中学")
    assert problems[0][2].startswith("校园网络亟待升级")
    # The demo's deadline (2023-08-20) is long past and nothing is closed: every row is overdue.
    assert {(p[3], p[4], p[5], p[6]) for p in problems} == {("分管副校长", "2023年8月20日", "待整改", "逾期")}
    records = book["核定记录"]
    assert [c.value for c in records[2]] == ["序号", "学校名称", "核定日期", "核定专家", "核定方式", "核定意见"]
    visits = list(records.iter_rows(min_row=3, values_only=True))
    assert len(visits) == 13
    assert visits[0][1:4] == ("泾源县第一中学", "2023年8月28日", "县督导办、信息中心及抽调学校专业人员")
    assert visits[-1][2] == "2023年9月1日"
    assert records.auto_filter.ref == "A2:F15"


def test_subtotals_of_the_bonus_are_capped_and_groups_cover_the_leaves() -> None:
    henan = builtin_rubric("henan-v2")
    groups = first_levels(henan)
    assert [g.label for g in groups] == ["A 信息化基础环境", "B 教学应用", "C 机制保障", "奖励加分"]
    assert sum(g.leaves for g in groups) == len(henan.leaves())
    bonus = groups[-1]
    assert bonus.maximum == 30 and subtotal([Decimal(10)] * 5, bonus) == 30
    assert subtotal([None, None], groups[0]) is None and subtotal([Decimal("1.5"), None], groups[0]) == Decimal("1.5")
    with pytest.raises(ValueError):
        write_workbook(WorkbookInput("x", ("1.1",), ("a",), (Decimal(1),), iter(())), Path("/nonexistent/x.xlsx"),
                       groups=(Group("1", "a", Decimal(1), 2),))


def _pdf_pages(pdf: Path) -> list[str]:
    out = subprocess.run([need_program("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return [re.sub(r"\s+", "", page) for page in out.split("\f")]


@pytest.mark.services
def test_every_printed_page_of_the_scores_shows_the_schools(demo_book: Path, tmp_path: Path) -> None:
    need_program("soffice", "libreoffice")
    pages = _pdf_pages(render_pdf(demo_book, tmp_path / "pdf"))
    names = [s.name for s in schools()]
    detail = [p for p in pages if "自评核定" in p]
    across = int(openpyxl.load_workbook(demo_book)["评分明细"].page_setup.fitToWidth)
    assert len(detail) == across  # 13 schools: one page down, `across` pages across
    for number, page in enumerate(detail, 1):
        assert "学校代码学校名称" in page, f"page {number} has no title columns"
        missing = [n for n in names if n not in page]
        assert not missing, f"page {number} lacks {missing}"
    # Every leaf and subtotal header is printed on some page (none falls off a page's edge): its
    # first line, the code and the name's start (the rest wraps, and pdftotext interleaves cells).
    labels = [str(c.value).split() for c in openpyxl.load_workbook(demo_book)["评分明细"][1] if c.value and c.column > 5]
    printed = "".join(detail)
    assert len(labels) == 28 and not [code for code, name in labels if code + name[:2] not in printed]
    stats = next(p for p in pages if "学校数" in p and "合计" in p)
    assert "泾源县2023年“互联网+教育”智慧校园星级评定" in stats  # the 统计 title not clipped
    assert any("问题清单及整改台账" in p and "校园网络亟待升级" in p for p in pages)
    assert any("核定记录" in p and "2023年8月28日" in p for p in pages)


@pytest.mark.services
def test_a_long_list_repeats_its_header_rows_on_every_page(tmp_path: Path) -> None:
    """240 schools print several pages down and across; each page has the headers and names."""
    need_program("soffice", "libreoffice")
    leaves = 22
    codes = tuple(f"{g}.{i}" for g in range(1, 7) for i in range(1, 5))[:leaves]
    groups = tuple(Group(str(g), f"一级{g}", Decimal(16), sum(1 for c in codes if c.startswith(f"{g}.")))
                   for g in range(1, 7))
    template = schools()[0]
    scores = tuple(Decimal(i % 4) + Decimal("0.5") for i in range(leaves))

    def rows():  # type: ignore[no-untyped-def]
        for i in range(240):
            school = replace(template, code=f"6404{i:05d}", name=f"测试学校{i:03d}号")
            yield WorkbookRow(school, "已核定", scores, scores)

    data = WorkbookInput("长名单", codes, tuple(f"指标{c}" for c in codes), (Decimal(4),) * leaves, rows())
    book = write_workbook(data, tmp_path / "long.xlsx", groups=groups)
    pages = _pdf_pages(render_pdf(book, tmp_path / "pdf"))
    detail = [p for p in pages if "测试学校" in p]
    across = int(openpyxl.load_workbook(book)["评分明细"].page_setup.fitToWidth)
    assert len(detail) >= 2 * across, len(detail)  # pages down as well as across
    for number, page in enumerate(detail, 1):
        assert all(word in page for word in ("学校代码", "学校名称", "自评", "核定", "指标")), \
            f"page {number} lacks the header rows"
    # Every school is printed (with its name) on `across` pages: the name columns repeat.
    printed = "".join(detail)
    assert all(printed.count(f"测试学校{i:03d}号") == across for i in range(240))
    assert MIN_SCALE <= 1
