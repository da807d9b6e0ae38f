"""The notice's opening names the schools the experts verified, not every school enrolled."""

from __future__ import annotations

from decimal import Decimal

from exports.gather import notice_input
from rubrics.loader import builtin_rubric
from tests.workflow.helpers import ADMIN, EXPERT, advance_to, assessment, at, setup_campaign
from workflow import clock
from workflow.doors.demo import spread
from workflow.doors.scores import set_score, set_scores
from workflow.statemachine.events import fire

HENAN = builtin_rubric("henan-v2")


def _verify(campaign, codes: list[str], partly: list[str] = []) -> None:  # type: ignore[no-untyped-def]  # noqa: B006
    for code in ["S001", "S002", "S003"]:
        a = assessment(campaign, code)
        fire(ADMIN, a.id, "start_self_evaluation")
        set_scores(ADMIN, a.id, spread(HENAN, Decimal("110")), kind="self")
    campaign = advance_to(campaign, "self_evaluation")
    for code in ["S001", "S002", "S003"]:
        fire(ADMIN, assessment(campaign, code).id, "submit_self_evaluation")
    campaign = advance_to(campaign, "verification")
    clock.pin(at("2022-10-20"))
    for code in codes:
        a = assessment(campaign, code)
        fire(EXPERT, a.id, "start_verification")
        set_scores(EXPERT, a.id, spread(HENAN, Decimal("110")), kind="verified")
        fire(EXPERT, a.id, "finish_verification")
    for code in partly:  # verification begun, one leaf saved: not yet a school verified
        a = assessment(campaign, code)
        fire(EXPERT, a.id, "start_verification")
        set_score(EXPERT, a.id, "A1.1", "4", kind="verified")


def test_one_verified_school_of_three_is_named_alone(db: str) -> None:
    campaign = setup_campaign(schools=3)
    _verify(campaign, ["S002"])
    basis = notice_input(campaign).basis
    assert "对第2小学的建设与应用情况进行了评估核定" in basis, basis
    assert "3所" not in basis and "第1小学" not in basis


def test_two_verified_of_three_are_counted_two(db: str) -> None:
    campaign = setup_campaign(schools=3)
    _verify(campaign, ["S001", "S003"])
    basis = notice_input(campaign).basis
    assert "对第1小学等2所学校的建设与应用情况" in basis, basis


def test_a_saved_basis_with_the_old_placeholders_still_fills(db: str) -> None:
    from workflow.doors.notice_texts import set_notice_text

    campaign = setup_campaign(schools=3)
    _verify(campaign, ["S001", "S003"])
    set_notice_text(ADMIN, campaign.id, "basis", "对{first_school}等{count}所学校进行了核定。")
    assert notice_input(campaign).basis == "对第1小学等2所学校进行了核定。"


def test_a_school_partly_verified_is_not_counted(db: str) -> None:
    campaign = setup_campaign(schools=3)
    _verify(campaign, ["S001"], partly=["S002"])
    basis = notice_input(campaign).basis
    assert "对第1小学的建设与应用情况" in basis, basis


def test_the_notice_and_the_declaration_agree_on_what_is_verified() -> None:
    from exports.notice_defaults import VERIFIED_STATES
    from workflow.statemachine.declaration import STATES
    from workflow.statemachine.declaration import VERIFIED_STATES as DECLARED

    assert VERIFIED_STATES == set(DECLARED) and set(DECLARED) <= {s["name"] for s in STATES}
