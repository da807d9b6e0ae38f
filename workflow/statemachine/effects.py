"""What an event does to a school besides moving it: the ``effect`` an event names in the declaration.

workflow.statemachine.machine runs the effect as the transition's ``after`` callback, so it happens only once
the move has. An effect changes the loaded row (workflow.statemachine.events.fire saves it, in the same
transaction as the audit row) and adds to the audit payload what the record should remember.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workflow import clock
from workflow.statemachine.guards import GuardContext, reviewed_star

Effect = Callable[[GuardContext, dict[str, Any]], None]


def set_star_from_verified(ctx: GuardContext, payload: dict[str, Any]) -> None:
    """The star the verified scores earn becomes the school's; the audit keeps the old one."""
    star = reviewed_star(ctx)
    payload["old_star"] = ctx.assessment.star_level
    ctx.assessment.star_level = star.level if star else None
    ctx.assessment.provisional = ctx.rubric.is_provisional


def start_publicity(ctx: GuardContext, payload: dict[str, Any]) -> None:
    """Publicity (公示) starts now; ``publicity_elapsed`` counts its days from here."""
    ctx.assessment.publicized_at = clock.stamp()


def apply_upward_decision(ctx: GuardContext, payload: dict[str, Any]) -> None:
    """The higher authority's decision (上级认定), brought by workflow.doors.rounds in ``payload["upward"]``:
    the school's level is then the granted one, or on refusal the highest the county itself confers."""
    decision = payload["upward"]
    row = ctx.assessment
    payload["old_star"] = row.star_level
    row.upward_granted = bool(decision["granted"])
    row.upward_level = decision["level"]
    row.upward_authority = decision["authority"]
    row.upward_doc_no = decision["doc_no"]
    row.upward_date = decision["date"]
    row.upward_by = decision["by"]
    row.star_level = decision["level"]


EFFECTS: dict[str, Effect] = {
    "set_star_from_verified": set_star_from_verified,
    "start_publicity": start_publicity,
    "apply_upward_decision": apply_upward_decision,
}
