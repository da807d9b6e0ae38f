"""The upward review in the system (SQLite and PostgreSQL): a four-star school recommended by 中原区
travels up to 河南省's review campaign, is verified there by the province's assigned expert (an expert
from the school itself is refused), is decided by the province's admin, and comes back into the
county's history and its next annual-review notice, as a decision recorded by hand would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from exports.gather_records import verification_records
from models.schema import Assessment, AuditEvent, Campaign, School
from rubrics.loader import builtin_rubric
from tests.workflow.helpers import JIYUAN_WINDOWS, at
from tests.workflow.region_fixture import ROOT, build_province
from tui.export_jobs import run_export
from workflow import clock
from workflow.audit import verify_chain
from workflow.doors.assignments import assign_experts
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
from workflow.doors.demo import spread
from workflow.doors.records import record_verification
from workflow.doors.rounds import confirm_carried, open_round, record_upward_decision
from workflow.doors.scores import set_score, set_scores
from workflow.doors.upward import decide_upward, pull_recommended
from workflow.doors.users import actor_for, add_user
from workflow.errors import GuardFailed, PermissionDenied
from workflow.permissions import Actor
from workflow.reads.history import school_rounds
from workflow.statemachine.events import fire

NINGXIA = builtin_rubric("ningxia-2022")  # four stars go upward (seed 000)
SCHOOL = "41010201"


def _advance(actor: Actor, campaign_id: int, phase: str) -> None:
    while Campaign.get_by_id(campaign_id).phase != phase:
        advance_campaign(actor, campaign_id)


def _aid(campaign_id: int, code: str) -> int:
    return int(Assessment.select(Assessment.id).join(School)
               .where((Assessment.campaign == campaign_id) & (School.code == code))
               .order_by(Assessment.id.desc()).get().id)


def _county_recommends(county: Actor) -> int:
    """中原区's own 2022 rating on the Ningxia rubric: 41010201 earns four stars and is sent up."""
    c = create_campaign(county, year=2022, region="", title="中原区2022智慧校园星级评定", rubric="ningxia-2022",
                        windows=dict(JIYUAN_WINDOWS))
    enrol(county, c.id, [SCHOOL])
    aid = _aid(c.id, SCHOOL)
    fire(county, aid, "start_self_evaluation")
    set_scores(county, aid, spread(NINGXIA, Decimal("92")), kind="self")
    _advance(county, c.id, "self_evaluation")
    clock.pin(at("2022-10-10"))
    fire(county, aid, "submit_self_evaluation")
    _advance(county, c.id, "verification")
    clock.pin(at("2022-10-20"))
    fire(county, aid, "start_verification")
    set_scores(county, aid, spread(NINGXIA, Decimal("92")), kind="verified")
    fire(county, aid, "finish_verification")
    fire(county, aid, "publicize")
    clock.pin(at("2022-10-27"))
    row = fire(county, aid, "recommend_upward")
    assert (row.state, row.star_level) == ("recommended", 4)
    return int(c.id)


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def test_a_recommendation_travels_up_is_decided_there_and_comes_back(db: str, tmp_path: Path) -> None:
    province = build_province()
    county = province.admin("410102")
    add_user(ROOT, "admin-41", "admin", region_code="41")
    add_user(ROOT, "expert-p", "expert", region_code="41", school_code="41010202")
    add_user(ROOT, "expert-own", "expert", region_code="41", school_code=SCHOOL)
    add_user(ROOT, "expert-q", "expert", region_code="41")
    top, expert, own = actor_for("admin-41"), actor_for("expert-p"), actor_for("expert-own")
    county_campaign = _county_recommends(county)
    county_aid = _aid(county_campaign, SCHOOL)

    clock.pin(at("2022-11-10"))
    review = create_campaign(top, year=2022, region="", title="河南省2022智慧校园四星级认定", rubric="ningxia-2022",
                             windows=dict(JIYUAN_WINDOWS))
    with pytest.raises(GuardFailed, match="不是市级或省级"):  # a county has no one below it to review
        pull_recommended(county, 2022, campaign_id=county_campaign)
    pulled = pull_recommended(top, 2022, campaign_id=review.id)
    assert pulled.codes == [SCHOOL]
    assert pull_recommended(top, 2022, campaign_id=review.id).codes == []  # taken in once
    up = Assessment.get_by_id(_aid(review.id, SCHOOL))
    assert (up.state, up.entry, up.upward_from, up.verified_total) == ("verifying", "upward", county_aid, Decimal("92"))

    # The province acts in its own tier's campaign only: the county's row is the county's.
    with pytest.raises(PermissionDenied, match="本级"):
        record_upward_decision(top, county_aid, granted=True, doc_no="豫教〔2022〕1号", decided_on="2022-12-01")
    # Reviewed in the system: no longer recorded by hand, even by a whole-server admin.
    with pytest.raises(GuardFailed, match="上级在系统中复核"):
        record_upward_decision(ROOT, county_aid, granted=True, doc_no="豫教〔2022〕1号", decided_on="2022-12-01")

    with pytest.raises(PermissionDenied, match="回避"):
        assign_experts(top, "expert-own", [SCHOOL], campaign_id=review.id)
    assign_experts(top, "expert-p", [SCHOOL], campaign_id=review.id)
    _advance(top, review.id, "verification")
    with pytest.raises(PermissionDenied, match="回避"):
        set_score(own, up.id, "A1.1", "1", kind="verified")
    with pytest.raises(PermissionDenied, match="未分配"):
        set_score(actor_for("expert-q"), up.id, "A1.1", "1", kind="verified")
    with pytest.raises(GuardFailed, match="沿用"):  # the county's scores stay carried until confirmed
        fire(expert, up.id, "finish_verification")
    assert confirm_carried(expert, up.id) > 0
    record_verification(expert, up.id, experts="省专家组", visited_on="2022-12-01", methods=["site"])
    records = verification_records(Campaign.get_by_id(review.id), as_of=date(2022, 12, 31))
    assert [r.experts for r in records.rows] == ["expert-p"]  # the group actually assigned, not the typed one
    assert fire(expert, up.id, "finish_verification").star_level == 4

    clock.pin(at("2022-12-20"))
    with pytest.raises(PermissionDenied, match="^找不到评定工作"):  # the province's review is above the county
        decide_upward(county, up.id, granted=True, doc_no="豫教〔2022〕88号", decided_on="2022-12-18")
    mine, back = decide_upward(top, up.id, granted=True, doc_no="豫教〔2022〕88号", decided_on="2022-12-18")
    assert (mine.state, back.state, back.star_level, back.upward_authority, back.upward_doc_no,
            str(back.upward_date), back.upward_by) == ("certified", "certified", 4, "河南省", "豫教〔2022〕88号",
                                                       "2022-12-18", "admin-41")
    last = list(AuditEvent.select().order_by(AuditEvent.seq.desc()).limit(2))
    assert [(e.action, e.assessment_id) for e in last] == [("event.grant_upward", county_aid),
                                                          ("event.upward_grant", up.id)]

    lines = [r for r in school_rounds(county, SCHOOL) if r.campaign_id == county_campaign]
    assert (lines[-1].outcome, lines[-1].level_name) == ("upward", "四星级")
    assert "河南省" in lines[-1].upward and "豫教〔2022〕88号" in lines[-1].upward

    _advance(county, county_campaign, "promotion")
    clock.pin(at("2023-11-01"))
    open_round(county, 2023, campaign_id=county_campaign, all_settled=True)
    text = _docx_text(run_export(county, "notice", tmp_path / "review.docx", campaign_id=county_campaign))
    assert "经河南省于2022年12月18日认定为四星级（豫教〔2022〕88号）" in text
    assert verify_chain().ok  # the replay knows the pull and both decisions
    # The province's entry names the county record its decision goes back to: pointed elsewhere with SQL
    # (another school's record would receive the next decision), the replay names it.
    entry = Assessment.get(Assessment.upward_from.is_null(False))
    Assessment.update(upward_from=int(entry.upward_from) + 100000).where(Assessment.id == entry.id).execute()
    report = verify_chain()
    assert not report.ok and "所承接的下级评定记录" in report.details("zh"), report.details("zh")


def test_a_refusal_comes_back_and_a_nearer_tier_takes_its_own_counties(db: str) -> None:
    """郑州市 reviews 2022 itself, so its county's recommendation is its, not 河南省's; refused there, the
    county's row keeps the highest level the county confers itself (三星), as a refusal recorded by hand."""
    province = build_province()
    county = province.admin("410102")
    add_user(ROOT, "admin-41", "admin", region_code="41")
    add_user(ROOT, "admin-4101", "admin", region_code="4101")
    top, city_admin = actor_for("admin-41"), actor_for("admin-4101")
    city = create_campaign(city_admin, year=2022, region="", title="郑州市2022复核", rubric="ningxia-2022",
                           windows=dict(JIYUAN_WINDOWS))
    assert pull_recommended(city_admin, 2022, campaign_id=city.id).codes == []  # marked: 郑州市 reviews 2022
    county_campaign = _county_recommends(county)
    clock.pin(at("2022-11-10"))
    review = create_campaign(top, year=2022, region="", title="河南省2022复核", rubric="ningxia-2022",
                             windows=dict(JIYUAN_WINDOWS))
    assert pull_recommended(top, 2022, campaign_id=review.id).codes == []  # the nearer tier's
    assert pull_recommended(city_admin, 2022, campaign_id=city.id).codes == [SCHOOL]
    with pytest.raises(GuardFailed, match="2022年的推荐"):
        pull_recommended(city_admin, 2023, campaign_id=city.id)
    up = _aid(city.id, SCHOOL)
    _advance(city_admin, city.id, "verification")
    confirm_carried(city_admin, up)
    fire(city_admin, up, "finish_verification")
    with pytest.raises(GuardFailed, match="不是下级推荐"):
        decide_upward(city_admin, _aid(county_campaign, SCHOOL), granted=False, doc_no="x", decided_on="2022-12-18")
    _mine, back = decide_upward(city_admin, up, granted=False, doc_no="郑教〔2022〕89号", decided_on="2022-12-18")
    assert (back.state, back.star_level, back.upward_granted, back.upward_authority) == ("certified", 3, False, "郑州市")
    line = [r for r in school_rounds(county, SCHOOL) if r.campaign_id == county_campaign][-1]
    assert line.outcome == "upward_refused" and "郑教〔2022〕89号" in line.upward
