"""未参评 (``withdraw``): an enrolled school that never began, or stopped before it was verified, settled in its
round by the bureau with the reason (SQLite and PostgreSQL). Admin only, from the unverified states, in the
initial rating; it settles the round (the next one opens), replays in audit verify, and the notice neither
counts the school nor lists it as 未达星级."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest

from models.schema import AuditEvent
from rubrics.loader import builtin_rubric
from tests.workflow.helpers import ADMIN, EXPERT, SCHOOL_B, advance_to, assessment, at, setup_campaign
from tui.export_jobs import run_export
from workflow import clock
from workflow.audit_verify import verify_chain
from workflow.doors.demo import spread
from workflow.doors.rounds import open_round
from workflow.doors.scores import set_scores
from workflow.errors import GuardFailed, InvalidInput, PermissionDenied
from workflow.reads.analysis import analysis
from workflow.reads.history import campaign_rounds, school_rounds
from workflow.reads.queries import star_counts
from workflow.statemachine.events import fire, options

HENAN = builtin_rubric("henan-v2")
REASON = "学校撤并，本年度未开展自评"


def _year(campaign):  # type: ignore[no-untyped-def]
    """S001 rated and certified; S002 never began (已参评), S003 stopped self-evaluating, S004 stopped while
    verified, some of its leaves scored (a verified total without a verification finished)."""
    ids = {code: assessment(campaign, code).id for code in ("S001", "S002", "S003", "S004")}
    advance_to(campaign, "self_evaluation")
    clock.pin(at("2022-10-05"))
    for code in ("S001", "S003", "S004"):
        fire(ADMIN, ids[code], "start_self_evaluation")
    for code in ("S001", "S004"):
        set_scores(ADMIN, ids[code], spread(HENAN, Decimal("100")), kind="self")
        fire(ADMIN, ids[code], "submit_self_evaluation")
    advance_to(campaign, "verification")
    clock.pin(at("2022-10-20"))
    fire(EXPERT, ids["S001"], "start_verification")
    set_scores(EXPERT, ids["S001"], spread(HENAN, Decimal("106")), kind="verified")
    fire(EXPERT, ids["S001"], "finish_verification")
    fire(ADMIN, ids["S001"], "publicize")
    clock.pin(at("2022-10-27"))
    fire(ADMIN, ids["S001"], "certify")
    fire(EXPERT, ids["S004"], "start_verification")
    set_scores(EXPERT, ids["S004"], dict(list(spread(HENAN, Decimal("60")).items())[:10]), kind="verified")
    return ids


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows
                                                              for c in r.cells])


def test_a_school_that_did_not_take_part_is_settled_and_the_next_round_opens(db: str, tmp_path: Path) -> None:
    campaign = setup_campaign(schools=4)
    ids = _year(campaign)
    advance_to(campaign, "promotion")
    clock.pin(at("2022-11-02"))
    with pytest.raises(GuardFailed) as refused:
        open_round(ADMIN, 2023, all_settled=True)
    assert refused.value.key == "err.round_unsettled" and "withdraw" in str(refused.value)
    offered = {o.trigger: o for o in options(ADMIN, ids["S002"])}
    assert offered["withdraw"].allowed and offered["withdraw"].needs_reason
    for code in ("S002", "S003", "S004"):
        row = fire(ADMIN, ids[code], "withdraw", reason=REASON)
        assert row.state == "withdrawn" and row.star_level is None
    logged = AuditEvent.get((AuditEvent.assessment_id == ids["S003"]) & (AuditEvent.action == "event.withdraw"))
    assert (logged.from_state, logged.to_state, logged.reason) == ("self_evaluating", "withdrawn", REASON)
    assert assessment(campaign, "S004").verified_total is not None
    # Its verified total when it stopped counts nowhere: not 未达星级 in the status, nor in the analysis.
    assert [(level.level if level else None, n) for level, n in star_counts(campaign.id)][-1] == (None, 0)
    assert sum(n for _level, n in star_counts(campaign.id)) == 1
    assert analysis(ADMIN, campaign.id).verified == 1
    report = verify_chain()
    assert report.ok, [str(f) for f in report.failures]
    # The school's history says 未参评, when and why (one school's lines and the campaign's, by two queries).
    [line] = school_rounds(ADMIN, "S002")
    assert (line.outcome, line.outcome_label, line.level_name, line.reason) == ("withdrawn", "未参评", "", REASON)
    assert line.date.startswith("2022-11-02")
    lines = {ln.school_code: ln for ln in campaign_rounds(ADMIN, int(campaign.id))}
    assert (lines["S004"].outcome, lines["S004"].reason) == ("withdrawn", REASON) and lines["S004"].date
    assert lines["S001"].outcome == "initial"
    # The notice: one school verified and rated; the three that did not take part are neither counted nor 未达星级.
    notice = _text(run_export(ADMIN, "notice", tmp_path / "notice.docx", round_year=2022))
    assert "对第1小学的建设" in notice and "共评定1所学校" in notice, notice
    for name in ("第2小学", "第3小学", "第4小学"):
        assert name not in notice, notice
    assert "未达星级" not in notice, notice
    opened = open_round(ADMIN, 2023, all_settled=True)
    assert opened.chosen == 1  # --all: the certified school; one that did not take part has no level to review


def test_withdraw_needs_the_reason_an_admin_and_an_unverified_school(db: str) -> None:
    campaign = setup_campaign(schools=4)
    ids = _year(campaign)
    with pytest.raises(InvalidInput) as no_reason:
        fire(ADMIN, ids["S002"], "withdraw", reason="  ")
    assert no_reason.value.key == "err.reason_required"
    with pytest.raises(PermissionDenied):
        fire(EXPERT, ids["S004"], "withdraw", reason=REASON)
    with pytest.raises(PermissionDenied):
        fire(SCHOOL_B, ids["S002"], "withdraw", reason=REASON)  # its own school, all the same
    with pytest.raises(GuardFailed) as verified:
        fire(ADMIN, ids["S001"], "withdraw", reason=REASON)  # certified: settled by its rating
    assert verified.value.key == "err.event_state"
    assert assessment(campaign, "S002").state == "enrolled"
    assert not AuditEvent.select().where(AuditEvent.action == "event.withdraw").exists()


def test_withdraw_waits_for_self_evaluation(db: str) -> None:
    campaign = setup_campaign(schools=2)
    with pytest.raises(GuardFailed) as early:
        fire(ADMIN, assessment(campaign, "S002").id, "withdraw", reason=REASON)
    assert early.value.key == "err.event_phase"


def test_a_school_in_an_upward_review_is_not_withdrawn_there(db: str) -> None:
    """A county's recommendation taken into the province's review (verifying, entry ``upward``) is settled by the
    province's decision, written back to the county: 未参评 is only for a school enrolled in the initial rating."""
    from tests.workflow.helpers import JIYUAN_WINDOWS
    from tests.workflow.region_fixture import ROOT, build_province
    from tests.workflow.test_upward_review import SCHOOL, _advance, _aid, _county_recommends
    from workflow.doors.campaigns import create_campaign
    from workflow.doors.upward import pull_recommended
    from workflow.doors.users import actor_for, add_user

    province = build_province()
    add_user(ROOT, "admin-41", "admin", region_code="41")
    top = actor_for("admin-41")
    _county_recommends(province.admin("410102"))
    clock.pin(at("2022-11-10"))
    review = create_campaign(top, year=2022, region="", title="河南省2022智慧校园四星级认定", rubric="ningxia-2022",
                             windows=dict(JIYUAN_WINDOWS))
    pull_recommended(top, 2022, campaign_id=review.id)
    _advance(top, review.id, "verification")
    with pytest.raises(GuardFailed) as refused:
        fire(top, _aid(review.id, SCHOOL), "withdraw", reason=REASON)
    assert refused.value.key == "err.initial_rating_only" and "初评" in str(refused.value)
