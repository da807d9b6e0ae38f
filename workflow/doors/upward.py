"""The upward review in the system (上级复核): a higher tier reviews the schools its counties sent up.

A city's or province's campaign becomes the upward review of one year (``Campaign.upward_of``) when
its admin first takes in the recommendations (``pull_recommended``): every school recommended upward
(已报上级) in that year's round of a campaign below it, unless a nearer tier reviews that county. Each
enters the higher campaign's round as a school to verify, carrying the county's verified scores (沿用)
until its experts, assigned as in any round (with recusal), confirm or change them. Its admin then
decides (``decide_upward``): the same decision, document number and date are written back to the
county's row through the one path the hand-recorded decision takes (workflow.doors.rounds
``write_back_upward``: grant_upward / refuse_upward), naming the higher region as the authority.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import workflow.upward_messages  # noqa: F401  - registers this door's keys
from models.schema import Assessment, Campaign, Region, Round, School
from workflow import audit
from workflow.audit_facts import campaign_facts
from workflow.door import latest_round, load_assessment, load_campaign, write
from workflow.doors.rounds import _enter, _entry_facts, upward_facts, write_back_upward
from workflow.errors import GuardFailed
from workflow.i18n import Label, Msg, Quoted
from workflow.permissions import Actor, in_subtree, require, require_campaign_scope, require_school_scope
from workflow.statemachine.declaration import event, state
from workflow.statemachine.events import fire


@dataclass(frozen=True)
class Pulled:
    campaign_id: int
    year: int
    codes: list[str]


def pull_recommended(actor: Actor, year: int, *, campaign_id: int | None = None) -> Pulled:
    """Take the year's recommendations from the counties below into this campaign's open round."""
    require(actor, "round.open")

    def body() -> Pulled:
        campaign = load_campaign(campaign_id)
        require_campaign_scope(actor, campaign)  # its own tier's campaign
        region = str(campaign.region_code or "")
        if not region or len(region) >= 6:
            raise GuardFailed("err.upward_region", title=Quoted(campaign.title))
        if campaign.upward_of is not None and int(campaign.upward_of) != int(year):
            raise GuardFailed("err.upward_year", title=Quoted(campaign.title), have=campaign.upward_of, year=year)
        if campaign.upward_of is None:
            if Assessment.select().where((Assessment.campaign == campaign.id)
                                         & Assessment.upward_from.is_null()).exists():
                raise GuardFailed("err.upward_has_own", title=Quoted(campaign.title))
            campaign.upward_of = int(year)
            campaign.save()
        target = latest_round(campaign.id)
        # Tiers between this one and a county that review the same year themselves take its schools.
        nearer = [str(code) for (code,) in Campaign.select(Campaign.region_code).where(
            (Campaign.upward_of == int(year)) & (Campaign.id != campaign.id)
            & in_subtree(Campaign.region_code, region) & (Campaign.region_code != region)).tuples()]
        taken = Assessment.select(Assessment.upward_from).where(Assessment.upward_from.is_null(False))
        candidates = (Assessment.select(Assessment, School, Round, Campaign).join(School).switch(Assessment)
                      .join(Round).switch(Assessment).join(Campaign)
                      .where((Assessment.state == "recommended") & (Round.year == int(year))
                             & Campaign.upward_of.is_null() & in_subtree(Campaign.region_code, region)
                             & (Campaign.region_code != region) & Assessment.id.not_in(taken))
                      .order_by(Campaign.region_code, School.display_order, School.code))
        chosen = [r for r in candidates if not any(str(r.campaign.region_code).startswith(n) for n in nearer)]
        new_ids = _enter(actor, campaign, target, chosen, "upward")
        pairs = [(int(r.id), new) for r, new in zip(chosen, new_ids, strict=True)]
        for old, new in pairs:
            Assessment.update(upward_from=old).where(Assessment.id == new).execute()
        codes = [str(r.school.code) for r in chosen]
        audit.append(actor=actor.name, action="round.upward", campaign_id=campaign.id, to_state="verifying",
                     payload={"year": int(year), "round": target.id, "schools": codes[:2000], "count": len(codes),
                              "from": {str(new): old for old, new in pairs},
                              # the campaign too: its upward year is set by this door, on the first pull
                              "facts": {**_entry_facts(int(campaign.id), pairs),
                                        "c": campaign_facts([int(campaign.id)])[0]}})
        return Pulled(int(campaign.id), int(year), codes)

    return write(body)


def decision_states() -> list[str]:
    """Where a review's school awaits its admin's decision: the decision event's sources (the declaration)."""
    return list(event("upward_grant")["source"])


def authority_of(campaign: Campaign) -> str:
    """The higher tier as the county's records name it: its region's name (河南省), else the
    campaign's organ or region name."""
    found = Region.get_or_none(Region.code == campaign.region_code) if campaign.region_code else None
    return str(found.name) if found is not None else str(campaign.organ or campaign.region)


def decide_upward(actor: Actor, assessment_id: int, *, granted: bool, doc_no: str, decided_on: str | date,
                  level: int | None = None) -> tuple[Assessment, Assessment]:
    """The higher tier's decision on a school it reviewed (verified by its experts): recorded on its own
    row and, in the same transaction, on the county's; both rows, the review's first."""
    require(actor, "upward.record")

    def body() -> tuple[Assessment, Assessment]:
        row = load_assessment(assessment_id)
        if row.upward_from is None:
            raise GuardFailed("err.upward_not_review", school=row.school.name, title=Quoted(row.campaign.title))
        require_campaign_scope(actor, row.campaign)
        require_school_scope(actor, row.school.code)
        if row.upward_date is not None:  # decided once: say so, with the document that did it
            raise GuardFailed("err.upward_decided", school=row.school.name, authority=row.upward_authority,
                              result=Msg("outcome.upward" if row.upward_granted else "outcome.upward_refused"),
                              doc_no=row.upward_doc_no, date=str(row.upward_date))
        if row.state not in decision_states():
            raise GuardFailed("err.upward_review_state", school=row.school.name, state=Label(state(row.state)))
        county = load_assessment(int(row.upward_from))
        if county.state != "recommended":
            raise GuardFailed("err.upward_state", school=county.school.name, state=Label(state(county.state)))
        # Granted without a level: the one the higher tier's own verification earned.
        chosen = level if level is not None or not granted else row.star_level
        facts = upward_facts(actor, county, granted=granted, doc_no=doc_no, decided_on=decided_on, level=chosen,
                             authority=authority_of(row.campaign))
        facts["upward"]["review"] = int(row.id)
        own = fire(actor, row.id, "upward_grant" if granted else "upward_refuse",
                   door_facts={"upward": dict(facts["upward"], county=int(county.id))})
        back = write_back_upward(actor, county, granted=granted, doc_no=doc_no, decided_on=decided_on,
                                 facts=facts, written_back=True)
        return own, back

    return write(body)


def review_row(campaign_id: int, school_code: str) -> Assessment | None:
    """The school's row in an upward review campaign (for ``school decide`` on that campaign)."""
    return (Assessment.select().join(School).where((Assessment.campaign == campaign_id)
                                                   & (School.code == school_code)
                                                   & Assessment.upward_from.is_null(False)).first())

