"""Removing a region (the way back from a mistyped code) on SQLite and PostgreSQL: an empty region goes
and ``audit verify`` stays clean, then names it when SQL puts it back; a region with anything in it, and
any officer with a region, is refused and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from models.schema import AuditEvent, Region, User
from tests.workflow.helpers import JIYUAN_WINDOWS, at
from tests.workflow.region_fixture import ROOT
from workflow import clock
from workflow.audit import verify_chain
from workflow.doors.campaigns import create_campaign
from workflow.doors.region_remove import remove_region
from workflow.doors.regions import add_region
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.users import actor_for, add_user
from workflow.errors import InvalidInput, NotFound, PermissionDenied


def _tree() -> dict[str, tuple[str, str]]:
    return {code: (name, parent) for code, name, parent in
            Region.select(Region.code, Region.name, Region.parent_code).tuples()}


def _typo() -> None:
    """宁夏 and 固原市 registered, and 泾源县 mistyped 650424 (65 for 64): an orphan at the root."""
    clock.pin(at("2022-09-16"))
    add_user(None, ROOT.name, "admin")  # the first user: the log holds the whole (empty) tree from here
    add_region(ROOT, "64", "宁夏回族自治区")
    add_region(ROOT, "6404", "固原市")
    add_region(ROOT, "650424", "泾源县")


def test_a_mistyped_county_is_removed_and_the_log_vouches_for_it(db: str) -> None:
    _typo()
    done = remove_region(ROOT, "650424")
    assert (done.code, done.name, done.parent_code) == ("650424", "泾源县", "")
    assert _tree() == {"64": ("宁夏回族自治区", ""), "6404": ("固原市", "64")}
    row = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    assert row.action == "region.remove"
    report = verify_chain()
    assert report.ok, report.message("en")
    add_region(ROOT, "640424", "泾源县")  # now under its right parent
    assert _tree()["640424"] == ("泾源县", "6404")
    assert verify_chain().ok

    # Put back with SQL, the removed region is named by verify: the log says it is gone.
    Region.create(code="650424", name="泾源县", parent_code="")
    report = verify_chain()
    assert not report.ok and "区划650424" in report.message("zh"), report.message("zh")
    Region.delete().where(Region.code == "650424").execute()
    assert verify_chain().ok


def _held() -> dict[str, Any]:
    return {"tree": _tree(), "log": AuditEvent.select().count()}


def test_a_region_with_anything_in_it_is_refused_naming_what_and_nothing_is_written(db: str) -> None:
    _typo()
    add_region(ROOT, "640424", "泾源县")
    import_schools(ROOT, [SchoolRow("640424001", "泾源县第一小学"), SchoolRow("640424002", "泾源县第二小学")],
                   region_code="640424")
    create_campaign(ROOT, year=2022, region="泾源县", region_code="640424", title="泾源县2022星级评定",
                    rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
    add_user(ROOT, "jy-admin", "admin", region_code="640424")
    add_user(ROOT, "gy-viewer", "viewer", region_code="6404")
    before = _held()
    cases = [("64", "下级区划 2 个、学校 2 所、评定工作 1 项、用户 2 名"),  # its whole subtree is counted
             ("6404", "下级区划 1 个、学校 2 所、评定工作 1 项、用户 2 名"),
             ("640424", "下级区划 0 个、学校 2 所、评定工作 1 项、用户 1 名")]
    for code, counts in cases:
        with pytest.raises(InvalidInput) as refused:
            remove_region(ROOT, code)
        assert f"不能删除行政区划“{code}”" in str(refused.value) and counts in str(refused.value), str(refused.value)
        assert _held() == before
    with pytest.raises(InvalidInput) as refused:
        remove_region(ROOT, "640424")
    assert "2 schools, 1 campaigns and 1 users" in refused.value.message("en")
    with pytest.raises(NotFound):
        remove_region(ROOT, "640425")
    with pytest.raises(InvalidInput, match="6位"):
        remove_region(ROOT, "64042")
    assert _held() == before
    assert verify_chain().ok


def test_only_a_whole_server_admin_removes_a_region(db: str) -> None:
    _typo()
    add_user(ROOT, "nx-admin", "admin", region_code="64")
    add_user(ROOT, "any-viewer", "viewer")
    before = _held()
    with pytest.raises(PermissionDenied, match="整个服务器"):
        remove_region(actor_for("nx-admin"), "650424")
    with pytest.raises(PermissionDenied):
        remove_region(actor_for("any-viewer"), "650424")
    assert _held() == before and User.select().count() == 3
