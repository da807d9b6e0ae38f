"""Firing an event on a school: who may, then the machine (conditions, reason, effect), then the audit record."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models.schema import Assessment
from rubrics.scoring import format_score
from workflow import audit, clock
from workflow.door import load_assessment, write
from workflow.errors import ConflictError, GuardFailed, InvalidInput, PermissionDenied, WorkflowError
from workflow.i18n import Label, Listing, Msg, label
from workflow.permissions import Actor, require_school_scope, require_tier
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import EVENTS, SETTLED_STATES, event, state
from workflow.statemachine.machine import Move, bound, may, run, triggers


@dataclass(frozen=True)
class EventOption:
    """An event as the interfaces offer it: allowed now, or refused with the reason."""

    trigger: str
    label: str
    allowed: bool
    reason: str
    needs_reason: bool


def _declared(trigger: str) -> dict[str, Any]:
    try:
        return event(trigger)
    except KeyError:
        raise InvalidInput("err.event_unknown", event=trigger,
                           known=", ".join(e["trigger"] for e in EVENTS)) from None


def _permitted(actor: Actor, row: Assessment, spec: dict[str, Any], *, tier: bool = True) -> None:
    """Who may fire it: the event's roles, a school user only on its own school, an officer with a
    region only in its subtree and (an admin) only in its own tier's campaigns (``tier`` False: a
    higher tier's decision written back by its door, workflow.doors.upward)."""
    if actor.role not in spec["roles"]:
        raise PermissionDenied("err.event_role", role=Msg(f"role.{actor.role}"), event=Label(spec),
                               allowed=Listing(Msg(f"role.{r}") for r in spec["roles"]))
    # An expert moves a school through verification only where it may verify: not its own school, and
    # once the round has assignments, only those assigned to it (as for its scores).
    require_school_scope(actor, row.school.code, scoring_round=row.round)
    if tier:
        require_tier(actor, row.campaign)


def _move(row: Assessment) -> Move:
    return Move(row, row.campaign, rubric_of(row.campaign), payload={"phase": row.campaign.phase})


def fire(
    actor: Actor,
    assessment_id: int,
    trigger: str,
    *,
    reason: str = "",
    expected_version: int | None = None,
    door_facts: dict[str, Any] | None = None,
    written_back: bool = False,
) -> Assessment:
    """Apply one named event to one school, or raise the reason it can't happen.

    An event declared with a ``door`` carries facts only its door gathers (``door_facts``, put
    in the audit payload for its effect); fired without them it is refused, naming the door.
    An upward decision may land on a round already frozen: it completes that round's own step.
    ``written_back``: a higher tier's upward decision (workflow.doors.rounds.write_back_upward from its
    review's door), which acts on the county's campaign by that door only.
    """

    def body() -> Assessment:
        spec = _declared(trigger)
        row = load_assessment(assessment_id, change=not spec.get("door"))
        if expected_version is not None and row.version != expected_version:
            raise ConflictError("err.conflict", who=row.updated_by, when=row.updated_at)
        _permitted(actor, row, spec, tier=not (written_back and spec.get("door") == "upward"))
        if spec.get("door") and door_facts is None:
            raise InvalidInput(f"err.event_door.{spec['door']}", event=Label(spec))
        before = row.state
        move = _move(row)
        if door_facts is not None:
            move.payload.update(door_facts)
        with bound(move, before):
            if trigger not in triggers(before):
                raise GuardFailed("err.event_state", event=Label(spec), state=Label(state(before)),
                                  allowed=Listing(Label(state(s)) for s in spec["source"]))
            # The conditions, the reason (if the event needs one) and the effect: the machine's work.
            if not run(move, trigger, reason=reason):
                raise move.refused()
        row.state = move.state
        if row.state in SETTLED_STATES:
            _keep_school_as_settled(row)
        payload = move.payload
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


def _keep_school_as_settled(row: Assessment) -> None:
    """The school's name, township, stage and display order as the round settles it, kept on its row (its audit row's
    facts vouch for them): a frozen round's papers print these, whatever the register says later. Taken
    again by each settling event of the open round (an upward grant after a recommendation); a decision
    landing on a frozen round keeps what the round settled it under."""
    frozen = row.round is not None and getattr(row, "newest_round_id", row.round.id) != row.round.id
    if row.school_name is None or not frozen:
        row.school_name, row.school_township, row.school_stage = row.school.name, row.school.township, row.school.stage
    if row.school_order is None or not frozen:
        row.school_order = row.school.display_order


def _score_summary(row: Assessment) -> dict[str, Any]:
    def fmt(value: Decimal | None) -> str | None:
        return None if value is None else format_score(value)

    return {"self_total": fmt(row.self_total), "verified_total": fmt(row.verified_total),
            "star_level": row.star_level}


def options(actor: Actor, assessment_id: int) -> list[EventOption]:
    """Every event the graph has from the school's state, allowed or refused (with why).

    Allowed means the actor may fire it and the machine's conditions hold (``may_<trigger>``);
    an event that needs a reason is offered all the same, and the reason is asked when it fires.
    """
    row = load_assessment(assessment_id)
    move = _move(row)
    result: list[EventOption] = []
    with bound(move, row.state):
        for trigger in triggers(row.state):
            spec = event(trigger)
            if spec.get("door"):  # offered by its own screen or verb, which asks for its facts
                continue
            refusal: WorkflowError | None = None
            try:
                _permitted(actor, row, spec)
            except WorkflowError as exc:
                refusal = exc
            if refusal is None and not may(move, trigger):
                refusal = move.refused()
            result.append(EventOption(trigger, label(spec), refusal is None, "" if refusal is None else str(refusal),
                                      bool(spec.get("reason"))))
    return result
