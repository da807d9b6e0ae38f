"""The workflow as data: campaign phases, school states and the events between them.

A new state is a line in STATES; a new event is an entry in EVENTS. workflow.statemachine.machine builds the
one transitions Machine from them, and each key of an event is what the machine does with it:

- ``source`` / ``dest``: the transition's edges;
- ``phases``: when it may happen (the ``phase_open`` condition, asked first); ``review_phases``, where
  given, replaces them for a school in an annual review round (it works in the promotion phase);
- ``conditions``: guards in ``workflow.statemachine.guards``, the transition's further conditions, in order;
- ``reason``: the event must say why (退回, 降级...); checked when it fires, not when it is offered;
- ``effect``: a function in ``workflow.statemachine.effects``, run after the move;
- ``door``: the event carries facts only its own door gathers (workflow.doors.rounds); it is not offered
  among a school's events and is refused when fired without them;
- ``closing``: the event ends a school's round outside its schedule (未参评): a school it may still settle is
  not thereby work on time (region status's overdue, `campaign advance`'s schools left with nothing to do);
- ``roles``: who may fire it, asked by workflow.statemachine.events before the machine (with a school user's
  own-school rule).
"""

from __future__ import annotations

from typing import Any

PHASES: list[dict[str, Any]] = [
    {"name": "mobilization", "zh": "宣传发动", "en": "Mobilization"},
    {"name": "self_evaluation", "zh": "自评整改", "en": "Self-evaluation and rectification"},
    {"name": "verification", "zh": "标准核定", "en": "Verification"},
    {"name": "promotion", "zh": "创建提升", "en": "Promotion"},
]

STATES: list[dict[str, Any]] = [
    {"name": "enrolled", "zh": "已参评", "en": "Enrolled"},
    {"name": "self_evaluating", "zh": "自评中", "en": "Self-evaluating"},
    {"name": "rectifying", "zh": "整改中", "en": "Rectifying"},
    {"name": "submitted", "zh": "已提交自评", "en": "Submitted"},
    {"name": "verifying", "zh": "核定中", "en": "Verifying"},
    {"name": "verified", "zh": "已核定", "en": "Verified"},
    {"name": "publicized", "zh": "公示中", "en": "In publicity"},
    {"name": "certified", "zh": "已认定", "en": "Certified"},
    {"name": "recommended", "zh": "已报上级", "en": "Recommended upward"},
    {"name": "not_rated", "zh": "未达星级", "en": "Not rated"},
    {"name": "withdrawn", "zh": "未参评", "en": "Did not take part"},
    {"name": "promotion_applied", "zh": "已申请晋级", "en": "Promotion applied"},
    {"name": "re_reviewing", "zh": "年度复核中", "en": "Re-reviewing"},
]

# Where a school's round ends: the states a next round starts from.
SETTLED_STATES = ["certified", "recommended", "not_rated", "withdrawn"]
# Where the experts' verification of a school is finished (a notice counts these as 评估核定): not a school
# that did not take part (withdrawn: settled unverified, with no level and no place in the notice's rolls).
VERIFIED_STATES = ["verified", "publicized", "certified", "recommended", "not_rated"]
# 未参评: settled with no rating; a verified total it had when it stopped counts nowhere (levels, averages).
WITHDRAWN = "withdrawn"

EVENTS: list[dict[str, Any]] = [
    {"trigger": "start_self_evaluation", "zh": "开始自评", "en": "Start self-evaluation",
     "source": ["enrolled"], "dest": "self_evaluating",
     "phases": ["mobilization", "self_evaluation"], "roles": ["school", "admin"]},
    {"trigger": "start_rectification", "zh": "进入整改", "en": "Start rectification",
     "source": ["self_evaluating"], "dest": "rectifying",
     "phases": ["self_evaluation"], "roles": ["school", "admin"]},
    {"trigger": "submit_self_evaluation", "zh": "提交自评表", "en": "Submit self-evaluation",
     "source": ["self_evaluating", "rectifying"], "dest": "submitted",
     "phases": ["self_evaluation", "verification"], "roles": ["school", "admin"],
     "conditions": ["all_self_scored"]},
    {"trigger": "return_to_school", "zh": "退回", "en": "Return to school",
     "source": ["submitted", "verifying"], "dest": "self_evaluating",
     "phases": ["self_evaluation", "verification"], "roles": ["admin", "expert"], "reason": True},
    {"trigger": "start_verification", "zh": "开始核定", "en": "Start verification",
     "source": ["submitted"], "dest": "verifying",
     "phases": ["verification"], "roles": ["expert", "admin"]},
    {"trigger": "finish_verification", "zh": "完成核定", "en": "Finish verification",
     "source": ["verifying", "re_reviewing"], "dest": "verified",
     "phases": ["verification"], "review_phases": ["promotion"], "roles": ["expert", "admin"],
     "conditions": ["review_with_publicity", "all_verified_scored", "none_carried"],
     "effect": "set_star_from_verified"},
    {"trigger": "publicize", "zh": "公示", "en": "Publicize",
     "source": ["verified"], "dest": "publicized",
     "phases": ["verification"], "review_phases": ["promotion"], "roles": ["admin"],
     "effect": "start_publicity"},
    {"trigger": "uphold_objection", "zh": "异议成立，重新核定", "en": "Uphold objection",
     "source": ["publicized"], "dest": "verifying",
     "phases": ["verification"], "review_phases": ["promotion"], "roles": ["admin"], "reason": True},
    {"trigger": "certify", "zh": "认定星级", "en": "Certify",
     "source": ["publicized"], "dest": "certified",
     "phases": ["verification", "promotion"], "roles": ["admin"],
     "conditions": ["publicity_elapsed", "no_open_objection", "star_certified_locally"]},
    {"trigger": "recommend_upward", "zh": "报上级认定/推荐", "en": "Recommend upward",
     "source": ["publicized"], "dest": "recommended",
     "phases": ["verification", "promotion"], "roles": ["admin"],
     "conditions": ["publicity_elapsed", "no_open_objection", "star_sent_upward"]},
    {"trigger": "mark_not_rated", "zh": "确认未达星级", "en": "Confirm not rated",
     "source": ["publicized"], "dest": "not_rated",
     "phases": ["verification", "promotion"], "roles": ["admin"],
     "conditions": ["publicity_elapsed", "no_open_objection", "no_star"]},
    # 未参评: an enrolled school that did not take part, or stopped before it was verified (merged, closed,
    # gave up), settled in this round by the bureau with the reason; it has no level, and the next round
    # may take it in as any settled school. Only in the initial rating (a review's school keeps its level).
    {"trigger": "withdraw", "zh": "未参评（终止参评）", "en": "Did not take part (withdraw)",
     "source": ["enrolled", "self_evaluating", "rectifying", "submitted", "verifying"], "dest": "withdrawn",
     "phases": ["self_evaluation", "verification", "promotion"], "roles": ["admin"], "reason": True,
     "conditions": ["initial_rating"], "closing": True},
    # Annual review (年度复核): each later year is a round of its own (workflow.doors.rounds opens it).
    # A school enters it by applying (申请晋级: promotion_applied) or by the bureau's choice
    # (re_reviewing); its verified sheet starts from the previous round's, marked as carried.
    {"trigger": "start_annual_review", "zh": "开始年度复核", "en": "Start annual review",
     "source": ["promotion_applied"], "dest": "re_reviewing",
     "phases": ["promotion"], "roles": ["admin", "expert"]},
    {"trigger": "raise_level", "zh": "晋级", "en": "Raise level",
     "source": ["re_reviewing"], "dest": "certified",
     "phases": ["promotion"], "roles": ["admin"],
     "conditions": ["review_without_publicity", "all_verified_scored", "none_carried", "reviewed_level_higher"],
     "effect": "set_star_from_verified"},
    {"trigger": "keep_level", "zh": "保持星级", "en": "Keep level",
     "source": ["re_reviewing"], "dest": "certified",
     "phases": ["promotion"], "roles": ["admin"],
     "conditions": ["review_without_publicity", "all_verified_scored", "none_carried", "reviewed_level_same"],
     "effect": "set_star_from_verified"},
    {"trigger": "lower_level", "zh": "降级", "en": "Lower level",
     "source": ["re_reviewing"], "dest": "certified",
     "phases": ["promotion"], "roles": ["admin"], "reason": True,
     "conditions": ["review_without_publicity", "all_verified_scored", "none_carried", "reviewed_level_lower"],
     "effect": "set_star_from_verified"},
    # The higher authority's decision on a school sent upward (上级认定). ``door``: fired only by
    # workflow.doors.rounds.record_upward_decision, which brings the decision's facts.
    {"trigger": "grant_upward", "zh": "登记上级认定", "en": "Record upward grant",
     "source": ["recommended"], "dest": "certified",
     "phases": ["verification", "promotion"], "roles": ["admin"], "door": "upward",
     "effect": "apply_upward_decision"},
    {"trigger": "refuse_upward", "zh": "登记上级未予认定", "en": "Record upward refusal",
     "source": ["recommended"], "dest": "certified",
     "phases": ["verification", "promotion"], "roles": ["admin"], "door": "upward",
     "effect": "apply_upward_decision"},
    # The upward review in the system (上级复核): a higher tier's campaign takes in the schools its
    # counties sent up (entry ``upward``, verifying their carried scores); its admin decides, and
    # workflow.doors.upward writes the same decision back to the county's row (grant/refuse_upward).
    # Decided once verified, or after the review's own publicity (公示) has run without an open objection.
    {"trigger": "upward_grant", "zh": "上级复核：予以认定", "en": "Upward review: grant",
     "source": ["verified", "publicized"], "dest": "certified",
     "phases": ["verification", "promotion"], "roles": ["admin"], "door": "upward_review",
     "conditions": ["publicity_elapsed", "no_open_objection"], "effect": "apply_upward_decision"},
    {"trigger": "upward_refuse", "zh": "上级复核：不予认定", "en": "Upward review: refuse",
     "source": ["verified", "publicized"], "dest": "certified",
     "phases": ["verification", "promotion"], "roles": ["admin"], "door": "upward_review",
     "conditions": ["publicity_elapsed", "no_open_objection"], "effect": "apply_upward_decision"},
]

INITIAL_STATE = "enrolled"

# Where a school starts in a round, by how it entered (workflow.doors.rounds): enrolment in the
# initial rating, an application for promotion (申请晋级), the bureau's choice for review, or a
# county's recommendation taken into a higher tier's upward review (上级复核: its experts verify).
ENTRY_STATES: dict[str, str] = {"initial": INITIAL_STATE, "applied": "promotion_applied", "chosen": "re_reviewing",
                                "upward": "verifying"}

# Where each kind of score may be written: the school self-evaluates before it submits;
# experts record verified scores while verifying (first round) or re-reviewing (later years).
SCORE_STATES: dict[str, list[str]] = {
    "self": ["enrolled", "self_evaluating", "rectifying", "promotion_applied"],
    "verified": ["verifying", "re_reviewing"],
}

VERIFICATION_METHODS: list[dict[str, str]] = [
    {"name": "materials", "zh": "审验材料", "en": "material review"},
    {"name": "site", "zh": "实地抽查", "en": "on-site spot check"},
    {"name": "interview", "zh": "座谈/谈话询问", "en": "interview"},
    {"name": "online", "zh": "网上调研", "en": "online research"},
    {"name": "archive", "zh": "档案查阅", "en": "archive review"},
]


def state(name: str) -> dict[str, Any]:
    for entry in STATES:
        if entry["name"] == name:
            return entry
    raise KeyError(name)


def event(trigger: str) -> dict[str, Any]:
    for entry in EVENTS:
        if entry["trigger"] == trigger:
            return entry
    raise KeyError(trigger)


def phase(name: str) -> dict[str, Any]:
    for entry in PHASES:
        if entry["name"] == name:
            return entry
    raise KeyError(name)


def phase_names() -> list[str]:
    return [p["name"] for p in PHASES]
