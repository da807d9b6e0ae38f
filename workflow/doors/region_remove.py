"""Removing a region (删除行政区划): the way back from a code typed wrong.

``region recode`` rewrites only placeholders, and a registered code is never changed: a county
registered as 650424 instead of 640424 (or imported with an empty parent, so it landed at the root)
could otherwise never go. ``remove_region`` takes away a region that nothing names yet: no region
below it, no school, no campaign and no user in it. Anything still there is named with its count and
nothing is written, so a region a notice, a school or an officer depends on is never orphaned.

Who: a whole-server admin only (``region.remove`` is in ``WHOLE_SERVER``), like ``region.recode``: the
mistyped code usually lies outside every real region, where no scoped officer could see it.

The audit row's facts are what the door did, ``{"gd": {"regions": {code: None}}}`` (None: removed,
workflow/region_facts.py), never the tree read back: ``audit verify`` then names the region if SQL puts
it back, and still names whatever SQL changed elsewhere before.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.schema import Campaign, Region, School, User
from workflow import audit
from workflow.door import write
from workflow.doors.regions import check_code
from workflow.errors import InvalidInput, NotFound
from workflow.i18n import Msg, register
from workflow.permissions import Actor, in_subtree, require

register({
    "err.region_not_empty": {
        "zh": "不能删除行政区划“{code}”（{name}）：其下还有下级区划 {regions} 个、学校 {schools} 所、"
              "评定工作 {campaigns} 项、用户 {users} 名。请先移走或删除它们。",
        "en": "Region '{code}' ({name}) cannot be removed: it still has {regions} regions below it, {schools} schools, "
              "{campaigns} campaigns and {users} users. Move or remove them first."},
})


@dataclass(frozen=True)
class Removed:
    """The region taken away, for the command's report."""

    code: str
    name: str
    parent_code: str


def remove_region(actor: Actor, code: str) -> Removed:
    """Remove region ``code`` when nothing is registered in it; refused, writing nothing, otherwise."""
    require(actor, "region.remove")
    code = check_code(code)
    return write(lambda: _remove(actor, code))


def _remove(actor: Actor, code: str) -> Removed:
    row = Region.get_or_none(Region.code == code)
    if row is None:
        raise NotFound("err.not_found", what=Msg("word.region"), key=code)
    # Counted inside the write transaction, so nothing added meanwhile is orphaned. The subtree, not
    # just the code: a school or user given a code below it counts as in it (permissions.covers).
    inside = in_subtree(Region.code, code) & (Region.code != code)
    counts = {
        "regions": Region.select().where(inside).count(),
        "schools": School.select().where(in_subtree(School.region_code, code)).count(),
        "campaigns": Campaign.select().where(in_subtree(Campaign.region_code, code)).count(),
        "users": User.select().where(in_subtree(User.region_code, code)).count(),
    }
    if any(counts.values()):
        raise InvalidInput("err.region_not_empty", code=code, name=row.name, **counts)
    Region.delete().where(Region.id == row.id).execute()
    audit.append(actor=actor.name, action="region.remove",
                 payload={"code": code, "name": row.name, "parent": row.parent_code,
                          "facts": {"gd": {"regions": {code: None}}}})  # what it removed, no more
    return Removed(code, row.name, row.parent_code)
