"""Exports from a real database, through the real command: the Jingyuan demo reads back as seed 000."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

EXE = str(Path(sys.executable).with_name("starcampus"))


def run(db: Path, *args: str, now: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    if now is not None:
        env["STARCAMPUS_NOW"] = now
    return subprocess.run([EXE, "--db", str(db), *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("exp") / "demo.sqlite3"
    assert run(db, "demo", "load").returncode == 0
    return db


def _text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_notice_reads_back_with_the_seed_facts(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    done = run(demo, "export", "notice", "-o", str(out), "--round", "2023")
    assert done.returncode == 0, done.stderr
    text = _text(out)
    assert "泾源县2023年" in text and "通报" in text.splitlines()[1]
    ratings = text[text.index("一、评星定级情况"):text.index("二、取得的成效")]
    assert "5所学校符合" in ratings and "二星级" in ratings
    assert "3所学校符合" in ratings and "三星级" in ratings
    assert "泾源县城关第一小学符合" in ratings and "94.5分" in ratings and "申请智慧校园四星级认定" in ratings
    assert "未达到" not in ratings and "大湾中学" not in ratings  # named under 三、 only
    found = dict(re.findall(r"(?:分别是)?([\u4e00-\u9fff]+?)评定得分(\d+(?:\.5)?)分", ratings))
    assert found == {"泾源县第一中学": "73.5", "泾源高级中学": "75.5", "泾源县城关第二小学": "75",
                     "新民乡中心小学": "71.5", "六盘山镇第一小学": "77.5", "泾源县第四小学": "81.5",
                     "泾河源镇中心小学": "80", "兴盛乡中心小学": "81"}
    assert "8月28日至9月1日" in text and "13所学校" in text
    assert "二、取得的成效" in text and "三、存在的问题" in text and "四、下一步工作要求" in text


def test_notice_texts_are_editable_and_orderable(tmp_path: Path) -> None:
    # The demo as in 2023, its initial round still open: each round has its own texts, a frozen one's fixed
    # (tests/cli/test_round_notice_texts.py).
    db = tmp_path / "demo2023.sqlite3"
    assert run(db, "demo", "load", now="2023-09-07T09:00:00+08:00").returncode == 0
    assert run(db, "notice", "set", "title", "{region}{year}年智慧校园评定情况通报").returncode == 0
    assert run(db, "notice", "set", "requirements", "加强领导。校长负总责。\n\n按期整改。年底前报送。").returncode == 0
    assert run(db, "notice", "set", "issue_date", "2023年9月8日").returncode == 0
    bad = run(db, "notice", "set", "issue_date", "2023年9月31日")
    assert bad.returncode == 1 and "9月31日" in bad.stderr
    out = tmp_path / "n.docx"
    assert run(db, "export", "notice", "-o", str(out), "--order", "score", "--round", "2023").returncode == 0
    text = _text(out)
    assert text.startswith("泾源县2023年智慧校园评定情况通报")
    assert "（一）加强领导。校长负总责。" in text and "（二）按期整改。" in text
    assert "2023年9月8日" in text
    two_star = text[text.index("5所学校符合"):text.index("3所学校符合")]
    assert two_star.index("六盘山镇第一小学") < two_star.index("新民乡中心小学")  # 77.5 before 71.5


def test_workbook_forms_and_publicity(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "w.xlsx"
    assert run(demo, "export", "workbook", "-o", str(book), "--round", "2023").returncode == 0
    wb = openpyxl.load_workbook(book, read_only=True)
    detail = wb[wb.sheetnames[0]]
    rows = list(detail.iter_rows(values_only=True))
    flat = [str(c) for row in rows for c in row if c is not None]
    assert "泾源县城关第一小学" in flat and "94.5" in {str(c) for row in rows for c in row}
    assert sum(1 for row in rows if row and row[1] in {"泾源县第一中学", "大湾中学"}) == 2
    forms = tmp_path / "f.docx"
    assert run(demo, "export", "forms", "-o", str(forms), "--school", "640424007", "--round", "2023").returncode == 0
    text = _text(forms) + "\n".join(c.text for t in docx.Document(str(forms)).tables for r in t.rows for c in r.cells)
    assert "新民乡中心小学" in text and "泾源县第一中学" not in text and "一式二份" in text
    publicity = tmp_path / "p.docx"
    assert run(demo, "export", "publicity", "-o", str(publicity), "--round", "2023").returncode == 0
    cells = "\n".join(c.text for t in docx.Document(str(publicity)).tables for r in t.rows for c in r.cells)
    assert "94.5" in cells and "四星级" in cells


def test_this_years_review_exports_its_own_notice(demo: Path, tmp_path: Path) -> None:
    """Without --round the newest round is exported: this year's annual review (年度复核通报), with the
    raised school's old and new levels and the region's upward decision received."""
    out = tmp_path / "review.docx"
    done = run(demo, "export", "notice", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = _text(out)
    assert "星级复核结果的通报" in text.splitlines()[0]
    assert "晋级1所。六盘山镇第一小学（二星级→三星级，核定82分）" in text
    assert "泾源县城关第一小学经宁夏回族自治区教育厅于2024年1月12日认定为四星级" in text
    assert "另有4所学校复核尚未完成" in text
    book = tmp_path / "w.xlsx"
    assert run(demo, "export", "workbook", "-o", str(book)).returncode == 0
    history = list(openpyxl.load_workbook(book, read_only=True)["历年记录"].iter_rows(values_only=True))
    raised = [r for r in history if r[0] == "640424010"]
    assert [(r[3], r[7], r[8]) for r in raised] == [("初评", "二星级", "初评认定"), ("年度复核", "三星级", "晋级")]


def test_each_years_workbook_is_headed_with_its_own_round(demo: Path, tmp_path: Path) -> None:
    """The demo's 2026 annual review is not headed as its 2023 rating: the workbook's title (the
    detail sheet, the 统计 sheet, the 历年记录 sheet's printed header) names the 2026 review, as its
    ledger and records sheets do; the 2023 workbook keeps the campaign's own title."""
    title = "泾源县2023年“互联网+教育”智慧校园星级评定"
    heads = {}
    for year in ("2023", "2026"):
        book = tmp_path / f"w{year}.xlsx"
        assert run(demo, "export", "workbook", "-o", str(book), "--round", year).returncode == 0
        wb = openpyxl.load_workbook(book)
        heads[year] = (wb["评分明细"]["A1"].value, wb["统计"]["A1"].value, wb["历年记录"].oddHeader.center.text)
    assert heads["2023"] == (title, title, f"&B{title} 历年记录")
    review = f"{title}（2026年度复核）"
    assert heads["2026"] == (review, review, f"&B{review} 历年记录")


def test_export_refuses_bad_paths_and_viewers_may_export(demo: Path, tmp_path: Path) -> None:
    wrong = run(demo, "export", "notice", "-o", str(tmp_path / "n.xlsx"))
    assert wrong.returncode == 1 and ".docx" in wrong.stderr
    viewer = run(demo, "--as", "viewer", "export", "publicity", "-o", str(tmp_path / "v.docx"))
    assert viewer.returncode == 0, viewer.stderr
    school = run(demo, "--as", "xinmin", "export", "publicity", "-o", str(tmp_path / "s.docx"))
    assert school.returncode == 1 and not (tmp_path / "s.docx").exists()
    log = run(demo, "audit", "log", "--limit", "5")
    assert "导出：公示名单" in log.stdout  # the action in the reader's words (issue 16)


@pytest.mark.services
def test_demo_notice_renders_in_libreoffice(demo: Path, tmp_path: Path) -> None:
    from exports.render import render_pdf
    from tests.exports.test_render_pdf import pdf_info, pdf_text
    from tests.support import need_program

    need_program("soffice", "libreoffice")
    out = tmp_path / "notice.docx"
    assert run(demo, "export", "notice", "-o", str(out), "--round", "2023").returncode == 0
    pdf = render_pdf(out, tmp_path / "pdf")
    info = pdf_info(pdf)
    assert info["Page size"].startswith("595") and info["Pages"] == "4"
    text = pdf_text(pdf)
    assert all(re.search(rf"—\s*{n}\s*—", text) for n in (1, 2, 3, 4))
    assert "94.5" in text
