"""Every event, allowed and refused, per state, per phase and per role — read from the declaration.

The rows are set directly (not through the door) so each cell starts exactly where it should;
then the one door decides. A cell whose role, state and phase all fit may still be refused by
a condition (unscored leaves, publicity running), but never for role, state or phase.
"""

from __future__ import annotations

import pytest

from models.schema import Assessment, Campaign
from tests.workflow.helpers import assessment, setup_campaign
from workflow.declaration import EVENTS, PHASES, STATES
from workflow.errors import GuardFailed, InvalidInput, PermissionDenied, WorkflowError
from workflow.events import _check
from workflow.permissions import Actor

ROLES = {"admin": Actor("admin1", "admin"), "expert": Actor("expert1", "expert"),
         "school": Actor("clerk-a", "school", "S001"), "viewer": Actor("viewer1", "viewer")}
STRUCTURAL = {"err.event_role", "err.event_state", "err.event_phase"}


def _outcome(actor: Actor, assessment_id: int, trigger: str) -> str:
    row = Assessment.get_by_id(assessment_id)
    try:
        _check(actor, row, trigger, reason="x")
    except PermissionDenied as exc:
        return exc.key
    except (GuardFailed, InvalidInput) as exc:
        return exc.key if exc.key in STRUCTURAL else "condition"
    except WorkflowError as exc:  # pragma: no cover - any other refusal is a test failure below
        return f"unexpected {exc.key}"
    return "allowed"


@pytest.mark.parametrize("spec", EVENTS, ids=[e["trigger"] for e in EVENTS])
def test_event_gates(db: str, spec: dict) -> None:  # type: ignore[type-arg]
    campaign = setup_campaign(schools=2)
    aid = assessment(campaign, "S001").id
    trigger = spec["trigger"]
    some_phase = spec["phases"][0]
    some_state = spec["source"][0]
    some_role = spec["roles"][0]
    checked = 0
    # Every state, in an allowed phase, for an allowed role.
    Campaign.update(phase=some_phase).where(Campaign.id == campaign.id).execute()
    for state in (s["name"] for s in STATES):
        Assessment.update(state=state).where(Assessment.id == aid).execute()
        got = _outcome(ROLES[some_role], aid, trigger)
        if state in spec["source"]:
            assert got in ("allowed", "condition"), (trigger, state, got)
        else:
            assert got == "err.event_state", (trigger, state, got)
        checked += 1
    # Every phase, from an allowed state.
    Assessment.update(state=some_state).where(Assessment.id == aid).execute()
    for phase in (p["name"] for p in PHASES):
        Campaign.update(phase=phase).where(Campaign.id == campaign.id).execute()
        got = _outcome(ROLES[some_role], aid, trigger)
        if phase in spec["phases"]:
            assert got in ("allowed", "condition"), (trigger, phase, got)
        else:
            assert got == "err.event_phase", (trigger, phase, got)
        checked += 1
    # Every role, in an allowed state and phase.
    Campaign.update(phase=some_phase).where(Campaign.id == campaign.id).execute()
    for role, actor in ROLES.items():
        got = _outcome(actor, aid, trigger)
        if role in spec["roles"]:
            assert got in ("allowed", "condition"), (trigger, role, got)
        else:
            assert got == "err.event_role", (trigger, role, got)
        checked += 1
    # A school user never acts on another school, whatever the event.
    if "school" in spec["roles"]:
        other = assessment(campaign, "S002").id
        Assessment.update(state=some_state).where(Assessment.id == other).execute()
        assert _outcome(ROLES["school"], other, trigger) == "err.own_school_only"
    assert checked == len(STATES) + len(PHASES) + len(ROLES)


def test_every_event_is_reachable_and_every_state_is_used() -> None:
    sources = {s for e in EVENTS for s in e["source"]}
    dests = {e["dest"] for e in EVENTS}
    names = {s["name"] for s in STATES}
    assert names - dests == {"enrolled"}
    assert sources | dests == names
