"""Read-only views of a school's other records: expert visits (核定记录), objections (异议),
veto conditions (一票否决) and the task breakdown (任务分解到人).

Reads never write. The terminal app calls these from its worker threads; the rows are plain
frozen dataclasses, so nothing is lazily loaded on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.schema import Objection, Responsibility, Verification
from workflow.door import load_assessment
from workflow.errors import WorkflowError
from workflow.i18n import label
from workflow.permissions import SCHOOL_SCOPED, Actor, require, require_school_scope
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import VERIFICATION_METHODS

# The record actions a school's detail offers, in the order it shows them.
RECORD_ACTIONS = ("verification.record", "objection.raise", "objection.resolve", "veto.set",
                  "responsibility.edit")


@dataclass(frozen=True)
class VerificationRow:
    id: int
    visited_on: str  # ISO date
    experts: str
    methods: tuple[str, ...]  # method codes (workflow.statemachine.declaration.VERIFICATION_METHODS)
    findings: str
    recorded_by: str


@dataclass(frozen=True)
class ObjectionRow:
    id: int
    raised_at: str
    raised_by: str
    text: str
    status: str  # open | upheld | dismissed
    resolution: str
    resolved_by: str


@dataclass(frozen=True)
class ResponsibilityRow:
    id: int
    person: str
    duty: str
    indicator_code: str


@dataclass(frozen=True)
class VetoRow:
    code: str
    text: str
    holds: bool
    provisional: bool


@dataclass(frozen=True)
class SchoolRecords:
    verifications: list[VerificationRow]
    objections: list[ObjectionRow]
    vetoes: list[VetoRow]
    responsibilities: list[ResponsibilityRow]
    refusals: dict[str, str | None]  # action -> why the actor may not, or None when allowed


def method_label(code: str, lang: str | None = None) -> str:
    """审验材料 / "material review" for ``materials``; an unknown code is shown as it is."""
    entry = next((m for m in VERIFICATION_METHODS if m["name"] == code), None)
    return label(entry, lang) if entry else code


def verifications(assessment_id: int) -> list[VerificationRow]:
    query = (Verification.select().where(Verification.assessment == assessment_id)
             .order_by(Verification.visited_on, Verification.id))
    return [VerificationRow(int(v.id), str(v.visited_on), v.experts,
                            tuple(m for m in v.methods.split(",") if m), v.findings, v.recorded_by)
            for v in query]


def objections(assessment_id: int) -> list[ObjectionRow]:
    query = Objection.select().where(Objection.assessment == assessment_id).order_by(Objection.id)
    return [ObjectionRow(int(o.id), o.raised_at, o.raised_by, o.text, o.status, o.resolution, o.resolved_by)
            for o in query]


def responsibilities(assessment_id: int) -> list[ResponsibilityRow]:
    query = (Responsibility.select().where(Responsibility.assessment == assessment_id)
             .order_by(Responsibility.id))
    return [ResponsibilityRow(int(r.id), r.person, r.duty, r.indicator_code) for r in query]


def vetoes(assessment_id: int) -> list[VetoRow]:
    """Every veto condition of the campaign's rubric and whether it holds for this school."""
    row = load_assessment(assessment_id)
    held = {v for v in row.vetoes.split(",") if v}
    return [VetoRow(v.code, v.text, v.code in held, v.provisional) for v in rubric_of(row.campaign).vetoes]


def refusals(actor: Actor, school_code: str, actions: tuple[str, ...] = RECORD_ACTIONS) -> dict[str, str | None]:
    """For each action: None when ``actor`` may do it for this school, else the door's refusal text.

    Only the permission table and the school scope are asked; state conditions (e.g. an
    objection only during publicity) are the door's to refuse when the change is tried.
    """
    out: dict[str, str | None] = {}
    for action in actions:
        try:
            require(actor, action)
            if action in SCHOOL_SCOPED:
                require_school_scope(actor, school_code)
        except WorkflowError as exc:
            out[action] = str(exc)
        else:
            out[action] = None
    return out


def school_records(assessment_id: int, actor: Actor | None = None) -> SchoolRecords:
    """All four lists for one school; a school user may read only its own school."""
    row = load_assessment(assessment_id)
    code = row.school.code
    if actor is not None:
        require_school_scope(actor, code)
    return SchoolRecords(
        verifications=verifications(assessment_id),
        objections=objections(assessment_id),
        vetoes=vetoes(assessment_id),
        responsibilities=responsibilities(assessment_id),
        refusals=refusals(actor, code) if actor is not None else {},
    )
