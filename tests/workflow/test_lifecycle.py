"""A school's way from enrolment to certification, and back again in later years."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.schema import Assessment, AuditEvent, Score
from rubrics.loader import builtin_rubric
from tests.workflow.helpers import (
    ADMIN,
    EXPERT,
    SCHOOL_A,
    SCHOOL_B,
    advance_to,
    assessment,
    at,
    setup_campaign,
)
from workflow import clock
from workflow.doors.demo import spread
from workflow.doors.records import raise_objection, resolve_objection
from workflow.doors.scores import set_score, set_scores
from workflow.errors import ConflictError, GuardFailed, InvalidInput, PermissionDenied
from workflow.statemachine.events import fire, options

HENAN = builtin_rubric("henan-v2")


def _self_evaluate(campaign, code: str, total: str) -> Assessment:  # type: ignore[no-untyped-def]
    a = assessment(campaign, code)
    fire(ADMIN, a.id, "start_self_evaluation")
    set_scores(ADMIN, a.id, spread(HENAN, Decimal(total)), kind="self")
    return Assessment.get_by_id(a.id)


def _to_publicized(campaign, totals: dict[str, str]) -> dict[str, Assessment]:  # type: ignore[no-untyped-def]
    """Walk several schools together to publicity, the campaign phase moving once for all."""
    rows = {code: _self_evaluate(campaign, code, total) for code, total in totals.items()}
    campaign = advance_to(campaign, "self_evaluation")
    for a in rows.values():
        fire(ADMIN, a.id, "submit_self_evaluation")
    campaign = advance_to(campaign, "verification")
    clock.pin(at("2022-10-20"))
    for code, a in rows.items():
        fire(EXPERT, a.id, "start_verification")
        set_scores(EXPERT, a.id, spread(HENAN, Decimal(totals[code])), kind="verified")
        fire(EXPERT, a.id, "finish_verification")
        fire(ADMIN, a.id, "publicize")
    return {code: Assessment.get_by_id(a.id) for code, a in rows.items()}


def test_submit_refused_while_a_leaf_is_unscored(db: str) -> None:
    campaign = setup_campaign()
    a = assessment(campaign, "S001")
    fire(SCHOOL_A, a.id, "start_self_evaluation")
    advance_to(campaign, "self_evaluation")
    set_score(SCHOOL_A, a.id, "A1.1", "4")
    with pytest.raises(GuardFailed) as refused:
        fire(SCHOOL_A, a.id, "submit_self_evaluation")
    assert "未评分" in str(refused.value) and "A1.2" in str(refused.value)
    assert Assessment.get_by_id(a.id).state == "self_evaluating"


def test_full_first_round_certifies_and_recommends(db: str) -> None:
    campaign = setup_campaign()
    rows = _to_publicized(campaign, {"S001": "105", "S002": "150", "S003": "89.5"})
    two_star, five_star, none = rows["S001"], rows["S002"], rows["S003"]
    assert (two_star.star_level, five_star.star_level, none.star_level) == (2, 5, None)
    with pytest.raises(GuardFailed, match="公示期未满"):
        fire(ADMIN, two_star.id, "certify")
    clock.pin(at("2022-10-26"))
    with pytest.raises(GuardFailed, match="不适用"):
        fire(ADMIN, five_star.id, "certify")
    assert fire(ADMIN, two_star.id, "certify").state == "certified"
    assert fire(ADMIN, five_star.id, "recommend_upward").state == "recommended"
    assert fire(ADMIN, none.id, "mark_not_rated").state == "not_rated"
    moves = [(e.from_state, e.to_state, e.actor) for e in
             AuditEvent.select().where(AuditEvent.assessment_id == two_star.id).order_by(AuditEvent.seq)
             if e.action.startswith("event.")]
    assert moves[-1] == ("publicized", "certified", "admin1")


def test_return_needs_a_reason_and_goes_back(db: str) -> None:
    campaign = setup_campaign()
    a = _self_evaluate(campaign, "S001", "100")
    advance_to(campaign, "self_evaluation")
    fire(ADMIN, a.id, "submit_self_evaluation")
    with pytest.raises(InvalidInput, match="理由"):
        fire(ADMIN, a.id, "return_to_school", reason="  ")
    back = fire(ADMIN, a.id, "return_to_school", reason="佐证材料缺页")
    assert back.state == "self_evaluating"
    event = AuditEvent.select().where(AuditEvent.action == "event.return_to_school").get()
    assert event.reason == "佐证材料缺页"


def test_upheld_objection_sends_the_school_back_to_verification(db: str) -> None:
    campaign = setup_campaign()
    a = _to_publicized(campaign, {"S001": "120"})["S001"]
    objection = raise_objection(ADMIN, a.id, raised_by="家长", text="机房并未建成")
    clock.pin(at("2022-10-30"))
    with pytest.raises(GuardFailed, match="异议"):
        fire(ADMIN, a.id, "certify")
    resolve_objection(ADMIN, objection.id, upheld=True, resolution="现场复查属实")
    assert Assessment.get_by_id(a.id).state == "verifying"


def test_school_user_only_touches_its_own_school(db: str) -> None:
    campaign = setup_campaign()
    other = assessment(campaign, "S001")
    with pytest.raises(PermissionDenied, match="本校"):
        fire(SCHOOL_B, other.id, "start_self_evaluation")
    with pytest.raises(PermissionDenied):
        set_score(SCHOOL_B, other.id, "A1.1", "4")
    assert Score.select().count() == 0


def test_bad_scores_are_refused_and_nothing_is_written(db: str) -> None:
    campaign = setup_campaign()
    a = assessment(campaign, "S001")
    fire(SCHOOL_A, a.id, "start_self_evaluation")
    for bad in ["80分", "NaN", "1e3", "-1", "", "  ", "4.3", "5"]:  # A1.1 is worth 4
        with pytest.raises(InvalidInput) as refused:
            set_score(SCHOOL_A, a.id, "A1.1", bad)
        assert "A1.1" in str(refused.value)
    with pytest.raises(InvalidInput, match="Z9"):
        set_score(SCHOOL_A, a.id, "Z9", "1")
    # One bad value in a batch writes none of the batch.
    with pytest.raises(InvalidInput):
        set_scores(SCHOOL_A, a.id, {"A1.1": "4", "A1.2": "９"})
    assert Score.select().count() == 0
    saved = set_score(SCHOOL_A, a.id, "A1.1", "３.５")
    assert saved.self_total == Decimal("3.5")


def test_concurrent_edit_is_refused_with_who_and_when(db: str) -> None:
    campaign = setup_campaign()
    a = assessment(campaign, "S001")
    fire(SCHOOL_A, a.id, "start_self_evaluation")
    loaded_version = Assessment.get_by_id(a.id).version
    clock.pin(at("2022-09-20", 14))
    set_score(ADMIN, a.id, "A1.1", "4", expected_version=loaded_version)
    with pytest.raises(ConflictError) as refused:
        set_score(SCHOOL_A, a.id, "A1.1", "2", expected_version=loaded_version)
    assert "admin1" in str(refused.value) and "2022-09-20T14:00:00" in str(refused.value)
    assert Score.get().value == Decimal("4")


def test_options_list_refusals_with_reasons(db: str) -> None:
    campaign = setup_campaign()
    a = assessment(campaign, "S001")
    fire(ADMIN, a.id, "start_self_evaluation")
    listed = {o.trigger: o for o in options(SCHOOL_A, a.id)}
    assert set(listed) == {"start_rectification", "submit_self_evaluation", "withdraw"}
    assert not listed["start_rectification"].allowed and not listed["withdraw"].allowed  # an admin's
    assert "自评整改" in listed["start_rectification"].reason


def test_refusals_read_in_english_too(db: str) -> None:
    from workflow.i18n import set_language

    campaign = setup_campaign()
    a = assessment(campaign, "S001")
    set_language("en")
    try:
        with pytest.raises(GuardFailed) as refused:
            fire(ADMIN, a.id, "submit_self_evaluation")
        assert "cannot happen in state" in str(refused.value)
    finally:
        set_language("zh")


def test_school_user_reads_only_its_own_school(db: str) -> None:
    from workflow.reads.queries import count_rows, detail, school_rows, scope_of

    campaign = setup_campaign()
    own, other = assessment(campaign, "S001"), assessment(campaign, "S002")
    scope = scope_of(SCHOOL_A)
    assert [r.code for r in school_rows(campaign.id, scope=scope)] == ["S001"]
    assert count_rows(campaign.id, scope=scope) == 1 and count_rows(campaign.id, scope=scope_of(ADMIN)) == 3
    assert detail(own.id, SCHOOL_A).school.code == "S001"
    with pytest.raises(PermissionDenied, match="本校"):
        detail(other.id, SCHOOL_A)
