"""Recoding a placeholder region (行政区划改码): the upgrade's 99NNNN code becomes the real one.

Migration 9 gave an existing database one region per campaign region name, coded 99NNNN (no province
of GB/T 2260 has 99), with no parent. ``recode_region`` gives such a region its real code and its
place in the tree, and moves everything that names the old code along with it in one write: the
region row, its schools, its campaigns and its users (school users follow their school). Regions
already registered below the new code whose parent was the new region's parent are put under it,
so the parent stays the nearest registered region above (workflow/doors/regions.py).

Who: a whole-server admin only (``region.recode`` is in ``WHOLE_SERVER``). A placeholder lies in no
real region's subtree: an officer of a real region would be claiming schools it cannot see, and the
placeholder's own county admin could move itself under any province.

Only placeholders: a real code is printed in notices and named by the audit log and by other
servers' records; it is never rewritten.

The audit row carries the facts ``audit verify`` replays for what moved: the region tree and users'
regions (``g``), every moved campaign (``c``) and every moved school's register entry (``sc``), as a
school import writes them, in one row however many schools moved. A region code changed later with
SQL is still named.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.migrations import PLACEHOLDER_PREFIX
from models.schema import Campaign, Region, School, User
from workflow import audit
from workflow.door import write
from workflow.doors.regions import check_code
from workflow.errors import InvalidInput, NotFound
from workflow.i18n import Msg, register
from workflow.permissions import Actor, in_subtree, require

register({
    "field.region_new_code": {"zh": "新区划代码", "en": "new region code"},
    "why.region_not_placeholder": {
        "zh": "“{code}”不是升级时生成的占位代码（{prefix}开头的6位数字）：只有占位区划可以改码，"
              "已登记的正式代码不再更改",
        "en": "'{code}' is not a placeholder made by the upgrade (6 digits starting {prefix}): only placeholder "
              "regions can be recoded; a registered real code is never changed"},
    "why.region_new_placeholder": {
        "zh": "“{code}”仍是占位代码（{prefix}开头）：请给出 GB/T 2260 的正式代码",
        "en": "'{code}' is a placeholder code too (it starts {prefix}): give the real GB/T 2260 code"},
})



@dataclass(frozen=True)
class Recoded:
    """What a recode moved, for the command's report."""

    old_code: str
    code: str
    name: str
    parent_code: str
    schools: int
    campaigns: int
    users: int
    adopted: tuple[str, ...]  # regions below the new code now under it


def is_placeholder(code: str) -> bool:
    """A code migration 9 makes: 99 and four digits (a county's length; nothing is registered below it)."""
    return len(code) == 6 and code.startswith(PLACEHOLDER_PREFIX)


def recode_region(actor: Actor, old_code: str, new_code: str, *, parent: str | None = None,
                  name: str | None = None) -> Recoded:
    """Give placeholder region ``old_code`` the real code ``new_code`` (and ``parent``, ``name``).

    ``parent`` defaults to the nearest registered region above ``new_code``; given, it must be that
    one. ``name`` defaults to the region's own. Campaigns keep the region name they print (``region``):
    their notices already went out under it."""
    require(actor, "region.recode")
    old_code, new_code = _checked_codes(old_code, new_code)
    parent = check_code(parent, "field.parent_code") if parent else ""
    if parent and (len(parent) >= len(new_code) or not new_code.startswith(parent)):
        raise InvalidInput("err.invalid", where=Msg("field.parent_code"),
                           what=Msg("why.region_parent_prefix", code=new_code, parent=parent))
    if name is not None:
        name = name.strip()
        if not name or len(name) > 100:
            raise InvalidInput("err.invalid", where=Msg("field.region_name"), what=Msg("why.required"))
    return write(lambda: _recode(actor, old_code, new_code, parent, name))


def _checked_codes(old_code: str, new_code: str) -> tuple[str, str]:
    old_code = check_code(old_code)
    if not is_placeholder(old_code):
        raise InvalidInput("err.invalid", where=Msg("field.region_code"),
                           what=Msg("why.region_not_placeholder", code=old_code, prefix=PLACEHOLDER_PREFIX))
    new_code = check_code(new_code, "field.region_new_code")  # the refusal names the code it is about
    if new_code.startswith(PLACEHOLDER_PREFIX):
        raise InvalidInput("err.invalid", where=Msg("field.region_new_code"),
                           what=Msg("why.region_new_placeholder", code=new_code, prefix=PLACEHOLDER_PREFIX))
    return old_code, new_code


def _nearest_above(code: str) -> str:
    """The longest registered proper prefix of ``code`` ('' when none)."""
    for size in (4, 2):
        if size < len(code) and Region.select().where(Region.code == code[:size]).exists():
            return code[:size]
    return ""


def _recode(actor: Actor, old_code: str, new_code: str, parent: str, name: str | None) -> Recoded:
    row = Region.get_or_none(Region.code == old_code)
    if row is None:
        raise NotFound("err.not_found", what=Msg("word.region"), key=old_code)
    taken = Region.get_or_none(Region.code == new_code)
    if taken is not None:
        raise InvalidInput("err.region_exists", code=new_code, name=taken.name)
    if parent and not Region.select().where(Region.code == parent).exists():
        raise NotFound("err.not_found", what=Msg("field.parent_code"), key=parent)
    nearest = _nearest_above(new_code)
    if parent and parent != nearest:
        raise InvalidInput("err.invalid", where=Msg("field.parent_code"),
                           what=Msg("why.region_nearest", code=new_code, nearest=nearest or "-"))
    parent = nearest
    name = name or row.name
    users = User.update(region_code=new_code).where(User.region_code == old_code).execute()
    campaigns = Campaign.update(region_code=new_code).where(Campaign.region_code == old_code).execute()
    schools = School.update(region_code=new_code).where(School.region_code == old_code).execute()
    below = in_subtree(Region.code, new_code) & (Region.code != new_code) & (Region.parent_code == parent)
    adopted = tuple(code for (code,) in Region.select(Region.code).where(below).order_by(Region.code).tuples())
    if adopted:
        Region.update(parent_code=new_code).where(Region.code.in_(list(adopted))).execute()
    Region.update(code=new_code, name=name, parent_code=parent).where(Region.id == row.id).execute()

    # The move itself, not the moved rows read back: `audit verify` moves the log's own state the same
    # way (workflow/audit_replay.py), so whatever an SQL edit had changed in them is still found after.
    facts = {"rc": {"from": old_code, "to": new_code, "name": name, "parent": parent, "adopted": list(adopted)}}
    audit.append(actor=actor.name, action="region.recode",
                 payload={"from": old_code, "code": new_code, "name": name, "parent": parent,
                          "schools": schools, "campaigns": campaigns, "users": users,
                          "adopted": list(adopted), "facts": facts})
    return Recoded(old_code, new_code, name, parent, schools, campaigns, users, adopted)
