"""The permission table's region dimension, cell by cell through the real doors: a county admin (every
action by role) on its own county's campaign and school, and on another county's.

Every cell of another county must be refused as if it did not exist (a school, campaign or user not
found; a region code outside the own region), never naming the county or its schools; every cell of its own must get past
the permission check (it may then stop on the school's state, a missing row, ...); the whole-server
actions are refused on both. One province is built for the whole table: the refused calls change
nothing, so they run first, then the county's own."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.workflow.helpers import JIYUAN_WINDOWS
from tests.workflow.region_fixture import COUNTIES, ROOT, build_province
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
from workflow.permissions import ACTIONS, WHOLE_SERVER, Actor
from workflow.reads.audit_log import chain_report, export_rows

# Not here: read and export.documents (the reads are tested in tests/workflow/test_regions.py), and
# objection.resolve, which names an objection by id: none exists before publicity, so the call stops
# at "not found" before any scope could be asked.
# export.own_form is a school user's own form (an export, a read: no admin's cell).
LEFT_OUT = {"read", "export.documents", "objection.resolve", "export.own_form"}


def _calls(county: str, campaign_id: int, code: str | None = None) -> dict[str, Callable[[Actor], object]]:
    """One call per action on ``campaign_id`` run by region ``county`` (a city or province too), on
    school ``code``'s row there (the county's second school by default)."""
    from models.schema import Assessment, School

    code = code or f"{county}02"
    aid = int(Assessment.select(Assessment.id).join(School)
              .where((School.code == code) & (Assessment.campaign == campaign_id)).get().id)
    return {
        "campaign.create": lambda a: create_campaign(a, year=2023, region="", region_code=county, title="t",
                                                     rubric="henan-v2", windows=dict(JIYUAN_WINDOWS)),
        "campaign.advance": lambda a: advance_campaign(a, campaign_id),
        "school.import": lambda a: import_schools(a, [SchoolRow(f"{county}09", "新校")], region_code=county),
        "school.enrol": lambda a: enrol(a, campaign_id),
        "score.self": lambda a: set_score(a, aid, "A1.1", "4"),
        "score.verified": lambda a: set_score(a, aid, "A1.1", "4", kind="verified"),
        "veto.set": lambda a: set_veto(a, aid, "NOPE", True),
        "problem.edit": lambda a: add_problem(a, aid, "机房未建"),
        "narrative.edit": lambda a: set_narrative(a, aid, "achievement", "成效"),
        "responsibility.edit": lambda a: add_responsibility(a, aid, "王老师"),
        "verification.record": lambda a: record_verification(a, aid, experts="专家组", visited_on="2022-10-20",
                                                             methods=["site"]),
        "objection.raise": lambda a: raise_objection(a, aid, raised_by="家长", text="不实"),
        "user.manage": lambda a: add_user(a, f"new-{county}-{a.name}", "viewer", region_code=county),
        "rubric.adjust": lambda a: change_thresholds(a, campaign_id, {1: "91"}, reason="正式文件"),
        "notice.edit": lambda a: set_notice_text(a, campaign_id, "title", "通报"),
        "audit.export": lambda a: list(export_rows(a)),
        "audit.verify": lambda a: chain_report(a),
        "database.manage": lambda a: backup_database(a, Path(tempfile.mkdtemp()) / "backup.sqlite3"),
        "round.open": lambda a: open_round(a, 2023, campaign_id=campaign_id, all_settled=True),
        "round.apply": lambda a: apply_for_review(a, code, text="新建创客教室", improved=["A1.1"],
                                                  campaign_id=campaign_id),
        "round.correct": lambda a: set_score(a, aid, "A1.1", "4", kind="verified", correction="核定表抄错"),
        "upward.record": lambda a: record_upward_decision(a, aid, granted=True, doc_no="豫教〔2023〕1号",
                                                          decided_on="2023-03-01"),
        "region.manage": lambda a: add_region(a, county, "重名"),  # its own: exists; another's: refused first
        "region.recode": lambda a: recode_region(a, "990001", county),  # whole-server only
        "region.remove": lambda a: remove_region(a, county),  # whole-server only
        "verification.assign": lambda a: assign_experts(a, "expert-z", [code], campaign_id=campaign_id),
    }


def _hidden(got: str, county: str, own: str) -> bool:
    """Refused in words that say nothing of ``county``: not found, or outside the own region ``own``."""
    said = ("找不到" in got or "不存在" in got or f"不在您的辖区（{own}）内" in got or "已在您的辖区" in got)
    return got.startswith("refused") and said and COUNTIES[county] not in got


def _outcome(call: Callable[[Actor], object], actor: Actor) -> str:
    """ "refused: <why>" for a PermissionDenied, else "passed" (done, or stopped by something else)."""
    try:
        call(actor)
    except PermissionDenied as exc:
        return f"refused: {exc}"
    except WorkflowError:
        return "passed"
    return "passed"


def test_a_county_admin_cell_by_cell(db: str) -> None:
    province = build_province()
    admin = province.admin("410102")
    wrong: list[str] = []
    actions = [a for a in ACTIONS if a not in LEFT_OUT]
    assert set(_calls("410202", province.campaigns["410202"].id)) == set(actions), "a cell without a call"
    for county, own in (("410202", False), ("410103", False), ("410102", True)):
        calls = _calls(county, province.campaigns[county].id)
        for action in actions:
            got = _outcome(calls[action], admin)
            if action in WHOLE_SERVER:
                ok = "整个服务器" in got
            elif own:
                ok = got == "passed"
            else:
                ok = _hidden(got, county, "中原区（410102）")
            if not ok:
                wrong.append(f"{action} on {county}: {got}")
    assert not wrong, "\n".join(wrong)


# Not campaigns': a city's or province's admin keeps these in its whole subtree (a county's schools,
# accounts and regions), as a county admin in its county.
REGISTRY = {"school.import", "user.manage", "region.manage"}


def test_a_city_or_province_admin_changes_its_own_tiers_campaigns_only(db: str) -> None:
    """The tier rule cell by cell: 郑州市's and 河南省's admins read their subtree but change only the
    campaigns their own region runs; a county's, or a city's under the province, is refused as another
    tier's (本级), another city's subtree as outside the region."""
    from models.schema import Campaign

    province = build_province()
    add_user(ROOT, "admin-4101", "admin", region_code="4101")
    add_user(ROOT, "admin-41", "admin", region_code="41")
    tiers: dict[str, Campaign] = {}
    for region, title in (("4101", "郑州市2022星级评定"), ("41", "河南省2022星级评定")):
        tiers[region] = create_campaign(ROOT, year=2022, region="", region_code=region, title=title,
                                        rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
        enrol(ROOT, tiers[region].id, ["41010202"])
    actions = [a for a in ACTIONS if a not in LEFT_OUT]
    cases = [  # (admin, the region its calls name, campaign, school, expected)
        ("admin-4101", "410202", province.campaigns["410202"].id, "41020202", "outside"),
        ("admin-4101", "410102", province.campaigns["410102"].id, "41010202", "tier"),
        ("admin-4101", "4101", tiers["4101"].id, "41010202", "own"),
        ("admin-41", "410102", province.campaigns["410102"].id, "41010202", "tier"),
        ("admin-41", "4101", tiers["4101"].id, "41010202", "tier"),
        ("admin-41", "41", tiers["41"].id, "41010202", "own"),
    ]
    wrong: list[str] = []
    for name, region, campaign_id, code, expected in cases:
        admin = Actor(name, "admin", region_code=name.removeprefix("admin-"))
        calls = _calls(region, campaign_id, code)
        for action in actions:
            got = _outcome(calls[action], admin)
            if action in WHOLE_SERVER:
                ok = "整个服务器" in got
            elif expected == "outside":
                ok = _hidden(got, region, "郑州市（4101）")
            elif expected == "own" or action in REGISTRY:
                ok = got == "passed"
            else:
                ok = got.startswith("refused") and "只更改本级的评定工作" in got
            if not ok:
                wrong.append(f"{name} {action} on {region}: {got}")
    assert not wrong, "\n".join(wrong)
