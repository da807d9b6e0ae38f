"""Lists the CLI prints: the school register, the users, a campaign's objections."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN

from models.schema import Assessment, Objection, Region, School, User
from workflow.door import latest_round
from workflow.permissions import Actor, require, user_region, users_in_subtree
from workflow.reads.scope import reader_scope, schools_in_scope


@dataclass(frozen=True)
class RegisterLine:
    code: str
    name: str
    township: str
    stage: str
    region_code: str = ""  # '' : in no region (a register from before regions)
    region_name: str = ""


@dataclass(frozen=True)
class UserLine:
    name: str
    display_name: str
    role: str
    school_code: str
    disabled: bool
    region_code: str = ""  # '' : the whole server


@dataclass(frozen=True)
class ObjectionLine:
    id: int
    school_code: str
    school_name: str
    raised_by: str
    text: str
    status: str
    resolution: str


def school_register(actor: Actor) -> list[RegisterLine]:
    """Every school in display order; a school user's register is its own school."""
    scope = reader_scope(actor)
    query = School.select().order_by(School.display_order, School.code)
    if scope is not None:
        query = query.where(School.code == scope)
    within = schools_in_scope(actor)  # an officer with a region: its subtree's schools
    if within is not None:
        query = query.where(within)
    names = dict(Region.select(Region.code, Region.name).tuples())  # a province has ~3,000 regions at most
    return [RegisterLine(s.code, s.name, s.township, s.stage, s.region_code or "", names.get(s.region_code, ""))
            for s in query]


def user_list(actor: Actor) -> list[UserLine]:
    """Every account: who manages users sees them all."""
    require(actor, "user.manage")
    query = User.select(User, School).join(School, join_type=JOIN.LEFT_OUTER).order_by(User.name)
    if actor.region_code:  # an officer with a region manages its subtree's users
        query = query.where(users_in_subtree(actor.region_code))  # school users: their school's
    return [UserLine(u.name, u.display_name, u.role, u.school.code if u.school_id else "", bool(u.disabled),
                     user_region(u)) for u in query]


def objection_list(actor: Actor, campaign_id: int, round_id: int | None = None) -> list[ObjectionLine]:
    """A round's objections (the newest round's when None) in the order raised; a school user
    sees those about its own school."""
    scope = reader_scope(actor, campaign_id)
    in_round = round_id if round_id is not None else int(latest_round(campaign_id).id)
    query = (Objection.select(Objection, Assessment, School).join(Assessment).join(School)
             .where(Assessment.round == in_round).order_by(Objection.id))
    if scope is not None:
        query = query.where(School.code == scope)
    return [ObjectionLine(int(o.id), o.assessment.school.code, o.assessment.school.name, o.raised_by, o.text,
                          o.status, o.resolution)
            for o in query]
