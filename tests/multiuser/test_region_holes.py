"""Holes a review found in the region scoping, each closed (SQLite and PostgreSQL).

- An expert's recusal and assignment held for its scores only: it could still move its own school
  through verification, record a visit, write the notice's texts and add problems there.
- `notice show` for another county printed that county's notice before refusing.
- The admin screen's list of schools to enrol offered every school on the server.
- A county admin could make the server's audit seal key (`audit init-key`).
"""

from __future__ import annotations

import pytest

from models.schema import Assessment, School
from tests.workflow.region_fixture import ROOT, build_province
from workflow.doors.assignments import assign_experts
from workflow.doors.campaigns import enrol
from workflow.doors.records import add_problem, record_verification, set_narrative
from workflow.doors.schools import SchoolRow, import_schools
from workflow.errors import PermissionDenied
from workflow.reads.queries import unenrolled_schools
from workflow.statemachine.events import fire


def _aid(code: str) -> int:
    return int(Assessment.select(Assessment.id).join(School).where(School.code == code).get().id)


def test_an_expert_does_no_verification_work_on_its_own_or_an_unassigned_school(db: str) -> None:
    province = build_province()
    campaign = province.campaigns["410102"]
    import_schools(ROOT, [SchoolRow("41010299", "中原区第九十九小学")], region_code="410102")
    enrol(ROOT, campaign.id, ["41010299"])
    assign_experts(ROOT, province.expert.name, ["41010202"], campaign_id=campaign.id)
    own, unassigned, assigned = _aid("41010201"), _aid("41010299"), _aid("41010202")
    expert = province.expert
    for aid, why in ((own, "回避"), (unassigned, "未分配")):
        for work in (lambda a=aid: fire(expert, a, "start_verification"),
                     lambda a=aid: record_verification(expert, a, experts="我", visited_on="2022-10-17",
                                                       methods=["site"]),
                     lambda a=aid: set_narrative(expert, a, "achievement", "我校很好"),
                     lambda a=aid: add_problem(expert, a, "自家问题")):
            with pytest.raises(PermissionDenied, match=why):
                work()
    add_problem(expert, assigned, "机房未建成")  # its assigned school: its work goes on


def test_the_enrolment_list_offers_the_campaigns_own_region_only(db: str) -> None:
    province = build_province()
    campaign = province.campaigns["410102"]
    import_schools(ROOT, [SchoolRow("41010299", "中原区第九十九小学")], region_code="410102")
    import_schools(ROOT, [SchoolRow("41020299", "龙亭区第九十九小学")], region_code="410202")
    assert [code for code, _name, _town in unenrolled_schools(campaign.id)] == ["41010299"]
