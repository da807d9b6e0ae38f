"""The Jingyuan 2023 demo: 13 schools rated against the Ningxia rubric (facts from seed 000).

Everything is written through the one door, with the clock pinned to the campaign's dates,
so the demo database has a real audit trail and lands in the same groups as the county did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from rubrics.model import Rubric
from workflow import clock
from workflow.door import load_campaign
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
from workflow.doors.records import add_problem, add_responsibility, record_verification, set_narrative
from workflow.doors.rounds import apply_for_review, open_round, record_upward_decision
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.scores import set_scores
from workflow.doors.users import add_user, os_login
from workflow.permissions import Actor
from workflow.reads.queries import find_assessment
from workflow.rubric_cache import rubric_of
from workflow.statemachine.events import fire

_CN = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class DemoSchool:
    code: str
    name: str
    township: str
    stage: str
    verified: Decimal
    achievement: str
    problem: str


# Verified scores as the county notice reports them; the four schools that reached no level
# are not scored in the notice, so theirs are made up below 70.
SCHOOLS: list[DemoSchool] = [
    DemoSchool("640424001", "泾源县第一中学", "香水镇", "初中", Decimal("73.5"),
               "教师信息化应用能力较强，名师工作室与课程社区运行良好，与乡村学校结成教学共同体。",
               "校园网络亟待升级，云上学校资源偏少，一站式管理服务有待提升。"),
    DemoSchool("640424002", "泾源高级中学", "香水镇", "高中", Decimal("75.5"),
               "自研校务管理系统与教育云平台结合，网上阅卷和综合素质评价已常态化。",
               "档案资料收集不够全面细致，典型案例和应用成果不够突出。"),
    DemoSchool("640424003", "泾源县城关第一小学", "香水镇", "小学", Decimal("94.5"),
               "功能室配置齐全，主题慕课微课资源丰富，三个课堂开课量居全县前列，示范作用明显。",
               "校园网络需升级改造，电子阅览室尚未建成，资源审核制度有待建立。"),
    DemoSchool("640424004", "泾源县城关第二小学", "香水镇", "小学", Decimal("75"),
               "组织体系健全，经费投入有保障，在线课堂开课数居全县第一。",
               "未建成电子阅览区，部分教师应用能力不强，经费佐证材料不全。"),
    DemoSchool("640424005", "泾源县第三小学", "香水镇", "小学", Decimal("64"),
               "",
               "对星级认定重视不够，档案资料收集不全，云上学校应用不足。"),
    DemoSchool("640424006", "泾源县第四小学", "香水镇", "小学", Decimal("81.5"),
               "形成了特色智慧课堂教学模式，集体备课和教研活跃，学生科技竞赛屡获奖项。",
               "基础设施尚不完善，计算机教室和电子阅览室未建成，未创建网络名师工作室。"),
    DemoSchool("640424007", "新民乡中心小学", "新民乡", "小学", Decimal("71.5"),
               "基础设施基本完善，领导小组分工明确，校本培训扎实，学生编程比赛获奖。",
               "电子阅览室未建成，师生能力发展和专项培训缺少档案，云平台评分偏低。"),
    DemoSchool("640424008", "泾河源镇中心小学", "泾河源镇", "小学", Decimal("80"),
               "完成校园网络改造，智慧教室和VR教室常态化使用，专递课堂课题成果突出。",
               "未配置电子阅览区，三个课堂开课率偏低，网络安全制度不健全。"),
    DemoSchool("640424009", "兴盛乡中心小学", "兴盛乡", "小学", Decimal("81"),
               "标杆校项目带动设施完善，制定了短期和中期信息化规划，在线课堂开课稳定。",
               "缺少协同工作机制和规章制度档案，云上学校优质资源数量不足。"),
    DemoSchool("640424010", "六盘山镇第一小学", "六盘山镇", "小学", Decimal("77.5"),
               "保障体系完善，平台评分居全县第二，课题研究和应用案例获市级以上奖励。",
               "缺少创客教室、电子阅览室等能力提升类设施，资源审核与激励机制不健全。"),
    DemoSchool("640424011", "大湾乡中心小学", "大湾乡", "小学", Decimal("58.5"),
               "", "对星级认定工作重视不够，档案资料未整理。"),
    DemoSchool("640424012", "大湾中学", "大湾乡", "初中", Decimal("61"),
               "", "档案资料不完整，自查自评不够细致。"),
    DemoSchool("640424013", "黄花乡平凉庄小学", "黄花乡", "小学", Decimal("55"),
               "", "档案资料不完整，自查自评不够细致。"),
]

WINDOWS = {
    "mobilization": ("2023-05-08", "2023-05-31"),
    "self_evaluation": ("2023-06-01", "2023-08-27"),
    "verification": ("2023-08-28", "2023-09-15"),
    "promotion": ("2023-09-16", "2024-12-31"),
}

ADMIN = Actor("demo-admin", "admin")
EXPERT = Actor("demo-expert", "expert")


def spread(rubric: Rubric, total: Decimal) -> dict[str, Decimal]:
    """Leaf scores in half points that add up exactly to ``total``.

    Regular leaves are filled in proportion to their maxima; bonus items (奖励加分) only take
    what the regular leaves cannot hold, up to the bonus cap.
    """
    bonus_codes = {item.code for item in rubric.bonus.items} if rubric.bonus else set()
    leaves = [leaf for leaf in rubric.leaves() if leaf.code not in bonus_codes]
    maximum = sum((leaf.max_score for leaf in leaves), Decimal(0))
    half = Decimal("0.5")
    share = min(total, maximum)
    values = {leaf.code: ((leaf.max_score * share / maximum) / half).to_integral_value(rounding="ROUND_FLOOR") * half
              for leaf in leaves}
    rest = share - sum(values.values(), Decimal(0))
    while rest > 0:
        for leaf in leaves:
            if rest > 0 and values[leaf.code] + half <= leaf.max_score:
                values[leaf.code] += half
                rest -= half
    extra = total - share
    if extra and rubric.bonus:
        room = rubric.bonus.cap
        for item in rubric.bonus.items:
            take = min(extra, item.max_score, room)
            if take > 0:
                values[item.code] = take
                extra -= take
                room -= take
    if extra > 0:
        raise ValueError(f"total {total} does not fit the rubric")
    return values


def _at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=_CN)


def load_demo(*, review: bool = True) -> int:
    """Write the demo campaign; returns its id. Meant for an empty database.

    The 2023 initial rating is settled (the four-star school's upward decision included); with
    ``review``, this year's annual review is under way, so a newcomer's first screen is today's work.
    """
    today = clock.today()  # before the 2023 facts pin the clock: the year the review is for
    try:
        campaign_id = _load()
        if review:
            _review(campaign_id, today)
        return campaign_id
    finally:
        clock.pin(None)


def _load() -> int:
    clock.pin(_at("2023-05-08"))
    add_user(None, ADMIN.name, "admin", display_name="信息中心（演示）")
    login = os_login()
    if login != ADMIN.name:
        add_user(ADMIN, login, "admin", display_name="本机管理员")
    add_user(ADMIN, EXPERT.name, "expert", display_name="专家组（演示）")
    add_user(ADMIN, "viewer", "viewer", display_name="局领导（演示）")
    import_schools(ADMIN, [SchoolRow(s.code, s.name, s.township, s.stage, i + 1) for i, s in enumerate(SCHOOLS)],
                   source="demo")
    add_user(ADMIN, "xinmin", "school", school_code="640424007", display_name="新民乡中心小学")
    campaign = create_campaign(
        ADMIN, year=2023, region="泾源县", title="泾源县2023年“互联网+教育”智慧校园星级评定",
        rubric="ningxia-2022", windows=dict(WINDOWS), organ="泾源县人民政府教育督导委员会办公室",
        publicity_days=5,
    )
    enrol(ADMIN, campaign.id)
    rubric = rubric_of(campaign)
    ids = {s.code: _assessment(campaign.id, s.code) for s in SCHOOLS}
    for s in SCHOOLS:
        fire(ADMIN, ids[s.code], "start_self_evaluation")
        add_responsibility(ADMIN, ids[s.code], "校长", duty="组长")
    advance_campaign(ADMIN, campaign.id)
    clock.pin(_at("2023-06-20"))
    for s in SCHOOLS:
        self_total = min(s.verified + Decimal(3), rubric.max_total() - Decimal(5))
        set_scores(ADMIN, ids[s.code], spread(rubric, self_total), kind="self")
        add_problem(ADMIN, ids[s.code], s.problem, responsible="分管副校长", deadline="2023-08-20")
        fire(ADMIN, ids[s.code], "submit_self_evaluation")
    clock.pin(_at("2023-08-28"))
    advance_campaign(ADMIN, campaign.id)
    for i, s in enumerate(SCHOOLS):
        fire(EXPERT, ids[s.code], "start_verification")
        # The expert group visited from 28 August to 1 September, a few schools a day.
        record_verification(EXPERT, ids[s.code], experts="县督导办、信息中心及抽调学校专业人员",
                            visited_on=f"2023-08-{28 + i // 3}" if i < 12 else "2023-09-01",
                            methods=["site", "archive", "online", "interview"])
        set_scores(EXPERT, ids[s.code], spread(rubric, s.verified), kind="verified")
        set_narrative(EXPERT, ids[s.code], "achievement", s.achievement)
        set_narrative(EXPERT, ids[s.code], "problem", s.problem)
        fire(EXPERT, ids[s.code], "finish_verification")
    clock.pin(_at("2023-09-02"))
    for s in SCHOOLS:
        fire(ADMIN, ids[s.code], "publicize")
    clock.pin(_at("2023-09-08"))
    for s in SCHOOLS:
        star = rubric_of(campaign).star_levels
        level = next((x for x in reversed(star) if s.verified >= x.threshold), None)
        if level is None:
            fire(ADMIN, ids[s.code], "mark_not_rated")
        elif level.authority == "local":
            fire(ADMIN, ids[s.code], "certify")
        else:
            fire(ADMIN, ids[s.code], "recommend_upward")
    clock.pin(_at("2023-09-16"))
    advance_campaign(ADMIN, campaign.id)
    clock.pin(_at("2024-01-15"))
    for s in SCHOOLS:
        if s.verified >= Decimal(90):  # sent up for four stars; the region granted it (demo document)
            record_upward_decision(ADMIN, ids[s.code], granted=True, doc_no="演示〔2024〕1号",
                                   decided_on="2024-01-12", authority="宁夏回族自治区教育厅")
    return int(campaign.id)


# This year's review: who applied, who the bureau chose, and how far each got.
APPLICANTS = {
    "640424006": ("计算机教室和电子阅览室已建成，网络名师工作室已创建。", ["1.2", "3.1"]),
    "640424010": ("创客教室建成并投入使用，资源审核与激励机制已建立。", ["1.2", "2.2"]),
    "640424007": ("电子阅览室建成，专项培训档案已补齐。", ["1.2", "4.1"]),
}
CHOSEN = ["640424001", "640424002"]
RAISED = {"640424010": Decimal("82")}  # re-verified this year: two stars to three


def _review(campaign_id: int, today: date) -> None:
    if today.year <= int(load_campaign(campaign_id).year):
        return  # the campaign's own year (a pinned clock): there is no later year to review yet
    clock.pin(datetime(today.year, today.month, today.day, 9, tzinfo=_CN) - timedelta(days=20))
    open_round(ADMIN, today.year, campaign_id=campaign_id, schools=CHOSEN,
               window=(f"{today.year}-01-01", f"{today.year}-12-31"))
    rubric = rubric_of(load_campaign(campaign_id))
    for code, (text, improved) in APPLICANTS.items():
        apply_for_review(ADMIN, code, text=text, improved=improved, campaign_id=campaign_id)
    clock.pin(datetime(today.year, today.month, today.day, 9, tzinfo=_CN) - timedelta(days=10))
    for code in ("640424010", "640424007"):
        fire(EXPERT, _assessment(campaign_id, code), "start_annual_review")
    for code, total in RAISED.items():
        aid = _assessment(campaign_id, code)
        set_scores(EXPERT, aid, spread(rubric, total), kind="verified")
        fire(ADMIN, aid, "raise_level")



def _assessment(campaign_id: int, code: str) -> int:
    row = find_assessment(campaign_id, code)
    assert row is not None
    return int(row.id)
