"""`audit verify` names a row's action in the words the audit log view uses (录入核定分, 任务分解到人), not by
its stored name (score.verified, responsibility.add): a row of a hash break, and a door's row that read back an
SQL edit (trial, words2). On the demo, SQLite and PostgreSQL, in Chinese and English."""

from __future__ import annotations

import json

from models.db import database
from tests.demo_copy import load_demo
from tests.security.sql_edit import one, sql, unguard_audit_log
from workflow.audit import verify_chain
from workflow.doors.demo import ADMIN
from workflow.doors.records import add_responsibility


def _failures(lang: str) -> str:
    report = verify_chain()
    assert not report.ok
    return "\n".join(line for line in report.details(lang).splitlines() if line.lstrip().startswith("✗"))


def test_an_altered_score_row_is_named_by_its_action_words(db: str) -> None:
    load_demo(review=True)
    unguard_audit_log()
    rid, payload = database.execute_sql(
        "SELECT id, payload FROM audit_event WHERE action = 'score.verified' ORDER BY seq LIMIT 1").fetchone()
    facts = json.loads(payload)
    facts["note"] = "改过"
    sql("UPDATE audit_event SET payload = ? WHERE id = ?", json.dumps(facts, ensure_ascii=False), rid)
    zh, en = _failures("zh"), _failures("en")
    assert "，录入核定分）内容与其哈希不符" in zh, zh
    assert ", verified scores entered)" in en, en
    assert "score.verified" not in zh + en


def test_a_laundering_row_is_named_by_its_action_words(db: str) -> None:
    load_demo(review=True)
    aid = one("SELECT a.id FROM assessment a JOIN campaign_round r ON r.id = a.round_id ORDER BY r.year DESC, a.id LIMIT 1")
    sql("UPDATE assessment SET self_total = ? WHERE id = ?", "12.5", aid)
    add_responsibility(ADMIN, aid, "副校长", duty="组员")
    zh, en = _failures("zh"), _failures("en")
    assert "（任务分解到人）读回的值为" in zh, zh
    assert "(responsibility assigned)" in en, en
    assert "responsibility.add" not in zh + en
