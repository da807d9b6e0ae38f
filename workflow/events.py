"""Moving a school through its states: the checks, the move, the audit record."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models.schema import Assessment
from rubrics.scoring import format_score
from workflow import audit, clock
from workflow.declaration import EVENTS, event, phase
from workflow.door import load_assessment, write
from workflow.errors import ConflictError, GuardFailed, InvalidInput, PermissionDenied, WorkflowError
from workflow.guards import GUARDS, GuardContext, reviewed_star, state_label
from workflow.i18n import label, t
from workflow.machine import next_state
from workflow.permissions import Actor, require_school_scope
from workflow.rubric_cache import rubric_of


@dataclass(frozen=True)
class EventOption:
    """An event as the interfaces offer it: allowed now, or refused with the reason."""

    trigger: str
    label: str
    allowed: bool
    reason: str
    needs_reason: bool


def _check(actor: Actor, row: Assessment, trigger: str, reason: str) -> dict[str, Any]:
    try:
        spec = event(trigger)
    except KeyError:
        raise InvalidInput("err.event_unknown", event=trigger,
                           known=", ".join(e["trigger"] for e in EVENTS)) from None
    name = label(spec)
    if actor.role not in spec["roles"]:
        raise PermissionDenied("err.event_role", role=t(f"role.{actor.role}"), event=name,
                               allowed="、".join(t(f"role.{r}") for r in spec["roles"]))
    require_school_scope(actor, row.school.code)
    if row.state not in spec["source"]:
        raise GuardFailed("err.event_state", event=name, state=state_label(row.state),
                          allowed="、".join(state_label(s) for s in spec["source"]))
    campaign = row.campaign
    if campaign.phase not in spec["phases"]:
        raise GuardFailed("err.event_phase", event=name, phase=label(phase(campaign.phase)),
                          allowed="、".join(label(phase(p)) for p in spec["phases"]))
    if spec.get("reason") and not reason.strip():
        raise InvalidInput("err.reason_required", event=name)
    ctx = GuardContext(row, campaign, rubric_of(campaign), trigger, name)
    for condition in spec.get("conditions", []):
        refusal = GUARDS[condition](ctx)
        if refusal is not None:
            raise refusal
    return spec


def fire(
    actor: Actor,
    assessment_id: int,
    trigger: str,
    *,
    reason: str = "",
    expected_version: int | None = None,
) -> Assessment:
    """Apply one named event to one school, or raise the reason it can't happen."""

    def body() -> Assessment:
        row = load_assessment(assessment_id)
        if expected_version is not None and row.version != expected_version:
            raise ConflictError("err.conflict", who=row.updated_by, when=row.updated_at)
        spec = _check(actor, row, trigger, reason)
        before = row.state
        row.state = next_state(before, trigger)
        effect = spec.get("effect")
        payload: dict[str, Any] = {"phase": row.campaign.phase}
        if effect == "set_star_from_verified":
            rubric = rubric_of(row.campaign)
            ctx = GuardContext(row, row.campaign, rubric, trigger, label(spec))
            star = reviewed_star(ctx)
            payload["old_star"] = row.star_level
            row.star_level = star.level if star else None
            row.provisional = rubric.is_provisional
        elif effect == "start_publicity":
            row.publicized_at = clock.stamp()
        payload.update(_score_summary(row))
        row.version += 1
        row.updated_by = actor.name
        row.updated_at = clock.stamp()
        row.save()
        audit.append(
            actor=actor.name, action=f"event.{trigger}", campaign_id=row.campaign.id,
            assessment_id=row.id, school_code=row.school.code, from_state=before,
            to_state=row.state, reason=reason.strip(), payload=payload,
        )
        return row

    return write(body)


def _score_summary(row: Assessment) -> dict[str, Any]:
    def fmt(value: Decimal | None) -> str | None:
        return None if value is None else format_score(value)

    return {"self_total": fmt(row.self_total), "verified_total": fmt(row.verified_total),
            "star_level": row.star_level}


def options(actor: Actor, assessment_id: int) -> list[EventOption]:
    """Every event that starts from the school's state, marked allowed or refused (with why)."""
    row = load_assessment(assessment_id)
    result: list[EventOption] = []
    for spec in EVENTS:
        if row.state not in spec["source"]:
            continue
        try:
            _check(actor, row, spec["trigger"], reason="x")
            result.append(EventOption(spec["trigger"], label(spec), True, "", bool(spec.get("reason"))))
        except WorkflowError as exc:
            result.append(EventOption(spec["trigger"], label(spec), False, str(exc), bool(spec.get("reason"))))
    return result
