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


EFFECTS: dict[str, Effect] = {
    "set_star_from_verified": set_star_from_verified,
    "start_publicity": start_publicity,
}
