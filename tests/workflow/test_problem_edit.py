"""Problems edited and deleted through workflow.doors.records: audited with what they said, refused on
a stale version or another school, year-less deadlines read in the campaign's year."""

from __future__ import annotations

import pytest

from models.schema import AuditEvent, Problem
from tests.workflow.helpers import EXPERT, SCHOOL_A, SCHOOL_B, assessment, setup_campaign
from workflow.doors.records import add_problem, delete_problem, edit_problem, record_verification
from workflow.errors import ConflictError, InvalidInput, PermissionDenied


def test_edit_changes_text_owner_and_deadline_and_audits_before_and_after(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    problem = add_problem(SCHOOL_A, aid, "机房未建", responsible="张", deadline="9月30日")
    assert problem.deadline.isoformat() == f"{campaign.year}-09-30"  # the campaign's year
    assert edit_problem(SCHOOL_A, problem.id, "机房未建成", responsible="李", deadline="10月8日",
                        expected_version=problem.version) == 2
    stored = Problem.get_by_id(problem.id)
    assert (stored.text, stored.responsible, stored.deadline.isoformat()) == (
        "机房未建成", "李", f"{campaign.year}-10-08")
    event = AuditEvent.select().where(AuditEvent.action == "problem.edit").get()
    assert "机房未建" in event.payload and "机房未建成" in event.payload
    with pytest.raises(ConflictError):
        edit_problem(EXPERT, problem.id, "旧的", expected_version=problem.version)
    with pytest.raises(InvalidInput):
        edit_problem(SCHOOL_A, problem.id, "  ", expected_version=2)


def test_delete_keeps_the_text_in_the_audit_and_refuses_another_school(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    problem = add_problem(SCHOOL_A, aid, "录播教室未建成")
    with pytest.raises(PermissionDenied):
        delete_problem(SCHOOL_B, problem.id)
    delete_problem(SCHOOL_A, problem.id, expected_version=1)
    assert Problem.get_or_none(Problem.id == problem.id) is None
    event = AuditEvent.select().where(AuditEvent.action == "problem.delete").get()
    assert "录播教室未建成" in event.payload


def test_a_visit_date_without_a_year_is_in_the_campaigns_year(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    visit = record_verification(EXPERT, aid, experts="王", visited_on="9月16日", methods=["site"])
    assert str(visit.visited_on) == f"{campaign.year}-09-16"
