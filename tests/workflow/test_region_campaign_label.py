"""A campaign's region label (地区) follows its region code (issue 15): a free-text --region naming
another county is refused, naming the field, for a county admin and a whole-server admin alike."""

from __future__ import annotations

import pytest

from models.schema import Campaign
from tests.workflow.helpers import JIYUAN_WINDOWS
from tests.workflow.region_fixture import ROOT, build_province
from workflow.doors.campaigns import create_campaign, create_campaign_like
from workflow.errors import InvalidInput
from workflow.permissions import Actor


def test_the_label_is_the_region_codes_name(db: str) -> None:
    province = build_province()
    county = province.admin("410102")
    before = Campaign.select().count()

    def make(actor: Actor, region: str, code: str | None = None) -> Campaign:
        return create_campaign(actor, year=2023, region=region, region_code=code, title="2023星级评定",
                               rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))

    with pytest.raises(InvalidInput) as refused:
        make(county, "龙亭区")  # its own code by default, another county's name
    assert refused.value.message("zh").startswith("地区：“龙亭区”不是行政区划410102的名称（中原区）")
    assert refused.value.message("en").startswith("region: '龙亭区' is not the name of region 410102 (中原区)")
    with pytest.raises(InvalidInput, match="“中原区”不是行政区划410202的名称（龙亭区）"):
        make(ROOT, "中原区", "410202")
    with pytest.raises(InvalidInput, match="“龙亭区”不是行政区划410102的名称"):
        create_campaign_like(county, province.campaigns["410102"].id, year=2023, region="龙亭区")
    assert Campaign.select().count() == before  # nothing made
    assert make(county, "").region == "中原区"
    assert make(county, "中原区").region == "中原区"
    assert make(ROOT, "", "410202").region == "龙亭区"
    like, _count = create_campaign_like(county, province.campaigns["410102"].id, year=2024)
    assert (like.region, like.region_code) == ("中原区", "410102")
    assert make(ROOT, "某县").region == "某县"  # no region code: a whole-server campaign's label is free
