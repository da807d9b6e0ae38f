"""Who may read what: every read model starts here, so the actor's scope is applied in one place.

The rules themselves are workflow.permissions' (the ``read`` action, the school scope, the region
subtree); this module only asks them on behalf of the read models.
"""

from __future__ import annotations

import workflow.upward_messages  # noqa: F401  - every read may word an upward review's row (entry, audit action)
from models.schema import Campaign, Region, Round, School
from workflow.door import load_campaign
from workflow.errors import NotFound
from workflow.i18n import Msg, register
from workflow.permissions import (
    Actor,
    covers,
    in_subtree,
    region_label,
    require,
    require_campaign_reader,
    require_region,
    require_school_scope,
)

register({
    "err.region_no_campaign": {"zh": "{region}尚未开展评定工作。", "en": "{region} runs no campaign yet."},
})


def reader_scope(actor: Actor, campaign_id: int | None = None, *, round_id: int | None = None) -> str | None:
    """Check ``actor`` may read at all (and, given ``campaign_id`` or ``round_id``, that campaign:
    its region); the one school a school user is confined to, else None."""
    require(actor, "read")
    if campaign_id is None and round_id is not None and actor.region_code:
        found = Round.get_or_none(Round.id == round_id)
        campaign_id = int(found.campaign_id) if found is not None else None
    if campaign_id is not None and actor.region_code:  # whole-server readers: nothing to ask
        require_campaign_reader(actor, load_campaign(campaign_id))
    return actor.school_code if actor.role == "school" else None


def require_reader_of(actor: Actor, school_code: str, campaign: Campaign | None = None) -> None:
    """Refuse unless ``actor`` may read this school (a school user: only its own; an officer with a
    region: only its subtree's) and, given the campaign of the record read, that campaign too: a school
    moved to another county does not take its old county's campaign record with it."""
    require(actor, "read")
    require_school_scope(actor, school_code)
    if campaign is not None:
        require_campaign_reader(actor, campaign)


def campaigns_in_scope(actor: Actor) -> list[Campaign]:
    """The campaigns ``actor`` may read, newest first: a city's officer sees its counties' side by side."""
    require(actor, "read")
    query = Campaign.select().order_by(Campaign.year.desc(), Campaign.id.desc())
    if actor.region_code:
        query = query.where(in_subtree(Campaign.region_code, actor.region_code))
    return list(query)


def scoped_campaign(actor: Actor, campaign_id: int | None = None) -> Campaign:
    """The campaign asked for (refused outside the actor's region), else the newest the actor may read."""
    require(actor, "read")
    if campaign_id is not None or not actor.region_code:
        row = load_campaign(campaign_id)
        require_campaign_reader(actor, row)
        return row
    found = campaigns_in_scope(actor)
    if not found:
        raise NotFound("err.not_found", what=Msg("word.campaign"), key=actor.region_code)
    return found[0]


def region_campaign(actor: Actor, code: str) -> Campaign:
    """The newest campaign region ``code`` runs itself (its own tier's: a county's, asked by its city),
    for a per-region export. Outside the actor's subtree refused by the code alone, before it is
    looked up; a region that runs none is named as not found."""
    require(actor, "read")
    code = code.strip()
    require_region(actor, code)
    region = Region.get_or_none(Region.code == code)
    if region is None:
        raise NotFound("err.not_found", what=Msg("word.region"), key=code)
    row = (Campaign.select().where(Campaign.region_code == code)
           .order_by(Campaign.year.desc(), Campaign.id.desc()).first())
    if row is None:
        raise NotFound("err.region_no_campaign", region=region_label(code))
    return row


def schools_in_scope(actor: Actor) -> object:
    """The condition on ``School`` an actor's school lists apply (None: every school)."""
    if actor.role == "school":
        return School.code == (actor.school_code or "")
    if actor.region_code:
        return in_subtree(School.region_code, actor.region_code)
    return None


__all__ = ["campaigns_in_scope", "covers", "reader_scope", "region_campaign", "require_reader_of",
           "schools_in_scope", "scoped_campaign"]
