"""A campaign's round lines (the workbook's 历年记录, workflow/reads/history.py) read the log's settling
and correction rows through migration 17's partial index, not by scanning the whole log (5 M rows at
100,000 schools), and read the same rows as the plain condition did: on SQLite and PostgreSQL, with
corrections, settling rows, and rows that only look like them (another case, another campaign)."""

from __future__ import annotations

import peewee as pw

from models.db import database
from models.migrations import SETTLING_ACTIONS, settling_condition
from models.schema import AuditEvent, Campaign
from tests.demo_copy import load_demo
from workflow.permissions import Actor
from workflow.reads import history
from workflow.reads.history import campaign_rounds

ADMIN = Actor("demo-admin", "admin")


def _plain(campaign_id: int) -> history._Settled:
    """The rows as the round lines read them before the index: peewee's own condition."""
    return history._settled(
        AuditEvent.select(AuditEvent.assessment_id, AuditEvent.action, AuditEvent.at, AuditEvent.reason)
        .where((AuditEvent.campaign_id == campaign_id)
               & (AuditEvent.action.in_(SETTLING_ACTIONS) | AuditEvent.action.startswith("correction.")))
        .order_by(AuditEvent.seq))


def _indexed(campaign_id: int) -> pw.ModelSelect:
    return (AuditEvent.select(AuditEvent.assessment_id, AuditEvent.action, AuditEvent.at, AuditEvent.reason)
            .where((AuditEvent.campaign_id == campaign_id) & pw.SQL(settling_condition(database.obj)))
            .order_by(AuditEvent.seq))


def _plan(query: pw.ModelSelect) -> str:
    sql, params = query.sql()
    if isinstance(database.obj, pw.PostgresqlDatabase):
        database.execute_sql("SET enable_seqscan = off")  # a demo-sized log: the planner would scan it anyway
        try:
            return "\n".join(r[0] for r in database.execute_sql("EXPLAIN " + sql, params))
        finally:
            database.execute_sql("SET enable_seqscan = on")
    return "\n".join(str(r[-1]) for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))


def test_the_round_lines_read_the_settling_rows_by_index_and_the_same_rows(db: str) -> None:
    campaign = Campaign.get_by_id(load_demo(review=True))
    assert "audit_event_settling" in _plan(_indexed(campaign.id))
    settling, corrections = _plain(campaign.id)
    assert settling  # the demo settles schools
    # Rows the condition must keep apart: a correction (counted), one only cased like one, and a
    # settling row of another campaign (neither counted).
    aid = next(iter(settling))
    fake = "0" * 64
    for n, (action, campaign_id) in enumerate((("correction.score", campaign.id), ("CORRECTION.score", campaign.id),
                                               ("event.certify", campaign.id + 100))):
        AuditEvent.insert(seq=10_000_000 + n, at="2024-01-01T00:00:00+08:00", actor="t",
                          action=action, campaign_id=campaign_id, assessment_id=aid, school_code="x",
                          from_state="", to_state="", reason="", payload="{}", prev_hash=fake, hash=fake,
                          seal="").execute()
    assert history._settled(_indexed(campaign.id)) == _plain(campaign.id)
    assert _plain(campaign.id)[1].get(aid, 0) == corrections.get(aid, 0) + 1
    lines = campaign_rounds(ADMIN, campaign.id, "zh")
    assert [line.corrections for line in lines if line.assessment_id == aid] == [corrections.get(aid, 0) + 1]
