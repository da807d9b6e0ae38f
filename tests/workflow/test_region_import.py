"""``region import``'s door on SQLite and PostgreSQL: a tree from a file, all of it or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.schema import AuditEvent, Region
from tests.workflow.region_fixture import ROOT
from workflow.audit import verify_chain
from workflow.doors.regions import add_region, import_regions
from workflow.doors.users import actor_for, add_user
from workflow.errors import InvalidInput, PermissionDenied

TREE = "code,name,parent\n41,河南省,\n4101,郑州市,41\n410102,中原区,4101\n410103,二七区,4101\n4102,开封市,\n"


def _codes() -> dict[str, str]:
    return dict(Region.select(Region.code, Region.parent_code).tuples())


def test_a_tree_is_added_parents_from_the_file_and_audited(db: str, tmp_path: Path) -> None:
    sheet = tmp_path / "regions.csv"
    sheet.write_bytes(TREE.encode("gbk"))  # Excel on a Chinese Windows saves GBK
    done = import_regions(ROOT, sheet)
    assert done.unchanged == 0
    assert [r.code for r in done.added] == ["41", "4101", "410102", "410103", "4102"]
    # 开封市 names no parent: the nearest registered one above, as `region add` gives it
    assert _codes() == {"41": "", "4101": "41", "410102": "4101", "410103": "4101", "4102": "41"}
    assert Region.get(Region.code == "410102").name == "中原区"
    assert AuditEvent.select().where(AuditEvent.action == "region.add").count() == 5
    assert verify_chain().ok


@pytest.mark.parametrize(("rows", "where", "why"), [
    ("41,河南省,\n41011,坏代码,41\n", ":3:代码/code", "2位（省）、4位（市）或6位（县）数字"),
    ("41,河南省,\n4101,郑州市,4\n", ":3:上级/parent", "“4”应为2位"),
    ("41,河南省,\n4201,武汉市,41\n", ":3:上级/parent", "应以上级代码“41”开头"),
    ("4101,郑州市,41\n41,河南省,\n", ":2:上级/parent", "上级“41”既未登记"),
    ("41,河南省,\n41,河南,\n", ":3:代码/code", "在第2行已出现"),
    ("41,河南省,\n4101,,41\n", ":3:名称/name", "不能为空"),
    ("41,河南省,\n4101,=cmd(),41\n", ":3:名称/name", ""),
])
def test_a_bad_row_is_named_and_nothing_is_added(db: str, tmp_path: Path, rows: str, where: str, why: str) -> None:
    sheet = tmp_path / "regions.csv"
    sheet.write_text("code,name,parent\n" + rows, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        import_regions(ROOT, sheet)
    assert f"{sheet}{where}" in str(refused.value) and why in str(refused.value)
    assert _codes() == {}


def test_a_row_refused_inside_the_transaction_rolls_back_the_rows_before(db: str, tmp_path: Path) -> None:
    add_region(ROOT, "41", "河南省")
    add_region(ROOT, "4102", "开封市")
    sheet = tmp_path / "regions.csv"
    sheet.write_text("code,name,parent\n4101,郑州市,41\n4102,开封,41\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"regions\.csv:3:名称/name.*“4102”已登记为“开封市”，文件中为“开封”"):
        import_regions(ROOT, sheet)
    assert _codes() == {"41": "", "4102": "41"}
    assert AuditEvent.select().where(AuditEvent.action == "region.add").count() == 2


def test_an_officer_imports_only_inside_its_subtree(db: str, tmp_path: Path) -> None:
    add_region(ROOT, "41", "河南省")
    add_region(ROOT, "4101", "郑州市")
    add_user(ROOT, "admin-4101", "admin", region_code="4101")
    sheet = tmp_path / "regions.csv"
    sheet.write_text("code,name,parent\n410102,中原区,4101\n410202,龙亭区,41\n", encoding="utf-8")
    with pytest.raises(PermissionDenied):
        import_regions(actor_for("admin-4101"), sheet)
    assert "410102" not in _codes()
    add_user(ROOT, "viewer-41", "viewer", region_code="41")
    with pytest.raises(PermissionDenied):
        import_regions(actor_for("viewer-41"), sheet)


def test_the_list_run_again_with_new_rows_adds_only_them(db: str, tmp_path: Path) -> None:
    """The office's list grows: rows registered as written are unchanged (no audit row), the new ones
    added; a row with a registered code and another name or parent is refused, naming the cell, and
    nothing of the file is added."""
    add_user(None, ROOT.name, "admin")
    sheet = tmp_path / "regions.csv"
    sheet.write_text(TREE, encoding="utf-8")
    import_regions(ROOT, sheet)
    logged = AuditEvent.select().count()
    sheet.write_text(TREE + "410202,龙亭区,4102\n410203,顺河回族区,\n", encoding="utf-8")
    done = import_regions(ROOT, sheet)
    assert ([r.code for r in done.added], done.unchanged) == (["410202", "410203"], 5)
    assert _codes()["410203"] == "4102"
    added = list(AuditEvent.select().where(AuditEvent.seq > logged).order_by(AuditEvent.seq))
    assert [(e.action, json.loads(e.payload)["facts"]) for e in added] == [
        ("region.add", {"gd": {"regions": {"410202": ["龙亭区", "4102"]}}}),
        ("region.add", {"gd": {"regions": {"410203": ["顺河回族区", "4102"]}}})]
    report = verify_chain()
    assert report.ok, report.message("en")

    before = (_codes(), AuditEvent.select().count())
    for rows, where, why in [
        ("410204,鼓楼区,4102\n4101,郑州,41\n", ":3:名称/name", "“4101”已登记为“郑州市”，文件中为“郑州”"),
        ("410204,鼓楼区,4102\n410202,龙亭区,41\n", ":3:上级/parent", "“410202”已登记在上级“4102”下，文件中的上级为“41”"),
    ]:
        sheet.write_text("code,name,parent\n" + rows, encoding="utf-8")
        with pytest.raises(InvalidInput) as refused:
            import_regions(ROOT, sheet)
        assert f"{sheet}{where}" in str(refused.value) and why in str(refused.value), str(refused.value)
        assert (_codes(), AuditEvent.select().count()) == before
