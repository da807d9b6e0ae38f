"""The read models the TUI and the CLI share (workflow.reads): what each role sees of a school and a campaign."""

from __future__ import annotations

import pytest

from tests.workflow.helpers import ADMIN, EXPERT, SCHOOL_A, VIEWER, advance_to, assessment, setup_campaign
from workflow.doors.scores import set_score
from workflow.errors import PermissionDenied
from workflow.reads.audit_log import audit_log
from workflow.reads.campaign_status import campaign_status
from workflow.reads.school_page import school_page
from workflow.reads.school_sheet import school_sheet
from workflow.statemachine.events import fire


def test_school_page_for_each_role(db: str) -> None:
    campaign = setup_campaign()
    aid = int(assessment(campaign, "S001").id)
    fire(SCHOOL_A, aid, "start_self_evaluation")
    advance_to(campaign, "self_evaluation")
    set_score(SCHOOL_A, aid, "D1", "10")
    page = school_page(SCHOOL_A, aid)
    assert page.editable == "self" and page.sheet.code == "S001"
    assert page.sheet.row("D1").is_bonus and page.sheet.row("D1").self_text == "10"
    assert page.sheet.row("A1.1").self_text == "-" and page.sheet.row("A").self_text == "0"
    assert page.sheet.self_total == 10 and page.sheet.verified_total is None and page.sheet.bonus_total == 10
    assert page.sheet.self_scores == {"D1": (10, "")}
    assert [h.action for h in page.history][:1] == ["score.self"]
    assert school_page(VIEWER, aid).editable is None and school_page(EXPERT, aid).editable is None
    other = int(assessment(campaign, "S002").id)
    with pytest.raises(PermissionDenied, match="本校"):
        school_sheet(SCHOOL_A, other)


def test_a_school_user_counts_and_logs_only_its_school(db: str) -> None:
    campaign = setup_campaign()
    fire(SCHOOL_A, int(assessment(campaign, "S001").id), "start_self_evaluation")
    everyone = campaign_status(ADMIN, campaign.id, with_schools=True)
    own = campaign_status(SCHOOL_A, campaign.id, with_schools=True)
    assert sum(s.count for s in everyone.states) == 3 and sum(s.count for s in own.states) == 1
    assert [r.code for r in own.schools] == ["S001"] and own.townships == ["城关镇"]
    assert {e.school_code for e in audit_log(SCHOOL_A)} == {"S001"}
    assert {"S001", ""} <= {e.school_code for e in audit_log(VIEWER)}  # campaign-wide records too
    with pytest.raises(PermissionDenied):
        audit_log(SCHOOL_A, school_code="S002")
