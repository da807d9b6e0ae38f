"""The region tree (行政区划) as ``region list`` shows it: each region under its parent, in code order."""

from __future__ import annotations

from dataclasses import dataclass

from models.schema import Assignment, Region, School, User
from workflow.permissions import Actor, in_subtree, require

LEVELS = {2: "province", 4: "city", 6: "county"}  # by the code's length (GB/T 2260)


@dataclass(frozen=True)
class RegionLine:
    code: str
    name: str
    parent_code: str
    depth: int  # 0 for a root of the tree shown
    level: str  # province | city | county


def region_tree(actor: Actor) -> list[RegionLine]:
    """The tree depth-first (parents before children); an officer with a region sees its subtree."""
    require(actor, "region.manage")
    query = Region.select().order_by(Region.code)
    if actor.region_code:
        query = query.where(in_subtree(Region.code, actor.region_code))
    rows = list(query)
    codes = {r.code for r in rows}
    children: dict[str, list[Region]] = {}
    for r in rows:
        children.setdefault(r.parent_code if r.parent_code in codes else "", []).append(r)
    lines: list[RegionLine] = []

    def walk(parent: str, depth: int) -> None:
        for r in children.get(parent, []):
            lines.append(RegionLine(r.code, r.name, r.parent_code, depth, LEVELS.get(len(r.code), "county")))
            walk(r.code, depth + 1)

    walk("", 0)
    return lines


def assigned_experts(round_id: int, school_code: str) -> list[str]:
    """The experts assigned to a school in a round, by name (what the verification record can list)."""
    return [name for (name,) in Assignment.select(User.name).join(User).switch(Assignment).join(School)
            .where((Assignment.round == round_id) & (School.code == school_code)).order_by(User.name).tuples()]
