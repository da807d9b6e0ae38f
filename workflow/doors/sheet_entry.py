"""Score entry from a sheet: save one leaf and answer with what the sheet needs to move on.

The interfaces keep the sheet they read and apply each save's answer to it, instead of reading
the whole school again after every Enter. Each answer carries the assessment's new ``version``,
which the next save of the same sheet sends as its ``expected_version``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from workflow.doors.scores import normalise, set_score
from workflow.permissions import Actor
from workflow.rubric_cache import rubric_of


@dataclass(frozen=True)
class LeafSaved:
    """One leaf stored: its value as stored, the new total of that kind, and the new version."""

    assessment_id: int
    code: str
    kind: str
    value: Decimal
    total: Decimal | None
    version: int
    updated_by: str
    updated_at: str


def save_leaf(actor: Actor, assessment_id: int, code: str, value: str | Decimal | int, *, kind: str,
              expected_version: int | None, evidence: str | None = None) -> LeafSaved:
    """``workflow.doors.scores.set_score`` for one leaf; refusals are its ``WorkflowError``s.

    ``evidence`` (佐证材料 / the expert's notes) is stored with the value; None keeps the stored note.
    """
    row = set_score(actor, assessment_id, code, value, kind=kind, expected_version=expected_version,
                    evidence=evidence)
    stored = normalise(  # the value as the door parsed and stored it
        rubric_of(row.campaign), code, value)
    return LeafSaved(
        assessment_id=int(row.id), code=code, kind=kind, value=stored,
        total=row.self_total if kind == "self" else row.verified_total,
        version=int(row.version), updated_by=str(row.updated_by), updated_at=str(row.updated_at),
    )
