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
from typing import Any, NamedTuple

import orjson

from models.db import (
    bulk_insert,
    chains_on_server,
    hold_chained,
    insert_row,
    lock_audit_chain,
    lock_audit_chain_head,
)
from models.schema import AuditEvent
from workflow import audit_head, clock
from workflow.audit_chain import FIELDS, GENESIS, hash_of_fields, middle_text, row_hash
from workflow.audit_facts import facts_for
from workflow.audit_key import KeyDamaged, create_key, key_path, load_key, seal_of
from workflow.audit_verify import ChainReport, verify_chain
from workflow.identity import disabled_refusal, require_active

__all__ = ["FIELDS", "GENESIS", "ChainReport", "Event", "KeyDamaged", "append", "append_many", "create_key", "key_path", "load_key",
           "payload_text", "row_hash", "seal_of", "verify_chain"]


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
    Every change passes here with its actor: a user disabled meanwhile is refused (issue 10), as
    read under the chain's lock, so a disable committed before this row's turn is always seen.
    A damaged key file refuses the change (``KeyDamaged``): a row sealed with it could never be checked.
    """
    key = load_key()
    body = dict(payload or {})
    whole_tables = action == "identity.bootstrap" or callable(body.get("facts"))
    if "facts" not in body and not whole_tables:  # what the write touched, as it now is: what `audit verify` replays
        body["facts"] = facts_for(action, campaign_id, assessment_id)
    text = None if whole_tables else json.dumps(body, ensure_ascii=False, sort_keys=True, default=_json_default)
    if text is not None and key is None and chains_on_server() and _hold_unsealed(actor, Event(
            action, campaign_id, assessment_id, school_code, from_state, to_state, reason, text)):
        return
    last, disabled = lock_audit_chain(actor)  # the user's check rides with the lock: see lock_audit_chain
    if disabled:
        raise disabled_refusal(actor)
    if text is None:
        # Facts of a whole table (every user, the region tree) are read once the chain is ours: on
        # PostgreSQL another officer's change, committed under an earlier row, would be missing from
        # facts read before, and the replay would read that as a change behind the doors' back.
        late = body.get("facts")
        body["facts"] = late() if callable(late) else late if late is not None else facts_for(
            action, campaign_id, assessment_id)
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, default=_json_default)
    event = Event(action, campaign_id, assessment_id, school_code, from_state, to_state, reason, text)
    values = _chained(last, key, actor, clock.stamp(), event)
    insert_row(AuditEvent._meta.table_name, values, later=True)  # sent with the COMMIT (models.batch)


def _hold_unsealed(actor: str, event: Event) -> bool:
    """PostgreSQL, no key: the row goes with the COMMIT and the server chains it under the lock
    (``models.db.hold_chained``), the same fields hashed the same way; False: not there."""
    values: dict[str, Any] = {"at": clock.stamp(), "actor": actor, **event._asdict()}
    middle = middle_text([values[f] for f in FIELDS[1:-1]])
    return hold_chained(values, middle, GENESIS)


class Event(NamedTuple):
    """One row for ``append_many``: its payload already holds its facts, written as JSON text."""

    action: str
    campaign_id: int | None
    assessment_id: int | None
    school_code: str
    from_state: str
    to_state: str
    reason: str
    payload: str


def payload_text(payload: dict[str, Any]) -> str:
    """A payload as ``append_many`` stores it (orjson: a page of an import's rows is written at once)."""
    return orjson.dumps(payload, default=_json_default, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()


def append_many(actor: str, events: list[Event]) -> None:
    """``append`` for many events of one actor in one transaction (a page of an import): the actor is
    checked, the key read and the chain's head locked once, and the rows go in one executemany."""
    if not events:
        return
    require_active(actor)
    key = load_key()
    at = clock.stamp()
    last = lock_audit_chain_head()
    seq, prev = last if last else (0, GENESIS)
    rows: list[tuple[object, ...]] = []
    for event in events:
        seq += 1
        fields = (seq, at, actor, *event, prev)  # FIELDS' order: an Event's fields are its middle
        digest = hash_of_fields(fields)
        if key:
            rows.append((*fields, digest, seal_of(key, digest)))
            audit_head.note_appended(seq, digest, prev)  # recorded after the commit
        else:
            rows.append((*fields, digest, ""))
        prev = digest
    bulk_insert(AuditEvent._meta.table_name, (*FIELDS, "hash", "seal"), rows)


# append_many lays a row out as FIELDS from an Event: they must stay in step.
assert FIELDS == ("seq", "at", "actor", *Event._fields[:-1], "payload", "prev_hash")


def _chained(last: tuple[int, str] | None, key: bytes | None, actor: str, at: str, event: Event) -> dict[str, Any]:
    """The row after ``last`` in the chain, hashed and sealed; its seal noted for the head file."""
    values: dict[str, Any] = {
        "seq": last[0] + 1 if last else 1,
        "at": at,
        "actor": actor,
        "action": event.action,
        "campaign_id": event.campaign_id,
        "assessment_id": event.assessment_id,
        "school_code": event.school_code,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "reason": event.reason,
        "payload": event.payload,
        "prev_hash": last[1] if last else GENESIS,
    }
    values["hash"] = row_hash(values)
    values["seal"] = seal_of(key, values["hash"]) if key else ""
    if key:
        audit_head.note_appended(values["seq"], values["hash"], values["prev_hash"])  # recorded after the commit
    return values
