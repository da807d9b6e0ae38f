"""Two people editing the same narrative, problem or notice text: the second, holding what they
read before the first saved, is refused with who saved and when, and nothing of theirs is written."""

from __future__ import annotations

import pytest

from models.schema import AuditEvent, Narrative, NoticeText, Problem
from tests.workflow.helpers import ADMIN, EXPERT, SCHOOL_A, assessment, at, setup_campaign
from workflow import clock
from workflow.doors.notice_texts import set_notice_text, set_notice_texts
from workflow.doors.records import add_problem, set_narrative, set_problem_status
from workflow.doors.users import add_user
from workflow.errors import ConflictError
from workflow.i18n import set_language
from workflow.permissions import Actor

FIRST_SAVE = at("2022-09-20", 10)


def test_a_stale_narrative_save_is_refused_naming_who_saved(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    # Both open the school's achievements paragraph: nobody has written it yet (version 0).
    seen_by_expert = seen_by_school = 0
    clock.pin(FIRST_SAVE)
    assert set_narrative(EXPERT, aid, "achievement", "专家写的成效", expected_version=seen_by_expert) == 1
    chain = AuditEvent.select().count()
    clock.pin(at("2022-09-20", 11))
    with pytest.raises(ConflictError) as refused:
        set_narrative(SCHOOL_A, aid, "achievement", "学校写的成效", expected_version=seen_by_school)
    message = str(refused.value)
    assert "保存被拒绝" in message and EXPERT.name in message and clock.stamp(FIRST_SAVE) in message
    assert "取得的成效" in message
    assert Narrative.get((Narrative.assessment == aid) & (Narrative.kind == "achievement")).text == "专家写的成效"
    assert AuditEvent.select().count() == chain
    # Reloaded, the school sees version 1 and its save goes through.
    assert set_narrative(SCHOOL_A, aid, "achievement", "学校写的成效", expected_version=1) == 2
    stored = Narrative.get((Narrative.assessment == aid) & (Narrative.kind == "achievement"))
    assert (stored.text, stored.updated_by) == ("学校写的成效", SCHOOL_A.name)


def test_narrative_kinds_are_versioned_apart_and_none_keeps_last_writer_wins(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    assert set_narrative(EXPERT, aid, "achievement", "成效") == 1
    # The other paragraph of the same school is its own record: still version 0.
    assert set_narrative(SCHOOL_A, aid, "problem", "问题", expected_version=0) == 1
    with pytest.raises(ConflictError, match="存在的问题"):
        set_narrative(EXPERT, aid, "problem", "问题二", expected_version=0)
    assert set_narrative(EXPERT, aid, "problem", "问题三") == 2  # callers that pass no version: as before


def test_a_stale_problem_status_change_is_refused_naming_who_changed_it(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    problem = add_problem(SCHOOL_A, aid, "机房未建")
    assert problem.version == 1
    clock.pin(FIRST_SAVE)
    assert set_problem_status(EXPERT, problem.id, "rectifying", expected_version=problem.version) == 2
    chain = AuditEvent.select().count()
    with pytest.raises(ConflictError) as refused:
        set_problem_status(SCHOOL_A, problem.id, "closed", expected_version=problem.version)
    message = str(refused.value)
    assert EXPERT.name in message and clock.stamp(FIRST_SAVE) in message and f"#{problem.id}" in message
    stored = Problem.get_by_id(problem.id)
    assert (stored.status, stored.version, stored.updated_by) == ("rectifying", 2, EXPERT.name)
    assert AuditEvent.select().count() == chain


def test_a_stale_notice_text_save_is_refused_and_saves_none_of_the_batch(db: str) -> None:
    campaign = setup_campaign()
    add_user(ADMIN, "admin2", "admin")
    other = Actor("admin2", "admin")
    clock.pin(FIRST_SAVE)
    assert set_notice_text(ADMIN, campaign.id, "title", "济源通报", expected_version=0) == 1
    chain = AuditEvent.select().count()
    with pytest.raises(ConflictError) as refused:
        set_notice_texts(other, campaign.id, {"basis": "依据", "title": "另一个标题"},
                         expected_versions={"basis": 0, "title": 0})
    message = str(refused.value)
    assert ADMIN.name in message and clock.stamp(FIRST_SAVE) in message and "通报文稿“通报标题”" in message
    texts = {n.key: n.text for n in NoticeText.select().where(NoticeText.campaign == campaign.id)}
    assert texts == {"title": "济源通报"}  # the basis, though not stale itself, waits with the batch
    assert AuditEvent.select().count() == chain
    assert set_notice_texts(other, campaign.id, {"basis": "依据", "title": "另一个标题"},
                            expected_versions={"basis": 0, "title": 1}) == {"basis": 1, "title": 2}


def test_the_refusal_reads_in_english(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    set_narrative(EXPERT, aid, "achievement", "成效")
    set_language("en")
    try:
        with pytest.raises(ConflictError) as refused:
            set_narrative(SCHOOL_A, aid, "achievement", "x", expected_version=0)
        assert str(refused.value).startswith(f"Save refused: {EXPERT.name} changed this school's achievements at ")
    finally:
        set_language("zh")
