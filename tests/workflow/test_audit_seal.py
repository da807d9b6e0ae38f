"""The seal: a forger who rebuilds the whole public hash chain is still caught without the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.db import database, is_postgres
from models.schema import AuditEvent
from tests.demo_copy import load_demo
from workflow.audit import FIELDS, create_key, row_hash, verify_chain


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    path = create_key()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert create_key() == path and path.read_text() == path.read_text()  # never replaced
    return path


def _unlock() -> None:
    if is_postgres():
        database.execute_sql("ALTER TABLE audit_event DISABLE TRIGGER ALL")
    else:
        database.execute_sql("DROP TRIGGER audit_event_no_update")


def _forge_from(seq: int) -> int:
    """Alter row ``seq`` and recompute every public hash after it, as someone with the code would."""
    rows = list(AuditEvent.select().where(AuditEvent.seq >= seq).order_by(AuditEvent.seq))
    previous = AuditEvent.get(AuditEvent.seq == seq - 1).hash
    for i, row in enumerate(rows):
        values = {f: getattr(row, f) for f in FIELDS}
        values["prev_hash"] = previous
        if i == 0:
            values["reason"] = "backdated approval"
        digest = row_hash(values)
        AuditEvent.update(prev_hash=previous, reason=values["reason"], hash=digest).where(
            AuditEvent.id == row.id).execute()
        previous = digest
    return rows[0].id


def test_rebuilt_chain_is_caught_by_the_seal(db: str, keyed: Path) -> None:
    load_demo()
    report = verify_chain()
    assert report.ok and report.sealed == report.rows > 100
    _unlock()
    forged_id = _forge_from(20)
    report = verify_chain()
    assert not report.ok and report.first_bad_id == forged_id
    assert "封印" in report.message("zh") and "seal" in report.message("en")


def test_without_the_key_the_chain_alone_is_checked(db: str, keyed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_demo()
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(keyed.parent / "missing.key"))
    report = verify_chain()
    assert report.ok and report.sealed == 0 and "未配置封印密钥" in report.message("zh")


def test_a_row_written_without_the_key_after_sealing_began(db: str, keyed: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from workflow.doors.demo import ADMIN
    from workflow.doors.users import add_user

    load_demo()
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(keyed.parent / "missing.key"))
    add_user(ADMIN, "late-writer", "viewer")  # written by someone without the key
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(keyed))
    report = verify_chain()
    last = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    assert not report.ok and last is not None and report.first_bad_id == last.id
