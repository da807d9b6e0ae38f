"""When a school's publicity (公示) began, as the audit log vouches for it.

``assessment.publicized_at`` is a column anyone who can write the database can move back: certify,
recommend upward and the other events after publicity count the wait from it, so a start moved back
five days let a school be certified the day it was publicized (officer/attacker trial, session 8).
The publicize row of the log is hash-chained and sealed: the wait is counted from the start it records
(its facts' ``publicized_at``; a row written before that was a fact, its own time, the same second),
whatever the column says. ``audit verify`` names a column that differs (workflow/audit_replay.py).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

import orjson

from models.db import database
from models.schema import AuditEvent
from workflow.audit_chain import FIELDS, row_hash
from workflow.audit_key import KeyDamaged, load_key, seal_of
from workflow.i18n import register
from workflow.statemachine.declaration import EVENTS

# The rows whose event starts publicity (the declaration's ``start_publicity`` effect).
PUBLICIZE_ACTIONS = tuple(f"event.{e['trigger']}" for e in EVENTS if e.get("effect") == "start_publicity")

register({
    "err.publicity_unvouched": {
        "zh": "学校{school}的公示开始时间无法由审计记录核实（第{seq}条记录的哈希或封印不符，或密钥文件损坏），"
              "公示期是否已满无从确定：请先运行 starcampus audit verify。",
        "en": "School {school}'s publicity start cannot be vouched for by the audit log (seq {seq}'s hash or seal "
              "does not match, or the key file is damaged), so whether the publicity period has elapsed is unknown: "
              "run starcampus audit verify first.",
    },
    "err.publicity_unlogged": {
        "zh": "学校{school}处于公示状态，但审计记录中没有它的公示记录，公示期是否已满无从确定："
              "请先运行 starcampus audit verify。",
        "en": "School {school} is in publicity, but the audit log has no row that publicized it, so whether the "
              "publicity period has elapsed is unknown: run starcampus audit verify first.",
    },
})


@dataclass(frozen=True)
class LoggedStart:
    """The newest publicize row of one school: its seq, the start it records, and whether the row is
    what was written (its hash, and its seal where there is a key)."""

    seq: int
    start: str
    intact: bool


def logged_start(assessment_id: int) -> LoggedStart | None:
    """The newest publicize row for ``assessment_id``, or None if the log has none (never publicized).
    One indexed read (audit_event_assessment): the guard asks it for each school an officer looks at."""
    param = database.obj.param
    marks = ", ".join([param] * len(PUBLICIZE_ACTIONS))
    found = database.execute_sql(
        f"SELECT {', '.join(FIELDS)}, hash, seal FROM {AuditEvent._meta.table_name} "
        f"WHERE assessment_id = {param} AND action IN ({marks}) ORDER BY seq DESC LIMIT 1",
        (assessment_id, *PUBLICIZE_ACTIONS)).fetchone()
    if found is None:
        return None
    values = dict(zip((*FIELDS, "hash", "seal"), found, strict=True))
    return LoggedStart(int(values["seq"]), _start_of(values, assessment_id), _intact(values))


def _start_of(values: dict[str, object], assessment_id: int) -> str:
    try:
        payload = orjson.loads(str(values["payload"] or "{}"))
    except ValueError:
        payload = {}
    facts = payload.get("facts") if isinstance(payload, dict) else None
    entry = ((facts or {}).get("a") or {}).get(str(assessment_id)) if isinstance(facts, dict) else None
    if isinstance(entry, dict) and entry.get("publicized_at"):
        return str(entry["publicized_at"])
    return str(values["at"])  # a row from before the start was a fact: the effect stamped the same clock


def _intact(values: dict[str, object]) -> bool:
    if row_hash(values) != values["hash"]:
        return False
    try:
        key = load_key()
    except KeyDamaged:
        return False
    if key is None:
        return True
    if values["seal"]:
        return hmac.compare_digest(str(values["seal"]), seal_of(key, str(values["hash"])))
    # Unsealed under a key: written before the key existed only if no row before it is sealed (as audit
    # verify's walk holds it); else slipped in without the key. Rare, so the scan is affordable.
    table, param = AuditEvent._meta.table_name, database.obj.param
    sealed_before = database.execute_sql(f"SELECT 1 FROM {table} WHERE seq < {param} AND seal <> '' LIMIT 1",
                                         (values["seq"],)).fetchone()
    return sealed_before is None
