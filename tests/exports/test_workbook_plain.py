"""The score workbook exported from the demo database holds, cell by cell, what the plain reading of
the database says: each school's identity as its round prints it (a frozen round's kept names),
its scores read row by row from the score table, its totals, level, authority and 暂定; the 统计
counts; the 历年记录 lines as ``campaign_rounds`` words them. The fast paths (exports/score_sheets.py,
workbook_cells.py, xlsx_cells.py, the star looked up once in gather.py, the tally counted per star,
the round lines' settling rows by index) must not change a cell. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl

from exports import gather
from exports.data import SchoolResult, WorkbookRow
from exports.text import clean_text
from exports.workbook import _plan, row_values
from exports.workbook_columns import first_levels
from models.db import database
from models.schema import Assessment, Campaign, Round, School, Score, is_frozen
from tests.demo_copy import load_demo
from tui.export_jobs import run_export
from workflow.permissions import Actor
from workflow.reads.history import campaign_rounds
from workflow.statemachine.declaration import STATES

ADMIN = Actor("demo-admin", "admin")


def _cell(value: object) -> object:
    """A value as openpyxl reads its cell back."""
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, str):
        return clean_text(value) or None
    return value


def _plain_rows(campaign: Campaign, round_id: int) -> list[list[object]]:
    """The detail rows from model objects, one score row at a time."""
    rubric = gather.campaign_rubric(campaign)
    codes = [leaf.code for leaf in rubric.leaves()]
    plan = _plan(len(codes), first_levels(rubric))
    stars = {s.level: s for s in rubric.star_levels}
    labels = {s["name"]: s["zh"] for s in STATES}
    frozen = is_frozen(round_id)
    rows = []
    query = (Assessment.select(Assessment, School).join(School).where(Assessment.round == round_id)
             .order_by(School.display_order, School.code))
    for position, a in enumerate(query, 1):
        school = a.school
        star = stars.get(a.star_level) if a.star_level is not None else None
        kept = frozen and a.school_name is not None
        result = SchoolResult(
            code=school.code, name=a.school_name if kept else school.name,
            township=a.school_township if frozen and a.school_township is not None else school.township,
            stage=a.school_stage if frozen and a.school_stage is not None else school.stage,
            self_total=a.self_total, verified_total=a.verified_total, star_level=a.star_level,
            star_name=star.name_zh if star else None, authority=star.authority if star else None,
            provisional=bool(a.provisional and star is not None and (star.provisional or rubric.is_provisional)),
            display_order=position)
        sheet: dict[str, list[Decimal | None]] = {"self": [None] * len(codes), "verified": [None] * len(codes)}
        for score in Score.select().where(Score.assessment == a.id):
            if score.code in codes and score.kind in sheet:
                sheet[score.kind][codes.index(score.code)] = Decimal(str(score.value))
        row = WorkbookRow(result, labels.get(a.state, a.state), tuple(sheet["self"]), tuple(sheet["verified"]))
        rows.append([_cell(v) for v in row_values(row, len(codes), plan)])
    return rows


def _export(campaign: Campaign, year: int, path: Path) -> openpyxl.Workbook:
    run_export(ADMIN, "workbook", path, campaign_id=campaign.id, round_year=year, force=True)
    return openpyxl.load_workbook(path)


def test_the_demo_workbook_holds_the_plain_reading_of_each_round(db: str, tmp_path: Path) -> None:
    campaign = Campaign.get_by_id(load_demo(review=True))
    rounds = list(Round.select().where(Round.campaign == campaign.id).order_by(Round.year))
    assert len(rounds) >= 2 and is_frozen(rounds[0].id) and not is_frozen(rounds[-1].id)
    # A school renamed after its round froze (the frozen round prints the kept name), and a school
    # with gaps: one leaf without a verified score, another with no score at all.
    first = rounds[0]
    settled = Assessment.get((Assessment.round == first.id) & Assessment.school_name.is_null(False))
    database.execute_sql(f"UPDATE school SET name = 'renamed' WHERE id = {database.obj.param}", [settled.school_id])
    gapped = Assessment.select().where(Assessment.round == rounds[-1].id).order_by(Assessment.id).first()
    codes = [leaf.code for leaf in gather.campaign_rubric(campaign).leaves()]
    p = database.obj.param
    database.execute_sql(f"DELETE FROM score WHERE assessment_id = {p} AND code = {p} AND kind = 'verified'",
                         [gapped.id, codes[0]])
    database.execute_sql(f"DELETE FROM score WHERE assessment_id = {p} AND code = {p}", [gapped.id, codes[1]])
    history = [[_cell(v) for v in (h.school_code, h.school_name, h.year, h.kind_label, h.entry_label, h.self_total,
                                   h.verified_total, h.level_name, h.outcome_label, h.date,
                                   " ".join(x for x in (h.reason, h.upward) if x))]
               for h in campaign_rounds(ADMIN, campaign.id, "zh")]
    assert any(h[8] and h[9] for h in history)  # settled lines carry their outcome and date
    for shown in rounds:
        book = _export(campaign, int(shown.year), tmp_path / f"{shown.year}.xlsx")
        expected = _plain_rows(campaign, int(shown.id))
        detail = book["评分明细"]
        width = len(expected[0])
        got = [list(r) for r in detail.iter_rows(min_row=3, max_col=width, values_only=True)]
        assert got == expected, shown.year
        assert detail.max_row == 2 + len(expected)
        names = {r[0]: r[1] for r in got}
        if shown.id == first.id:
            assert names[settled.school.code] == settled.school_name != "renamed"
        elif settled.school.code in names:  # a live round prints the register as it is now
            assert names[settled.school.code] == "renamed"
        stats = [list(r) for r in book["统计"].iter_rows(min_row=3, values_only=True)]
        levels = Counter(r[-3] for r in expected)
        states = Counter(r[4] for r in expected)
        split = stats.index([None, None])
        assert {r[0]: r[1] for r in stats[:split - 1]} == levels
        assert stats[split - 1] == ["合计", len(expected)]
        assert [tuple(r) for r in stats[split + 2:-1]] == sorted(states.items(), key=lambda kv: (-kv[1], kv[0]))
        lines = [list(r) for r in book["历年记录"].iter_rows(min_row=2, values_only=True)]
        assert lines == history
