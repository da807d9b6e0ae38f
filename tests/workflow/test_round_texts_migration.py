"""Migration 18 on a database whose notice texts were its campaign's (one row a key, the log reading them back
by campaign, facts "t"): texts set in 2023, the 2026 review opened, then the 文号, 成文日期 and basis set again
for 2026 over them. After the migration the frozen 2023 notice exports as it did before 2026's texts were set
(read back with python-docx), the open round keeps today's texts, and `audit verify` passes; an SQL edit of
the 2023 round's text after it is named. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import peewee as pw
import pytest

from models.db import database
from models.migrations import migrate
from models.schema import NoticeText, Round
from workflow import audit, clock
from workflow.audit import verify_chain
from workflow.doors import demo
from workflow.doors import rounds as round_doors
from workflow.doors.notice_texts import set_notice_texts
from workflow.permissions import Actor

ADMIN = Actor("demo-admin", "admin")
OLD_2023 = {"basis": "二〇二三年的依据", "document_number": "泾教督〔2023〕5号", "issue_date": "2023-09-07"}
NEW_2026 = {"basis": "二〇二六年的依据", "document_number": "泾教督〔2026〕9号", "issue_date": "2026-12-10"}


def _as_before_migration_18(monkeypatch: pytest.MonkeyPatch) -> None:
    """Write as the program did before migration 18: the log reads a campaign's texts back by campaign ("t"),
    a round opened copies nothing (the campaign's one set of texts served it) and logs no texts."""
    facts_for, append = audit.facts_for, audit.append

    def old_facts(action: str, campaign_id: int | None, assessment_id: int | None) -> dict[str, Any]:
        facts = facts_for(action, campaign_id, assessment_id)
        if "rt" in facts:
            facts["t"] = {str(campaign_id): next(iter(facts.pop("rt").values()), {})}
        return facts

    def old_append(**kwargs: Any) -> Any:
        payload = kwargs.get("payload")
        if isinstance(payload, dict) and isinstance(payload.get("facts"), dict):
            payload["facts"].pop("rt", None)
        return append(**kwargs)

    def shared(actor: Actor, campaign_id: int, source: Round | None, target_id: int) -> dict[str, str]:
        for row in NoticeText.select().where(NoticeText.round == source.id):  # the same texts go on serving
            NoticeText.create(campaign=campaign_id, round=target_id, key=row.key, text=row.text,
                              updated_by=row.updated_by, updated_at=row.updated_at, version=row.version)
        return {}

    monkeypatch.setattr(audit, "facts_for", old_facts)
    monkeypatch.setattr(audit, "append", old_append)
    monkeypatch.setattr(round_doors, "copy_round_texts", shared)


def _notice(campaign_id: int, year: int, target: Path) -> list[str]:
    from exports.gather import notice_input, round_of
    from exports.notice import write_notice
    from models.schema import Campaign

    campaign = Campaign.get_by_id(campaign_id)
    shown = Round.get((Round.campaign == campaign_id) & (Round.year == year))
    assert round_of(campaign, shown.id).kind == "initial"
    write_notice(notice_input(campaign, round_id=shown.id), target)
    return [p.text for p in docx.Document(str(target)).paragraphs if p.text.strip()]


def test_migration_20_gives_a_frozen_round_the_texts_it_exported(db: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _as_before_migration_18(monkeypatch)
    clock.pin(datetime(2023, 9, 1, 9))
    cid = demo.load_demo(review=False)
    clock.pin(datetime(2023, 9, 2, 9))
    set_notice_texts(ADMIN, cid, OLD_2023)
    before = _notice(cid, 2023, tmp_path / "before.docx")
    assert "泾教督〔2023〕5号" in before and "2023年9月7日" in before
    demo._review(cid, date(2026, 12, 1))
    clock.pin(datetime(2026, 12, 2, 9))
    set_notice_texts(ADMIN, cid, NEW_2026)
    clock.pin(None)
    monkeypatch.undo()
    conn = database.obj
    frozen, newest = (Round.get((Round.campaign == cid) & (Round.year == y)).id for y in (2023, 2026))
    # Back to the shape of a database before migration 18: one row a key, for the campaign.
    conn.execute_sql(f"DELETE FROM notice_text WHERE round_id = {frozen}")
    conn.execute_sql("DROP INDEX IF EXISTS notice_text_round_id_key")
    if isinstance(conn, pw.PostgresqlDatabase):
        conn.execute_sql("ALTER TABLE notice_text DROP COLUMN round_id")
    else:
        conn.execute_sql("UPDATE notice_text SET round_id = NULL")
    conn.execute_sql("CREATE UNIQUE INDEX notice_text_campaign_id_key ON notice_text (campaign_id, key)")
    conn.execute_sql("DELETE FROM schema_version WHERE version = 18")
    assert migrate(conn) == [18]

    assert _notice(cid, 2023, tmp_path / "after.docx") == before
    texts = {r.key: r.text for r in NoticeText.select().where(NoticeText.round == newest)}
    assert {k: texts[k] for k in NEW_2026} == NEW_2026
    assert verify_chain().ok, verify_chain().details("zh")
    conn.execute_sql(f"UPDATE notice_text SET text = 'x' WHERE round_id = {frozen} AND key = 'basis'")
    text = verify_chain().details("zh")
    assert "2023年轮次通报文稿“评估依据”" in text, text
