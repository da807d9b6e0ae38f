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
from models.file_guard import audit_key_path
from models.file_modes import private_folder
from models.schema import AuditEvent
from workflow import clock
from workflow.i18n import Msg, t
from workflow.identity import require_active

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code",
           "from_state", "to_state", "reason", "payload", "prev_hash")


def _canonical(values: dict[str, Any]) -> bytes:
    return json.dumps([values[f] for f in FIELDS], ensure_ascii=False, separators=(",", ":")).encode()


def row_hash(values: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(values)).hexdigest()


def key_path() -> Path:
    """``STARCAMPUS_AUDIT_KEY_FILE``, else the user's config folder; one definition, which
    models.file_guard also uses to keep every output off it."""
    return audit_key_path()


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
    private_folder(path.parent)
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
    Every change passes here with its actor: a user disabled meanwhile is refused (issue 10).
    """
    require_active(actor)
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
    problem: str = ""  # a catalog key (audit.broken.*), with the row's id and seq as data
    expected_seq: int | None = None
    sealed: int = 0  # rows whose seal was checked with the key

    def message(self, lang: str | None = None) -> str:
        if self.ok:
            seal = Msg("audit.sealed", count=self.sealed) if self.sealed else Msg("audit.unsealed")
            return t("audit.intact", lang, rows=self.rows, seal=seal)
        return t(self.problem, lang, id=self.first_bad_id, seq=self.first_bad_seq, expected=self.expected_seq)

    @property
    def problem_en(self) -> str:
        return self.message("en")


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
                problem = "audit.broken.missing" if seq > expected_seq else "audit.broken.order"
                return ChainReport(False, count, seq, row["id"], problem, expected_seq)
            if row["prev_hash"] != prev_hash:
                return ChainReport(False, count, seq, row["id"], "audit.broken.prev_hash")
            if row_hash(row) != row["hash"]:
                return ChainReport(False, count, seq, row["id"], "audit.broken.hash")
            if key is not None:
                seal = row.get("seal") or ""
                if seal:
                    sealing = True
                    if not hmac.compare_digest(seal, seal_of(key, row["hash"])):
                        return ChainReport(False, count, seq, row["id"], "audit.broken.seal")
                    sealed += 1
                elif sealing:
                    return ChainReport(False, count, seq, row["id"], "audit.broken.unsealed")
            prev_hash = row["hash"]
            expected_seq += 1
    return ChainReport(True, count, sealed=sealed)
