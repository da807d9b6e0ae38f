"""Every event, allowed and refused, per state, per phase and per role — read from the declaration.

The rows are set directly (not through the door) so each cell starts exactly where it should;
then the one door decides, by firing the event (with a reason, as a user would give one). A cell
whose role, state and phase all fit may still be refused by a condition (unscored leaves,
publicity running), but never for role, state or phase. In every cell what ``options`` offered
beforehand agrees with what ``fire`` then did.
"""

from __future__ import annotations

import pytest

from models.schema import Assessment, Campaign
from tests.workflow.helpers import assessment, setup_campaign
from workflow.errors import WorkflowError
from workflow.permissions import Actor
from workflow.statemachine.declaration import ENTRY_STATES, EVENTS, PHASES, STATES
from workflow.statemachine.events import fire, options

ROLES = {"admin": Actor("admin1", "admin"), "expert": Actor("expert1", "expert"),
         "school": Actor("clerk-a", "school", "S001"), "viewer": Actor("viewer1", "viewer")}
STRUCTURAL = {"err.event_role", "err.event_state", "err.event_phase", "err.own_school_only"}
FITS = "fits"  # allowed, or refused by one of the event's own conditions
REASON = "佐证材料不全"
REFUSED_FOR = {"state": "err.event_state", "phase": "err.event_phase", "role": "err.event_role"}


class Cells:
    """What the door did in each cell, and where its offer disagreed with its act."""

    def __init__(self, aid: int, campaign_id: int, trigger: str) -> None:
        self.aid, self.campaign_id, self.trigger = aid, campaign_id, trigger
        self.seen: dict[tuple[str, str], str] = {}
        self.disagreements: list[str] = []

    def try_(self, axis: str, value: str, actor: Actor, state: str, phase: str, aid: int | None = None) -> None:
        aid = self.aid if aid is None else aid
        Assessment.update(state=state).where(Assessment.id == aid).execute()
        Campaign.update(phase=phase).where(Campaign.id == self.campaign_id).execute()
        offered = next((o for o in options(actor, aid) if o.trigger == self.trigger), None)
        try:
            fire(actor, aid, self.trigger, reason=REASON)
        except WorkflowError as exc:
            outcome = exc.key if exc.key in STRUCTURAL else FITS
            if exc.key == "err.event_state":
                if offered is not None:
                    self.disagreements.append(f"{axis}={value}: offered from a state the graph has no edge from")
            elif offered is None or offered.allowed or offered.reason != str(exc):
                self.disagreements.append(f"{axis}={value}: fire refused ({exc}), options said {offered}")
        else:
            outcome = FITS
            if offered is None or not offered.allowed:
                self.disagreements.append(f"{axis}={value}: fire allowed it, options said {offered}")
        self.seen[(axis, value)] = outcome


# Events with a door of their own (the upward decision) are offered and tested by that door.
_OFFERED = [e for e in EVENTS if not e.get("door")]


@pytest.mark.parametrize("spec", _OFFERED, ids=[e["trigger"] for e in _OFFERED])
def test_event_gates(db: str, spec: dict) -> None:  # type: ignore[type-arg]
    campaign = setup_campaign(schools=2)
    aid = assessment(campaign, "S001").id
    cells = Cells(aid, campaign.id, spec["trigger"])
    some_phase, some_state, some_role = spec["phases"][0], spec["source"][0], spec["roles"][0]
    expected: dict[tuple[str, str], str] = {}
    # Every state, in an allowed phase, for an allowed role.
    for state in (s["name"] for s in STATES):
        cells.try_("state", state, ROLES[some_role], state, some_phase)
        expected[("state", state)] = FITS if state in spec["source"] else REFUSED_FOR["state"]
    # Every phase, from an allowed state.
    for phase in (p["name"] for p in PHASES):
        cells.try_("phase", phase, ROLES[some_role], some_state, phase)
        expected[("phase", phase)] = FITS if phase in spec["phases"] else REFUSED_FOR["phase"]
    # Every role, in an allowed state and phase.
    for role, actor in ROLES.items():
        cells.try_("role", role, actor, some_state, some_phase)
        expected[("role", role)] = FITS if role in spec["roles"] else REFUSED_FOR["role"]
    # A school user never acts on another school, whatever the event.
    if "school" in spec["roles"]:
        other = assessment(campaign, "S002").id
        cells.try_("school", "S002", ROLES["school"], some_state, some_phase, aid=other)
        expected[("school", "S002")] = "err.own_school_only"
    assert cells.seen == expected
    assert cells.disagreements == []


def test_every_event_is_reachable_and_every_state_is_used() -> None:
    sources = {s for e in EVENTS for s in e["source"]}
    dests = {e["dest"] for e in EVENTS}
    names = {s["name"] for s in STATES}
    # A school starts a round in an entry state (enrolled, applied, chosen): no event leads there.
    assert names - dests == set(ENTRY_STATES.values()) - dests == {"enrolled", "promotion_applied"}
    assert sources | dests == names
