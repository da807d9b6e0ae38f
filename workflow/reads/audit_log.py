"""The audit log as the audit screen and ``starcampus audit log/verify/export`` show it.

A school user reads its own school's records only; the full export (every row with its hashes)
is the administrator's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from models.schema import AuditEvent
from workflow import clock
from workflow.audit import FIELDS, ChainReport, verify_chain
from workflow.audit_anchor import AnchorReport, read_anchor, verify_anchor
from workflow.i18n import label
from workflow.permissions import Actor, require, require_school_scope
from workflow.reads import queries
from workflow.reads.scope import reader_scope
from workflow.statemachine.declaration import STATES

EXPORT_COLUMNS = (*FIELDS, "hash", "seal")
_STATES = {s["name"]: s for s in STATES}


def _state_text(name: str) -> str:
    # Campaign phases and other non-school states are shown by name.
    return label(_STATES[name]) if name in _STATES else name


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str  # ISO timestamp as stored
    actor: str
    action: str
    school_code: str
    from_state: str
    to_state: str
    reason: str
    payload: str = "{}"  # the stored JSON: what changed (workflow.reads.audit_text.detail_text)

    @property
    def when(self) -> str:
        """ "2023-09-20 10:00:00" """
        return clock.local(self.at, seconds=True)  # the reader's zone (workflow.clock.local)

    @property
    def move(self) -> str:
        """ "自评中→已提交自评", or "" when the state did not change."""
        if not self.to_state or self.from_state == self.to_state:
            return ""
        return f"{_state_text(self.from_state) if self.from_state else ''}→{_state_text(self.to_state)}"


def audit_log(actor: Actor, *, by: str | None = None, school_code: str | None = None, action: str | None = None,
              limit: int = 200, offset: int = 0, round_id: int | None = None) -> list[AuditRow]:
    """Newest first, filtered by who acted, which school, an action prefix and a round (its schools' rows)."""
    scope = reader_scope(actor, round_id=round_id)
    if school_code:
        require_school_scope(actor, school_code)  # a school user's own; an officer's region's
    if scope is not None:
        school_code = scope
    rows = queries.audit_events(actor=by or None, school_code=school_code or None, action=action or None,
                                limit=limit, offset=offset, round_id=round_id, region=actor.region_code)
    return [AuditRow(int(e.seq), e.at, e.actor, e.action, e.school_code or "", e.from_state or "",
                     e.to_state or "", e.reason or "", e.payload or "{}") for e in rows]


def chain_report(actor: Actor) -> ChainReport:
    """Whether the hash chain is whole (and sealed, when a key is present). The whole server's log:
    whole-server admins and viewers only (a finding names any county's school, score or user)."""
    require(actor, "audit.verify")
    return verify_chain()


def anchor_report(actor: Actor, text: str) -> AnchorReport:
    """Whether today's chain still holds the head a document (or a typed ``seq:hash``) was made from."""
    reader_scope(actor)
    return verify_anchor(read_anchor(text))


def export_rows(actor: Actor) -> Iterator[list[Any]]:
    """Every row, oldest first, with ``EXPORT_COLUMNS``' values: for checking outside the program."""
    require(actor, "audit.export")  # at the call, not at the first row: refuse before a file is opened
    return ([row[f] for f in EXPORT_COLUMNS]
            for row in AuditEvent.select().order_by(AuditEvent.seq).dicts().iterator())
