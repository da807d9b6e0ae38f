"""The school state machine, built once from the declaration with ``transitions``.

One shared Machine (``model=None``): a loaded row is bound with ``initial=row.state`` for the
length of one event and unbound again, so 100,000 schools never mean 100,000 machines.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from transitions import Machine, MachineError

from workflow.declaration import EVENTS, INITIAL_STATE, STATES


class _Token:
    """What the machine moves: a stand-in for one assessment's state."""

    state: str


def _transitions() -> list[dict[str, Any]]:
    return [{"trigger": e["trigger"], "source": e["source"], "dest": e["dest"]} for e in EVENTS]


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


def next_state(current: str, trigger: str) -> str:
    """The state ``trigger`` leads to from ``current``; MachineError if it can't happen."""
    token = _Token()
    m = machine()
    m.add_model(token, initial=current)
    try:
        getattr(token, trigger)()
        return token.state
    finally:
        m.remove_model(token)


def triggers_from(current: str) -> list[str]:
    """Events whose source includes ``current``, in declaration order."""
    return [e["trigger"] for e in EVENTS if current in e["source"]]


def mermaid() -> str:
    """The school machine as a Mermaid state diagram (no graphviz needed)."""
    from transitions.extensions.diagrams import GraphMachine

    graph = GraphMachine(
        model=None,
        states=[s["name"] for s in STATES],
        transitions=_transitions(),
        initial=INITIAL_STATE,
        auto_transitions=False,
        graph_engine="mermaid",
        title="school assessment",
    )
    token = _Token()
    graph.add_model(token)
    source: str = token.get_graph().draw(None)  # type: ignore[attr-defined]
    return source


__all__ = ["MachineError", "machine", "mermaid", "next_state", "triggers_from"]
