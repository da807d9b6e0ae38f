"""Assigned experts (核定分工): which expert verifies which school in a round.

Once a round has any assignment, an expert scores only the schools assigned to it there, and no
expert is ever assigned to, or scores, the school it comes from (its user's ``school``): the check
itself is workflow/permissions.py ``require_verifier_of``, asked by the score doors.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.schema import Assessment, Assignment, Round, School, User
from workflow import audit, clock
from workflow.door import load_campaign, load_round, write
from workflow.errors import InvalidInput, NotFound, PermissionDenied
from workflow.i18n import Msg, register
from workflow.permissions import (
    Actor,
    OutOfScope,
    contains,
    covers,
    require,
    require_campaign_scope,
    require_school_scope,
    user_region,
)
from workflow.region_facts import assignment_facts

register({
    "err.assign_not_expert": {"zh": "“{name}”不是专家（角色：{role}），不能分配核定任务。",
                              "en": "'{name}' is not an expert (role: {role}) and cannot be assigned."},
    "err.assign_not_enrolled": {"zh": "学校{code}不在{year}年这一轮中，不能分配。",
                                "en": "School {code} is not in the {year} round and cannot be assigned."},
    "err.assign_none": {"zh": "请至少给出一个学校代码。", "en": "Name at least one school code."},
})


def assign_experts(actor: Actor, expert: str, codes: Sequence[str], *, campaign_id: int | None = None,
                   round_year: int | None = None) -> tuple[Round, list[str]]:
    """Assign ``expert`` to the schools ``codes`` in a round (its campaign's newest by default);
    the codes newly assigned (one already assigned is left as it is)."""
    require(actor, "verification.assign")
    wanted = [c.strip() for c in codes if c.strip()]
    if not wanted:
        raise InvalidInput("err.assign_none")

    def body() -> tuple[Round, list[str]]:
        campaign = load_campaign(campaign_id)
        require_campaign_scope(actor, campaign)
        round_row = load_round(int(campaign.id), round_year)
        user = User.get_or_none(User.name == expert)
        if user is None:
            raise NotFound("err.user_unknown", name=expert)
        if not (covers(actor, user_region(user)) or contains(user_region(user), campaign.region_code)):
            # Neither the officer's own nor from a tier above the campaign (a city's expert pool serves its
            # counties): another county's user reads as a name nobody has, its role unsaid.
            raise OutOfScope("err.user_unknown", name=expert)
        if user.role != "expert":
            raise InvalidInput("err.assign_not_expert", name=expert, role=Msg(f"role.{user.role}"))
        own = School.get_or_none(School.id == user.school_id) if user.school_id else None
        added: list[str] = []
        for code in wanted:
            require_school_scope(actor, code)  # an officer assigns only inside its own region
            school = School.get_or_none(School.code == code)
            if school is None:
                raise NotFound("err.not_found", what=Msg("word.school"), key=code)
            if own is not None and own.id == school.id:
                raise PermissionDenied("err.recused", expert=expert,
                                       school=Msg("word.school_named", name=school.name, code=school.code))
            if not Assessment.select().where((Assessment.round == round_row.id)
                                             & (Assessment.school == school.id)).exists():
                raise InvalidInput("err.assign_not_enrolled", code=code, year=round_row.year)
            held = Assignment.select().where((Assignment.round == round_row.id) & (Assignment.expert == user.id)
                                             & (Assignment.school == school.id)).exists()
            if not held:
                Assignment.create(round=round_row.id, expert=user.id, school=school.id, assigned_by=actor.name,
                                  assigned_at=clock.stamp())
                added.append(code)
        audit.append(actor=actor.name, action="verification.assign", campaign_id=int(campaign.id),
                     payload={"expert": expert, "round": int(round_row.id), "year": int(round_row.year),
                              "schools": wanted,
                              # the round's whole list, and what this row added to it: the replay holds the
                              # rest of the list to what the log held (an SQL-inserted pair read back here
                              # would otherwise be vouched for)
                              "facts": {"va": assignment_facts([int(round_row.id)]),
                                        "vadd": {str(round_row.id): sorted([expert, c] for c in added)}}})
        return round_row, added

    return write(body)

