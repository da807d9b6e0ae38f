"""Enrolling a school outside the campaign's region (issue 15): the refusal names the campaign's
region as the campaign's, not as "your region", to a whole-server admin who has none."""

from __future__ import annotations

import pytest

from models.schema import Assessment
from tests.workflow.region_fixture import ROOT, build_province
from workflow.doors.campaigns import enrol
from workflow.errors import InvalidInput


def test_a_whole_server_admin_is_told_the_school_is_outside_the_campaigns_region(db: str) -> None:
    province = build_province()
    campaign = province.campaigns["410102"]
    before = Assessment.select().count()
    with pytest.raises(InvalidInput) as refused:
        enrol(ROOT, campaign.id, ["41020201"])
    zh, en = refused.value.message("zh"), refused.value.message("en")
    assert zh == ("不能参评：学校“龙亭区第一小学”（41020201）属于龙亭区（410202），"
                  "不在评定工作“中原区2022星级评定”的区划（中原区（410102））内。")
    assert en == ("Cannot enrol: school '龙亭区第一小学' (41020201) belongs to 龙亭区（410202）, "
                  "outside the region of campaign '中原区2022星级评定' (中原区（410102）).")
    assert "辖区" not in zh and "your region" not in en
    assert Assessment.select().count() == before  # nothing enrolled
