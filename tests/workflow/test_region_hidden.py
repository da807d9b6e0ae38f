"""A scoped officer's refusal outside its subtree reads as for something that does not exist
(issue 15): no school name, campaign title or region leaks, so codes elsewhere cannot be probed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.workflow.region_fixture import build_province
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.schools import import_schools
from workflow.doors.users import add_user, disable_user
from workflow.errors import WorkflowError
from workflow.reads.audit_log import audit_log
from workflow.reads.campaign_status import campaign_status
from workflow.reads.region_status import region_status


def _said(call: Callable[[str], object], key: str) -> tuple[str, str]:
    """The refusal of ``call(key)`` in both languages, ``key`` itself written KEY."""
    with pytest.raises(WorkflowError) as refused:
        call(key)
    return refused.value.message("zh").replace(key, "KEY"), refused.value.message("en").replace(key, "KEY")


def test_another_countys_things_read_as_nothing(db: str) -> None:
    province = build_province()
    admin = province.admin("410102")
    other = province.campaigns["410202"].id
    # (what the officer asks, about another county's thing and about a key nobody has)
    pairs: list[tuple[Callable[[str], object], str, str]] = [
        (lambda code: audit_log(admin, school_code=code), "41020201", "41029999"),
        (lambda code: add_user(admin, "clerk", "school", school_code=code), "41020201", "41029999"),
        (lambda code: enrol(admin, province.campaigns["410102"].id, [code]), "41020201", "41029999"),
        (lambda number: campaign_status(admin, int(number)), str(other), "999"),
        (lambda name: disable_user(admin, name), "admin-410202", "nobody"),
        (lambda code: add_user(admin, "clerk", "viewer", region_code=code), "410202", "410299"),
        (lambda code: import_schools(admin, [], region_code=code), "410202", "410299"),
        (lambda code: create_campaign(admin, year=2023, region="", region_code=code, title="t", rubric="henan-v2",
                                      windows={}), "410202", "410299"),
        (lambda code: region_status(admin, code), "4102", "4199"),
    ]
    for call, theirs, nobodys in pairs:
        seen = _said(call, theirs)
        assert seen == _said(call, nobodys)
        assert not any(word in text for text in seen for word in ("龙亭区", "开封市", "第一小学"))


def test_another_countys_problem_reads_as_none_by_its_id(db: str) -> None:
    from tests.workflow.region_fixture import ROOT
    from workflow.doors.records import add_problem, set_problem_status
    from workflow.reads.queries import find_assessment

    province = build_province()
    admin = province.admin("410102")
    theirs = find_assessment(province.campaigns["410202"].id, "41020201")
    assert theirs is not None
    problem = add_problem(ROOT, theirs.id, "机房未建")
    seen = _said(lambda n: set_problem_status(admin, int(n), "closed"), str(problem.id))
    assert seen == _said(lambda n: set_problem_status(admin, int(n), "closed"), "99999")
    assert "41020201" not in seen[0] + seen[1]


def test_another_countys_user_is_not_assigned_nor_its_role_told(db: str) -> None:
    from tests.workflow.region_fixture import ROOT
    from workflow.doors.assignments import assign_experts

    province = build_province()
    add_user(ROOT, "expert-k", "expert", region_code="410202")
    admin = province.admin("410102")
    campaign = province.campaigns["410102"].id

    def assign(name: str) -> object:
        return assign_experts(admin, name, ["41010202"], campaign_id=campaign)

    for theirs in ("expert-k", "admin-410202"):  # another county's expert; another county's admin
        assert _said(assign, theirs) == _said(assign, "nobody")
    # The city's expert serves its counties, and the county's own campaign takes it.
    assert assign_experts(admin, "expert-z", ["41010202"], campaign_id=campaign)[1] == ["41010202"]


def test_a_school_moved_to_another_county_leaves_its_old_record_behind(db: str) -> None:
    from tests.workflow.region_fixture import ROOT
    from workflow.doors.schools import SchoolRow
    from workflow.reads.queries import detail, find_assessment
    from workflow.reads.school_sheet import school_sheet

    province = build_province()
    record = find_assessment(province.campaigns["410102"].id, "41010202")
    assert record is not None
    import_schools(ROOT, [SchoolRow("41010202", "中原区第二小学")], region_code="410103")  # now 二七区's school
    newcomer = province.admin("410103")
    for read in (lambda: school_sheet(newcomer, record.id), lambda: detail(record.id, newcomer)):
        with pytest.raises(WorkflowError) as refused:
            read()
        assert "中原区" not in refused.value.message("zh")
    assert school_sheet(ROOT, record.id).code == "41010202"
