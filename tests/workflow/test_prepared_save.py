"""The score save's hot path runs prepared SQL and writes its facts from the row in hand:
what it stores and records must be exactly what the general path would have."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from models.db import close_database, open_database
from models.prepared import Prepared
from models.schema import Assessment, AuditEvent, Score, User
from tests.workflow.helpers import ADMIN, SCHOOL_A, assessment, setup_campaign
from workflow.audit_facts import assessment_facts
from workflow.audit_verify import run_checks
from workflow.doors.campaigns import advance_campaign
from workflow.doors.sheet_entry import save_leaf
from workflow.errors import ConflictError
from workflow.statemachine.events import fire


def _self_evaluating():
    campaign = setup_campaign("henan-v2")
    advance_campaign(ADMIN, campaign.id)
    row = assessment(campaign, "S001")
    fire(ADMIN, row.id, "start_self_evaluation")
    return campaign, row


def test_a_save_records_the_facts_the_database_then_holds(db: str) -> None:
    campaign, row = _self_evaluating()
    first = save_leaf(SCHOOL_A, row.id, "A1.1", "2.5", kind="self", expected_version=None)
    second = save_leaf(SCHOOL_A, row.id, "A1.2", "1", kind="self", expected_version=first.version)
    assert second.total == Decimal("3.5")
    stored = Assessment.get_by_id(row.id)
    assert (stored.self_total, stored.version) == (Decimal("3.5"), second.version)
    assert Score.get((Score.assessment == row.id) & (Score.code == "A1.2")).value == Decimal("1")
    newest = AuditEvent.select().order_by(AuditEvent.seq.desc()).get()
    recorded = json.loads(newest.payload)["facts"]["a"][str(row.id)]
    assert recorded == assessment_facts([row.id])[str(row.id)]  # the row in hand, as the table holds it
    report = run_checks()[1]
    assert report.ok, report.findings  # and the replay agrees with every save


def test_a_stale_version_is_still_refused(db: str) -> None:
    _campaign, row = _self_evaluating()
    saved = save_leaf(SCHOOL_A, row.id, "A1.1", "2", kind="self", expected_version=None)
    with pytest.raises(ConflictError):
        save_leaf(SCHOOL_A, row.id, "A1.1", "1", kind="self", expected_version=saved.version - 1)
    assert Score.get((Score.assessment == row.id) & (Score.code == "A1.1")).value == Decimal("2")


def test_a_prepared_query_follows_the_database_it_runs_on(db: str, tmp_path) -> None:
    by_name: Prepared[User] = Prepared(lambda name: User.select().where(User.name == name), str)
    setup_campaign("henan-v2", schools=2)
    assert [u.role for u in by_name.rows("admin1")] == ["admin"]
    assert by_name.first("nobody") is None
    close_database()
    open_database(str(tmp_path / "other.sqlite3"))  # another database, where admin1 does not exist
    assert by_name.first("admin1") is None
    close_database()
    open_database(db)
    back = by_name.first("admin1")
    assert back is not None and back.role == "admin"


def test_a_placeholder_that_peewee_rewrites_is_refused(db: str) -> None:
    shape: Prepared[Score] = Prepared(lambda value: Score.select().where(Score.value == value + 1), int)
    with pytest.raises(ValueError, match="did not reach the SQL"):
        shape.first(3)


def test_the_scores_read_with_the_school_are_what_the_score_table_holds(db: str) -> None:
    """The save reads a school's scores of one kind as a JSON column of its joined read (one statement):
    each one's id, code, value (a Decimal, as the column gives it), evidence and carried mark, exactly."""
    from workflow.door import load_assessment_scores

    _campaign, row = _self_evaluating()
    assert load_assessment_scores(row.id, "self")[1] == []
    save_leaf(SCHOOL_A, row.id, "A1.1", "2.5", kind="self", expected_version=None, evidence='照片 "1" \\ \u2028 😀')
    save_leaf(SCHOOL_A, row.id, "A1.2", "0", kind="self", expected_version=None)
    save_leaf(SCHOOL_A, row.id, "A1.3", "3", kind="self", expected_version=None)
    Score.update(carried=True).where((Score.assessment == row.id) & (Score.code == "A1.3")).execute()
    loaded, scores = load_assessment_scores(row.id, "self")
    assert loaded.id == row.id and load_assessment_scores(row.id, "verified")[1] == []
    expected = [(s.id, s.code, s.value, s.evidence, s.carried) for s in Score.select().where(
        (Score.assessment == row.id) & (Score.kind == "self"))]
    assert sorted(tuple(s) for s in scores) == sorted(expected)
    assert all(type(s.value) is Decimal and type(s.carried) is bool for s in scores)
    assert {s.code: s.value for s in scores} == {"A1.1": Decimal("2.5"), "A1.2": Decimal("0"), "A1.3": Decimal("3")}
