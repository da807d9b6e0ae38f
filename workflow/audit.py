"""The audit log: append-only and hash-chained, optionally sealed.

Each row stores the previous row's hash and a hash over its own fields, so altering a row,
removing one or slipping one in breaks the chain at that row; ``verify_chain`` names it.

The chain is public arithmetic: whoever can write the database and read this code could
rebuild a whole forged chain. A seal closes that: with a key file kept off the database (the
service account's, unreadable to officers who only reach the forced-command app), every row
also stores HMAC(key, hash), which cannot be recomputed without the key. The newest rows'
removal is caught by the sealed head kept beside the key (workflow.audit_head).

The pieces: the hash (workflow.audit_chain), the key (workflow.audit_key), the head
(workflow.audit_head), the checks (workflow.audit_verify), document anchors (workflow.audit_anchor).
"""

from __future__ import annotations

import json
from typing import Any

from models.db import insert_row, lock_audit_chain_head
from models.schema import AuditEvent
from workflow import audit_head, clock
from workflow.audit_chain import FIELDS, GENESIS, row_hash
from workflow.audit_facts import facts_for
from workflow.audit_key import KeyDamaged, create_key, key_path, load_key, seal_of
from workflow.audit_verify import ChainReport, verify_chain
from workflow.identity import require_active

__all__ = ["FIELDS", "GENESIS", "ChainReport", "KeyDamaged", "append", "create_key", "key_path", "load_key",
           "row_hash", "seal_of", "verify_chain"]


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
    A damaged key file refuses the change (``KeyDamaged``): a row sealed with it could never be checked.
    """
    require_active(actor)
    key = load_key()
    body = dict(payload or {})
    if "facts" not in body:  # what the write touched, as it now is: what `audit verify` replays
        body["facts"] = facts_for(action, campaign_id, assessment_id)
    payload_text = json.dumps(body, ensure_ascii=False, sort_keys=True, default=_json_default)
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
    if key:
        audit_head.note_appended(values["seq"], values["hash"], values["prev_hash"])  # recorded after the commit
