"""A school file's 排序 (display order): 1 to 999,999,999 on both backends, full-width digits read as the number
they are (as scores are), each school its own (two lines with one refused naming both; one a school keeps refused
naming that school); nothing is written when refused. The import says how many orders changed, and its audit row
what it did. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.schema import AuditEvent, School
from tests.workflow.helpers import ADMIN
from workflow.doors.schools import SchoolRow, import_school_register, import_schools, parse_school_file
from workflow.doors.users import add_user
from workflow.errors import InvalidInput
from workflow.reads.audit_text import note_text

REGISTER = [SchoolRow("A1", "甲校", "城关镇", "小学", 1), SchoolRow("A2", "乙校", "城关镇", "小学", 2),
            SchoolRow("A3", "丙校", "新民乡", "初中", 3)]


def _csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "名册.csv"
    path.write_text("学校代码,学校名称,乡镇,学段,排序\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _orders() -> dict[str, int]:
    return {code: int(order) for code, order in School.select(School.code, School.display_order).tuples()}


def _registered() -> None:
    add_user(None, ADMIN.name, "admin")
    import_schools(ADMIN, REGISTER)


@pytest.mark.parametrize("order", ["99999999999999999999", "3000000000", "1000000000", "-1", "0", "０", "+0"])
def test_an_order_out_of_range_is_refused_naming_file_line_and_column(db: str, tmp_path: Path, order: str) -> None:
    _registered()
    path = _csv(tmp_path, "A1,甲校,城关镇,小学,7", f"N1,新校,城关镇,小学,{order}")
    with pytest.raises(InvalidInput) as refused:
        import_school_register(ADMIN, parse_school_file(path), own_orders=True)
    text = str(refused.value)
    assert f"{path}:3:排序" in text and "1至999999999" in text, text
    assert _orders() == {"A1": 1, "A2": 2, "A3": 3}  # nothing written


def test_the_largest_order_and_full_width_digits_are_accepted(db: str, tmp_path: Path) -> None:
    _registered()
    path = _csv(tmp_path, "A1,甲校,城关镇,小学,999999999", "N1,新校,城关镇,小学,１２")
    assert import_school_register(ADMIN, parse_school_file(path), own_orders=True)[:2] == (1, 1)
    assert _orders() == {"A1": 999_999_999, "A2": 2, "A3": 3, "N1": 12}


@pytest.mark.parametrize("second", ["5", "５", "005"])
def test_two_lines_with_one_order_are_refused_naming_both(db: str, tmp_path: Path, second: str) -> None:
    _registered()
    path = _csv(tmp_path, "A1,甲校,城关镇,小学,5", "A2,乙校,城关镇,小学,4", f"A3,丙校,新民乡,初中,{second}")
    with pytest.raises(InvalidInput) as refused:
        parse_school_file(path)
    assert f"{path}:4:排序" in str(refused.value) and "第2行" in str(refused.value), str(refused.value)


def test_an_order_a_school_keeps_is_refused_naming_that_school(db: str, tmp_path: Path) -> None:
    _registered()
    path = _csv(tmp_path, "N1,新校,城关镇,小学,2")  # A2 holds 2 and is not in the file
    with pytest.raises(InvalidInput) as refused:
        import_school_register(ADMIN, parse_school_file(path), own_orders=True)
    text = str(refused.value)
    assert "N1" in text and "A2" in text and "乙校" in text and "排序2" in text, text
    assert _orders() == {"A1": 1, "A2": 2, "A3": 3} and not AuditEvent.select().where(
        AuditEvent.action == "school.import").count() > 1
    # In the file without an order, A2 keeps its own: the same clash.
    with pytest.raises(InvalidInput):
        import_school_register(ADMIN, parse_school_file(_csv(tmp_path, "A2,乙校,城关镇,小学,", "N1,新校,城关镇,小学,2")),
                               own_orders=True)


def test_a_swap_in_one_file_is_no_clash_and_its_counts_are_said(db: str, tmp_path: Path) -> None:
    _registered()
    path = _csv(tmp_path, "A1,甲校,城关镇,小学,3", "A3,丙校（更名）,城关镇,初中,1", "N1,新校,城关镇,小学,9")
    done = import_school_register(ADMIN, parse_school_file(path), own_orders=True)
    assert (done.added, done.updated, done.renamed, done.relocated, done.reordered) == (1, 2, 1, 1, 2)
    assert _orders() == {"A1": 3, "A2": 2, "A3": 1, "N1": 9}
    row = AuditEvent.select().where(AuditEvent.action == "school.import").order_by(AuditEvent.seq.desc()).get()
    assert note_text(row.action, row.payload, row.reason) == "新增1所；改名1所；乡镇或学段有变1所；排序有变2所"


def test_each_county_numbers_its_own_schools(db: str, tmp_path: Path) -> None:
    from tests.workflow.region_fixture import build_province

    province = build_province()
    first, second = province.admin("410102"), province.admin("410103")
    path = _csv(tmp_path, "41010201,中原区第一小学,,小学,1")
    assert import_school_register(first, parse_school_file(path), own_orders=True).reordered == 1
    path = _csv(tmp_path, "41010301,二七区第一小学,,小学,1")  # another county's 1: no clash
    assert import_school_register(second, parse_school_file(path), own_orders=True).reordered == 1
    with pytest.raises(InvalidInput) as refused:  # its own county's 1: refused
        import_school_register(first, parse_school_file(_csv(tmp_path, "41010299,中原区新校,,小学,1")),
                               own_orders=True)
    assert "41010201" in str(refused.value)
