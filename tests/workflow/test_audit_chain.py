"""Altering, removing or inserting any audit row makes verification fail and name that row."""

from __future__ import annotations

import json

import pytest

from models.db import database, is_postgres
from models.schema import AuditEvent
from tests.demo_copy import load_demo
from workflow.audit import row_hash, verify_chain

FIELDS = ["seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code", "from_state",
          "to_state", "reason", "payload", "prev_hash", "hash"]


def _unlock() -> None:
    """What an attacker with the database file would do first: drop the append-only guard."""
    if is_postgres():
        database.execute_sql("ALTER TABLE audit_event DISABLE TRIGGER ALL")
    else:
        database.execute_sql("DROP TRIGGER audit_event_no_update")
        database.execute_sql("DROP TRIGGER audit_event_no_delete")


def _altered(field: str, value: object) -> object:
    if field in ("seq", "campaign_id", "assessment_id"):
        return (value or 0) + 1000
    if field == "payload":
        data = json.loads(str(value))
        data["forged"] = True
        return json.dumps(data)
    if field in ("hash", "prev_hash"):
        text = str(value)
        return ("1" if text[0] != "1" else "2") + text[1:]
    return f"{value}x"


def test_append_only_guard_refuses_updates_and_deletes(db: str) -> None:
    load_demo()
    with pytest.raises(Exception, match="append-only"):
        with database.atomic():
            AuditEvent.update(actor="someone").where(AuditEvent.seq == 3).execute()
    with pytest.raises(Exception, match="append-only"):
        with database.atomic():
            AuditEvent.delete().where(AuditEvent.seq == 3).execute()
    assert verify_chain().ok


def test_altering_any_field_names_the_row(db: str) -> None:
    # Every field on one demo: each change is put back and the chain verifies again before the next,
    # so the fields share one database instead of 13 (a fresh PostgreSQL database and demo cost seconds).
    load_demo()
    total = AuditEvent.select().count()
    _unlock()
    for field in FIELDS:
        for target in (1, total // 2, total):
            row = AuditEvent.get(AuditEvent.seq == target)
            original = getattr(row, field)
            AuditEvent.update({field: _altered(field, original)}).where(AuditEvent.id == row.id).execute()
            report = verify_chain()
            assert not report.ok, (field, target)
            # Changing the row's own content is caught at that row; a forged hash is caught by the next one.
            expected = {row.id} if field != "hash" else {row.id, row.id + 1}
            assert report.first_bad_id in expected, (field, target, report)
            assert str(report.first_bad_id) in report.message("zh"), (field, target)
            AuditEvent.update({field: original}).where(AuditEvent.id == row.id).execute()
            assert verify_chain().ok, (field, target, "put back")


def test_removed_row_is_named(db: str) -> None:
    load_demo()
    _unlock()
    victim = AuditEvent.get(AuditEvent.seq == 40)
    AuditEvent.delete().where(AuditEvent.id == victim.id).execute()
    report = verify_chain()
    assert not report.ok
    assert report.first_bad_seq == 41
    assert "40" in report.message("zh") and "removed" in report.message("en")


def test_inserted_row_is_named(db: str) -> None:
    load_demo()
    _unlock()
    last = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    # Shift the tail to make room, the way a forger would slip a row into the middle.
    AuditEvent.update(seq=AuditEvent.seq + 100000).where(AuditEvent.seq > 50).execute()
    prev = AuditEvent.get(AuditEvent.seq == 50)
    values = {f: getattr(prev, f) for f in FIELDS if f not in ("hash",)}
    values.update(seq=51, actor="forger", reason="backdated", prev_hash=prev.hash)
    values["hash"] = row_hash(values)
    AuditEvent.create(**values)
    report = verify_chain()
    assert not report.ok
    assert last is not None
    assert report.first_bad_id is not None and report.first_bad_id < last.id + 10


def test_chain_holds_after_real_work(db: str) -> None:
    load_demo()
    report = verify_chain()
    assert report.ok and report.rows == AuditEvent.select().count() > 100


def test_a_rows_hash_is_the_json_encoding_whatever_it_holds() -> None:
    """The chain's writers and `audit verify` hash with orjson where it writes json.dumps's bytes: a
    byte's difference on any character would read every row holding it as altered."""
    import hashlib

    from workflow.audit_chain import GENESIS, hash_of_fields

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    rows = [[1, "2026-12-02T08:00:00+08:00", "管理员", "score.self", None, 2**62, "P0000001", "", "", 'a"b\\c\n\t\x7f',
             every, GENESIS],
            [-3, "", "", "", 0, -(2**63), "", "", "", "", "", ""],
            [True, 1.5, float("nan"), None, "x", 1, "", "", "", "", "{}", GENESIS]]  # the json.dumps way
    for fields in rows:
        canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()
        assert hash_of_fields(fields) == hashlib.sha256(canonical).hexdigest()


_AWKWARD = 'a"b\\c\n\t\x7f\u2028 管理员 😀 \\u0000 \x1f'  # PostgreSQL's text holds no NUL


def test_a_rows_hash_from_its_middle_is_its_hash() -> None:
    """What the server hashes for an unsealed row on PostgreSQL (models.db.hold_chained): "[seq,",
    the middle text, then ',"prev"]', byte for byte the whole row's encoding."""
    from workflow.audit_chain import GENESIS, hash_around, hash_of_fields, middle_text

    for seq, middle, prev in [(1, ["2026-12-02T08:00:00+08:00", "管理员", "score.self", None, 7, "P01", "", "", _AWKWARD,
                                   '{"facts": {}}'], GENESIS),
                              (2, ["", "\x00", "", None, None, "", "", "", "", ""], GENESIS),
                              (123456789, ["", "", "", 0, None, "", "", "", "", ""], "ab" * 32)]:
        assert hash_around(seq, middle_text(middle), prev) == hash_of_fields([seq, *middle, prev])
    with pytest.raises(ValueError):
        middle_text(["too", "few"])


def test_a_row_chained_by_the_server_has_the_hash_the_client_would_give_it(db: str) -> None:
    """Unsealed rows on PostgreSQL are chained in the INSERT itself; on both backends each row's stored
    hash is the client's arithmetic over what it holds, whatever its text, and the chain verifies."""
    from workflow import audit
    from workflow.door import write
    from workflow.doors.users import add_user

    add_user(None, "chain-admin", "admin")

    def body() -> None:
        audit.append(actor="chain-admin", action="test.awkward", reason=_AWKWARD, payload={"text": _AWKWARD, "facts": {}})
        audit.append(actor="chain-admin", action="test.second", reason="", payload={"facts": {}})  # same transaction

    write(body)
    rows = list(AuditEvent.select().order_by(AuditEvent.seq).dicts())
    assert [r["action"] for r in rows[-2:]] == ["test.awkward", "test.second"]
    assert rows[-2]["reason"] == _AWKWARD and rows[-1]["prev_hash"] == rows[-2]["hash"]
    for row in rows:
        assert row["hash"] == row_hash(row)
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    report = verify_chain()
    assert report.ok, report.problem_en
