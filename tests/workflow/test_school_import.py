"""Officers' school registers: GBK or UTF-8 (with or without BOM), Chinese or English headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.schema import AuditEvent, School
from tests.workflow.helpers import ADMIN
from workflow.doors.schools import import_schools, parse_school_file
from workflow.doors.users import add_user
from workflow.errors import InvalidInput

GOOD = "学校代码,学校名称,乡镇,学段\n640424001,泾源县第一中学,香水镇,初中\n640424007,新民乡中心小学,新民乡,小学\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "schools.csv"
    path.write_bytes(GOOD.encode(encoding))
    rows = parse_school_file(path)
    assert [(r.code, r.name, r.township, r.stage) for r in rows] == [
        ("640424001", "泾源县第一中学", "香水镇", "初中"), ("640424007", "新民乡中心小学", "新民乡", "小学")]


def test_english_headers_and_reordered_columns(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("name,code\nA school,X1\n\n", encoding="utf-8")
    rows = parse_school_file(path)
    assert [(r.code, r.name) for r in rows] == [("X1", "A school")]


@pytest.mark.parametrize("content, where, what", [
    ("学校代码,学校名称\nA1,甲\nA1,乙\n", ":3:学校代码", "重复"),
    ("学校代码,学校名称\nA1,\n", ":2:学校名称", "为空"),
    ("学校代码,学校名称\nA1,=1+1\n", ":2:学校名称", "公式"),
    ("学校代码,学校名称,学段\nA1,甲,大学\n", ":2:学段", "大学"),
    ("学校代码,名字\nA1,甲\n", ":1", "名字"),
    ("学校名称\n甲\n", ":1", "学校代码"),
    ("学校代码,学校名称\nA1,甲,多余\n", ":2", "列数"),
    ("", "", "为空"),
])
def test_bad_rows_are_named(tmp_path: Path, content: str, where: str, what: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        parse_school_file(path)
    message = str(refused.value)
    assert f"{path}{where}" in message and what in message


def test_import_is_all_or_nothing_and_audited(db: str, tmp_path: Path) -> None:
    add_user(None, ADMIN.name, "admin")
    path = tmp_path / "s.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert import_schools(ADMIN, parse_school_file(path)) == (2, 0)
    assert import_schools(ADMIN, parse_school_file(path)) == (0, 0)  # the same register: nothing written
    assert School.select().count() == 2
    assert AuditEvent.select().where(AuditEvent.action == "school.import").count() == 1
