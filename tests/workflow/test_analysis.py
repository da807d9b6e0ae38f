"""The round's analysis (workflow.reads.analysis) against figures worked out by hand from
tests/workflow/analysis_fixture.py, on SQLite and PostgreSQL; the drafts of the notice's general
problems; a school user's own view; year-over-year movement after an annual review."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.workflow.analysis_fixture import CLERK, RUBRIC, county, values
from tests.workflow.helpers import ADMIN, EXPERT, VIEWER, advance_to, assessment, at
from workflow import clock
from workflow.doors.rounds import open_round
from workflow.doors.scores import set_scores
from workflow.doors.users import add_user
from workflow.errors import NotFound
from workflow.permissions import Actor
from workflow.reads.analysis import analysis, draft_problems, draft_text
from workflow.statemachine.events import fire

D = Decimal


def _leaf(result, code):  # type: ignore[no-untyped-def]
    return next(leaf for leaf in result.leaves if leaf.code == code)


def test_the_county_analysis_matches_the_hand_computed_figures(db: str) -> None:
    county()
    add_user(ADMIN, VIEWER.name, "viewer")
    result = analysis(VIEWER)
    assert (result.schools, result.verified, result.round_year, result.movement) == (6, 5, 2022, None)

    # Leaves: A001..A005 all scored; losses as LOST says. Ranked by losing schools, then average loss.
    ranked = [(leaf.code, leaf.losing, leaf.average_loss) for leaf in result.leaves[:8]]
    assert ranked == [("1.1", 4, D("4.1")),  # 3 + 4 + 8 + 1.5 = 16.5 over 4
                      ("2.2", 4, D("2.8")),  # 2 + 1 + 3 + 5 = 11 over 4 = 2.75
                      ("3.1", 3, D("4.0")),  # 2 + 4 + 6
                      ("2.1", 2, D("4.0")),  # 2 + 6
                      ("1.3", 1, D("8.0")), ("4.1", 1, D("5.0")), ("5.1", 1, D("4.0")), ("6.1", 1, D("3.0"))]
    assert _leaf(result, "1.1").total_loss == D("16.5") and _leaf(result, "2.2").scored == 5
    assert all(leaf.losing == 0 and leaf.average_loss is None for leaf in result.leaves[8:])
    assert len(result.leaves) == len(RUBRIC.leaves()) == 22

    # Levels in force: A001 95 五星, A002 93 四星, A003 79 二星, A004 67 none, A005 98.5 五星.
    assert [c.name for c in result.columns] == ["二星级", "三星级", "四星级", "五星级", "未达星级"]
    towns = [(g.name, g.schools, g.counts, g.average_total) for g in result.townships]
    assert towns == [("兴盛乡", 1, (0, 0, 0, 1, 0), D("98.5")),  # A006 has no verified total
                     ("城关镇", 2, (0, 0, 1, 1, 0), D("94.0")),
                     ("新民乡", 2, (1, 0, 0, 0, 1), D("73.0"))]
    stages = [(g.name, g.schools, g.counts, g.average_total) for g in result.stages]
    assert stages == [("初中", 2, (0, 0, 1, 1, 0), D("95.8")),  # (93 + 98.5) / 2 = 95.75
                      ("小学", 3, (1, 0, 0, 1, 1), D("80.3"))]  # (95 + 79 + 67) / 3

    bins = [(b.low, b.high, b.count) for b in result.bins]
    assert bins == [(D(65), D(70), 1), (D(70), D(75), 0), (D(75), D(80), 1), (D(80), D(85), 0), (D(85), D(90), 0),
                    (D(90), D(95), 1), (D(95), D(100), 2)]  # 95 and 98.5: the top bin holds its edge
    assert [b.level for b in result.bins] == [None, 2, 2, 3, 3, 4, 5]

    near = [(n.code, n.next_name, n.gap) for n in result.near]
    assert near == [("A003", "三星级", D(1)), ("A002", "五星级", D(2)), ("A004", "二星级", D(3))]
    assert result.near_count == 3


def test_the_drafts_name_the_weakest_first_level_indicators_with_their_figures(db: str) -> None:
    county()
    drafts = draft_problems(analysis(ADMIN))
    # 基础设施 lost 16.5 + 8, 数字资源 11 + 8, 融合应用 12: the top three, in that order.
    assert drafts == [
        ("基础设施亟须加强", "5所学校中4所在1.1校园网络上失分，平均失分4.1分；1所在1.3能力提升类功能室上失分，平均失分8分。"),
        ("数字资源亟须加强", "5所学校中4所在2.2资源建设与共享上失分，平均失分2.8分；2所在2.1宁夏教育云平台应用上失分，平均失分4分。"),
        ("融合应用有待加强", "5所学校中3所在3.1三个课堂上失分，平均失分4分。"),  # 3 of 5: under two thirds
    ]
    assert draft_text(drafts[:2]).split("\n\n") == ["基础设施亟须加强。" + drafts[0][1], "数字资源亟须加强。" + drafts[1][1]]
    english = draft_problems(analysis(ADMIN), top=1, lang="en")
    assert english == [("基础设施 urgently needs strengthening",
                        "4 of 5 schools lost points on 1.1 校园网络, 4.1 on average; "
                        "1 on 1.3 能力提升类功能室, 8 on average.")]


def test_a_school_user_sees_its_own_school_only(db: str) -> None:
    county()
    mine = analysis(Actor(CLERK, "school", "A003"))
    assert (mine.scope, mine.schools, mine.verified) == ("A003", 1, 1)
    assert [(g.name, g.schools) for g in mine.townships] == [("新民乡", 1)]
    assert [(n.code, n.gap) for n in mine.near] == [("A003", D(1))]
    assert _leaf(mine, "4.1").scored == 1 and _leaf(mine, "1.1").losing == 0
    assert draft_problems(mine, top=1) == [("师生能力与发展亟须加强", "在4.1教师信息化培训上失5分。")]


def test_an_unknown_round_is_refused(db: str) -> None:
    campaign = county()
    with pytest.raises(NotFound):
        analysis(ADMIN, campaign.id, round_id=99999)


def test_movement_after_an_annual_review(db: str) -> None:
    campaign = county(finish=("A001", "A002", "A003", "A004", "A005"), unverified=False)
    ids = {code: int(assessment(campaign, code).id) for code in ("A001", "A002", "A003", "A004", "A005")}
    for aid in ids.values():
        fire(ADMIN, aid, "publicize")
    clock.pin(at("2022-10-27"))
    for code in ("A001", "A002", "A005"):
        fire(ADMIN, ids[code], "recommend_upward")
    fire(ADMIN, ids["A003"], "certify")
    fire(ADMIN, ids["A004"], "mark_not_rated")
    advance_to(campaign, "promotion")
    clock.pin(at("2023-11-01"))
    open_round(ADMIN, 2023, campaign_id=campaign.id, schools=["A002", "A003", "A004"])
    a2, a3 = int(assessment(campaign, "A002").id), int(assessment(campaign, "A003").id)
    set_scores(EXPERT, a3, values({"1.1": "8", "1.3": "7"}), kind="verified")  # 85: 二星 -> 三星
    fire(ADMIN, a3, "raise_level")
    set_scores(EXPERT, a2, values({"1.1": "8", "1.3": "8", "2.1": "6", "3.1": "3"}), kind="verified")  # 75: 四星 -> 二星
    fire(ADMIN, a2, "lower_level", reason="复核核定分75分")
    # A004 is still under review: pending.

    result = analysis(ADMIN)
    assert (result.round_year, result.round_kind, result.schools) == (2023, "review", 3)
    move = result.movement
    assert move is not None
    assert (move.previous_year, move.raised, move.kept, move.lowered, move.pending) == (2022, 1, 0, 1, 1)
    assert sorted((tr.before, tr.after, tr.count) for tr in move.transitions) == [("二星级", "三星级", 1),
                                                                                ("四星级", "二星级", 1)]
    assert [(m.code, m.before, m.after, m.raised) for m in move.moved] == [("A002", "四星级", "二星级", False),
                                                                           ("A003", "二星级", "三星级", True)]
    # The first round, asked for by its id, has no earlier round and all five schools.
    from workflow.door import load_round

    first = analysis(ADMIN, campaign.id, int(load_round(campaign.id, 2022).id))
    assert (first.schools, first.movement) == (5, None)
