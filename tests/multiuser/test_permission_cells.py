"""The permission table, cell by cell, through the real door functions (not the table itself)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from models.schema import Campaign
from tests.workflow.helpers import EXPERT, JIYUAN_WINDOWS, assessment, setup_campaign
from workflow.doors.assignments import assign_experts
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
from workflow.doors.maintenance import backup_database
from workflow.doors.notice_texts import set_notice_text
from workflow.doors.recompute import change_thresholds
from workflow.doors.records import (
    add_problem,
    add_responsibility,
    raise_objection,
    record_verification,
    resolve_objection,
    set_narrative,
)
from workflow.doors.region_recode import recode_region
from workflow.doors.region_remove import remove_region
from workflow.doors.regions import add_region
from workflow.doors.rounds import apply_for_review, open_round, record_upward_decision
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.scores import set_score, set_veto
from workflow.doors.users import add_user
from workflow.errors import PermissionDenied, WorkflowError
from workflow.permissions import ACTIONS, MATRIX, Actor
from workflow.reads.audit_log import chain_report, export_rows

ACTORS = {"admin": Actor("admin1", "admin"), "expert": Actor("expert1", "expert"),
          "school": Actor("clerk-a", "school", "S001"), "viewer": Actor("viewer1", "viewer")}


def _calls(campaign: Campaign) -> dict[str, Callable[[Actor], object]]:
    aid = assessment(campaign, "S001").id
    return {
        "campaign.create": lambda a: create_campaign(a, year=2023, region="r", title="t", rubric="henan-v2",
                                                     windows=dict(JIYUAN_WINDOWS)),
        "campaign.advance": lambda a: advance_campaign(a, campaign.id),
        "school.import": lambda a: import_schools(a, [SchoolRow("N1", "新校")]),
        "school.enrol": lambda a: enrol(a, campaign.id),
        "score.self": lambda a: set_score(a, aid, "A1.1", "4"),
        "score.verified": lambda a: set_score(a, aid, "A1.1", "4", kind="verified"),
        "veto.set": lambda a: set_veto(a, aid, "NOPE", True),
        "problem.edit": lambda a: add_problem(a, aid, "机房未建"),
        "narrative.edit": lambda a: set_narrative(a, aid, "achievement", "成效"),
        "responsibility.edit": lambda a: add_responsibility(a, aid, "王老师"),
        "verification.record": lambda a: record_verification(a, aid, experts="专家组", visited_on="2022-10-20",
                                                             methods=["site"]),
        "objection.raise": lambda a: raise_objection(a, aid, raised_by="家长", text="不实"),
        "objection.resolve": lambda a: resolve_objection(a, 999, upheld=False, resolution="驳回"),
        "user.manage": lambda a: add_user(a, f"new-{a.role}", "viewer"),
        "rubric.adjust": lambda a: change_thresholds(a, campaign.id, {1: "91"}, reason="正式文件"),
        "notice.edit": lambda a: set_notice_text(a, campaign.id, "title", "通报"),
        "audit.export": lambda a: list(export_rows(a)),
        "audit.verify": lambda a: chain_report(a),
        "database.manage": lambda a: backup_database(a, Path(tempfile.mkdtemp()) / "backup.sqlite3"),
        "round.open": lambda a: open_round(a, 2023, campaign_id=campaign.id, all_settled=True),
        "round.apply": lambda a: apply_for_review(a, "S001", text="新建创客教室", improved=["A1.1"],
                                                  campaign_id=campaign.id),
        "round.correct": lambda a: set_score(a, aid, "A1.1", "4", kind="verified", correction="核定表抄错"),
        "upward.record": lambda a: record_upward_decision(a, aid, granted=True, doc_no="豫教〔2023〕1号",
                                                          decided_on="2023-03-01"),
        "region.manage": lambda a: add_region(a, "41", "河南省"),
        "region.recode": lambda a: recode_region(a, "990001", "640424"),
        "region.remove": lambda a: remove_region(a, "41"),
        "verification.assign": lambda a: assign_experts(a, EXPERT.name, ["S001"], campaign_id=campaign.id),
    }


CELLS = [(role, action) for role in ACTORS for action in ACTIONS if action not in ("read", "export.documents", "export.own_form")]  # tests/multiuser/test_own_form.py


@pytest.mark.parametrize("role, action", CELLS, ids=[f"{r}-{a}" for r, a in CELLS])
def test_cell(db: str, role: str, action: str) -> None:
    campaign = setup_campaign(schools=2)
    call = _calls(campaign)[action]
    allowed = action in MATRIX[role]
    try:
        call(ACTORS[role])
    except PermissionDenied as exc:
        assert not allowed, f"{role} should be allowed to {action}: {exc}"
        return
    except WorkflowError:
        # Allowed by the table, then stopped by something else (wrong state, unknown veto...).
        assert allowed, f"{role} got past the permission check for {action}"
        return
    assert allowed, f"{role} was able to {action}"


def test_school_user_is_confined_to_its_school(db: str) -> None:
    campaign = setup_campaign(schools=2)
    other = assessment(campaign, "S002").id
    clerk = ACTORS["school"]
    for call in (lambda: set_score(clerk, other, "A1.1", "4"), lambda: add_problem(clerk, other, "x"),
                 lambda: set_narrative(clerk, other, "problem", "x"), lambda: add_responsibility(clerk, other, "x")):
        with pytest.raises(PermissionDenied, match="本校"):
            call()
