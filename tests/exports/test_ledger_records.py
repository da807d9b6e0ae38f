"""The problem ledger (整改台账) and the verification records (核定记录): one round's rows, read back
from the .docx and the workbook sheet, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from exports.data_records import ProblemLedger
from exports.gather_records import problem_ledger, verification_records
from exports.ledger import write_ledger
from exports.records_doc import write_verification_records
from exports.records_sheets import LEDGER_SHEET, RECORDS_SHEET, ledger_sheet, records_sheet
from exports.xlsx_stream import XlsxStream
from models.schema import Assessment, Campaign, Problem, Round, School
from tests.demo_copy import load_demo
from workflow.doors.demo import ADMIN
from workflow.doors.records import add_problem, set_problem_status


def _table(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    assert len(document.tables) == 1
    return [[cell.text for cell in row.cells] for row in document.tables[0].rows]


def _paragraphs(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _rounds(campaign: Campaign) -> dict[str, int]:
    return {r.kind: int(r.id) for r in Round.select().where(Round.campaign == campaign.id)}


def _assessment(round_id: int, code: str) -> int:
    return int(Assessment.select(Assessment.id).join(School)
               .where((Assessment.round == round_id) & (School.code == code)).scalar())


@pytest.fixture
def demo(db: str) -> Campaign:
    campaign_id = load_demo()
    return Campaign.get_by_id(campaign_id)


@pytest.fixture
def demo_2023(db: str) -> Campaign:
    """The demo before this year's review: its 2023 round is still open to a problem's change."""
    return Campaign.get_by_id(load_demo(review=False))


def test_ledger_lists_the_rounds_problems_with_overdue_marks(demo_2023: Campaign, tmp_path: Path) -> None:
    demo = demo_2023
    rounds = _rounds(demo)
    first = Problem.select().join(Assessment).where(Assessment.round == rounds["initial"]).order_by(Problem.id).first()
    set_problem_status(ADMIN, first.id, "closed")
    # The day after the demo's deadlines (2023-08-20): open problems are overdue, the closed one is not.
    ledger = problem_ledger(demo, as_of=date(2023, 8, 21), round_id=rounds["initial"])
    out = write_ledger(ledger, tmp_path / "整改台账.docx")

    rows = _table(out)
    assert rows[0] == ["序号", "学校名称", "存在问题", "责任人", "整改时限", "整改状态", "逾期"]
    body = rows[1:]
    assert len(body) == 13 and [r[0] for r in body] == [str(i) for i in range(1, 14)]
    assert body[0][1] == "泾源县第一中学" and body[0][5] == "已整改" and body[0][6] == ""
    assert all(r[3] == "分管副校长" and r[4] == "2023年8月20日" for r in body)
    assert all(r[5] == "待整改" and r[6] == "逾期" for r in body[1:])
    text = _paragraphs(out)
    assert "问题清单及整改台账" in text and "泾源县2023年" in text
    assert "截至2023年8月21日，13所学校共登记问题13个，已整改1个，逾期未整改12个。" in text
    assert "泾源县人民政府教育督导委员会办公室" in text

    # On the deadline day nothing is overdue yet.
    on_time = problem_ledger(demo, as_of=date(2023, 8, 20), round_id=rounds["initial"])
    assert not any(r.overdue for r in on_time.rows)


def test_ledger_and_records_keep_to_their_round(demo: Campaign, tmp_path: Path) -> None:
    rounds = _rounds(demo)
    review_school = _assessment(rounds["review"], "640424002")
    add_problem(ADMIN, review_school, "复核发现：录播教室未投入使用", responsible="教务主任", deadline="2099-06-30")
    review = problem_ledger(demo, as_of=date(2026, 12, 1), round_id=rounds["review"])
    assert [(r.problem, r.responsible, r.overdue) for r in review.rows] == [("复核发现：录播教室未投入使用", "教务主任", False)]
    assert "年度复核" in review.title
    initial = problem_ledger(demo, as_of=date(2026, 12, 1), round_id=rounds["initial"])
    assert len(initial.rows) == 13 and "录播教室" not in " ".join(r.problem for r in initial.rows)

    records = verification_records(demo, as_of=date(2026, 12, 1), round_id=rounds["initial"])
    out = write_verification_records(records, tmp_path / "核定记录.docx")
    rows = _table(out)
    assert rows[0] == ["序号", "学校名称", "核定日期", "核定专家", "核定方式", "核定意见"]
    assert len(rows) == 14
    assert rows[1][2] == "2023年8月28日" and rows[-1][2] == "2023年9月1日"
    assert rows[1][3] == "县督导办、信息中心及抽调学校专业人员"
    assert rows[1][4] == "实地查看、查阅档案、网上调研、座谈询问"
    text = _paragraphs(out)
    assert "核定记录" in text and "2023年8月28日至2023年9月1日，专家组对13所学校进行了现场核定，共13次" in text
    assert text.rstrip().endswith("2023年9月1日")  # signed on the last visit's day, not the export day
    assert verification_records(demo, as_of=date(2026, 12, 1), round_id=rounds["review"]).rows == ()


def test_ledger_and_records_as_workbook_sheets(demo: Campaign, tmp_path: Path) -> None:
    rounds = _rounds(demo)
    ledger = problem_ledger(demo, as_of=date(2023, 8, 21), round_id=rounds["initial"])
    records = verification_records(demo, as_of=date(2023, 8, 21), round_id=rounds["initial"])
    out = tmp_path / "book.xlsx"
    with XlsxStream(out) as book:
        book.write_sheet(LEDGER_SHEET, ledger_sheet(ledger))
        book.write_sheet(RECORDS_SHEET, records_sheet(records))
    wb = openpyxl.load_workbook(out)
    sheet = wb[LEDGER_SHEET]
    assert "问题清单及整改台账" in sheet["A1"].value  # the title row, merged over the table
    assert [c.value for c in sheet[2]] == ["序号", "学校名称", "存在问题", "责任人", "整改时限", "整改状态", "逾期"]
    assert sheet.max_row == 15 and sheet["B3"].value == "泾源县第一中学" and sheet["G3"].value == "逾期"
    assert wb[RECORDS_SHEET]["C3"].value == "2023年8月28日"


def test_an_empty_ledger_says_so(tmp_path: Path) -> None:
    out = write_ledger(ProblemLedger("某县2024年数字校园星级评定", "某县教育局", date(2024, 9, 1), ()), tmp_path / "l.docx")
    assert _table(out) == [["序号", "学校名称", "存在问题", "责任人", "整改时限", "整改状态", "逾期"]]
    assert "截至2024年9月1日，本轮评定未登记问题。" in _paragraphs(out)
