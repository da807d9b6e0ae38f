"""A campaign's rounds as ``starcampus round list`` and the dashboard's round picker show them."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from models.schema import Assessment, Round, frozen_rounds
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.reads.scope import reader_scope
from workflow.statemachine.declaration import SETTLED_STATES


@dataclass(frozen=True)
class RoundLine:
    id: int
    year: int
    kind: str
    kind_label: str
    schools: int
    settled: int
    window: str  # "2024-11-01..2024-12-31", "" for the initial rating (it uses the campaign's phases)
    open: bool  # the newest round (the one writes go to), its cycle not followed by a later one


def round_lines(actor: Actor, campaign_id: int) -> list[RoundLine]:
    """Oldest first; a school user's counts are its own school's."""
    scope = reader_scope(actor, campaign_id)
    rounds = list(Round.select().where(Round.campaign == campaign_id).order_by(Round.year))
    frozen = frozen_rounds(int(r.id) for r in rounds)  # the newest too, once a later cycle is made from it
    lines = []
    for r in rounds:
        query = Assessment.select(pw.fn.COUNT(Assessment.id)).where(Assessment.round == r.id)
        settled = query.where(Assessment.state.in_(SETTLED_STATES))
        if scope is not None:
            from models.schema import School

            query = query.join(School).where(School.code == scope)
            settled = settled.join(School).where(School.code == scope)
        window = f"{r.window_start}..{r.window_end}" if r.window_start and r.window_end else ""
        lines.append(RoundLine(int(r.id), int(r.year), str(r.kind), t(f"round.kind.{r.kind}"), int(query.scalar()),
                               int(settled.scalar()), window, r.id not in frozen))
    return lines
