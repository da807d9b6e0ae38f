"""The school's other records: problem list, narratives, responsibilities, expert visits, objections."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.db import lock_for_update
from models.schema import (
    PROBLEM_STATUSES,
    Assessment,
    Narrative,
    Objection,
    Problem,
    Responsibility,
    Verification,
)
from workflow import audit, clock
from workflow.door import load_assessment, write
from workflow.errors import ConflictError, GuardFailed, InvalidInput, NotFound
from workflow.i18n import Listing, Msg
from workflow.permissions import Actor, OutOfScope, require, require_school_scope
from workflow.statemachine.declaration import VERIFICATION_METHODS
from workflow.statemachine.events import fire
from workflow.statemachine.phases import parse_date

MAX_TEXT = 20000


def _text(value: str, where: Msg, *, required: bool = True) -> str:
    cleaned = "".join(c for c in value if c in "\n\t" or ord(c) >= 32).strip()
    if required and not cleaned:
        raise InvalidInput("err.invalid", where=where, what=Msg("why.required"))
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput("err.invalid", where=where,
                           what=Msg("why.too_long_limit", length=len(cleaned), limit=MAX_TEXT))
    return cleaned


def _log(actor: Actor, row: Assessment, action: str, payload: dict[str, Any], reason: str = "") -> None:
    audit.append(actor=actor.name, action=action, campaign_id=row.campaign.id, assessment_id=row.id,
                 school_code=row.school.code, from_state=row.state, to_state=row.state, reason=reason,
                 payload=payload)


def _scoped(actor: Actor, action: str, assessment_id: int) -> Assessment:
    require(actor, action)
    row = load_assessment(assessment_id, change=True)
    # An expert's records (verification visits, problems, texts for the notice) fall under its recusal
    # and assignment like its scores: the round's work on a school is one job.
    require_school_scope(actor, row.school.code, scoring_round=row.round, campaign=row.campaign)
    return row


def add_problem(actor: Actor, assessment_id: int, text: str, *, responsible: str = "",
                deadline: str | date | None = None) -> Problem:
    def body() -> Problem:
        row = _scoped(actor, "problem.edit", assessment_id)
        # A year-less deadline ("9月30日") is in the campaign's year, as the campaign form reads it.
        due = parse_date(deadline, field=Msg("field.deadline"), default_year=row.campaign.year) if deadline else None
        item = Problem.create(assessment=row.id, text=_text(text, Msg("field.problem")),
                              responsible=_text(responsible, Msg("field.responsible"), required=False)[:100],
                              deadline=due, status="open", updated_by=actor.name, updated_at=clock.stamp())
        _log(actor, row, "problem.add", {"problem": item.id, "text": item.text, "responsible": item.responsible,
                                         "deadline": due.isoformat() if due else None})
        return item

    return write(body)


def set_problem_status(actor: Actor, problem_id: int, status: str, *,
                       expected_version: int | None = None) -> int:
    """Move a problem to ``status``; the problem's new version (pass it as ``expected_version`` next time)."""
    if status not in PROBLEM_STATUSES:
        raise InvalidInput("err.invalid", where=Msg("field.status"),
                           what=Msg("why.not_one_of", value=status, known=Listing(PROBLEM_STATUSES)))

    def body() -> int:
        # The school's row first, as every record edit does (one lock order); then the problem
        # itself, read again under its lock so the version checked is the one overwritten.
        row, item = _locked_problem(actor, problem_id, expected_version)
        before = item.status
        item.status = status
        item.updated_by = actor.name
        item.updated_at = clock.stamp()
        item.version += 1
        item.save()
        _log(actor, row, "problem.status", {"problem": item.id, "from": before, "to": status})
        return int(item.version)

    return write(body)


def _locked_problem(actor: Actor, problem_id: int, expected_version: int | None) -> tuple[Assessment, Problem]:
    """The school's row, then the problem under its lock (one lock order), its version checked."""
    found = Problem.get_or_none(Problem.id == problem_id)
    if found is None:
        raise NotFound("err.not_found", what=Msg("word.problem"), key=problem_id)
    try:
        row = _scoped(actor, "problem.edit", found.assessment_id)
    except OutOfScope:  # another county's problem reads as one that does not exist, not by its school
        raise OutOfScope("err.not_found", what=Msg("word.problem"), key=problem_id) from None
    item = lock_for_update(Problem.select().where(Problem.id == problem_id)).get()
    if expected_version is not None and item.version != expected_version:
        raise ConflictError("err.conflict_problem", who=item.updated_by, when=item.updated_at, id=item.id)
    return row, item


def edit_problem(actor: Actor, problem_id: int, text: str, *, responsible: str = "",
                 deadline: str | date | None = None, expected_version: int | None = None) -> int:
    """Change a problem's text, responsible person and deadline; the problem's new version."""
    def body() -> int:
        row, item = _locked_problem(actor, problem_id, expected_version)
        due = parse_date(deadline, field=Msg("field.deadline"), default_year=row.campaign.year) if deadline else None
        before = {"text": item.text, "responsible": item.responsible,
                  "deadline": item.deadline.isoformat() if item.deadline else None}
        item.text = _text(text, Msg("field.problem"))
        item.responsible = _text(responsible, Msg("field.responsible"), required=False)[:100]
        item.deadline = due
        item.updated_by = actor.name
        item.updated_at = clock.stamp()
        item.version += 1
        item.save()
        _log(actor, row, "problem.edit", {"problem": item.id, "before": before,
                                          "after": {"text": item.text, "responsible": item.responsible,
                                                    "deadline": due.isoformat() if due else None}})
        return int(item.version)

    return write(body)


def delete_problem(actor: Actor, problem_id: int, *, expected_version: int | None = None) -> None:
    """Remove a problem entered by mistake; the audit record keeps what it said."""
    def body() -> None:
        row, item = _locked_problem(actor, problem_id, expected_version)
        _log(actor, row, "problem.delete", {"problem": item.id, "text": item.text, "responsible": item.responsible,
                                            "deadline": item.deadline.isoformat() if item.deadline else None,
                                            "status": item.status})
        item.delete_instance()

    return write(body)


_NARRATIVE_CONFLICT = {"achievement": "err.conflict_achievement", "problem": "err.conflict_school_problems"}


def set_narrative(actor: Actor, assessment_id: int, kind: str, text: str, *,
                  expected_version: int | None = None) -> int:
    """The notice's achievements (achievement) or problems (problem) paragraph for one school.

    Returns the paragraph's new version. A paragraph nobody has written yet is version 0, so
    ``expected_version=0`` refuses to overwrite one written meanwhile.
    """
    if kind not in _NARRATIVE_CONFLICT:
        raise InvalidInput("err.invalid", where=Msg("field.kind"),
                           what=Msg("why.not_one_of", value=kind, known=Listing(_NARRATIVE_CONFLICT)))

    def body() -> int:
        # The assessment row is locked first (PostgreSQL): two saves of one school's paragraph queue.
        row = _scoped(actor, "narrative.edit", assessment_id)
        cleaned = _text(text, Msg(f"field.narrative.{kind}"), required=False)
        item = Narrative.get_or_none((Narrative.assessment == row.id) & (Narrative.kind == kind))
        if expected_version is not None and (item.version if item else 0) != expected_version:
            raise ConflictError(_NARRATIVE_CONFLICT[kind], who=item.updated_by if item else "-",
                                when=item.updated_at if item else "-")
        now = clock.stamp()
        if item is None:
            item = Narrative.create(assessment=row.id, kind=kind, text=cleaned, version=1, updated_by=actor.name,
                                    updated_at=now)
        else:
            item.text, item.updated_by, item.updated_at = cleaned, actor.name, now
            item.version += 1
            item.save()
        _log(actor, row, f"narrative.{kind}", {"text": cleaned})
        return int(item.version)

    return write(body)


def add_responsibility(actor: Actor, assessment_id: int, person: str, *, duty: str = "",
                       indicator_code: str = "") -> Responsibility:
    def body() -> Responsibility:
        row = _scoped(actor, "responsibility.edit", assessment_id)
        item = Responsibility.create(assessment=row.id, person=_text(person, Msg("field.person"))[:100],
                                     duty=_text(duty, Msg("field.duty"), required=False)[:100],
                                     indicator_code=indicator_code.strip())
        _log(actor, row, "responsibility.add", {"person": item.person, "duty": item.duty,
                                                "indicator": item.indicator_code})
        return item

    return write(body)


def record_verification(actor: Actor, assessment_id: int, *, experts: str, visited_on: str | date,
                        methods: list[str], findings: str = "") -> Verification:
    known = {m["name"] for m in VERIFICATION_METHODS}
    unknown = [m for m in methods if m not in known]
    if unknown or not methods:
        raise InvalidInput("err.invalid", where=Msg("field.methods"),
                           what=Msg("why.not_one_of", value=Listing(unknown or ["-"]),
                                    known=Listing(sorted(known))))

    def body() -> Verification:
        row = _scoped(actor, "verification.record", assessment_id)
        item = Verification.create(assessment=row.id, experts=_text(experts, Msg("field.experts")),
                                   visited_on=parse_date(visited_on, field=Msg("field.visited_on"),
                                                         default_year=row.campaign.year),
                                   methods=",".join(methods),
                                   findings=_text(findings, Msg("field.findings"), required=False),
                                   recorded_by=actor.name)
        _log(actor, row, "verification.record", {"experts": item.experts, "methods": methods,
                                                 "visited_on": str(item.visited_on)})
        return item

    return write(body)


def raise_objection(actor: Actor, assessment_id: int, *, raised_by: str, text: str) -> Objection:
    def body() -> Objection:
        row = _scoped(actor, "objection.raise", assessment_id)
        if row.state != "publicized":
            raise GuardFailed("err.invalid", where=Msg("word.objection"), what=Msg("why.objection_publicity"))
        item = Objection.create(assessment=row.id, raised_by=_text(raised_by, Msg("field.raised_by"))[:100],
                                text=_text(text, Msg("field.objection")), raised_at=clock.stamp())
        _log(actor, row, "objection.raise", {"objection": item.id, "by": item.raised_by, "text": item.text})
        return item

    return write(body)


def resolve_objection(actor: Actor, objection_id: int, *, upheld: bool, resolution: str) -> Objection:
    """Dismiss an objection, or uphold it: the school goes back to verification."""
    require(actor, "objection.resolve")

    def body() -> Objection:
        item = Objection.get_or_none(Objection.id == objection_id)
        if item is None:
            raise NotFound("err.not_found", what=Msg("word.objection"), key=objection_id)
        row = load_assessment(item.assessment_id, change=True)
        try:
            require_school_scope(actor, row.school.code, campaign=row.campaign)  # its region; its tier
        except OutOfScope:  # as an objection that does not exist, not named by its school
            raise OutOfScope("err.not_found", what=Msg("word.objection"), key=objection_id) from None
        if item.status != "open":
            raise GuardFailed("err.invalid", where=Msg("at.objection", id=objection_id),
                              what=Msg("why.already_resolved", status=Msg(f"objection.status.{item.status}")))
        item.status = "upheld" if upheld else "dismissed"
        item.resolution = _text(resolution, Msg("field.resolution"))
        item.resolved_by = actor.name
        item.save()
        _log(actor, row, "objection.resolve", {"objection": item.id, "upheld": upheld,
                                               "resolution": item.resolution})
        if upheld:
            fire(actor, row.id, "uphold_objection", reason=item.resolution)
        return item

    return write(body)
