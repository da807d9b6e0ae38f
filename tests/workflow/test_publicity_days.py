"""Changing a campaign's publicity length (公示天数): admins only, until the first school is
publicized, in one transaction with its audit record, which `audit verify` replays."""

from __future__ import annotations

import pytest

from tests.demo_copy import load_demo
from workflow.audit import verify_chain
from workflow.doors.campaigns import create_campaign, set_publicity_days
from workflow.doors.demo import ADMIN, EXPERT
from workflow.errors import GuardFailed, InvalidInput, PermissionDenied
from workflow.reads import queries
from workflow.reads.audit_text import action_text, detail_text

WINDOWS = {"mobilization": ("2025-05-06", "2025-05-31"), "self_evaluation": ("2025-06-01", "2025-06-30"),
           "verification": ("2025-07-01", "2025-07-15"), "promotion": ("2025-07-16", "2025-12-31")}


def _new_campaign() -> int:
    row = create_campaign(ADMIN, year=2025, region="泾源县", title="泾源县2025年评定", rubric="ningxia-2022",
                          windows=dict(WINDOWS))
    return int(row.id)


def test_an_admin_changes_the_length_before_publicity_and_the_chain_still_verifies(db: str) -> None:
    load_demo(review=False)
    cid = _new_campaign()
    row, before = set_publicity_days(ADMIN, cid, 7)
    assert (before, row.publicity_days, queries.campaign(cid).publicity_days) == (5, 7, 7)
    last = queries.audit_events(action="campaign.publicity_days")
    assert len(last) == 1
    assert (action_text("campaign.publicity_days"), detail_text("campaign.publicity_days", last[0].payload)) == (
        "修改公示天数", "5天→7天")
    report = verify_chain()
    assert report.ok, report
    # The same length again writes nothing.
    assert set_publicity_days(ADMIN, cid, 7)[1] == 7
    assert len(queries.audit_events(action="campaign.publicity_days")) == 1


def test_refused_for_a_non_admin_out_of_range_and_once_publicity_began(db: str) -> None:
    demo = load_demo(review=False)  # its schools were publicized in 2023
    cid = _new_campaign()
    with pytest.raises(PermissionDenied) as denied:
        set_publicity_days(EXPERT, cid, 7)
    assert str(denied.value) == "无权操作：专家角色不能执行“修改公示天数”。"
    assert denied.value.message("en") == "Not allowed: the expert role cannot change the publicity length."
    with pytest.raises(InvalidInput) as wrong:
        set_publicity_days(ADMIN, cid, 61)
    assert "公示天数" in str(wrong.value) and "0至60" in str(wrong.value)
    with pytest.raises(GuardFailed) as started:
        set_publicity_days(ADMIN, demo, 10)
    said = str(started.value)
    assert "已开始公示" in said and "公示天数不能再改" in said and "5天" in said, said
    assert "the publicity length can no longer be changed" in started.value.message("en")
    assert queries.campaign(demo).publicity_days == 5 and queries.campaign(cid).publicity_days == 5
    assert not queries.audit_events(action="campaign.publicity_days")
