"""Jurisdictions (issue 15) on SQLite and PostgreSQL: the region tree, officers scoped to a region,
assigned experts and recusal, through the doors and the read models the CLI and the TUI render."""

from __future__ import annotations

import pytest

from models.schema import Assessment, Assignment, Region, School
from tests.workflow.region_fixture import ROOT, build_province
from workflow.audit import verify_chain
from workflow.doors import web_tokens
from workflow.doors.assignments import assign_experts
from workflow.doors.campaigns import advance_campaign, enrol
from workflow.doors.records import add_problem
from workflow.doors.regions import add_region
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.scores import set_score
from workflow.doors.users import actor_for, add_user, disable_user, rekey_user
from workflow.errors import InvalidInput, NotFound, PermissionDenied
from workflow.reads.audit_log import audit_log
from workflow.reads.campaign_status import campaign_list, campaign_status
from workflow.reads.queries import detail
from workflow.reads.regions import assigned_experts, region_tree
from workflow.reads.registers import school_register, user_list
from workflow.reads.school_sheet import school_sheet
from workflow.statemachine.events import fire


def _aid(code: str) -> int:
    return int(Assessment.select(Assessment.id).join(School).where(School.code == code).get().id)


def test_the_tree_is_checked_as_it_is_built(db: str) -> None:
    province = build_province()
    with pytest.raises(InvalidInput, match="2位（省）、4位（市）或6位（县）"):
        add_region(ROOT, "4101x", "坏代码")
    with pytest.raises(InvalidInput, match="应以上级代码“4102”开头"):
        add_region(ROOT, "410105", "金水区", parent="4102")
    with pytest.raises(InvalidInput, match="已存在"):
        add_region(ROOT, "4101", "郑州")
    with pytest.raises(InvalidInput, match="最近的已登记区划“4101”"):
        add_region(ROOT, "410105", "金水区", parent="41")  # 郑州市 stands between
    with pytest.raises(NotFound):
        add_region(ROOT, "6404", "固原市", parent="64")
    assert add_region(ROOT, "410105", "金水区").parent_code == "4101"
    tree = [(line.code, line.depth, line.level) for line in region_tree(ROOT)]
    assert tree == [("41", 0, "province"), ("4101", 1, "city"), ("410102", 2, "county"), ("410103", 2, "county"),
                    ("410105", 2, "county"), ("4102", 1, "city"), ("410202", 2, "county")]
    # A county admin manages only its own subtree: it cannot register a region beside it.
    county = province.admin("410102")
    with pytest.raises(PermissionDenied, match="不在您的辖区（中原区（410102））内"):
        add_region(county, "410106", "惠济区")
    assert [line.code for line in region_tree(county)] == ["410102"]


def test_a_county_admin_neither_reads_nor_changes_another_county(db: str) -> None:
    province = build_province()
    mine, other = province.campaigns["410102"], province.campaigns["410202"]
    admin = province.admin("410102")
    # Reads: the campaign list, the status, a school's sheet and detail, the register, the users.
    assert [c.id for c in campaign_list(admin)] == [mine.id]
    assert campaign_status(admin).campaign_id == mine.id  # its newest, not the server's newest
    # Another county's campaign and schools read as ids and codes nobody has: no name, no region.
    with pytest.raises(PermissionDenied, match=f"^找不到评定工作：{other.id}。$"):
        campaign_status(admin, other.id)
    with pytest.raises(NotFound, match="^找不到评定工作：999。$"):
        campaign_status(admin, 999)
    with pytest.raises(PermissionDenied, match="^找不到学校：41020201。$"):
        school_sheet(admin, _aid("41020201"))
    with pytest.raises(PermissionDenied, match="^找不到学校：41020201。$"):
        detail(_aid("41020201"), admin)
    assert school_sheet(admin, _aid("41010201")).code == "41010201"
    assert [s.code for s in school_register(admin)] == ["41010201", "41010202"]
    assert {u.name for u in user_list(admin)} == {"admin-410102"}
    shown = audit_log(admin, limit=1000)  # the log: its own campaign's rows only
    assert {r.action for r in shown} >= {"campaign.create", "campaign.enrol"}
    assert len({r.seq for r in shown}) < len(audit_log(ROOT, limit=1000))
    for code in ("41020201", "41029999"):  # another county's school, and a code nobody has
        with pytest.raises(NotFound, match=f"^找不到学校：{code}。$"):
            audit_log(admin, school_code=code)
    # Doors: the campaign's phase, a school's scores, records and moves, enrolment, imports, users.
    with pytest.raises(PermissionDenied, match=f"^找不到评定工作：{other.id}。$"):
        advance_campaign(admin, other.id)
    for call in (lambda: set_score(admin, _aid("41020201"), "A1.1", "4"),
                 lambda: add_problem(admin, _aid("41020201"), "机房未建"),
                 lambda: fire(admin, _aid("41020201"), "start_self_evaluation"),
                 lambda: enrol(admin, other.id),
                 lambda: import_schools(admin, [SchoolRow("41020201", "改名")]),
                 lambda: add_user(admin, "spy", "viewer", region_code="410202")):
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert "龙亭区" not in refused.value.message("zh") and "龙亭区" not in refused.value.message("en")
    # Accounts: never another county's, nor a whole-server one (a sign-in link would make it that user).
    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x"
    for account in (lambda: disable_user(admin, "admin-410202"), lambda: web_tokens.issue(admin, ROOT.name),
                    lambda: rekey_user(admin, ROOT.name, key)):
        with pytest.raises(PermissionDenied, match="^用户“(admin-410202|root-admin)”不存在。$"):
            account()
    with pytest.raises(NotFound, match="^找不到学校：41020201。$"):
        enrol(admin, mine.id, ["41020201"])
    with pytest.raises(NotFound, match="^找不到学校：41020201、41019999。$"):  # not only the code nobody has
        enrol(admin, mine.id, ["41010201", "41020201", "41019999"])
    assert advance_campaign(admin, mine.id).phase == "self_evaluation"
    assert set_score(admin, _aid("41010201"), "A1.1", "4").self_total is not None
    # What it made stays its own: a user it adds and schools it imports are its county's.
    assert add_user(admin, "clerk-z", "viewer").region_code == "410102"
    import_schools(admin, [SchoolRow("41010203", "中原区第三小学")])
    assert School.get(School.code == "41010203").region_code == "410102"
    assert verify_chain().ok


def test_a_city_viewer_sees_its_two_counties_side_by_side(db: str) -> None:
    province = build_province()
    viewer = province.city_viewer
    seen = {c.region for c in campaign_list(viewer)}
    assert seen == {"中原区", "二七区"}
    assert {s.code[:6] for s in school_register(viewer)} == {"410102", "410103"}
    for code in ("410102", "410103"):
        status = campaign_status(viewer, province.campaigns[code].id, with_schools=True)
        assert {s.code[:6] for s in status.schools} == {code}
    with pytest.raises(PermissionDenied, match="^找不到评定工作：\\d+。$"):  # 开封市's: not named
        campaign_status(viewer, province.campaigns["410202"].id)
    # The whole-server admin made before regions still sees every county.
    assert {c.region for c in campaign_list(ROOT)} == {"中原区", "二七区", "龙亭区"}
    assert len(school_register(ROOT)) == 6


def test_an_expert_scores_only_assigned_schools_and_never_its_own(db: str) -> None:
    province = build_province()
    expert = province.expert  # comes from 41010201
    # Verification stage, as the campaign would be by then (the moves themselves are tested elsewhere).
    Assessment.update(state="verifying").execute()
    with pytest.raises(PermissionDenied, match="回避：专家“expert-z”来自学校“中原区第一小学”（41010201）"):
        set_score(expert, _aid("41010201"), "A1.1", "4", kind="verified")
    # Before any assignment the expert may verify any other school of its region.
    assert set_score(expert, _aid("41010202"), "A1.1", "4", kind="verified").verified_total is not None
    campaign = province.campaigns["410103"]
    with pytest.raises(PermissionDenied, match="回避"):
        assign_experts(ROOT, "expert-z", ["41010201"], campaign_id=province.campaigns["410102"].id)
    round_row, added = assign_experts(ROOT, "expert-z", ["41010301"], campaign_id=campaign.id)
    assert added == ["41010301"] and assign_experts(ROOT, "expert-z", ["41010301"], campaign_id=campaign.id)[1] == []
    assert assigned_experts(int(round_row.id), "41010301") == ["expert-z"]
    assert set_score(expert, _aid("41010301"), "A1.1", "4", kind="verified").verified_total is not None
    with pytest.raises(PermissionDenied, match="41010302）未分配给专家“expert-z”"):
        set_score(expert, _aid("41010302"), "A1.1", "4", kind="verified")
    # Another county's round has no assignments: the region decides there, not assignment.
    with pytest.raises(PermissionDenied, match="^找不到学校：41020201。$"):
        set_score(expert, _aid("41020201"), "A1.1", "4", kind="verified")
    with pytest.raises(InvalidInput, match="不是专家"):
        assign_experts(ROOT, "viewer-4101", ["41010302"], campaign_id=campaign.id)
    # The log vouches for the assignments (the states set above behind the doors it names, rightly).
    assert "核定分工" not in verify_chain().message("zh")
    Assignment.delete().execute()
    assert f"轮次#{round_row.id}的核定分工" in verify_chain().message("zh")


def test_audit_verify_names_a_region_changed_behind_the_doors(db: str) -> None:
    build_province()
    assert verify_chain().ok
    Region.update(name="假区").where(Region.code == "410202").execute()
    report = verify_chain()
    assert not report.ok
    assert "行政区划与用户辖区" in report.message("zh")


def test_a_code_another_county_registered_is_refused_with_the_way_out_and_the_city_moves_it(db: str) -> None:
    province = build_province()
    # 二七区 registers a code that is really 中原区's (school codes carry no county prefix)
    import_schools(province.admin("410103"), [SchoolRow("41010299", "中原区实验学校")], region_code="410103")
    with pytest.raises(PermissionDenied) as refused:
        import_schools(province.admin("410102"), [SchoolRow("41010299", "中原区实验学校")], region_code="410102")
    words = str(refused.value)
    assert "41010299" in words and "之外登记" in words and "schools import --region" in words
    assert "二七区" not in words  # which county holds it stays hidden
    # 郑州市's admin holds both counties: it moves the school, and 中原区 can then change it
    add_user(ROOT, "admin-4101", "admin", region_code="4101")
    import_schools(actor_for("admin-4101"), [SchoolRow("41010299", "中原区实验学校")], region_code="410102")
    assert School.get(School.code == "41010299").region_code == "410102"
    import_schools(province.admin("410102"), [SchoolRow("41010299", "中原区实验小学")], region_code="410102")
    assert School.get(School.code == "41010299").name == "中原区实验小学"
    assert verify_chain().ok
