"""A frozen round's papers name each school as the round settled it (session 10's defect: a school renamed
after its 2023 round was frozen printed its new name in the re-exported 2023 notice). The open round, and a
next cycle made with ``campaign create --like``, print the register as it is now. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import docx

from exports import gather, gather_records
from exports.forms import write_self_evaluation_forms
from exports.notice import write_notice
from exports.publicity import write_publicity
from exports.review_notice import write_review_notice
from models.schema import Assessment, Campaign, Round, School
from tests.demo_copy import load_demo
from tests.security.sql_edit import assert_named, one, sql
from tests.workflow.helpers import at
from workflow import clock
from workflow.audit import verify_chain
from workflow.doors.campaigns import create_campaign_like
from workflow.doors.schools import SchoolRow, import_schools
from workflow.permissions import Actor
from workflow.reads.campaign_status import upward_lines

ADMIN = Actor("demo-admin", "admin")
KEPT = "640424001"  # 泾源县第一中学: two stars in 2023, re-reviewing in this year's round (not settled)
RAISED = "640424010"  # 六盘山镇第一小学: two stars in 2023, raised to three in this year's round (settled)
UPWARD = "640424003"  # 泾源县城关第一小学: sent up in 2023, the region's grant recorded in 2024
OLD = {KEPT: "泾源县第一中学", RAISED: "六盘山镇第一小学", UPWARD: "泾源县城关第一小学"}
NEW = {KEPT: "泾源县香水中学", RAISED: "泾源县六盘山第一小学", UPWARD: "泾源县城关实验小学"}


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _rename(township: str = "") -> None:
    rows = []
    for code, name in NEW.items():
        school = School.get(School.code == code)
        rows.append(SchoolRow(code, name, township or school.township, school.stage, school.display_order))
    import_schools(ADMIN, rows)


def _round(campaign: Campaign, year: int) -> int:
    return int(Round.get((Round.campaign == campaign.id) & (Round.year == year)).id)


def test_a_rename_after_the_round_froze_leaves_its_papers_as_they_were(db: str, tmp_path: Path) -> None:
    campaign = Campaign.get_by_id(load_demo(review=True))
    year = clock.today().year  # the demo's review round: the open one
    _rename(township="新城镇")
    frozen = _round(campaign, 2023)
    notice = _text(write_notice(gather.notice_input(campaign, round_id=frozen), tmp_path / "通报2023.docx"))
    publicity = _text(write_publicity(gather.publicity_list(campaign, round_id=frozen), tmp_path / "公示2023.docx"))
    for text in (notice, publicity):
        for code in NEW:
            assert OLD[code] in text and NEW[code] not in text, code
    assert "新城镇" not in publicity and "香水镇" in publicity  # the township as it was too
    forms = gather.self_evaluation_forms(campaign, [KEPT], round_id=frozen)
    assert [(f.school.name, f.school.township) for f in forms] == [(OLD[KEPT], "香水镇")]
    status = upward_lines(frozen, None, {})
    assert [line.name for line in status if line.code == UPWARD] == [OLD[UPWARD]]
    ledger = gather_records.problem_ledger(campaign, as_of=clock.today(), round_id=frozen)
    assert not {r.school for r in ledger.rows} & set(NEW.values())
    # The open round reads the register as it is now, settled there or not.
    live = _round(campaign, year)
    names = {r.code: (r.name, r.township) for _a, r in gather.school_results(campaign, round_id=live)}
    assert names[KEPT] == (NEW[KEPT], "新城镇") and names[RAISED] == (NEW[RAISED], "新城镇")
    review = _text(write_review_notice(gather.review_notice_input(campaign, round_id=live), tmp_path / "复核.docx"))
    assert NEW[RAISED] in review and OLD[RAISED] not in review
    assert verify_chain().ok


def test_a_next_cycle_made_like_the_campaign_names_the_schools_as_they_are_now(db: str, tmp_path: Path) -> None:
    campaign = Campaign.get_by_id(load_demo(review=True))
    _rename()
    made, _count = create_campaign_like(ADMIN, int(campaign.id), year=2030)
    names = {r.code: r.name for _a, r in gather.school_results(made)}
    assert {code: names[code] for code in NEW} == NEW
    # Nothing is verified in the new cycle yet: its self-evaluation forms name every school.
    forms = _text(write_self_evaluation_forms(gather.self_evaluation_forms(made, list(NEW)), tmp_path / "自评表.docx"))
    assert all(name in forms for name in NEW.values()) and not any(name in forms for name in OLD.values())
    frozen = _text(write_notice(gather.notice_input(campaign, round_id=_round(campaign, 2023)), tmp_path / "2023.docx"))
    assert all(name in frozen for name in OLD.values())
    assert verify_chain().ok


def _settled_2023(code: str) -> int:
    return one("SELECT a.id FROM assessment a JOIN school s ON s.id = a.school_id JOIN campaign_round r "
               "ON r.id = a.round_id WHERE s.code = ? AND r.year = 2023", code)


def test_verify_names_an_sql_edit_of_the_name_a_round_settled_a_school_under(db: str) -> None:
    assert_named(lambda: sql("UPDATE assessment SET school_name = '伪造小学' WHERE id = ?", _settled_2023(UPWARD)),
                 (UPWARD, "2023", "本轮认定时的校名", "伪造小学"), "settled name")


def test_an_honest_write_after_the_edit_does_not_vouch_for_it(db: str) -> None:
    from workflow.doors.scores import set_score

    load_demo(review=True)
    aid = _settled_2023(UPWARD)
    sql("UPDATE assessment SET school_township = '伪造镇' WHERE id = ?", aid)
    # A correction of the frozen round's score reads the school's facts back (it changes no name).
    set_score(ADMIN, aid, "1.1", "2", kind="verified", correction="更正2023年核定分录入错误")
    text = verify_chain().details("zh")
    assert "读回的值为" in text and UPWARD in text and "伪造镇" in text, text


def test_a_region_notice_of_a_frozen_year_names_the_schools_as_their_counties_settled_them(db: str) -> None:
    """The province fixture arranged as its read tests arrange it (tests/exports/region_notice_case.py): its
    2022 rounds settled under the names then, frozen by each county's 2023 round, then the schools renamed."""
    from tests.exports.region_notice_case import province_rated
    from tests.workflow.region_fixture import ROOT
    from workflow.reads.region_notice import rated_schools, region_notice

    province_rated()
    for a in Assessment.select().join(School).where(Assessment.state.in_(["certified", "recommended", "not_rated"])):
        Assessment.update(school_name=a.school.name, school_township=a.school.township,
                          school_stage=a.school.stage).where(Assessment.id == a.id).execute()
    School.update(name=School.name.concat("（更名）")).execute()
    facts = region_notice(ROOT, "41", 2022)
    live = {s.code: s.name for s in rated_schools(facts)}
    assert live["41010202"] == "中原区第二小学（更名）"  # the 2022 rounds are still open: the register now
    for campaign_id in {int(c) for (c,) in Round.select(Round.campaign).where(Round.year == 2022).tuples()}:
        Round.create(campaign=campaign_id, year=2023, kind="review", opened_at="2023-11-01T09:00:00+08:00",
                     opened_by="fixture")
    facts = region_notice(ROOT, "41", 2022)
    assert {s.code: s.name for s in rated_schools(facts)}["41010202"] == "中原区第二小学"
    assert [m.name for m in facts.children[0].raised] == ["中原区第二小学"]


def test_an_upward_decision_landing_on_a_frozen_round_keeps_the_name_it_was_settled_under(
        db: str, tmp_path: Path) -> None:
    from tests.workflow.helpers import setup_campaign
    from tests.workflow.test_rounds import _first_year
    from workflow.doors.rounds import open_round, record_upward_decision

    campaign = setup_campaign(schools=4)
    first = _first_year(campaign)  # S004 recommended upward in 2022
    old = School.get(School.code == "S004")
    clock.pin(at("2023-11-01"))
    open_round(ADMIN, 2023, campaign_id=campaign.id, all_settled=True)  # 2022 frozen, S004 still awaiting
    import_schools(ADMIN, [SchoolRow("S004", "更名实验小学", old.township, old.stage, old.display_order)])
    clock.pin(at("2023-11-20"))
    record_upward_decision(ADMIN, first["S004"], granted=True, doc_no="豫教〔2023〕7号", decided_on="2023-11-18",
                           authority="河南省教育厅")
    assert Assessment.get_by_id(first["S004"]).school_name == old.name
    frozen = Campaign.get_by_id(campaign.id)
    notice = _text(write_notice(gather.notice_input(frozen, round_id=_round(frozen, 2022)), tmp_path / "2022.docx"))
    assert old.name in notice and "更名实验小学" not in notice
    review = _text(write_review_notice(gather.review_notice_input(frozen), tmp_path / "2023.docx"))
    assert "更名实验小学经河南省教育厅" in review  # this year's notice: the register now
    assert verify_chain().ok


def test_an_upward_decision_on_a_frozen_round_does_not_vouch_for_an_sql_edit_of_its_settled_name(
        db: str) -> None:
    from tests.workflow.helpers import setup_campaign
    from tests.workflow.test_rounds import _first_year
    from workflow.doors.rounds import open_round, record_upward_decision

    campaign = setup_campaign(schools=4)
    first = _first_year(campaign)
    clock.pin(at("2023-11-01"))
    open_round(ADMIN, 2023, campaign_id=campaign.id, all_settled=True)
    sql("UPDATE assessment SET school_name = '伪造小学' WHERE id = ?", first["S004"])
    record_upward_decision(ADMIN, first["S004"], granted=True, doc_no="豫教〔2023〕7号", decided_on="2023-11-01",
                           authority="河南省教育厅")
    report = verify_chain()
    text = report.details("zh")
    assert not report.ok and "读回的值为" in text and "S004" in text and "伪造小学" in text, text


def test_an_upward_decision_on_a_frozen_round_does_not_vouch_for_an_sql_edit_to_the_registers_new_name(
        db: str) -> None:
    """The register renamed honestly, the frozen round's kept name edited by SQL to the new one, then an honest
    decision on that round: the decision keeps the edited name, and verify must still name it (trial, session 10)."""
    from tests.workflow.helpers import setup_campaign
    from tests.workflow.test_rounds import _first_year
    from workflow.doors.rounds import open_round, record_upward_decision

    campaign = setup_campaign(schools=4)
    first = _first_year(campaign)
    old = School.get(School.code == "S004")
    clock.pin(at("2023-11-01"))
    open_round(ADMIN, 2023, campaign_id=campaign.id, all_settled=True)
    import_schools(ADMIN, [SchoolRow("S004", "更名实验小学", old.township, old.stage, old.display_order)])
    sql("UPDATE assessment SET school_name = '更名实验小学' WHERE id = ?", first["S004"])
    record_upward_decision(ADMIN, first["S004"], granted=True, doc_no="豫教〔2023〕7号", decided_on="2023-11-01",
                           authority="河南省教育厅")
    report = verify_chain()
    text = report.details("zh")
    assert not report.ok and "S004" in text and "更名实验小学" in text and old.name in text, text
