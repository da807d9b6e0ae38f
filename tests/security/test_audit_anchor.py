"""Anchors (issue 12): a document sent out carries the audit head it was made from, and
``audit verify --anchor`` says whether today's chain still holds it, with or without a key."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import openpyxl
import pytest

from models.db import database, is_postgres
from models.schema import AuditEvent
from tests.demo_copy import load_demo
from tests.security.test_audit_tamper import rebuild_from
from tui.export_jobs import run_export
from workflow.audit_anchor import read_anchor, verify_anchor
from workflow.audit_key import create_key
from workflow.doors.demo import ADMIN
from workflow.errors import InvalidInput


def _unlock() -> None:
    if is_postgres():
        database.execute_sql("ALTER TABLE audit_event DISABLE TRIGGER ALL")
    else:
        database.execute_sql("DROP TRIGGER audit_event_no_update")
        database.execute_sql("DROP TRIGGER audit_event_no_delete")


def _newest() -> tuple[int, str]:
    row = AuditEvent.select().order_by(AuditEvent.seq.desc()).get()
    return int(row.seq), str(row.hash)


@pytest.fixture
def keyed(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    if request.param:
        create_key()
    return bool(request.param)


@pytest.mark.parametrize("keyed", [False, True], ids=["unsealed", "sealed"], indirect=True)
def test_an_exported_notice_anchor_holds_until_the_record_before_it_changes(db: str, keyed: bool,
                                                                            tmp_path: Path) -> None:
    load_demo()
    seq, digest = _newest()
    notice = run_export(ADMIN, "notice", tmp_path / "通报.docx")
    document = docx.Document(str(notice))
    assert document.core_properties.keywords == f"starcampus-audit-head:{seq}:{digest}"
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    assert f"审计链 {seq}:{digest[:12]}" in footer and footer[0].startswith("—")  # the page number stays first
    anchor = read_anchor(str(notice))
    assert (anchor.seq, anchor.hash) == (seq, digest)
    held = verify_anchor(anchor)
    assert held.ok and "仍在今天的审计链中" in held.message("zh") and "still in today's chain" in held.message("en")
    # What a reader types from the footer says the same.
    assert verify_anchor(read_anchor(f"{seq}:{digest[:12]}")).ok

    _unlock()
    # Rows after the document's head are not what it was made from: removing them leaves it standing.
    AuditEvent.delete().where(AuditEvent.seq > seq).execute()
    assert verify_anchor(anchor).ok

    # Any change before the head breaks it: an edit left as it is ...
    victim = AuditEvent.get(AuditEvent.seq == seq // 2)
    AuditEvent.update(reason="backdated").where(AuditEvent.id == victim.id).execute()
    broken = verify_anchor(anchor)
    assert not broken.ok and broken.finding.key == "audit.anchor.broken_before"
    assert f"序号{seq // 2}" in broken.message("zh") and "broken before the anchor" in broken.message("en")
    # ... or with every public hash after it recomputed, which a chain without a key cannot show.
    rebuild_from(seq // 2, reason=None)
    rebuilt = verify_anchor(anchor)
    assert not rebuilt.ok and rebuilt.finding.key == "audit.anchor.differs", rebuilt.message("en")
    assert rebuilt.chain.ok is (not keyed)  # the chain alone looks whole without the key; the anchor does not
    assert "was rewritten" in rebuilt.message("en")


def test_every_export_carries_its_head(db: str, tmp_path: Path) -> None:
    from exports.audit_csv import write_audit_csv
    from workflow.reads.audit_log import EXPORT_COLUMNS, export_rows

    load_demo()
    for kind, name in (("forms", "自评表.docx"), ("publicity", "公示.docx"), ("workbook", "评分.xlsx")):
        seq, digest = _newest()
        path = run_export(ADMIN, kind, tmp_path / name)
        if kind == "workbook":
            assert openpyxl.load_workbook(path, read_only=True).properties.keywords == \
                f"starcampus-audit-head:{seq}:{digest}"
        else:
            document = docx.Document(str(path))
            assert all(f"审计链 {seq}:{digest[:12]}" in [p.text for p in s.footer.paragraphs]
                       for s in document.sections if not s.footer.is_linked_to_previous)
        anchor = read_anchor(str(path))
        assert (anchor.seq, anchor.hash) == (seq, digest) and verify_anchor(anchor).ok
    seq, digest = _newest()
    target = write_audit_csv(EXPORT_COLUMNS, export_rows(ADMIN), tmp_path / "audit.csv")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(EXPORT_COLUMNS) and all(len(r) == len(EXPORT_COLUMNS) for r in rows)  # still a table
    assert (read_anchor(str(target)).seq, read_anchor(str(target)).hash) == (seq, digest)


def test_what_is_not_an_anchor_is_named(db: str, tmp_path: Path) -> None:
    load_demo()
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    for text, words in (("hello", "is not an anchor"), (str(plain), "carries no audit anchor"),
                        (str(tmp_path / "gone.docx"), "Cannot read")):
        with pytest.raises(InvalidInput) as refused:
            read_anchor(text)
        assert words in refused.value.message("en") and refused.value.message("zh")
    seq, digest = _newest()
    wrong = verify_anchor(read_anchor(f"{seq}:{'0' * 12}"))
    assert not wrong.ok and wrong.finding.key == "audit.anchor.differs"
    missing = verify_anchor(read_anchor(f"{seq + 50}:{digest[:12]}"))
    assert not missing.ok and missing.finding.key == "audit.anchor.missing"
