"""The school state machine, built once from the declaration with ``transitions``; it carries the event.

Each declared event is one transition, and its parts come from the event's entry in EVENTS:

- ``conditions``: ``phase_open`` and then the event's named guards (workflow.statemachine.guards), in that
  order; the first that fails leaves its refusal on the Move. ``may_<trigger>()`` asks them without
  moving, which is how workflow.statemachine.events.options decides what to offer;
- ``before``: where the event requires a reason, a check that one was given. The reason is the
  user's input to the move, not a fact about the school, so it is not a condition: an event that
  needs a reason is offered, and the reason is asked for (and checked here) when it fires;
- ``after``: the event's ``effect`` (workflow.statemachine.effects), run once the state has moved.

Who may fire an event (its roles, a school user's own school) is the permission table's question,
asked by workflow.statemachine.events before the machine is, so a wrong role is refused first.

One shared Machine, one model per call. The Machine holds the graph and these callables and is never
changed after it is built. Everything one call knows (the school row, its campaign and rubric, the
refusal a guard gave, the audit payload an effect adds to) lives in that call's ``Move``, bound with
``initial=row.state`` for the call and unbound after, so 100,000 schools never mean 100,000 machines.
transitions keeps the rest of a call in that call's EventData, and with ``queued=False`` its queue
stays empty, so worker threads share the Machine without transitions' LockedMachine (whose one lock
would serialise every guard's queries). Binding and unbinding append to and remove from
``Machine.models``: single list operations, atomic in CPython, which find a Move by identity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from transitions import EventData, Machine

from models.schema import Assessment, Campaign
from rubrics.model import Rubric
from workflow.errors import InvalidInput, WorkflowError
from workflow.i18n import Label
from workflow.statemachine.declaration import EVENTS, INITIAL_STATE, STATES, event
from workflow.statemachine.effects import EFFECTS
from workflow.statemachine.guards import GUARDS, GuardContext

PHASE_GUARD = "phase_open"


# eq=False: Machine.models finds this call's Move by identity, never another call's equal one.
@dataclass(eq=False)
class Move:
    """One call's attempt on one school: the model the shared machine moves for the length of the call."""

    assessment: Assessment
    campaign: Campaign
    rubric: Rubric
    payload: dict[str, Any] = field(default_factory=dict)
    refusal: WorkflowError | None = None
    state: str = INITIAL_STATE  # set by the machine when bound

    def context(self, trigger: str) -> GuardContext:
        return GuardContext(self.assessment, self.campaign, self.rubric, trigger, Label(event(trigger)))

    def refused(self) -> WorkflowError:
        """Why the last move or ``may_`` question failed: every failing condition leaves one."""
        if self.refusal is None:
            raise RuntimeError("a transition failed without a refusal")
        return self.refusal


def _condition(name: str) -> Callable[[EventData], bool]:
    guard = GUARDS[name]

    def holds(event_data: EventData) -> bool:
        move: Move = event_data.model  # type: ignore[assignment]
        move.refusal = guard(move.context(event_data.event.name))
        return move.refusal is None

    holds.__name__ = name  # transitions logs callbacks by name
    return holds


def _require_reason(event_data: EventData) -> None:
    reason: str = event_data.kwargs.get("reason", "")
    if not reason.strip():
        raise InvalidInput("err.reason_required", event=Label(event(event_data.event.name)))


def _effect(name: str) -> Callable[[EventData], None]:
    effect = EFFECTS[name]

    def run(event_data: EventData) -> None:
        move: Move = event_data.model  # type: ignore[assignment]
        effect(move.context(event_data.event.name), move.payload)

    run.__name__ = name
    return run


def _graph() -> list[dict[str, Any]]:
    return [{"trigger": e["trigger"], "source": e["source"], "dest": e["dest"]} for e in EVENTS]


def _transitions() -> list[dict[str, Any]]:
    result = []
    for spec, edge in zip(EVENTS, _graph(), strict=True):
        result.append({
            **edge,
            "conditions": [_condition(name) for name in [PHASE_GUARD, *spec.get("conditions", [])]],
            "before": [_require_reason] if spec.get("reason") else [],
            "after": [_effect(spec["effect"])] if spec.get("effect") else [],
        })
    return result


@lru_cache(maxsize=1)
def machine() -> Machine:
    return Machine(
        model=None,
        states=[s["name"] for s in STATES],
        transitions=_transitions(),
        initial=INITIAL_STATE,
        auto_transitions=False,
        send_event=True,
    )


@contextmanager
def bound(move: Move, state: str) -> Iterator[Move]:
    """``move`` on the shared machine in ``state`` for the length of the block."""
    m = machine()
    m.add_model(move, initial=state)
    try:
        yield move
    finally:
        m.remove_model(move)


def triggers(state: str) -> list[str]:
    """The events the graph has from ``state``, in declaration order (conditions not asked)."""
    return list(machine().get_triggers(state))


def may(move: Move, trigger: str) -> bool:
    """Would ``trigger`` happen now? The conditions are asked; nothing moves, no reason is needed."""
    return bool(getattr(move, f"may_{trigger}")())


def run(move: Move, trigger: str, *, reason: str) -> bool:
    """Fire ``trigger`` on the bound ``move``: False (refusal on the Move) if a condition fails."""
    return bool(getattr(move, trigger)(reason=reason))


def mermaid() -> str:
    """The school machine as a Mermaid state diagram (no graphviz needed)."""
    from transitions.extensions.diagrams import GraphMachine

    graph = GraphMachine(
        model=None,
        states=[s["name"] for s in STATES],
        transitions=_graph(),
        initial=INITIAL_STATE,
        auto_transitions=False,
        graph_engine="mermaid",
        title="school assessment",
    )
    token = _Token()
    graph.add_model(token)
    source: str = token.get_graph().draw(None)  # type: ignore[attr-defined]
    return source


class _Token:
    """What the diagram's machine is drawn for."""

    state: str


__all__ = ["Move", "bound", "machine", "may", "mermaid", "run", "triggers"]
