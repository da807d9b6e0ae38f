"""Recoding a placeholder region (issue 15) on SQLite and PostgreSQL: the upgrade's 99NNNN county
becomes 640424 with its schools, campaign and officers; audit verify stays clean and still names a
region code changed with SQL afterwards; every refusal leaves the database as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from models.schema import AuditEvent, Campaign, Region, School, User
from tests.workflow.helpers import JIYUAN_WINDOWS, at
from tests.workflow.region_fixture import ROOT
from workflow import clock
from workflow.audit import verify_chain
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.notice_texts import set_notice_text
from workflow.doors.region_recode import recode_region
from workflow.doors.regions import add_region
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.users import actor_for, add_user, disable_user
from workflow.errors import InvalidInput, NotFound, PermissionDenied, WorkflowError
from workflow.permissions import Actor
from workflow.reads.campaign_status import campaign_list
from workflow.reads.regions import region_tree
from workflow.reads.registers import school_register


def _county_laptop(placeholder_name: str = "泾源县", *, city: bool = True) -> Campaign:
    """A province (and, with ``city``, 固原市) registered, 彭阳县 beside, and 泾源县 still on its
    placeholder 990001 with two schools, its campaign, its admin and a school user. The placeholder is
    added through the door here, so the log vouches for 990001 on every row before the recode (as
    migration 9's checkpoint does)."""
    clock.pin(at("2022-09-16"))
    add_user(None, ROOT.name, "admin")
    add_region(ROOT, "64", "宁夏回族自治区")
    if city:
        add_region(ROOT, "6404", "固原市")
    add_region(ROOT, "640425", "彭阳县")
    add_region(ROOT, "990001", placeholder_name)
    import_schools(ROOT, [SchoolRow("640424001", "泾源县第一小学"), SchoolRow("640424002", "泾源县第二小学")],
                   region_code="990001")
    import_schools(ROOT, [SchoolRow("640425001", "彭阳县第一小学")], region_code="640425")
    campaign = create_campaign(ROOT, year=2022, region=placeholder_name, region_code="990001",
                               title="泾源县2022星级评定", rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
    enrol(ROOT, campaign.id)
    add_user(ROOT, "jy-admin", "admin", region_code="990001")
    add_user(ROOT, "jy-clerk", "school", school_code="640424001")
    add_user(ROOT, "nx-admin", "admin", region_code="64")
    return campaign


def _held() -> dict[str, Any]:
    """Everything a recode writes, and the log's length."""
    return {"regions": sorted(Region.select(Region.code, Region.name, Region.parent_code).tuples()),
            "schools": sorted(School.select(School.code, School.region_code).tuples()),
            "campaigns": sorted(Campaign.select(Campaign.id, Campaign.region_code).tuples()),
            "users": sorted(User.select(User.name, User.region_code).tuples()),
            "log": AuditEvent.select().count()}


def test_a_recode_moves_everything_and_the_log_still_vouches_for_it(db: str) -> None:
    campaign = _county_laptop()
    assert verify_chain().ok
    done = recode_region(ROOT, "990001", "640424", parent="6404")
    assert (done.code, done.parent_code, done.schools, done.campaigns, done.users) == ("640424", "6404", 2, 1, 1)
    held = _held()
    assert ("640424", "泾源县", "6404") in held["regions"] and "990001" not in {r[0] for r in held["regions"]}
    assert dict(held["schools"]) == {"640424001": "640424", "640424002": "640424", "640425001": "640425"}
    assert dict(held["campaigns"]) == {campaign.id: "640424"}
    assert Campaign.get_by_id(campaign.id).region == "泾源县"  # the name its documents print stays
    assert dict(held["users"])["jy-admin"] == "640424"
    report = verify_chain()
    assert report.ok, report.message("en")
    # The placeholder's admin is now 泾源县's: its schools, its campaign, and it still acts on that campaign.
    admin = actor_for("jy-admin")
    assert admin.region_code == "640424"
    assert [line.code for line in school_register(admin)] == ["640424001", "640424002"]
    assert [line.id for line in campaign_list(admin)] == [campaign.id]
    set_notice_text(admin, campaign.id, "title", "泾源县2022年智慧校园星级评定结果通报")
    assert [line.code for line in region_tree(ROOT)] == ["64", "6404", "640424", "640425"]
    # The school user follows its school; the province's admin now reads 泾源县 too.
    assert [line.code for line in school_register(actor_for("jy-clerk"))] == ["640424001"]
    assert "640424002" in [line.code for line in school_register(actor_for("nx-admin"))]
    assert verify_chain().ok

    # Changed with SQL afterwards, each region code is still named (and put back before the next).
    tampers: list[tuple[Callable[[], object], Callable[[], object], str]] = [
        (lambda: School.update(region_code="640425").where(School.code == "640424002").execute(),
         lambda: School.update(region_code="640424").where(School.code == "640424002").execute(),
         "学校640424002的所属行政区划代码"),
        (lambda: Campaign.update(region_code="990001").where(Campaign.id == campaign.id).execute(),
         lambda: Campaign.update(region_code="640424").where(Campaign.id == campaign.id).execute(),
         f"评定工作#{campaign.id} 所属行政区划代码"),
        (lambda: User.update(region_code="6404").where(User.name == "jy-admin").execute(),
         lambda: User.update(region_code="640424").where(User.name == "jy-admin").execute(),
         "行政区划与用户辖区"),
    ]
    for tamper, restore, words in tampers:
        tamper()
        report = verify_chain()
        assert not report.ok and words in report.message("zh"), report.message("zh")
        restore()
        assert verify_chain().ok


def test_a_city_placeholder_recoded_after_its_county_takes_the_county_under_it(db: str) -> None:
    """A city's old database had two region names: 泾源县 and 固原市. Recoded county first, the city
    then takes the counties registered below its code (their parent stays the nearest region above)."""
    _county_laptop(placeholder_name="泾源县教育体育局", city=False)
    add_region(ROOT, "990002", "固原市")
    first = recode_region(ROOT, "990001", "640424", name="泾源县")
    assert (first.parent_code, first.name) == ("64", "泾源县")
    city = recode_region(ROOT, "990002", "6404")
    assert (city.parent_code, city.adopted, city.schools) == ("64", ("640424", "640425"), 0)
    tree = [(line.code, line.depth) for line in region_tree(ROOT)]
    assert tree == [("64", 0), ("6404", 1), ("640424", 2), ("640425", 2)]
    assert Campaign.get().region == "泾源县教育体育局"
    report = verify_chain()
    assert report.ok, report.message("en")


def test_every_refusal_leaves_the_database_as_it_was(db: str) -> None:
    _county_laptop()
    add_user(ROOT, "root-2", "admin")
    disable_user(ROOT, "root-2")
    add_user(ROOT, "viewer-all", "viewer")
    before = _held()
    cases: list[tuple[Callable[[], object], type[WorkflowError], str]] = [
        (lambda: recode_region(ROOT, "990001", "6404"), InvalidInput, "行政区划“6404”已存在（固原市）"),
        (lambda: recode_region(ROOT, "640425", "640426"), InvalidInput, "“640425”不是升级时生成的占位代码"),
        (lambda: recode_region(ROOT, "990001", "64042x"), InvalidInput, "应为2位（省）、4位（市）或6位（县）数字"),
        (lambda: recode_region(ROOT, "990001", "990009"), InvalidInput, "“990009”仍是占位代码"),
        (lambda: recode_region(ROOT, "990077", "640424"), NotFound, "找不到行政区划：990077"),
        (lambda: recode_region(ROOT, "990001", "640424", parent="64"), InvalidInput, "最近的已登记区划“6404”"),
        (lambda: recode_region(ROOT, "990001", "640424", parent="6405"), InvalidInput, "应以上级代码“6405”开头"),
        (lambda: recode_region(ROOT, "990001", "640424", name=" "), InvalidInput, "行政区划名称"),
        # The placeholder's own admin may not move itself, nor a province's admin claim it.
        (lambda: recode_region(actor_for("jy-admin"), "990001", "410102"), PermissionDenied, "整个服务器"),
        (lambda: recode_region(actor_for("nx-admin"), "990001", "640424"), PermissionDenied, "整个服务器"),
        (lambda: recode_region(actor_for("viewer-all"), "990001", "640424"), PermissionDenied, "占位区划改为正式代码"),
        # Refused inside the write, after the rows moved: the transaction takes them back.
        (lambda: recode_region(Actor("root-2", "admin"), "990001", "640424"), PermissionDenied, "已停用"),
    ]
    for call, kind, words in cases:
        with pytest.raises(kind) as refused:
            call()
        assert words in refused.value.message("zh"), refused.value.message("zh")
        assert _held() == before, words
    english = pytest.raises(InvalidInput, recode_region, ROOT, "640425", "640426").value.message("en")
    assert "not a placeholder" in english and "不" not in english
    assert verify_chain().ok
