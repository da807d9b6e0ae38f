"""The province's review campaign after its experts verified (SQLite and PostgreSQL), from an officer trial:
it takes only the counties' recommendations (enrolling all or some schools is refused, nothing written);
its admin decides once verified or after its own publicity (公示中 was a dead end); a second decision is
refused naming the first, not "verify first"; and the county's record reads as under the province's review."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models.schema import Assessment, AuditEvent, Campaign
from tests.workflow.helpers import JIYUAN_WINDOWS, at
from tests.workflow.region_fixture import ROOT, build_province
from tests.workflow.test_upward_review import SCHOOL, _advance, _aid, _county_recommends
from workflow import clock
from workflow.doors.assignments import assign_experts
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.rounds import confirm_carried
from workflow.doors.upward import decide_upward, pull_recommended
from workflow.doors.users import actor_for, add_user
from workflow.errors import GuardFailed, PermissionDenied
from workflow.reads.upward_review import reviewing_campaign
from workflow.statemachine.events import fire

TITLE = "河南省2022智慧校园四星级认定"


def _verified_in_review() -> tuple[int, int, int]:
    """中原区 sends 41010201 up; 河南省 takes it in, its expert confirms and verifies: (review, row, county row)."""
    province = build_province()
    county_campaign = _county_recommends(province.admin("410102"))
    add_user(ROOT, "admin-41", "admin", region_code="41")
    add_user(ROOT, "expert-p", "expert", region_code="41", school_code="41010202")
    top, expert = actor_for("admin-41"), actor_for("expert-p")
    clock.pin(at("2022-11-10"))
    review = create_campaign(top, year=2022, region="", title=TITLE, rubric="ningxia-2022",
                             windows=dict(JIYUAN_WINDOWS))
    assert pull_recommended(top, 2022, campaign_id=review.id).codes == [SCHOOL]
    assign_experts(top, "expert-p", [SCHOOL], campaign_id=review.id)
    _advance(top, review.id, "verification")
    up = _aid(review.id, SCHOOL)
    confirm_carried(expert, up)
    assert fire(expert, up, "finish_verification").state == "verified"
    return int(review.id), up, _aid(county_campaign, SCHOOL)


def test_a_review_takes_recommendations_only_and_is_decided_after_its_publicity(db: str) -> None:
    review, up, county_row = _verified_in_review()
    top = actor_for("admin-41")
    rows, events = Assessment.select().count(), AuditEvent.select().count()
    for codes in (None, ["41010202"], ["41020201"]):  # all, or by code: the trial enrolled 3-star and unrated ones
        with pytest.raises(GuardFailed, match="只受理下级推荐的学校") as refused:
            enrol(top, review, codes)
        assert TITLE in str(refused.value) and "2022" in str(refused.value)
    assert (Assessment.select().count(), AuditEvent.select().count()) == (rows, events)  # nothing written

    # The county cannot record it by hand, and its screen's read says so before any form (Ctrl+O).
    county = actor_for("admin-410102")
    assert reviewing_campaign(county, county_row) == TITLE
    with pytest.raises(PermissionDenied):  # scoped like the other reads: another county may not ask
        reviewing_campaign(actor_for("admin-410103"), county_row)

    fire(top, up, "publicize")  # the review may publicize its result first (the trial's dead end)
    with pytest.raises(GuardFailed, match="公示"):  # decided when its publicity has run, as the county's own
        decide_upward(top, up, granted=True, doc_no="豫教〔2022〕88号", decided_on="2022-12-18")
    clock.pin(clock.now() + timedelta(days=Campaign.get_by_id(review).publicity_days + 1))
    mine, back = decide_upward(top, up, granted=True, doc_no="豫教〔2022〕88号", decided_on="2022-12-18")
    assert (mine.state, back.state, back.star_level, back.upward_doc_no) == ("certified", "certified", 4,
                                                                           "豫教〔2022〕88号")

    with pytest.raises(GuardFailed) as again:
        decide_upward(top, up, granted=False, doc_no="豫教〔2022〕99号", decided_on="2022-12-20")
    words = str(again.value)
    assert "已经决定" in words and "豫教〔2022〕88号" in words and "2022-12-18" in words, words
    assert "须先完成核定" not in words
    assert Assessment.get_by_id(county_row).upward_doc_no == "豫教〔2022〕88号"  # the first decision stands


def test_a_review_is_decided_straight_after_verification(db: str) -> None:
    _review, up, county_row = _verified_in_review()
    _mine, back = decide_upward(actor_for("admin-41"), up, granted=False, doc_no="豫教〔2022〕89号",
                                decided_on="2022-12-18")
    assert (int(back.id), back.upward_granted, back.upward_authority) == (county_row, False, "河南省")
