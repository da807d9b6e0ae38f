"""A school's scores read a row per school (exports/score_sheets.py) are the score table's rows,
read one by one as the workbook's reader read them before: the same Decimal in the same leaf, on
both backends, with gaps, codes the rubric lacks, other kinds, and values no half point is."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import peewee as pw

from bench.data import campaign_db
from exports.gather import workbook_input
from exports.score_sheets import ScoreSheets
from models.db import close_database, database, open_database
from models.schema import Assessment, Campaign


def _one_by_one(aid: int, codes: list[str]) -> tuple[tuple[Decimal | None, ...], tuple[Decimal | None, ...]]:
    """The plain reading: every score row of the school placed on its leaf."""
    index = {code: i for i, code in enumerate(codes)}
    sheet: dict[str, list[Decimal | None]] = {"self": [None] * len(codes), "verified": [None] * len(codes)}
    p = database.obj.param
    for code, kind, value in database.execute_sql(f"SELECT code, kind, value FROM score WHERE assessment_id = {p}",
                                                  [aid]):
        if code in index and kind in sheet:
            sheet[kind][index[code]] = value if isinstance(value, Decimal) else Decimal(str(value))
    return tuple(sheet["self"]), tuple(sheet["verified"])


def _spoil(codes: list[str]) -> None:
    """Gaps, strays and odd values, written past the doors as a hand edit of the file would."""
    p = database.obj.param
    run = database.execute_sql
    run(f"DELETE FROM score WHERE assessment_id = 2 AND code = {p}", [codes[3]])  # a gap in both kinds
    run("DELETE FROM score WHERE assessment_id = 3 AND kind = 'self'")  # no self-evaluation
    run("DELETE FROM score WHERE assessment_id = 4")  # nothing at all
    run(f"INSERT INTO score (assessment_id, code, kind, value, evidence, entered_by, entered_at) VALUES "
        f"(5, 'X.9', 'verified', 3, '', 't', 't'), (5, {p}, 'draft', 1, '', 't', 't'), "
        f"(6, {p}, 'other', 2, '', 't', 't')", [codes[0], codes[1]])
    sqlite = not isinstance(database.obj, pw.PostgresqlDatabase)  # numeric(7,1) holds no other value
    odd, big = ("0.30000000000000004", "1e20") if sqlite else ("0.3", "99999.5")
    run(f"UPDATE score SET value = {odd} WHERE assessment_id = 7 AND code = {p} AND kind = 'verified'", [codes[2]])
    run(f"UPDATE score SET value = 8 WHERE assessment_id = 8 AND code = {p}", [codes[4]])
    run(f"UPDATE score SET value = {big} WHERE assessment_id = 9 AND code = {p} AND kind = 'self'", [codes[5]])


def test_a_row_per_school_reads_what_the_rows_hold(db_url: str) -> None:
    campaign_db(db_url, 40)
    open_database(db_url)
    try:
        campaign = Campaign.get()
        codes = list(workbook_input(campaign, {}).leaf_codes)
        with database.obj.atomic():
            _spoil(codes)
        ids = [int(a.id) for a in Assessment.select(Assessment.id).order_by(Assessment.id)]
        sheets = ScoreSheets(codes)
        read = {**sheets.page(ids[:17]), **sheets.page(ids[17:])}
        assert 4 not in read  # a school with no scores: the reader's empty sheet
        for aid in ids:
            assert read.get(aid, ((None,) * len(codes),) * 2) == _one_by_one(aid, codes), aid
        assert read[7][1][2] == _one_by_one(7, codes)[1][2] and str(read[7][1][2]).startswith("0.3")
        assert read[9][0][5] in (Decimal("1E+20"), Decimal("99999.5"))
    finally:
        close_database()


def test_the_exported_workbook_holds_the_table_s_scores(db_url: str, tmp_path: Path) -> None:
    from tui.export_jobs import run_export
    from workflow.permissions import Actor

    campaign_db(db_url, 30)
    open_database(db_url)
    try:
        codes = list(workbook_input(Campaign.get(), {}).leaf_codes)
        with database.obj.atomic():
            _spoil(codes)
        out = run_export(Actor("bench-admin", "admin"), "workbook", tmp_path / "评分.xlsx")
        sheet = openpyxl.load_workbook(out)["评分明细"]
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=3, values_only=True):
            aid = int(str(row[0])[1:]) + 1  # P0000000 is school 1, assessment 1
            mine, verified = _one_by_one(aid, codes)
            for i, code in enumerate(codes):
                col = next(c for c, h in enumerate(header) if h and str(h).startswith(f"{code} "))
                assert row[col] == (None if mine[i] is None else float(mine[i])), (aid, code)
                assert row[col + 1] == (None if verified[i] is None else float(verified[i])), (aid, code)
    finally:
        close_database()


def test_leaf_losses_from_the_workbook_s_counts_are_the_query_s(db_url: str, tmp_path: Path) -> None:
    """The 分析 sheet's losses counted while the score rows stream equal the GROUP BY they replace."""
    from exports.workbook import LeafCounts, write_workbook
    from workflow.permissions import Actor
    from workflow.reads.analysis import analysis

    campaign_db(db_url, 40)
    open_database(db_url)
    try:
        campaign = Campaign.get()
        codes = list(workbook_input(campaign, {}).leaf_codes)
        with database.obj.atomic():
            _spoil(codes)
            # A leaf at its maximum for some schools (no loss), and bonus scores the losses leave out.
            database.execute_sql(f"UPDATE score SET value = 2 WHERE code = {database.obj.param} AND "
                                 "assessment_id < 10", [codes[0]])
        counted: list[LeafCounts | None] = []
        write_workbook(workbook_input(campaign, {}), tmp_path / "w.xlsx",
                       analysis=lambda counts: counted.append(counts))
        admin = Actor("bench-admin", "admin")
        assert counted and counted[0] is not None
        assert analysis(admin, int(campaign.id), leaf_counts=counted[0]) == analysis(admin, int(campaign.id))
        assert any(leaf.losing for leaf in analysis(admin, int(campaign.id)).leaves)
    finally:
        close_database()
