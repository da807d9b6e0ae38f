"""The notice's analysis appendix (exports/notice_appendix.py, `export notice --appendix-analysis`):
named under the text as GB/T 9704 has it (附件：…), set after the signature on a page of its own
with the charts as inline pictures, each with its caption and table; only when asked; refused
for the annual review's notice. Read back with python-docx, and printed by LibreOffice."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from exports.analysis_rows import AnalysisRows
from exports.data import NoticeInput
from exports.notice import write_notice
from exports.notice_appendix import analysis_appendix
from exports.render import render_pdf
from tests.support import need_program

from .docx_read import load
from .png_read import read_png

D = Decimal
ROWS = AnalysisRows(
    "某县2022", (("1.1", "校园网络", D(8), 4, 5, D("4.1"), D("16.5")),), ("二星级", "三星级", "未达星级"), (), (),
    ((D(60), D(65), 1), (D(65), D(70), 3), (D(70), D(75), 0), (D(75), D(80), 2), (D(80), D(85), 6)),
    (("二星级", D(70)), ("三星级", D(80))), (), None)
NOTE = "附件：核定总分分布与失分情况"


def _pictures(document: Any) -> list[bytes]:
    """The inline pictures' bytes, in document order."""
    blobs = []
    for shape in document.inline_shapes:
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        blobs.append(document.part.related_parts[rid].blob)
    return blobs


def _texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_appendix_is_named_under_the_text_and_set_after_the_signature(jingyuan: NoticeInput,
                                                                          tmp_path: Path) -> None:
    appendix = analysis_appendix(ROWS)
    assert appendix is not None
    document = load(write_notice(jingyuan, tmp_path / "notice.docx", [appendix]))
    texts = _texts(document)
    note, organ = texts.index(NOTE), texts.index(jingyuan.organ)
    assert texts[note - 1] == "" and note < organ  # one blank line above it, the signature under it
    label = texts.index("附件")
    assert label > organ and document.paragraphs[label].paragraph_format.page_break_before
    assert texts[label + 1] == "核定总分分布与失分情况"  # the title, as the note names it
    assert "图1 核定总分分布（竖线为星级分数线）" in texts
    assert "图2 失分学校最多的1项指标（条长为失分学校数）" in texts
    assert "表1 各星级分数段学校数" in texts
    pictures = _pictures(document)
    assert [read_png(p).width for p in pictures] == [1200, 1200]
    assert pictures[0] == appendix.figures[0].png
    assert [round(s.width.mm) for s in document.inline_shapes] == [150, 150]  # inside the type area
    bands = document.tables[-2]
    assert [c.text for c in bands.rows[0].cells] == ["星级", "核定总分", "学校数"]
    assert [c.text for c in bands.rows[1].cells] == ["三星级", "80分及以上", "6"]
    losses = document.tables[-1]
    assert [c.text for c in losses.rows[1].cells] == ["1", "1.1", "校园网络", "4", "4.1"]


def test_no_appendix_unless_asked(jingyuan: NoticeInput, tmp_path: Path) -> None:
    document = load(write_notice(jingyuan, tmp_path / "notice.docx"))
    assert not document.inline_shapes
    assert not [t for t in _texts(document) if t.startswith("附件")]


def test_nothing_verified_nothing_to_append() -> None:
    empty = AnalysisRows("某县", (), (), (), (), (), (("二星级", D(70)),), (), None)
    assert analysis_appendix(empty) is None


def test_libreoffice_prints_the_appendix(jingyuan: NoticeInput, tmp_path: Path) -> None:
    need_program("soffice", "libreoffice")
    pdfimages = need_program("pdfimages")
    pdftotext = need_program("pdftotext")
    appendix = analysis_appendix(ROWS)
    assert appendix is not None
    pdf = render_pdf(write_notice(jingyuan, tmp_path / "notice.docx", [appendix]), tmp_path / "pdf")
    listing = subprocess.run([pdfimages, "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(re.findall(r"^\s*\d+\s+\d+\s+image\s+1200\s", listing, re.M)) == 2
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "核定总分分布（竖线为星级分数线）" in text.replace(" ", "")


@pytest.fixture
def demo_db(sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The demo (its 2023 rating round and the 2024 review) in a SQLite file the CLI opens."""
    from models.db import close_database
    from tests.demo_copy import load_demo

    load_demo()
    close_database()
    monkeypatch.delenv("SSH_CONNECTION", raising=False)  # the local administrator, as at the console
    yield sqlite_db


def _cli(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", "zh", *args])
    out, err = capsys.readouterr()
    return code, out + err


def test_export_notice_appendix_analysis(demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asked, plain = tmp_path / "appended.docx", tmp_path / "plain.docx"
    code, said = _cli(capsys, demo_db, "export", "notice", "-o", str(asked), "--round", "2023", "--appendix-analysis")
    assert code == 0, said
    assert "通报已附分析图表（附件：核定总分分布与失分情况）" in said
    document = load(asked)
    assert NOTE in _texts(document) and len(_pictures(document)) == 2
    assert "图2 失分学校最多的10项指标（条长为失分学校数）" in _texts(document)
    code, said = _cli(capsys, demo_db, "export", "notice", "-o", str(plain), "--round", "2023")
    assert code == 0 and not load(plain).inline_shapes and NOTE not in _texts(load(plain))
    # The newest round is the annual review: its notice takes no analysis appendix.
    review = tmp_path / "review.docx"
    code, said = _cli(capsys, demo_db, "export", "notice", "-o", str(review), "--appendix-analysis")
    assert code != 0 and "年度复核通报不附分析图表" in said and not review.exists()
