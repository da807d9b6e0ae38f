"""The school register from .xlsx: the same aliases and FILE:ROW:FIELD messages as CSV, all or nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.imports.conftest import starcampus
from tests.imports.tables import make_xlsx
from workflow.doors.schools import parse_school_file
from workflow.errors import InvalidInput

HEADER: list[object] = ["学校代码", "学校名称", "乡镇", "学段"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.sqlite3"
    done = starcampus("init", db=path)
    assert done.returncode == 0, done.stderr
    return path


def _schools(db: Path) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT code, name, township, stage FROM school ORDER BY display_order").fetchall()


def test_good_register_with_numbers_title_and_merges(tmp_path: Path, db: Path) -> None:
    rows: list[list[object]] = [
        HEADER,                                             # row 2 (row 1 is the title)
        [640424001, "泾源县城关第一小学", "城关镇", "小学"],   # 3: a code typed as a number
        [640424002.0, "泾源县城关第二小学", "", "小学"],       # 4: a float that is a whole number
        ["", "", "", ""],                                   # 5: blank
        ["说明：以下为乡镇学校", "", "", ""],                  # 6: one cell merged across: a note
        ["640424010", " 泾源县六盘山中学 ", "六盘山镇", "初中"],  # 7
        [640424011, "泾源县新民中心小学", "", "小学"],         # 8: township merged down from row 7
    ]
    source = make_xlsx(tmp_path / "名册.xlsx", rows, ["A6:D6", "C7:C8"], title="泾源县参评学校名册")
    done = starcampus("schools", "import", str(source), db=db)
    assert done.returncode == 0, done.stderr
    assert "新增4所" in done.stdout
    assert _schools(db) == [
        ("640424001", "泾源县城关第一小学", "城关镇", "小学"),
        ("640424002", "泾源县城关第二小学", "", "小学"),
        ("640424010", "泾源县六盘山中学", "六盘山镇", "初中"),
        ("640424011", "泾源县新民中心小学", "六盘山镇", "小学"),
    ]


def test_scientific_display_keeps_the_exact_code(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["代码", "名称"])
    sheet.append([640424001, "一小"])
    sheet["A2"].number_format = "0.00000E+00"
    path = tmp_path / "科学计数.xlsx"
    workbook.save(path)
    assert [row.code for row in parse_school_file(path)] == ["640424001"]


def test_sheet_choice(tmp_path: Path, db: Path) -> None:
    source = make_xlsx(tmp_path / "名册.xlsx", [HEADER, ["JY01", "一小", "城关镇", "小学"]], sheet="2023名册",
                       other_sheet="说明")
    assert starcampus("schools", "import", str(source), db=db).returncode == 1  # the first sheet is empty
    missing = starcampus("schools", "import", str(source), "--sheet", "名册", db=db)
    assert missing.returncode == 1 and "“说明”、“2023名册”" in missing.stderr
    done = starcampus("schools", "import", str(source), "--sheet", "2023名册", db=db)
    assert done.returncode == 0, done.stderr
    assert _schools(db) == [("JY01", "一小", "城关镇", "小学")]


def test_formula_is_refused_and_nothing_written(tmp_path: Path, db: Path) -> None:
    rows: list[list[object]] = [HEADER, ["JY01", "一小", "城关镇", "小学"], ["JY02", '=B2&"分校"', "城关镇", "小学"]]
    source = make_xlsx(tmp_path / "名册.xlsx", rows)
    done = starcampus("schools", "import", str(source), db=db)
    assert done.returncode == 1
    assert f"{source}:3:学校名称/name" in done.stderr and "公式" in done.stderr
    assert _schools(db) == []


@pytest.mark.parametrize(("row", "where", "says"), [
    (["JY03", "", "城关镇", "小学"], "4:学校名称/name", "为空"),
    ([640424001.5, "三小", "", "小学"], "4:学校代码/code", "带小数"),
    ([1234567890123456789, "三小", "", "小学"], "4:学校代码/code", "超过15位"),
    (["JY01", "三小", "", "小学"], "4:学校代码/code", "与第2行重复"),
    (["JY03", "三小", "", "大学"], "4:学段/stage", "不是"),
    (["JY03", "+三小", "", "小学"], "4:学校名称/name", "公式"),
    (["JY03", "三小", __import__("datetime").datetime(2023, 9, 1), "小学"], "4:乡镇/township", "日期"),
    (["JY 03", "三小", "", "小学"], "4:学校代码/code", "不是有效代码"),
])
def test_bad_row_is_named_and_nothing_written(tmp_path: Path, db: Path, row: list[object], where: str,
                                              says: str) -> None:
    rows: list[list[object]] = [HEADER, ["JY01", "一小", "城关镇", "小学"], ["JY02", "二小", "城关镇", "小学"], row]
    source = make_xlsx(tmp_path / "名册.xlsx", rows)
    done = starcampus("schools", "import", str(source), db=db)
    assert done.returncode == 1, done.stdout
    assert f"{source}:{where}" in done.stderr and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert _schools(db) == []


def test_header_problems(tmp_path: Path) -> None:
    unknown = make_xlsx(tmp_path / "a.xlsx", [["学校代码", "学校名称", "邮编"], ["A1", "一小", 753000]])
    with pytest.raises(InvalidInput, match="邮编"):
        parse_school_file(unknown)
    missing = make_xlsx(tmp_path / "b.xlsx", [["学校代码", "乡镇"], ["A1", "城关镇"]])
    with pytest.raises(InvalidInput, match="缺少列") as error:
        parse_school_file(missing)
    assert f"{missing}:1" in str(error.value)
    stray = make_xlsx(tmp_path / "c.xlsx", [["学校代码", "学校名称"], ["A1", "一小", "多余"]])
    with pytest.raises(InvalidInput, match=f"{stray}:2"):
        parse_school_file(stray)
    spaced = make_xlsx(tmp_path / "d.xlsx", [["学校 代码", "学校名称\u3000"], ["A1", "一小"]])
    assert [row.name for row in parse_school_file(spaced)] == ["一小"]


def test_files_refused_up_front(tmp_path: Path, db: Path) -> None:
    big = tmp_path / "名册.xlsx"
    with big.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    done = starcampus("schools", "import", str(big), db=db)
    assert done.returncode == 1 and "50 MB" in done.stderr
    fake = tmp_path / "假的.xlsx"
    fake.write_text("学校代码,学校名称\n", encoding="utf-8")
    done = starcampus("schools", "import", str(fake), db=db)
    assert done.returncode == 1 and "不是有效的 .xlsx" in done.stderr
    old = tmp_path / "旧.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    done = starcampus("schools", "import", str(old), db=db)
    assert done.returncode == 1 and ".xlsx" in done.stderr
    csv = tmp_path / "名册.csv"
    csv.write_text("学校代码,学校名称\nA1,一小\n", encoding="utf-8")
    done = starcampus("schools", "import", str(csv), "--sheet", "x", db=db)
    assert done.returncode == 1 and "--sheet" in done.stderr
    assert _schools(db) == []


def test_csv_path_unchanged(tmp_path: Path, db: Path) -> None:
    csv = tmp_path / "名册.csv"
    csv.write_bytes("学校代码,学校名称,乡镇\nJY01,第一小学,城关镇\n".encode("gbk"))
    done = starcampus("schools", "import", str(csv), db=db)
    assert done.returncode == 0, done.stderr
    assert _schools(db) == [("JY01", "第一小学", "城关镇", "小学")]
