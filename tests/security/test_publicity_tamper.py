"""A school's publicity start (公示开始时间, ``assessment.publicized_at``) moved back in the database
(officer/attacker trial, session 8: certify then skipped the 5-day wait, and `audit verify` said intact).
The start is a fact of the publicize row: verify names the school and the field, an honest write after the
edit does not vouch for it, and certify counts the wait from the start the log vouches for, whatever the
column says. On SQLite (a real file) and PostgreSQL; the honest path still verifies and certifies."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from models.db import database
from models.schema import Assessment, AuditEvent
from rubrics.loader import builtin_rubric
from tests.security.sql_edit import sql, unguard_audit_log
from tests.workflow.helpers import ADMIN, EXPERT, advance_to, assessment, at, setup_campaign
from workflow import audit_facts, clock
from workflow.audit import FIELDS, create_key, row_hash, verify_chain
from workflow.doors.demo import spread
from workflow.doors.records import add_problem
from workflow.doors.scores import set_scores
from workflow.errors import GuardFailed
from workflow.statemachine.events import fire

HENAN = builtin_rubric("henan-v2")
CODE = "S001"
BACKDATED = "2022-10-01T09:00:00+08:00"  # 19 days before the publicity began: "elapsed" by the column


def _publicized() -> int:
    """S001 verified at 105 (two stars, the county's own to certify) and publicized on 2022-10-20."""
    campaign = setup_campaign()
    aid = int(assessment(campaign, CODE).id)
    fire(ADMIN, aid, "start_self_evaluation")
    set_scores(ADMIN, aid, spread(HENAN, Decimal("105")), kind="self")
    advance_to(campaign, "self_evaluation")
    fire(ADMIN, aid, "submit_self_evaluation")
    advance_to(campaign, "verification")
    clock.pin(at("2022-10-20"))
    fire(EXPERT, aid, "start_verification")
    set_scores(EXPERT, aid, spread(HENAN, Decimal("105")), kind="verified")
    fire(EXPERT, aid, "finish_verification")
    fire(ADMIN, aid, "publicize")
    return aid


def _set_start(aid: int, value: str | None) -> None:
    database.execute_sql(f"UPDATE assessment SET publicized_at = {database.obj.param} WHERE id = {database.obj.param}",
                         (value, aid))


def test_a_backdated_start_is_named_by_verify(db: str) -> None:
    aid = _publicized()
    assert verify_chain().ok
    _set_start(aid, BACKDATED)
    report = verify_chain()
    assert not report.ok
    text = report.details("zh")
    assert CODE in text and "公示开始时间" in text and BACKDATED in text, text
    assert "publicity start" in report.details("en")


def test_an_honest_write_after_the_edit_does_not_vouch_for_it(db: str) -> None:
    aid = _publicized()
    _set_start(aid, BACKDATED)
    add_problem(ADMIN, aid, "网络中心机房未配备不间断电源")  # reads the school's facts back
    text = verify_chain().details("zh")
    assert CODE in text and "公示开始时间" in text and "读回的值为" + BACKDATED in text, text


@pytest.mark.parametrize("value", [BACKDATED, None], ids=["backdated", "emptied"])
def test_certify_counts_the_wait_from_the_logged_start(db: str, value: str | None) -> None:
    aid = _publicized()
    clock.pin(at("2022-10-22"))
    _set_start(aid, value)
    with pytest.raises(GuardFailed) as refused:
        fire(ADMIN, aid, "certify")
    said = str(refused.value)
    assert "公示期未满" in said and "2022-10-20" in said and "2022-10-25" in said, said
    assert Assessment.get_by_id(aid).state == "publicized"


def test_the_honest_path_verifies_and_certifies_after_the_wait(db: str) -> None:
    aid = _publicized()
    clock.pin(at("2022-10-24"))
    with pytest.raises(GuardFailed, match="公示期未满"):
        fire(ADMIN, aid, "certify")
    clock.pin(at("2022-10-25"))
    assert fire(ADMIN, aid, "certify").state == "certified"
    report = verify_chain()
    assert report.ok, report.details("zh")


def test_a_log_written_before_the_start_was_a_fact_still_verifies_and_still_holds_certify(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows from before the field was kept carry no start: verify compares it from the first row that does,
    and certify takes the publicize row's own time."""
    entry = audit_facts._assessment_entry

    def older(*args: object) -> dict[str, object]:
        made = entry(*args)  # type: ignore[arg-type]
        made.pop("publicized_at")
        return made

    monkeypatch.setattr(audit_facts, "_assessment_entry", older)
    aid = _publicized()
    monkeypatch.undo()
    assert verify_chain().ok
    clock.pin(at("2022-10-22"))
    _set_start(aid, BACKDATED)
    with pytest.raises(GuardFailed, match="公示期未满"):
        fire(ADMIN, aid, "certify")
    clock.pin(at("2022-10-25"))
    _set_start(aid, "2022-10-20T09:00:00+08:00")
    assert fire(ADMIN, aid, "certify").state == "certified"
    assert verify_chain().ok



def test_a_state_set_to_publicized_by_sql_is_not_certified(db: str) -> None:
    """No publicize row at all (S002's state put there with SQL, its start empty): the wait cannot be
    counted from anything the log vouches for, so it is not certified."""
    _publicized()
    other = int(database.execute_sql("SELECT a.id FROM assessment a JOIN school s ON s.id = a.school_id "
                                     "WHERE s.code = 'S002'").fetchone()[0])
    database.execute_sql(f"UPDATE assessment SET state = 'publicized', star_level = 2 WHERE id = {database.obj.param}",
                         (other,))
    clock.pin(at("2022-10-30"))
    with pytest.raises(GuardFailed) as refused:
        fire(ADMIN, other, "certify")
    assert refused.value.key == "err.publicity_unlogged"
    assert "S002" in str(refused.value) and "audit verify" in str(refused.value)
    assert Assessment.get_by_id(other).state == "publicized"


def test_a_rebuilt_publicize_row_is_not_trusted_under_a_seal_key(db: str, monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    """A forger without the key rewrites the publicize row's start and rehashes the chain after it: its seal
    no longer matches, so certify does not count from it. The honest keyed path certifies."""
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    create_key()
    aid = _publicized()
    clock.pin(at("2022-10-22"))
    unguard_audit_log()
    row = AuditEvent.select().where((AuditEvent.assessment_id == aid)
                                    & (AuditEvent.action == "event.publicize")).get()
    previous = row.prev_hash
    for later in AuditEvent.select().where(AuditEvent.seq >= row.seq).order_by(AuditEvent.seq):
        values = {f: getattr(later, f) for f in FIELDS}
        values["prev_hash"] = previous
        if later.seq == row.seq:
            values["at"] = BACKDATED
            values["payload"] = later.payload.replace("2022-10-20T09:00:00+08:00", BACKDATED)
        digest = row_hash(values)
        AuditEvent.update(at=values["at"], payload=values["payload"], prev_hash=previous, hash=digest).where(
            AuditEvent.id == later.id).execute()
        previous = digest
    _set_start(aid, BACKDATED)
    with pytest.raises(GuardFailed) as refused:
        fire(ADMIN, aid, "certify")
    assert refused.value.key == "err.publicity_unvouched" and CODE in str(refused.value), str(refused.value)


def test_the_honest_path_under_a_seal_key(db: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    create_key()
    aid = _publicized()
    clock.pin(at("2022-10-25"))
    assert fire(ADMIN, aid, "certify").state == "certified"
    report = verify_chain()
    assert report.ok and report.sealed == report.rows, report.details("zh")


@pytest.mark.parametrize("how", ["renamed", "deleted"])
def test_a_second_publicity_is_not_undone_by_removing_its_row(db: str, how: str) -> None:
    """Publicized on 10-20, an objection upheld, publicized again on 10-23 (trial, session 9): with the newest
    publicize row renamed or deleted, the older row's 10-20 start must not count: certify on 10-26 is refused."""
    from workflow.doors.records import raise_objection, resolve_objection

    aid = _publicized()
    objection = raise_objection(ADMIN, aid, raised_by="家长", text="核定分数偏高")
    resolve_objection(ADMIN, objection.id, upheld=True, resolution="重新核定")
    clock.pin(at("2022-10-23"))
    set_scores(EXPERT, aid, spread(HENAN, Decimal("105")), kind="verified")
    fire(EXPERT, aid, "finish_verification")
    fire(ADMIN, aid, "publicize")
    clock.pin(at("2022-10-26"))
    with pytest.raises(GuardFailed, match="公示期未满"):
        fire(ADMIN, aid, "certify")
    newest = AuditEvent.select().where((AuditEvent.assessment_id == aid) & (AuditEvent.action == "event.publicize")
                                       ).order_by(AuditEvent.seq.desc()).get()
    unguard_audit_log()
    if how == "renamed":
        AuditEvent.update(action="event.finish_verification").where(AuditEvent.id == newest.id).execute()
    else:
        AuditEvent.delete().where(AuditEvent.id == newest.id).execute()
    _set_start(aid, "2022-10-20T09:00:00+08:00")
    with pytest.raises(GuardFailed) as refused:
        fire(ADMIN, aid, "certify")
    assert refused.value.key in {"err.publicity_unvouched", "err.publicity_unlogged"}, str(refused.value)
    assert CODE in str(refused.value)
    assert Assessment.get_by_id(aid).state == "publicized"


def test_an_edited_publicize_row_is_named_with_its_school_and_the_fact(db: str) -> None:
    """S001, verified and publicized on 10-20; its publicize row's start edited in the log itself (no rehash):
    verify names the row as other tamper findings name what they find, the school by code and name, what the
    row records (公示) and the fact edited, not by its seq alone. In Chinese and English."""
    aid = _publicized()
    assert verify_chain().ok
    unguard_audit_log()
    row = AuditEvent.select().where((AuditEvent.assessment_id == aid)
                                    & (AuditEvent.action == "event.publicize")).get()
    AuditEvent.update(payload=row.payload.replace("2022-10-20T09:00:00+08:00", BACKDATED)).where(
        AuditEvent.id == row.id).execute()
    report = verify_chain()
    assert not report.ok
    zh, en = report.failures[0].message("zh"), report.failures[0].message("en")
    assert zh.startswith(f"序号{row.seq}的记录（学校S001 第1小学 2022年，公示）内容与其哈希不符"), zh
    assert f"公示开始时间（该记录现为{BACKDATED}，库中为2022-10-20T09:00:00+08:00）" in zh, zh
    assert en.startswith(f"Row seq {row.seq} (school S001 第1小学 (2022), Publicize): its content does not match"), en
    assert f"publicity start (the row now says {BACKDATED}; the database holds 2022-10-20T09:00:00+08:00)" in en, en


def test_a_start_emptied_for_a_moment_does_not_reopen_the_publicity_length(db: str) -> None:
    """The length is fixed once a school is publicized (the published list names it). With every start
    emptied by SQL the door read "nobody publicized" and took a 1-day length; the start put back, verify
    said intact, and certify counted one day from the logged start. The door asks the log too."""
    from workflow.doors.campaigns import set_publicity_days

    aid = _publicized()
    campaign = int(Assessment.get_by_id(aid).campaign_id)
    days = int(database.execute_sql(f"SELECT publicity_days FROM campaign WHERE id = {database.obj.param}",
                                    (campaign,)).fetchone()[0])
    _set_start(aid, None)
    with pytest.raises(GuardFailed) as refused:
        set_publicity_days(ADMIN, campaign, 1)
    assert refused.value.key == "err.publicity_days_started"
    assert "2022-10-20" in str(refused.value), str(refused.value)  # the start the log holds
    _set_start(aid, "2022-10-20T09:00:00+08:00")
    assert verify_chain().ok
    clock.pin(at("2022-10-22"))
    with pytest.raises(GuardFailed, match="公示期未满"):
        fire(ADMIN, aid, "certify")
    assert int(database.execute_sql(f"SELECT publicity_days FROM campaign WHERE id = {database.obj.param}",
                                    (campaign,)).fetchone()[0]) == days


def test_the_publicize_index_holds_every_row_that_starts_publicity() -> None:
    from models.migrations import PUBLICIZE_ACTION
    from workflow.publicity_log import PUBLICIZE_ACTIONS

    assert PUBLICIZE_ACTIONS == (PUBLICIZE_ACTION,)  # migration 15's partial index names this action only


def test_a_length_changed_while_the_start_was_hidden_from_the_door_is_named_by_verify(db: str) -> None:
    """Officer/attacker trial, session 10: the publicize rows' campaign and the start emptied by SQL, the door
    took a new length, everything put back as it was: verify said intact. The length changed after a
    publicize row, which the door never writes, is named."""
    from workflow.doors.campaigns import set_publicity_days

    aid = _publicized()
    campaign = int(Assessment.get_by_id(aid).campaign_id)
    unguard_audit_log()
    sql("UPDATE audit_event SET campaign_id = NULL WHERE action = 'event.publicize'")
    _set_start(aid, None)
    set_publicity_days(ADMIN, campaign, 1)
    sql("UPDATE audit_event SET campaign_id = ? WHERE action = 'event.publicize'", campaign)
    _set_start(aid, "2022-10-20T09:00:00+08:00")
    report = verify_chain()
    zh, en = report.details("zh"), report.details("en")
    assert not report.ok
    assert f"评定{campaign}" in zh and "改了公示天数" in zh and "已开始公示" in zh, zh
    assert "changed the publicity length after its publicity began" in en, en
