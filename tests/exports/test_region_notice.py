"""The region notice (区域通报) as a document: a province's appendix is written from an iterator and
python-docx reads the file back whole (a text piece per run at most RUN_CHARS, one table row per
school); the words are complete in English; LibreOffice lays it out with the appendix on its own page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from exports.notice import RUN_CHARS
from exports.region_notice import write_region_notice
from exports.region_notice_data import ChildSummary, Decision, Moved, RatedLine, RegionNoticeInput
from exports.region_notice_words import WORDS
from tests.support import need_program

from .docx_read import load

LEVELS = ("一星级", "二星级", "三星级")


def _child(name: str, **more: object) -> ChildSummary:
    base = dict(name=name, schools=3, verified=3, average=Decimal("101.5"), stars=(1, 1, 0), no_star=1,
                in_progress=0, overdue=0)
    return ChildSummary(**{**base, **more})  # type: ignore[arg-type]


def _notice(rated: Iterator[RatedLine], children: tuple[ChildSummary, ...], lang: str = "zh") -> RegionNoticeInput:
    total = _child("", schools=sum(c.schools for c in children))
    return RegionNoticeInput(region_name="郑州市", tier="city", child_tier="county", year=2022, kind="智慧校园",
                             organ="郑州市教育局", issue_date=date(2022, 12, 10), levels=LEVELS,
                             children=children, total=total, rated=rated, lang=lang)


def _province_lines(count: int, read: list[int]) -> Iterator[RatedLine]:
    for i in range(count):
        read.append(i)  # how far the writer has read
        yield RatedLine(f"第{i % 100}区", f"第{i}小学", Decimal("101.5"), "二星级", "已认定", "（晋升）")


def test_a_province_sized_notice_is_written_from_an_iterator_and_reads_back(tmp_path: Path) -> None:
    read: list[int] = []
    many = tuple(Moved(f"城关第{i}小学", "一星级", "二星级") for i in range(3000))  # a paragraph past RUN_CHARS
    data = _notice(_province_lines(5_000, read), (_child("中原区", raised=many), _child("二七区")))
    document = load(write_region_notice(data, tmp_path / "区域通报.docx"))
    assert len(read) == 5_000  # each school read once, as the table was written
    paragraph = next(p for p in document.paragraphs if "城关第2999小学" in p.text)
    assert len(paragraph.text) > 2 * RUN_CHARS
    assert max(len(run.text) for run in paragraph.runs) <= RUN_CHARS
    assert paragraph.text.startswith("（一）中原区。参加评定学校3所") and "晋升星级3000所" in paragraph.text
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["序号", "县区", "学校名称", "核定得分", "星级", "状态"]
    assert len(table.rows) == 5_001
    assert [c.text for c in table.rows[5_000].cells] == ["5000", "第99区", "第4999小学", "101.5", "二星级",
                                                          "已认定（晋升）"]


def test_the_notice_reads_in_english_with_every_word_in_both_languages(tmp_path: Path) -> None:
    for key, entry in WORDS.items():
        assert entry["zh"].strip() and entry["en"].strip(), key
    decision = Decision("中原区第一小学", True, "5 stars", "河南省教育厅", "豫教〔2022〕9号", date(2022, 12, 1))
    data = _notice(iter([RatedLine("中原区", "中原区第一小学", Decimal("152"), "5 stars", "Recommended upward", "")]),
                   (_child("中原区", decisions=(decision,)),), lang="en")
    text = "\n".join(p.text for p in load(write_region_notice(data, tmp_path / "en.docx")).paragraphs)
    assert "Notice on the 2022 smart campus star rating in 郑州市" in text.replace("\n", " ")
    assert "Of these, 1 at 一星级, 1 at 二星级, 1 below every star level." in text
    assert "中原区第一小学 was rated 5 stars by 河南省教育厅 (豫教〔2022〕9号, 2022-12-01)." in text
    assert "Appendix: Star-rated schools of each county of 郑州市, 2022" in text


@pytest.mark.services
def test_libreoffice_lays_the_notice_out_with_its_appendix_on_a_page_of_its_own(tmp_path: Path) -> None:
    need_program("soffice", "libreoffice")
    need_program("pdftotext")
    from exports.render import render_pdf

    from .pdf_layout import pages_with, pdf_pages

    lines = iter([RatedLine("中原区", f"中原区第{i}小学", Decimal("110"), "二星级", "已认定", "") for i in range(60)])
    pdf = render_pdf(write_region_notice(_notice(lines, (_child("中原区"), _child("二七区"))), tmp_path / "n.docx"),
                     tmp_path / "pdf")
    pages = pdf_pages(pdf)
    body, signed = pages_with(pages, "各县（市、区）评定情况"), pages_with(pages, "郑州市教育局")
    titled, rows = pages_with(pages, "附件郑州市2022年度各县（"), pages_with(pages, "中原区第")
    assert body == [1] and pages_with(pages, "附件：郑州市2022年度各县（市、区）星级学校名单") == signed
    assert titled == [signed[0] + 1]  # the appendix starts a page after the signature's
    assert rows[0] == titled[0] and rows[-1] > titled[0]  # 60 rows run on, the headers repeated
    assert all(pages[n - 1].text().count("学校名称") == 1 for n in rows)


def test_school_names_are_written_as_they_are_and_a_failure_midway_leaves_no_file(tmp_path: Path) -> None:
    odd = [RatedLine("中原区", "A&B <实验> 学校", None, "一星级", "已认定", "")]
    document = load(write_region_notice(_notice(iter(odd), (_child("中原区"),)), tmp_path / "odd.docx"))
    assert [c.text for c in document.tables[-1].rows[1].cells] == ["1", "中原区", "A&B <实验> 学校", "", "一星级",
                                                                  "已认定"]
    empty = load(write_region_notice(_notice(iter([]), (_child("中原区"),)), tmp_path / "empty.docx"))
    assert len(empty.tables[-1].rows) == 1  # the headers alone

    def broken() -> Iterator[RatedLine]:
        yield from _province_lines(300, [])
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        write_region_notice(_notice(broken(), (_child("中原区"),)), tmp_path / "broken.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.docx", "odd.docx"]  # nor a temp file
