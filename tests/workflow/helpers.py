"""Building campaigns through the one door, as officers would."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from models.schema import Assessment, Campaign
from workflow import clock
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.users import add_user
from workflow.permissions import Actor

ADMIN = Actor("admin1", "admin")
EXPERT = Actor("expert1", "expert")
VIEWER = Actor("viewer1", "viewer")
SCHOOL_A = Actor("clerk-a", "school", "S001")
SCHOOL_B = Actor("clerk-b", "school", "S002")

JIYUAN_WINDOWS = {
    "mobilization": ("2022-09-16", "2022-09-30"),
    "self_evaluation": ("2022-10-01", "2022-10-15"),
    "verification": ("2022-10-16", "2022-10-31"),
    "promotion": ("2022-11-01", "2024-12-31"),
}

CN = timezone(timedelta(hours=8))


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=CN)


def setup_campaign(rubric: str = "henan-v2", schools: int = 3) -> Campaign:
    """Users, ``schools`` schools (S001…) and an enrolled campaign in the mobilization phase."""
    clock.pin(at("2022-09-16"))
    add_user(None, ADMIN.name, "admin")
    add_user(ADMIN, EXPERT.name, "expert")
    add_user(ADMIN, VIEWER.name, "viewer")
    import_schools(ADMIN, [SchoolRow(f"S{i:03d}", f"第{i}小学", "城关镇", "小学", i) for i in range(1, schools + 1)])
    add_user(ADMIN, SCHOOL_A.name, "school", school_code="S001")
    add_user(ADMIN, SCHOOL_B.name, "school", school_code="S002")
    campaign = create_campaign(ADMIN, year=2022, region="济源示范区", title="济源2022数字校园星级评定",
                               rubric=rubric, windows=dict(JIYUAN_WINDOWS), organ="市电教中心")
    enrol(ADMIN, campaign.id)
    return campaign


def assessment(campaign: Campaign, code: str) -> Assessment:
    """The school's assessment in the campaign's newest round it is in."""
    from models.schema import School

    return (Assessment.select().where((Assessment.campaign == campaign.id)
                                      & (Assessment.school == School.get(School.code == code)))
            .order_by(Assessment.round.desc()).get())


def advance_to(campaign: Campaign, phase: str) -> Campaign:
    while Campaign.get_by_id(campaign.id).phase != phase:
        advance_campaign(ADMIN, campaign.id)
    return Campaign.get_by_id(campaign.id)
