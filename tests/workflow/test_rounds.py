"""Two years of one campaign (SQLite and PostgreSQL): the initial rating, then an annual review in
a round of its own. The first year's documents re-exported afterwards state the same facts; the
review raises, keeps and lowers relative to the level certified before; carried scores are said."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from models.schema import Assessment, AuditEvent, Score
from rubrics.loader import builtin_rubric
from tests.workflow.helpers import ADMIN, EXPERT, SCHOOL_A, VIEWER, advance_to, assessment, at, setup_campaign
from tui.export_jobs import run_export
from workflow import clock
from workflow.doors.demo import spread
from workflow.doors.rounds import (
    apply_for_review,
    choose_for_review,
    confirm_carried,
    open_round,
    record_upward_decision,
)
from workflow.doors.score_import import import_scores
from workflow.doors.scores import set_score, set_scores
from workflow.errors import GuardFailed, InvalidInput
from workflow.reads.campaign_status import campaign_status
from workflow.reads.history import school_rounds
from workflow.statemachine.events import fire

HENAN = builtin_rubric("henan-v2")
FIRST = {"S001": "105", "S002": "95", "S003": "80", "S004": "152"}  # 二星, 一星, none, 五星 (benchmark: upward)


def _first_year(campaign):  # type: ignore[no-untyped-def]
    rows = {}
    for code, total in FIRST.items():
        a = assessment(campaign, code)
        fire(ADMIN, a.id, "start_self_evaluation")
        set_scores(ADMIN, a.id, spread(HENAN, Decimal(total)), kind="self")
        rows[code] = a.id
    advance_to(campaign, "self_evaluation")
    clock.pin(at("2022-10-10"))
    for aid in rows.values():
        fire(ADMIN, aid, "submit_self_evaluation")
    advance_to(campaign, "verification")
    clock.pin(at("2022-10-20"))
    for code, aid in rows.items():
        fire(EXPERT, aid, "start_verification")
        set_scores(EXPERT, aid, spread(HENAN, Decimal(FIRST[code])), kind="verified")
        fire(EXPERT, aid, "finish_verification")
        fire(ADMIN, aid, "publicize")
    clock.pin(at("2022-10-27"))
    fire(ADMIN, rows["S001"], "certify")
    fire(ADMIN, rows["S002"], "certify")
    fire(ADMIN, rows["S003"], "mark_not_rated")
    fire(ADMIN, rows["S004"], "recommend_upward")
    advance_to(campaign, "promotion")
    return rows


def _docx_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs if p.text.strip()] + cells


def _xlsx_values(path: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _export_year(tmp: Path, tag: str, year: int | None) -> dict[str, object]:
    notice = run_export(ADMIN, "notice", tmp / f"notice-{tag}.docx", round_year=year)
    publicity = run_export(ADMIN, "publicity", tmp / f"publicity-{tag}.docx", round_year=year)
    workbook = run_export(ADMIN, "workbook", tmp / f"workbook-{tag}.xlsx", round_year=year)
    return {"notice": _docx_text(notice), "publicity": _docx_text(publicity), "workbook": _xlsx_values(workbook)}


def test_two_years_never_overwrite_each_other(db: str, tmp_path: Path) -> None:
    campaign = setup_campaign(schools=4)
    first = _first_year(campaign)
    before = _export_year(tmp_path, "before", None)
    assert any("泾" not in line and "105" in line for line in before["notice"])  # type: ignore[union-attr]

    clock.pin(at("2023-11-01"))
    opened = open_round(ADMIN, 2023, campaign_id=campaign.id, schools=["S002"])
    assert opened.chosen == 1
    with pytest.raises(InvalidInput, match="申请理由"):
        apply_for_review(SCHOOL_A, "S001", text="", improved=[], campaign_id=campaign.id)
    apply_for_review(SCHOOL_A, "S001", text="新建创客教室，资源平台常态化应用。", improved=["B2.1"],
                     campaign_id=campaign.id)
    choose_for_review(ADMIN, ["S003"], campaign_id=campaign.id)
    s1, s2, s3 = (assessment(campaign, c) for c in ("S001", "S002", "S003"))
    assert {s1.id, s2.id, s3.id}.isdisjoint(first.values())  # new rows: the 2022 ones stay as they were
    assert (s1.state, s1.prior_level, s1.entry) == ("promotion_applied", 2, "applied")
    assert Score.select().where((Score.assessment == s2.id) & Score.carried).count() > 0

    # The carry-over trap: a partial import replaces what it names and says what stays carried.
    fire(EXPERT, s1.id, "start_annual_review")
    target = spread(HENAN, Decimal("121"))
    carried = Score.select().where((Score.assessment == s1.id) & (Score.kind == "verified") & Score.carried).count()
    part = list(target.items())[:5]
    sheet = tmp_path / "partial.csv"
    sheet.write_text("学校代码,指标代码,分值\n" + "".join(f"S001,{c},{v}\n" for c, v in part), encoding="utf-8")
    done = import_scores(EXPERT, campaign.id, sheet, kind="verified")
    assert (done.values, done.replaced_carried, done.still_carried) == (5, 5, carried - 5)
    with pytest.raises(GuardFailed, match="沿用"):
        fire(ADMIN, s1.id, "raise_level")
    set_scores(EXPERT, s1.id, dict(list(target.items())[5:]), kind="verified")
    raised = fire(ADMIN, s1.id, "raise_level")
    assert (raised.state, raised.star_level) == ("certified", 3)

    set_scores(EXPERT, s2.id, spread(HENAN, Decimal("85")), kind="verified")
    with pytest.raises(InvalidInput, match="理由"):
        fire(ADMIN, s2.id, "lower_level")
    fire(ADMIN, s2.id, "lower_level", reason="设备老化未更新")
    assert confirm_carried(EXPERT, s3.id) > 0
    fire(ADMIN, s3.id, "keep_level")

    # The first year is frozen: no write lands there unless it is a correction with a reason.
    with pytest.raises(GuardFailed, match="已结束"):
        set_score(EXPERT, first["S001"], "A1.1", "1", kind="verified")
    assert Assessment.get_by_id(first["S001"]).star_level == 2

    after = _export_year(tmp_path, "after", 2022)
    assert after == before  # the same schools, scores, levels and dates as exported a year earlier

    review = _docx_text(run_export(ADMIN, "notice", tmp_path / "review.docx"))
    text = "\n".join(review)
    assert "晋级1所" in text and "第1小学（二星级→三星级，核定121分）" in text
    assert "降级1所" in text and "第2小学（一星级→未定星级，核定85分；降级理由：设备老化未更新）" in text
    assert "保持原星级1所" in text and "第3小学" in text

    history = school_rounds(VIEWER, "S001")
    assert [(h.year, h.kind, h.outcome, h.level_name) for h in history] == [
        (2022, "initial", "initial", "二星级"), (2023, "review", "raised", "三星级")]
    assert school_rounds(VIEWER, "S002")[-1].reason == "设备老化未更新"


def test_the_higher_authoritys_decision_is_recorded_and_shown(db: str, tmp_path: Path) -> None:
    campaign = setup_campaign(schools=4)
    first = _first_year(campaign)
    with pytest.raises(InvalidInput, match="需|推荐|级|不是"):
        record_upward_decision(ADMIN, first["S004"], granted=True, level=3, doc_no="豫教〔2023〕7号",
                               decided_on="2023-03-01")
    clock.pin(at("2023-03-05"))
    with pytest.raises(InvalidInput, match="年份"):  # the authority's year, not the campaign's: say it
        record_upward_decision(ADMIN, first["S004"], granted=True, doc_no="豫教〔2023〕7号", decided_on="3月1日")
    row = record_upward_decision(ADMIN, first["S004"], granted=True, doc_no="豫教〔2023〕7号", decided_on="2023年3月1日",
                                 authority="河南省教育厅")
    assert (row.state, row.star_level, row.upward_doc_no, str(row.upward_date)) == (
        "certified", 5, "豫教〔2023〕7号", "2023-03-01")
    event = AuditEvent.select().order_by(AuditEvent.seq.desc()).get()
    assert (event.action, event.from_state, event.to_state) == ("event.grant_upward", "recommended", "certified")
    with pytest.raises(GuardFailed, match="已报上级"):
        record_upward_decision(ADMIN, first["S004"], granted=False, doc_no="x", decided_on="2023-03-02")

    history = school_rounds(VIEWER, "S004")
    assert (history[-1].outcome, history[-1].level_name) == ("upward", "五星级")
    assert "河南省教育厅" in history[-1].upward and "豫教〔2023〕7号" in history[-1].upward
    status = campaign_status(VIEWER)
    assert [(u.code, u.granted, u.doc_no) for u in status.upward] == [("S004", True, "豫教〔2023〕7号")]

    clock.pin(at("2023-11-01"))
    open_round(ADMIN, 2023, campaign_id=campaign.id, all_settled=True)
    text = "\n".join(_docx_text(run_export(ADMIN, "notice", tmp_path / "review.docx")))
    assert "第4小学经河南省教育厅于2023年3月1日认定为五星级（豫教〔2023〕7号）" in text


def test_a_review_opens_once_a_year_after_the_round_is_settled(db: str) -> None:
    campaign = setup_campaign(schools=2)
    clock.pin(at("2022-11-05"))
    with pytest.raises(GuardFailed, match="创建提升"):
        open_round(ADMIN, 2023, campaign_id=campaign.id, all_settled=True)
    advance_to(campaign, "promotion")
    with pytest.raises(GuardFailed, match="未办结"):
        open_round(ADMIN, 2023, campaign_id=campaign.id, all_settled=True)


def test_review_results_go_through_publicity_where_the_campaign_says_so(db: str) -> None:
    from models.schema import Campaign

    campaign = setup_campaign(schools=4)
    _first_year(campaign)
    Campaign.update(review_publicity=True).where(Campaign.id == campaign.id).execute()  # as `--review-publicity`
    clock.pin(at("2023-11-01"))
    open_round(ADMIN, 2023, campaign_id=campaign.id, schools=["S001"])
    a = assessment(campaign, "S001")
    set_scores(EXPERT, a.id, spread(HENAN, Decimal("121")), kind="verified")
    with pytest.raises(GuardFailed, match="须公示"):
        fire(ADMIN, a.id, "raise_level")
    fire(EXPERT, a.id, "finish_verification")
    fire(ADMIN, a.id, "publicize")
    clock.pin(at("2023-11-08"))
    certified = fire(ADMIN, a.id, "certify")
    assert (certified.state, certified.star_level) == ("certified", 3)
    assert school_rounds(VIEWER, "S001")[-1].outcome == "raised"


def test_the_next_cycle_copies_rubric_windows_schools_and_texts(db: str) -> None:
    from models.schema import Campaign, NoticeText
    from workflow.doors.campaigns import create_campaign_like
    from workflow.doors.notice_texts import set_notice_text
    from workflow.statemachine.phases import campaign_windows

    campaign = setup_campaign(schools=3)
    set_notice_text(ADMIN, campaign.id, "requirements", "（一）抓整改。按期整改。")
    set_notice_text(ADMIN, campaign.id, "issue_date", "2022-11-20")
    row, count = create_campaign_like(ADMIN, campaign.id, year=2025)
    source = Campaign.get_by_id(campaign.id)
    assert (row.year, row.title, row.rubric_json, count) == (2025, "济源2025数字校园星级评定", source.rubric_json, 3)
    assert campaign_windows(row)["mobilization"][0].isoformat() == "2025-09-16"
    texts = {t.key: t.text for t in NoticeText.select().where(NoticeText.campaign == row.id)}
    assert texts == {"requirements": "（一）抓整改。按期整改。"}  # 成文日期 is the new year's own
    assert campaign_status(VIEWER, row.id).states[0].count == 3
