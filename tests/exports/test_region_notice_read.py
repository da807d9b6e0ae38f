"""The region notice's facts on SQLite and PostgreSQL (workflow/reads/region_notice.py, worded by
tui/verbs/region_notice.py): a province's notice counts each school once, in its county's campaign
(a city's own campaign of the same schools is left out), names who moved and the decisions that
came back, and lists the rated schools of every city in its appendix."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx

from models.schema import Assessment
from tests.exports.region_notice_case import province_rated
from tests.workflow.helpers import JIYUAN_WINDOWS
from tests.workflow.region_fixture import ROOT
from tui.verbs.region_notice import notice_input, run_region_notice
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.users import actor_for, add_user
from workflow.reads.region_notice import rated_schools, region_notice


def test_a_province_notice_counts_each_school_once_and_lists_every_city(db: str, tmp_path: Path) -> None:
    province_rated()
    city = create_campaign(ROOT, year=2022, region="", region_code="4101", title="郑州市2022星级复核",
                           rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
    enrol(ROOT, city.id)  # the city's own review of its counties' schools: counted there, not here
    Assessment.update(state="certified", star_level=4, verified_total=Decimal("140")).where(
        Assessment.campaign == city.id).execute()
    add_user(ROOT, "admin-41", "admin", region_code="41")
    top = actor_for("admin-41")

    facts = region_notice(top, "41")
    assert [(c.row.code, c.row.schools, c.newly_rated) for c in facts.children] == [("4101", 4, 2), ("4102", 2, 1)]
    zhengzhou = facts.children[0]
    assert [(m.code, m.before, m.after) for m in zhengzhou.raised] == [("41010202", 1, 2)]
    assert [(m.code, m.before, m.after) for m in zhengzhou.lowered] == [("41010302", 1, None)]
    assert [(u.code, u.granted, u.level, u.doc_no) for u in zhengzhou.upward] == [("41010201", True, 5,
                                                                                    "豫教〔2022〕9号")]
    listed = [(s.region_code, s.code, s.level, s.prior_level) for s in rated_schools(facts)]
    assert listed == [("4101", "41010201", 5, None), ("4101", "41010202", 2, 1), ("4101", "41010301", 3, None),
                      ("4102", "41020201", 5, None)]
    assert [(s.region_code, s.code, s.level, s.prior_level) for s in rated_schools(facts, page=1)] == listed
    worded = notice_input(facts)
    assert (worded.tier, worded.child_tier, worded.levels, worded.total.average) == (
        "province", "city", ("二星级", "三星级", "五星级"), Decimal("123.6"))
    assert (worded.total.in_progress, worded.children[1].overdue, worded.children[1].awaiting) == (1, 1, 1)

    out = run_region_notice(top, "41", 2022, tmp_path / "河南省.docx")
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于河南省2022年度" in text
    assert ("（二）开封市。参加评定学校2所，已核定1所，平均核定得分151分。其中，五星级1所。尚在评定过程中的学校1所，"
            "其中已逾期1所。本年度新评定星级学校1所。") in text
    assert "（一）郑州市。中原区第一小学经河南省教育厅认定为五星级（豫教〔2022〕9号，2022年12月1日）。" in text
    assert "（二）开封市。1所学校已报上级，尚待认定。" in text
    assert "四星级" not in text  # the city's own campaign is not a county's
    rows = [[c.text for c in r.cells][1:3] for r in document.tables[-1].rows]
    assert rows == [["市", "学校名称"], ["郑州市", "中原区第一小学"], ["郑州市", "中原区第二小学"],
                    ["郑州市", "二七区第一小学"], ["开封市", "龙亭区第一小学"]]
