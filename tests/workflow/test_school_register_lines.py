"""A register read whole (read_table, csv in C) names the same lines as one read record by record
(open_table's stream), however its lines are laid out; and the collector held through an import
comes back after it, refused or not (workflow/gc_pause.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from models.schema import School
from tests.workflow.helpers import ADMIN
from workflow import gc_pause
from workflow.doors.schools import ALIASES, import_schools, parse_school_file
from workflow.doors.users import add_user
from workflow.errors import InvalidInput
from workflow.intake.tabular import open_table, read_table

LAYOUTS = {
    "plain": "学校代码,学校名称\nA1,甲\nA2,乙\n",
    "crlf": "学校代码,学校名称\r\nA1,甲\r\nA2,乙\r\n",
    "blank lines": "学校代码,学校名称\n\nA1,甲\n,\n  ,  \nA2,乙\n\n",
    "header over two lines": '"学校\n代码",学校名称\nA1,甲\nA2,乙\n',
    "cell over two lines": '学校代码,学校名称\nA1,"甲\n乙"\nA2,乙\n',
    "short record": "学校代码,学校名称,乡镇\nA1,甲\nA2,乙,城关\n",
    "no final newline": "学校代码,学校名称\nA1,甲\nA2,乙",
    "tab separated": "学校代码\t学校名称\nA1\t甲\n\nA2\t乙\n",
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_register_read_whole_has_the_streams_lines(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "名册.csv"
    path.write_text(LAYOUTS[layout], encoding="utf-8", newline="")
    fields, records = open_table(path, ALIASES, required=("code", "name"))
    streamed = list(records)
    whole = read_table(path, ALIASES, required=("code", "name"))
    assert whole.fields == fields
    assert list(zip(whole.lines, whole.records, strict=True)) == streamed


@pytest.mark.parametrize("content, where", [
    ("学校代码,学校名称\n\n\nA1,甲\nA1,乙\n", ":5:学校代码"),  # after blank lines: the file's line, not the record's
    ('学校代码,学校名称\nA0,甲\nA1,"甲\n乙"\n', ":4:学校名称"),  # a cell over two lines: where it ends
    ("学校代码,学校名称\nA1,甲\nA2,乙,多余\nA3,\"未闭合\n", ":3"),  # too wide before the broken quote
    ("学校代码,学校名称\nA1,甲\nA2,\"未闭合\n", ":3"),
])
def test_a_bad_line_is_named_by_its_place_in_the_file(tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8", newline="")
    with pytest.raises(InvalidInput) as refused:
        parse_school_file(path)
    assert f"{path}{where}" in str(refused.value)


def test_the_collector_is_back_on_after_an_import_refused_or_not(db: str, tmp_path: Path) -> None:
    add_user(None, ADMIN.name, "admin")
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("学校代码,学校名称\nA1,甲\n", encoding="utf-8")
    bad.write_text("学校代码,学校名称\nA1,甲\nA1,乙\n", encoding="utf-8")
    assert gc.isenabled()
    with pytest.raises(InvalidInput):
        parse_school_file(bad)
    assert gc.isenabled()
    assert import_schools(ADMIN, parse_school_file(good)) == (1, 0)
    assert gc.isenabled() and School.select().count() == 1


def test_a_pause_inside_the_launch_hold_leaves_the_collector_off() -> None:
    gc.disable()  # as tui/gc_hold.py holds it while the app starts
    try:
        with gc_pause.paused(), gc_pause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with gc_pause.paused():
        with gc_pause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer hold is still open
    assert gc.isenabled()
