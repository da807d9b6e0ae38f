"""The jurisdiction facts an audit row vouches for (issue 15), beside workflow/audit_facts.py's.

``g``: {"regions": {code: [name, parent code]}, "users": {name: region code}} (users with a region
only), written whole only by the first user's ``user.add`` and the checkpoint; ``gd``, the same shape,
what one ``region.add`` or ``user.add`` set (a whole tree read back would vouch for an SQL edit made
before it); ``rc``, a placeholder's recode, applied by the replay to its own state. ``va``: round id -> sorted [expert name, school code] pairs, the round's
assignments, written by ``verification.assign``, with ``vadd`` (the same shape: the pairs that row added;
not in rows written before it). A round the log gives no ``va`` for has none (the door has always written
them), so a pair inserted with SQL there is named too. ``audit verify`` folds them
(workflow/audit_replay.py) and compares them with the tables.
"""

from __future__ import annotations

from typing import Any

from models.schema import Assignment, Region, School, User
from workflow.i18n import register

register({
    "replay.regions": {"zh": "行政区划与用户辖区（{part}）", "en": "regions and users' regions ({part})"},
    "replay.region_entry": {"zh": "区划{key}", "en": "region {key}"},
    "replay.user_region": {"zh": "用户{key}的辖区", "en": "user {key}'s region"},
    "replay.assignments": {"zh": "轮次#{id}的核定分工", "en": "round #{id}'s expert assignments"},
})


def region_facts() -> dict[str, Any]:
    regions = {code: [name, parent] for code, name, parent in
               Region.select(Region.code, Region.name, Region.parent_code).tuples()}
    users = {name: code for name, code in User.select(User.name, User.region_code)
             .where(User.region_code != "").tuples()}
    return {"regions": regions, "users": users}


def assigned_rounds() -> list[int]:
    """Every round with an assignment in the table (what the replay compares, logged or not)."""
    return [int(r) for (r,) in Assignment.select(Assignment.round).distinct().tuples()]


def assignment_facts(round_ids: list[int]) -> dict[str, Any]:
    found: dict[str, list[list[str]]] = {str(r): [] for r in round_ids}
    rows = (Assignment.select(Assignment.round, User.name, School.code).join(User).switch(Assignment).join(School)
            .where(Assignment.round.in_(round_ids)).tuples())
    for round_id, expert, code in rows:
        found[str(round_id)].append([expert, code])
    return {rid: sorted(pairs) for rid, pairs in found.items()}
