"""Dashboards per region (issue 15) on SQLite and PostgreSQL: a city's or province's year, one row
per child region, checked against the numbers worked out by hand in region_status_data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.workflow.region_fixture import ROOT
from tests.workflow.region_status_data import province_midyear
from workflow.errors import PermissionDenied
from workflow.permissions import Actor
from workflow.reads.region_status import region_status, state_phase


def test_a_city_viewer_sees_its_two_counties_with_their_counts(db: str) -> None:
    province = province_midyear()
    status = region_status(province.city_viewer)
    assert (status.code, status.name, status.year, status.years) == ("4101", "郑州市", 2022, (2022,))
    zhongyuan, erqi = status.rows
    assert [(r.code, r.name, r.level, r.has_children) for r in status.rows] == [
        ("410102", "中原区", "county", False), ("410103", "二七区", "county", False)]
    assert dict(zhongyuan.states) == {"verified": 1, "enrolled": 1}
    assert dict(erqi.states) == {"verified": 1, "submitted": 1}
    assert (dict(zhongyuan.stars), dict(erqi.stars)) == ({3: 1}, {2: 1})
    assert (zhongyuan.average_verified, erqi.average_verified) == (Decimal("85.5"), Decimal("70.0"))
    assert (zhongyuan.overdue, erqi.overdue) == (1, 0)
    assert zhongyuan.campaign_ids == [province.campaigns["410102"].id]
    assert (status.total.schools, status.total.average_verified, status.total.overdue) == (4, Decimal("77.8"), 1)
    assert status.star_levels == (2, 3)


def test_the_province_sums_its_cities_and_a_whole_server_admin_asks_any_region(db: str) -> None:
    province_midyear()
    status = region_status(ROOT, "41")
    assert [(r.code, r.schools, r.overdue, r.has_children) for r in status.rows] == [
        ("4101", 4, 1, True), ("4102", 2, 2, True)]
    assert (status.total.schools, status.total.overdue, status.total.verified_count) == (6, 3, 2)
    assert [r.code for r in region_status(ROOT).rows] == ["41"]  # no code: the top of the tree
    assert region_status(ROOT, "41", year=2021).year == 2021
    assert region_status(ROOT, "41", year=2021).total.schools == 0


def test_a_city_s_own_review_campaign_does_not_count_its_counties_schools_twice(db: str) -> None:
    from tests.workflow.helpers import JIYUAN_WINDOWS
    from workflow.doors.campaigns import create_campaign, enrol

    province_midyear()
    review = create_campaign(ROOT, year=2022, region="", region_code="4101", title="郑州市2022四星级认定",
                             rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
    enrol(ROOT, review.id, ["41010201"])  # 中原区's school sent upward
    assert [(r.code, r.schools) for r in region_status(ROOT, "41").rows] == [("4101", 4), ("4102", 2)]
    assert region_status(ROOT, "4101").total.schools == 4  # the city's own tier is not a child's either


def test_outside_the_own_region_is_refused_naming_only_the_code(db: str) -> None:
    province = province_midyear()
    with pytest.raises(PermissionDenied, match="^无权操作：行政区划41不在您的辖区（郑州市（4101））内。$"):
        region_status(province.city_viewer, "41")
    with pytest.raises(PermissionDenied, match="^无权操作：行政区划4101不在您的辖区（中原区（410102））内。$"):
        region_status(province.admin("410102"), "4101")
    with pytest.raises(PermissionDenied, match="^无权操作：行政区划4199不在您的辖区"):  # registered or not: alike
        region_status(province.admin("410102"), "4199")
    assert region_status(province.admin("410102")).rows == []  # a county has no child region
    with pytest.raises(PermissionDenied, match="学校角色不能执行“查看各区划汇总”"):
        region_status(Actor("clerk", "school", school_code="41010201", region_code="410102"))


def test_a_state_is_worked_in_the_last_phase_its_events_fire_in() -> None:
    assert state_phase("enrolled") == "self_evaluation"
    assert state_phase("submitted") == "verification"
    assert state_phase("promotion_applied", "review") == "promotion"
    assert state_phase("certified") is None


def test_a_county_campaign_lists_its_schools_in_register_order_from_either_end(db: str) -> None:
    # A region's campaign reads its round by the round's index (queries._regional), not the register walk.
    from workflow.reads import queries

    province = province_midyear()
    cid = province.campaigns["410103"].id
    assert [r.code for r in queries.school_rows(cid)] == ["41010301", "41010302"]
    assert [r.code for r in queries.school_rows(cid, limit=1, from_end=True)] == ["41010302"]
    assert [r.code for r in queries.school_rows(cid, sort="name", descending=True)] == ["41010302", "41010301"]


def test_a_school_that_did_not_take_part_is_no_verified_school(db: str) -> None:
    """未参评 part-way through verification: settled (not in progress), its partial verified total in no level
    nor average."""
    from models.schema import Assessment, School

    province = province_midyear()
    school = School.get(School.code == "41010301")
    Assessment.update(state="withdrawn", verified_total=Decimal("40")).where(Assessment.school == school).execute()
    erqi = region_status(province.city_viewer).rows[1]
    assert dict(erqi.states) == {"verified": 1, "withdrawn": 1}
    assert (dict(erqi.stars), erqi.average_verified, erqi.overdue) == ({2: 1}, Decimal("70.0"), 0)
