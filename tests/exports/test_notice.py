from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from exports.data import NoticeInput
from exports.notice import write_notice

from .docx_read import all_run_elements, body_text, east_asia_font, load, paragraph_starting


@pytest.fixture
def notice(jingyuan: NoticeInput, tmp_path: Path):
    return load(write_notice(jingyuan, tmp_path / "通报.docx"))


def section_text(document, start: str, end: str) -> str:
    text = body_text(document)
    return text[text.index(start) : text.index(end)]


def test_page_is_a4_with_gbt9704_margins(notice) -> None:
    section = notice.sections[0]
    assert round(section.page_width.mm, 1) == 210.0
    assert round(section.page_height.mm, 1) == 297.0
    assert round(section.top_margin.mm, 1) == 37.0
    assert round(section.bottom_margin.mm, 1) == 35.0
    assert round(section.left_margin.mm, 1) == 28.0
    assert round(section.right_margin.mm, 1) == 26.0
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) is not None


def test_title_is_centred_22pt_xiaobiaosong(notice) -> None:
    title = notice.paragraphs[0]
    assert title.text.replace("\n", "") == "泾源县2023年“互联网+教育”智慧校园星级评定工作督导评估通报"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in title.runs:
        if run.text.strip():
            assert run.font.size.pt == 22
            assert east_asia_font(run._r) == "方正小标宋简体"


def test_ratings_section_lists_each_level_in_the_seed_shape(notice) -> None:
    text = section_text(notice, "一、评星定级情况", "二、取得的成效")
    assert "5所学校符合" in text
    assert "3所学校符合" in text
    for name, score in [
        ("新民乡中心小学", "71.5"),
        ("六盘山镇第一小学", "77.5"),
        ("泾源县城关第二小学", "75"),
        ("泾源县第一中学", "73.5"),
        ("泾源高级中学", "75.5"),
        ("泾河源镇中心小学", "80"),
        ("兴盛乡中心小学", "81"),
        ("泾源县第四小学", "81.5"),
    ]:
        assert f"{name}评定得分{score}分" in text
    assert "75.0" not in text and "80.0" not in text
    # the two-star sentence comes before the three-star one, in display order
    assert text.index("二星级") < text.index("三星级") < text.index("四星级")
    assert text.index("新民乡中心小学") < text.index("六盘山镇第一小学") < text.index("泾源高级中学")
    # a single school is written without "1所"
    assert "泾源县城关第一小学符合" in text and "评定得分94.5分" in text
    assert "1所学校" not in text
    # a record with no upward_authority names the generic authority
    assert "评定得分94.5分，向上级教育行政部门申请智慧校园四星级认定。" in text
    # schools with no level are named under 三、 only
    for name in ("大湾乡中心小学", "大湾中学", "黄花乡平凉庄小学", "泾源县第三小学"):
        assert name not in text
    assert "未达到" not in text


def test_other_sections_are_numbered_and_shaped(notice) -> None:
    text = body_text(notice)
    assert "1.新民乡中心小学。信息化基础设施" in text
    assert "5.泾源县城关第一小学。" in text
    assert "（一）各学校存在的具体问题。" in text
    assert "大湾乡中心小学：对星级认定工作重视不够" in text
    assert "（二）教师队伍信息化水平仍需提升。部分学校" in text
    assert "（三）数字资源建设亟须加强。" in text
    problems = section_text(notice, "三、存在的问题", "四、下一步工作要求")
    assert "（四）" not in problems
    assert "（四）做好问题整改。对标认定标准" in text
    assert "暂定" not in text


def test_organ_and_date_right_aligned_at_the_end(notice) -> None:
    paragraphs = [p for p in notice.paragraphs if p.text.strip()]
    organ, day = paragraphs[-2], paragraphs[-1]
    assert organ.text == "泾源县教育体育局"
    assert day.text == "2023年9月8日"
    assert organ.alignment == day.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_date_is_not_padded(jingyuan: NoticeInput, tmp_path: Path) -> None:
    from dataclasses import replace

    doc = load(write_notice(replace(jingyuan, issue_date=date(2024, 1, 5)), tmp_path / "a.docx"))
    assert body_text(doc).rstrip().endswith("2024年1月5日")


def test_every_run_names_an_east_asian_font(notice) -> None:
    runs = list(all_run_elements(notice))
    assert len(runs) > 40
    missing = [r for r in runs if not east_asia_font(r)]
    assert missing == []


def test_heading_fonts_and_body_font(notice) -> None:
    level1 = paragraph_starting(notice, "一、评星定级情况")
    assert {east_asia_font(r._r) for r in level1.runs} == {"黑体"}
    level2 = paragraph_starting(notice, "（一）加强组织领导")
    assert east_asia_font(level2.runs[0]._r) == "楷体_GB2312"
    assert level2.runs[0].text == "（一）加强组织领导。"
    assert east_asia_font(level2.runs[-1]._r) == "仿宋_GB2312"
    body = paragraph_starting(notice, "根据《")
    assert {east_asia_font(r._r) for r in body.runs} == {"仿宋_GB2312"}
    assert {r.font.size.pt for r in body.runs} == {16}
    assert body.paragraph_format.first_line_indent.pt == 32
    assert body.paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)


def test_no_bold_anywhere(notice) -> None:
    for r in all_run_elements(notice):
        rpr = r.find(qn("w:rPr"))
        bold = None if rpr is None else rpr.find(qn("w:b"))
        assert bold is None or bold.get(qn("w:val")) in ("0", "false")
    assert notice.styles["Normal"].font.bold is not True


def test_footers_have_page_field_odd_right_even_left(notice) -> None:
    assert notice.settings.odd_and_even_pages_header_footer is True
    section = notice.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        assert not footer.is_linked_to_previous
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        xml = paragraph._p.xml
        assert (
            'w:fldCharType="begin"' in xml
            and 'w:fldCharType="separate"' in xml
            and 'w:fldCharType="end"' in xml
        )
        instr = [el.text for el in paragraph._p.iter(qn("w:instrText"))]
        assert [t.strip() for t in instr] == ["PAGE"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        sizes = {r.font.size.pt for r in paragraph.runs if r.font.size}
        assert sizes == {14}
        assert {east_asia_font(r._r) for r in paragraph.runs} == {"宋体"}


def test_theme_and_defaults_are_chinese(notice) -> None:
    styles = notice.styles.element
    assert "eastAsiaTheme" not in styles.xml
    lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_provisional_note(jingyuan: NoticeInput, tmp_path: Path) -> None:
    from dataclasses import replace

    doc = load(write_notice(replace(jingyuan, provisional=True), tmp_path / "p.docx"))
    text = section_text(doc, "一、评星定级情况", "二、取得的成效")
    # a record that does not say which part is provisional claims no particular part
    assert "部分内容为暂定" in text and "分数线" not in text


def test_write_is_atomic(jingyuan: NoticeInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docx.document import Document

    target = tmp_path / "n.docx"
    target.write_bytes(b"old")

    def broken_save(self: Document, stream: BinaryIO) -> None:
        stream.write(b"half a zip")  # built in memory first (exports.atomic.save_docx), then written
        raise OSError("disk full")

    monkeypatch.setattr(Document, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_notice(jingyuan, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.docx"]
