"""The audit log: append-only and hash-chained, optionally sealed.

Each row stores the previous row's hash and a hash over its own fields, so altering a row,
removing one or slipping one in breaks the chain at that row; ``verify_chain`` names it.

The chain is public arithmetic: whoever can write the database and read this code could
rebuild a whole forged chain. A seal closes that: with a key file kept off the database (the
service account's, unreadable to officers who only reach the forced-command app), every row
also stores HMAC(key, hash), which cannot be recomputed without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.db import insert_row, lock_audit_chain_head
from models.schema import AuditEvent
from workflow import clock

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code",
           "from_state", "to_state", "reason", "payload", "prev_hash")


def _canonical(values: dict[str, Any]) -> bytes:
    return json.dumps([values[f] for f in FIELDS], ensure_ascii=False, separators=(",", ":")).encode()


def row_hash(values: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(values)).hexdigest()


def key_path() -> Path:
    explicit = os.environ.get("STARCAMPUS_AUDIT_KEY_FILE")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_config_dir("starcampus")) / "audit.key"


def load_key() -> bytes | None:
    try:
        data = key_path().read_bytes().strip()
    except OSError:
        return None
    return data or None


def create_key() -> Path:
    """Write a new random key (mode 0600); an existing key is never replaced."""
    path = key_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return path


def seal_of(key: bytes, digest: str) -> str:
    return hmac.new(key, digest.encode(), hashlib.sha256).hexdigest()


def _json_default(value: object) -> str:
    return str(value)


def append(
    *,
    actor: str,
    action: str,
    campaign_id: int | None = None,
    assessment_id: int | None = None,
    school_code: str = "",
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    payload: dict[str, Any] | None = None,
) -> None:
    """Write one event. Call inside the same write transaction as the change it records, last.

    Everything that does not need the previous row is prepared before the chain is locked.
    """
    key = load_key()
    payload_text = json.dumps(payload or {}, ensure_ascii=False, sort_keys=True, default=_json_default)
    last = lock_audit_chain_head()
    values: dict[str, Any] = {
        "seq": last[0] + 1 if last else 1,
        "at": clock.stamp(),
        "actor": actor,
        "action": action,
        "campaign_id": campaign_id,
        "assessment_id": assessment_id,
        "school_code": school_code,
        "from_state": from_state,
        "to_state": to_state,
        "reason": reason,
        "payload": payload_text,
        "prev_hash": last[1] if last else GENESIS,
    }
    values["hash"] = row_hash(values)
    values["seal"] = seal_of(key, values["hash"]) if key else ""
    insert_row(AuditEvent._meta.table_name, values)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    first_bad_id: int | None = None
    problem_zh: str = ""
    problem_en: str = ""
    sealed: int = 0  # rows whose seal was checked with the key

    def message(self, lang: str = "zh") -> str:
        if self.ok:
            if lang == "zh":
                seal = f"其中{self.sealed}条密钥封印校验通过。" if self.sealed else "（未配置封印密钥，只校验了哈希链。）"
                return f"审计链完整：共{self.rows}条记录，校验通过。{seal}"
            seal = f" {self.sealed} seals checked with the key." if self.sealed else " (No seal key configured: hash chain only.)"
            return f"Audit chain intact: {self.rows} rows verified.{seal}"
        return self.problem_zh if lang == "zh" else self.problem_en


def verify_chain(batch: int = 5000) -> ChainReport:
    """Recompute the chain from the first row; stop at the first row that does not fit."""
    prev_hash = GENESIS
    expected_seq = 1
    count = sealed = 0
    last_id = 0
    key = load_key()
    sealing = False  # once a row is sealed, every later row must be
    while True:
        rows = list(
            AuditEvent.select().where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch).dicts()
        )
        if not rows:
            break
        for row in rows:
            count += 1
            last_id = row["id"]
            seq = row["seq"]
            if seq != expected_seq:
                if seq > expected_seq:
                    zh = f"第{row['id']}行（序号{seq}）之前缺少序号{expected_seq}的记录：有记录被删除。"
                    en = f"Row id {row['id']} (seq {seq}): seq {expected_seq} before it is missing: a row was removed."
                else:
                    zh = f"第{row['id']}行（序号{seq}）序号错乱，应为{expected_seq}：有记录被插入或改动。"
                    en = f"Row id {row['id']} (seq {seq}) is out of sequence, expected {expected_seq}: a row was inserted or altered."
                return ChainReport(False, count, seq, row["id"], zh, en)
            if row["prev_hash"] != prev_hash:
                zh = f"第{row['id']}行（序号{seq}）的前序哈希与上一条不符：前面的记录被改动、删除或插入。"
                en = f"Row id {row['id']} (seq {seq}): previous-hash does not match the row before: a row before it was altered, removed or inserted."
                return ChainReport(False, count, seq, row["id"], zh, en)
            if row_hash(row) != row["hash"]:
                zh = f"第{row['id']}行（序号{seq}）的内容与其哈希不符：该记录被改动。"
                en = f"Row id {row['id']} (seq {seq}): its content does not match its hash: this row was altered."
                return ChainReport(False, count, seq, row["id"], zh, en)
            if key is not None:
                seal = row.get("seal") or ""
                if seal:
                    sealing = True
                    if not hmac.compare_digest(seal, seal_of(key, row["hash"])):
                        zh = f"第{row['id']}行（序号{seq}）的密钥封印不符：该记录或其前面的哈希链被重写。"
                        en = f"Row id {row['id']} (seq {seq}): its seal does not match: the row or the chain before it was rewritten."
                        return ChainReport(False, count, seq, row["id"], zh, en)
                    sealed += 1
                elif sealing:
                    zh = f"第{row['id']}行（序号{seq}）缺少密钥封印：该记录是在没有密钥的情况下写入的。"
                    en = f"Row id {row['id']} (seq {seq}) has no seal: it was written without the key."
                    return ChainReport(False, count, seq, row["id"], zh, en)
            prev_hash = row["hash"]
            expected_seq += 1
    return ChainReport(True, count, sealed=sealed)
