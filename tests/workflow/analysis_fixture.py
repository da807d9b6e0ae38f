"""A small county with chosen verified scores, built through the one door, whose analysis is
computed by hand in tests/workflow/test_analysis.py.

Rubric ningxia-2022 (22 leaves, 100 points; 二星 70, 三星 80, 四星 90, 五星 95). Each school has
every leaf at its maximum except the points taken off below (leaf -> points lost).
"""

from __future__ import annotations

from decimal import Decimal

from models.schema import Campaign
from rubrics.loader import builtin_rubric
from tests.workflow.helpers import ADMIN, EXPERT, JIYUAN_WINDOWS, advance_to, assessment, at
from workflow import clock
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.scores import set_scores
from workflow.doors.users import add_user
from workflow.statemachine.events import fire

RUBRIC = builtin_rubric("ningxia-2022")
CLERK = "clerk-a003"

SCHOOLS = [  # code, name, township, stage
    SchoolRow("A001", "城关一小", "城关镇", "小学", 1),
    SchoolRow("A002", "城关中学", "城关镇", "初中", 2),
    SchoolRow("A003", "新民小学", "新民乡", "小学", 3),
    SchoolRow("A004", "新民二小", "新民乡", "小学", 4),
    SchoolRow("A005", "兴盛中学", "兴盛乡", "初中", 5),
    SchoolRow("A006", "兴盛二中", "兴盛乡", "初中", 6),  # never verified
]

LOST: dict[str, dict[str, str]] = {
    "A001": {"2.2": "2", "1.1": "3"},  # 95 五星
    "A002": {"2.2": "1", "3.1": "2", "1.1": "4"},  # 93 四星
    "A003": {"2.2": "3", "2.1": "2", "4.1": "5", "5.1": "4", "6.1": "3", "3.1": "4"},  # 79 二星
    "A004": {"2.2": "5", "1.1": "8", "1.3": "8", "2.1": "6", "3.1": "6"},  # 67 no level
    "A005": {"1.1": "1.5"},  # 98.5 五星
}


def values(lost: dict[str, str]) -> dict[str, Decimal]:
    return {leaf.code: leaf.max_score - Decimal(lost.get(leaf.code, "0")) for leaf in RUBRIC.leaves()}


def county(*, finish: tuple[str, ...] = (), unverified: bool = True) -> Campaign:
    """The six schools (five without ``unverified``) in verification; the five of LOST verified;
    ``finish`` of them with verification finished."""
    clock.pin(at("2022-09-16"))
    add_user(None, ADMIN.name, "admin")
    add_user(ADMIN, EXPERT.name, "expert")
    import_schools(ADMIN, SCHOOLS if unverified else SCHOOLS[:5])
    add_user(ADMIN, CLERK, "school", school_code="A003")
    campaign = create_campaign(ADMIN, year=2022, region="某县", title="某县2022智慧校园星级评定",
                               rubric="ningxia-2022", windows=dict(JIYUAN_WINDOWS), organ="县教育局")
    enrol(ADMIN, campaign.id)
    ids = {s.code: int(assessment(campaign, s.code).id) for s in (SCHOOLS if unverified else SCHOOLS[:5])}
    for aid in ids.values():
        fire(ADMIN, aid, "start_self_evaluation")
        set_scores(ADMIN, aid, values({}), kind="self")
    advance_to(campaign, "self_evaluation")
    clock.pin(at("2022-10-10"))
    for aid in ids.values():
        fire(ADMIN, aid, "submit_self_evaluation")
    advance_to(campaign, "verification")
    clock.pin(at("2022-10-20"))
    for code, lost in LOST.items():
        fire(EXPERT, ids[code], "start_verification")
        set_scores(EXPERT, ids[code], values(lost), kind="verified")
        if code in finish:
            fire(EXPERT, ids[code], "finish_verification")
    return campaign
