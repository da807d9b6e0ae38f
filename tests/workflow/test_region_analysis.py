"""The analysis over a region's subtree (``report analysis --region``) on SQLite and PostgreSQL:
a city's two counties counted together, the province's three, officers kept to their subtree."""

from __future__ import annotations

import pytest

from tests.workflow.region_fixture import ROOT
from tests.workflow.region_status_data import province_midyear
from workflow.errors import NotFound, PermissionDenied
from workflow.reads.analysis import analysis, region_analysis


def test_a_city_and_the_province_add_up_their_counties(db: str) -> None:
    province = province_midyear()
    city = region_analysis(ROOT, "4101", 2022, lang="zh")
    assert (city.schools, city.verified, city.round_year) == (4, 2, 2022)
    assert "郑州市（4101）所辖2项评定工作" == city.campaign_title
    assert sum(b.count for b in city.bins) == 2
    assert sum(g.schools for g in city.townships) == 2  # the two verified schools, one per county
    by_level = {c.level: sum(g.counts[i] for g in city.stages) for i, c in enumerate(city.columns)}
    assert (by_level[3], by_level[2]) == (1, 1)
    whole = region_analysis(ROOT, "41", lang="en")  # no year: the newest
    assert (whole.schools, whole.verified) == (6, 2) and "3 campaigns" in whole.campaign_title
    one = analysis(ROOT, province.campaigns["410102"].id)
    assert (one.schools, one.verified) == (2, 1)


def test_an_officer_analyses_only_its_own_subtree(db: str) -> None:
    province = province_midyear()
    assert region_analysis(province.city_viewer, "4101").schools == 4
    with pytest.raises(PermissionDenied):
        region_analysis(province.city_viewer, "4102")
    with pytest.raises(PermissionDenied):
        region_analysis(province.admin("410102"), "4101")
    assert region_analysis(province.admin("410102"), "410102").schools == 2
    with pytest.raises(NotFound):
        region_analysis(ROOT, "4101", 2019)


def test_a_year_of_frozen_and_open_rounds_groups_each_school_by_the_township_its_round_settled_it_in(db: str) -> None:
    """中原区 has opened 2023 (its 2022 round frozen), 二七区 not: each school of 2022 is grouped under the township
    its own round prints (the kept one where frozen, the register's where open), on both backends (one CASE)."""
    from models.schema import Assessment, Round, School
    from tests.exports.region_notice_case import province_rated

    province = province_rated()
    School.update(township="老镇").execute()
    for a in Assessment.select().join(School).where(Assessment.verified_total.is_null(False)):
        Assessment.update(school_name=a.school.name, school_township="老镇", school_stage=a.school.stage).where(
            Assessment.id == a.id).execute()
    School.update(township="新镇").execute()  # every school moved since
    Round.create(campaign=province.campaigns["410102"].id, year=2023, kind="review",
                 opened_at="2023-11-01T09:00:00+08:00", opened_by="fixture")
    city = region_analysis(ROOT, "4101", 2022, lang="zh")
    assert {g.name: g.schools for g in city.townships} == {"老镇": 2, "新镇": 2}  # 中原区's two, 二七区's two
