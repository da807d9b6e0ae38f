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

from models.db import database
from models.schema import AuditEvent
from workflow.audit_chain import FIELDS, row_hash
from workflow.audit_facts import payload_facts
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
    state: str | None = None  # the school's state that row records (None: a row from before it did)


def logged_start(assessment_id: int) -> LoggedStart | None:
    """The start the log vouches for, or None if the log never publicized the school.

    Read from the school's newest audit row, whatever its action: every row since publicity starts
    became a fact carries the school's ``publicized_at``, so renaming or deleting the newest publicize
    row (a school publicized twice) cannot bring back an older start, and the state that row records
    says whether the school was in publicity then (a deleted newest publicize row leaves one that says
    "verified"); a newest row that says the school was not publicized gives ``start`` "". Only a log
    from before that falls back to the newest publicize row and its time (two indexed reads at most: the guard asks for each school looked at)."""
    newest = _row(assessment_id, "")
    if newest is None:
        return None
    entry = _entry(newest, assessment_id)
    if entry is not None and "publicized_at" in entry:
        return LoggedStart(int(str(newest["seq"])), str(entry["publicized_at"] or ""), _intact(newest),
                           str(entry.get("state") or ""))
    marks = ", ".join([database.obj.param] * len(PUBLICIZE_ACTIONS))
    found = _row(assessment_id, f" AND action IN ({marks})", PUBLICIZE_ACTIONS)
    if found is None:
        return None
    return LoggedStart(int(str(found["seq"])), str(found["at"]), _intact(found))


def campaign_publicity(campaign_id: int) -> tuple[str, int] | None:
    """When the campaign's publicity began as the log says it (its first publicize row's time) and how many
    of its schools the log publicized; None if none. ``set_publicity_days`` holds the length fixed from
    then: the column ``publicized_at`` can be emptied with SQL for a moment, long enough for the change.
    Read from the publicize rows' own index (models/migrations.py, migration 15), the action written out:
    a partial index is used for the literal its WHERE names."""
    from models.migrations import PUBLICIZE_ACTION

    table, param = AuditEvent._meta.table_name, database.obj.param
    first, count = database.execute_sql(
        f"SELECT MIN(at), COUNT(DISTINCT assessment_id) FROM {table} "
        f"WHERE campaign_id = {param} AND action = '{PUBLICIZE_ACTION}'", (campaign_id,)).fetchone()
    return (str(first), int(count)) if count else None


def _row(assessment_id: int, where: str, extra: tuple[str, ...] = ()) -> dict[str, object] | None:
    param = database.obj.param
    found = database.execute_sql(
        f"SELECT {', '.join(FIELDS)}, hash, seal FROM {AuditEvent._meta.table_name} "
        f"WHERE assessment_id = {param}{where} ORDER BY seq DESC LIMIT 1", (assessment_id, *extra)).fetchone()
    return None if found is None else dict(zip((*FIELDS, "hash", "seal"), found, strict=True))


def _entry(values: dict[str, object], assessment_id: int) -> dict[str, object] | None:
    facts = payload_facts(str(values["payload"] or ""))
    entry = ((facts or {}).get("a") or {}).get(str(assessment_id))
    return entry if isinstance(entry, dict) else None


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
