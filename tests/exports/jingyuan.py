"""Test data built from the facts of seed 000 (泾源县 2023 smart-campus notice).

The scores, schools and levels are the notice's; the narrative sentences are short
paraphrases written for the tests. The four unrated schools' scores are made up (< 70).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from exports.data import (
    FormRow,
    Narrative,
    NoticeInput,
    PublicityList,
    SchoolResult,
    Section,
    SelfEvaluationForm,
    StarGroup,
)

RUBRIC = "宁夏中小学“互联网+教育”智慧校园认定标准"
TITLE = "泾源县2023年“互联网+教育”智慧校园\n星级评定工作督导评估通报"
ORGAN = "泾源县教育体育局"

_LEVELS = {2: "二星级", 3: "三星级", 4: "四星级"}

# (name, township, stage, verified score, level or None, authority)
_SCHOOLS: list[tuple[str, str, str, str, int | None, str | None]] = [
    ("新民乡中心小学", "新民乡", "小学", "71.5", 2, "local"),
    ("六盘山镇第一小学", "六盘山镇", "小学", "77.5", 2, "local"),
    ("泾源县城关第二小学", "香水镇", "小学", "75", 2, "local"),
    ("泾源县第一中学", "香水镇", "初中", "73.5", 2, "local"),
    ("泾源高级中学", "香水镇", "高中", "75.5", 2, "local"),
    ("泾河源镇中心小学", "泾河源镇", "小学", "80", 3, "local"),
    ("兴盛乡中心小学", "兴盛乡", "小学", "81", 3, "local"),
    ("泾源县第四小学", "香水镇", "小学", "81.5", 3, "local"),
    ("泾源县城关第一小学", "香水镇", "小学", "94.5", 4, "upward"),
    ("大湾乡中心小学", "大湾乡", "小学", "62", None, None),
    ("大湾中学", "大湾乡", "初中", "58.5", None, None),
    ("黄花乡平凉庄小学", "黄花乡", "小学", "55", None, None),
    ("泾源县第三小学", "香水镇", "小学", "66.5", None, None),
]


def schools() -> list[SchoolResult]:
    out = []
    for order, (name, town, stage, score, level, authority) in enumerate(_SCHOOLS, 1):
        verified = Decimal(score)
        out.append(
            SchoolResult(
                code=f"JY{order:03d}",
                name=name,
                township=town,
                stage=stage,
                self_total=verified + Decimal("2"),
                verified_total=verified,
                star_level=level,
                star_name=_LEVELS[level] if level else None,
                authority=authority,
                provisional=False,
                display_order=order,
            )
        )
    return out


def notice_input() -> NoticeInput:
    all_schools = schools()
    groups = tuple(
        StarGroup(
            level=level,
            name=name,
            authority="upward" if level == 4 else "local",
            schools=tuple(s for s in all_schools if s.star_level == level),
        )
        for level, name in sorted(_LEVELS.items())
    )
    unrated = tuple(s for s in all_schools if s.star_level is None)
    achievements = (
        Narrative(
            "新民乡中心小学",
            "信息化基础设施基本完善，领导小组分工明确，校本培训扎实，学生在全区信息素养实践活动中获“创意编程”小学组二等奖。",
        ),
        Narrative(
            "泾河源镇中心小学",
            "完成校园网络改造，希沃信鸽校本资源1054件，集体备课138次，专递课堂课题研究成果突出。",
        ),
        Narrative("兴盛乡中心小学", "依托标杆校项目完善能力提升类设备，上半年在线课堂实开67节。"),
        Narrative(
            "泾源县城关第二小学", "“三个课堂”辐射带动作用明显，上半年在线课堂实开课程261节，居全县第一。"
        ),
        Narrative(
            "泾源县城关第一小学", "建成主题慕课微课资源243节，“三个课堂”上半年实开课程212节，示范作用明显。"
        ),
    )
    school_problems = (
        Narrative("新民乡中心小学", "未建成电子阅览室，师生能力发展档案资料欠缺。"),
        Narrative("大湾乡中心小学", "对星级认定工作重视不够，档案资料未整理。"),
        Narrative("泾源县第三小学", "云上学校应用不足，应用成果不突出。"),
    )
    general = (
        Section("教师队伍信息化水平仍需提升", "部分学校缺少信息化专业人才，教师专项培训偏少。"),
        Section("数字资源建设亟须加强", "多数学校未形成成体系的校本学科资源库。"),
    )
    requirements = (
        Section("加强组织领导", "各学校落实主体责任，校长负总责，形成协同推进的工作格局。"),
        Section("抓实基础设施建设", "完善校园网络，配齐网络安全设备，落实网络安全责任。"),
        Section("推进融合应用", "常态化开展“三个课堂”按需应用，加强教师信息素养培训。"),
        Section("做好问题整改", "对标认定标准细化整改措施，明确时限，及时总结提炼成果。"),
    )
    return NoticeInput(
        title=TITLE,
        region="泾源县",
        year=2023,
        rubric_name=RUBRIC,
        basis=(
            "按照自治区和县里关于智慧校园星级认定的有关要求，8月28日至9月1日，"
            "县教育督导部门会同信息中心，采取实地查看、查阅档案、网上调研、个别访谈等方式，"
            "对全县13所学校智慧校园建设情况进行了督导评估。现将有关情况通报如下："
        ),
        groups=groups,
        unrated=unrated,
        achievements=achievements,
        school_problems=school_problems,
        general_problems=general,
        requirements=requirements,
        organ=ORGAN,
        issue_date=date(2023, 9, 8),
        indicator_summary="6个一级指标，22个二级指标",
        provisional=False,
    )


def form_rows() -> tuple[FormRow, ...]:
    rows: list[FormRow] = []
    tops = [("1", "基础设施", "20"), ("2", "数字资源", "15")]
    leaves = {
        "1": [("1.1", "校园网络", "8", "7.5", "网络拓扑图、光纤合同"), ("1.2", "电子阅览室", "12", "9", "")],
        "2": [("2.1", "校本资源", "15", "12", "希沃信鸽校本资源1054件")],
    }
    for code, name, maximum in tops:
        leaf_scores = [Decimal(s) for _, _, _, s, _ in leaves[code]]
        rows.append(FormRow(code, name, 0, Decimal(maximum), sum(leaf_scores, Decimal(0)), ""))
        for lcode, lname, lmax, score, evidence in leaves[code]:
            rows.append(FormRow(lcode, lname, 1, Decimal(lmax), Decimal(score), evidence))
    return tuple(rows)


def self_evaluation_form(school: SchoolResult | None = None) -> SelfEvaluationForm:
    school = school or schools()[0]
    return SelfEvaluationForm(
        school=school,
        campaign_title="泾源县2023年“互联网+教育”智慧校园星级评定",
        rubric_name=RUBRIC,
        date=date(2023, 8, 25),
        rows=form_rows(),
        self_total=Decimal("28.5"),
        provisional_star="二星级",
        provisional_rubric=True,
    )


def publicity_list() -> PublicityList:
    return PublicityList(
        title="泾源县2023年“互联网+教育”智慧校园星级评定结果公示",
        organ=ORGAN,
        start=date(2023, 9, 11),
        end=date(2023, 9, 15),
        contact="县教育体育局信息中心，电话0954-5011234",
        schools=tuple(s for s in schools() if s.star_level is not None),
    )
