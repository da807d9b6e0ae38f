"""A school register file without a 排序 (display order) column leaves the order of the schools it names as it was
(a partial import used to renumber them 1, 2, 3 by their lines, which reordered the frozen notice); a new school
goes after the last. With the column, the order given applies. CSV (checked a column at a time) and .xlsx
(checked a row at a time), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from models.schema import School
from tests.workflow.helpers import ADMIN
from workflow.audit import verify_chain
from workflow.doors.schools import SchoolRow, import_schools, parse_school_file
from workflow.doors.users import add_user

REGISTER = [SchoolRow("A1", "甲校", "城关镇", "小学", 10), SchoolRow("A2", "乙校", "城关镇", "小学", 20),
            SchoolRow("A3", "丙校", "新民乡", "初中", 30), SchoolRow("A4", "丁校", "新民乡", "初中", 40)]


def _file(tmp_path: Path, suffix: str, header: list[str], lines: list[list[str]]) -> Path:
    path = tmp_path / f"名册{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(cells) for cells in [header, *lines]) + "\n", encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        for cells in [header, *lines]:
            sheet.append(cells)
        book.save(path)
    return path


def _orders() -> dict[str, int]:
    return {code: int(order) for code, order in School.select(School.code, School.display_order).tuples()}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_partial_import_without_an_order_column_keeps_the_registers_order(
        db: str, tmp_path: Path, suffix: str) -> None:
    add_user(None, ADMIN.name, "admin")
    import_schools(ADMIN, REGISTER)
    # A4 renamed, A2 as it is, two new schools: listed in another order than the register's.
    path = _file(tmp_path, suffix, ["学校代码", "学校名称", "乡镇", "学段"],
                 [["A4", "丁校（更名）", "新民乡", "初中"], ["N1", "新一校", "城关镇", "小学"], ["A2", "乙校", "城关镇", "小学"],
                  ["N2", "新二校", "城关镇", "小学"]])
    assert import_schools(ADMIN, parse_school_file(path)) == (2, 1)  # A2 unchanged: its order is not rewritten
    assert _orders() == {"A1": 10, "A2": 20, "A3": 30, "A4": 40, "N1": 41, "N2": 42}
    assert School.get(School.code == "A4").name == "丁校（更名）"
    assert verify_chain().ok


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_with_an_order_column_the_order_given_applies(db: str, tmp_path: Path, suffix: str) -> None:
    add_user(None, ADMIN.name, "admin")
    import_schools(ADMIN, REGISTER)
    path = _file(tmp_path, suffix, ["学校代码", "学校名称", "乡镇", "学段", "排序"],
                 [["A4", "丁校", "新民乡", "初中", "5"], ["N1", "新一校", "城关镇", "小学", "15"],
                  ["A2", "乙校", "城关镇", "小学", ""]])  # an empty cell: as if no order were given
    assert import_schools(ADMIN, parse_school_file(path)) == (1, 1)
    assert _orders() == {"A1": 10, "A2": 20, "A3": 30, "A4": 5, "N1": 15}
    assert verify_chain().ok


def test_a_first_register_without_an_order_column_is_in_the_files_order(db: str, tmp_path: Path) -> None:
    add_user(None, ADMIN.name, "admin")
    path = _file(tmp_path, ".csv", ["学校代码", "学校名称"], [["Z9", "末校"], ["B1", "首校"], ["M5", "中校"]])
    assert import_schools(ADMIN, parse_school_file(path)) == (3, 0)
    assert _orders() == {"Z9": 1, "B1": 2, "M5": 3}


def test_a_partial_import_leaves_a_frozen_rounds_notice_in_its_order(db: str, tmp_path: Path) -> None:
    from exports import gather
    from models.schema import Campaign, Round
    from tests.demo_copy import load_demo

    campaign = Campaign.get_by_id(load_demo(review=True))
    frozen = int(Round.get((Round.campaign == campaign.id) & (Round.year == 2023)).id)

    def notice_order() -> list[list[str]]:
        return [[s.name for s in group.schools] for group in gather.notice_input(campaign, round_id=frozen).groups]

    before = notice_order()
    codes = {r.name: r.code for _a, r in gather.school_results(campaign, round_id=frozen)}
    biggest = max(before, key=len)
    last, first = (School.get(School.code == codes[name]) for name in (biggest[-1], biggest[0]))
    path = _file(tmp_path, ".csv", ["学校代码", "学校名称", "乡镇", "学段"],  # its last school first, renamed
                 [[last.code, last.name + "（更名）", last.township, last.stage],
                  [first.code, first.name, first.township, first.stage]])
    import_schools(ADMIN, parse_school_file(path))
    assert notice_order() == before
    assert verify_chain().ok
