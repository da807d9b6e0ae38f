from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from exports.data import Narrative, NoticeInput, Section
from exports.notice import write_notice
from exports.text import clean_text, format_score, split_title

from .docx_read import body_text, load

NASTY = "控制\x00字符\x07与\x1b转义\x0b\x0c和\ud800孤立代理🙂😀𠀀\t制表"


def test_clean_text_keeps_emoji_tabs_newlines_and_non_bmp() -> None:
    assert clean_text(NASTY) == "控制字符与转义和孤立代理🙂😀𠀀\t制表"
    assert clean_text("a\r\nb\rc\n") == "a\nb\nc\n"
    assert clean_text(None) == ""


def test_format_score() -> None:
    from decimal import Decimal

    assert format_score(Decimal("71.5")) == "71.5"
    assert format_score(Decimal("75.0")) == "75"
    assert format_score(Decimal("75")) == "75"
    assert format_score(Decimal("80.25")) == "80.25"
    assert format_score(Decimal("1E+2")) == "100"
    assert format_score(None, "—") == "—"


def test_control_characters_emoji_and_long_text_survive(jingyuan: NoticeInput, tmp_path: Path) -> None:
    long_text = ("智慧校园建设成效显著🙂𠀀" * 1700)[:20_000]
    data = replace(
        jingyuan,
        title="标题\x01含控制字符🙂𠀀",
        achievements=(Narrative("新民乡中心小学\x08", NASTY), Narrative("长文学校", long_text)),
        general_problems=(Section("问题\x1f一", "说明\x00文字"),),
    )
    doc = load(write_notice(data, tmp_path / "nasty.docx"))
    text = body_text(doc)
    assert doc.paragraphs[0].text == "标题含控制字符🙂𠀀"
    assert "1.新民乡中心小学。控制字符与转义和孤立代理🙂😀𠀀\t制表" in text
    assert long_text in text
    assert "（二）问题一。说明文字" in text
    for bad in ("\x00", "\x01", "\x07", "\x08", "\x1b", "\x1f"):
        assert bad not in text


def test_multi_line_narrative_becomes_paragraphs(jingyuan: NoticeInput, tmp_path: Path) -> None:
    data = replace(jingyuan, achievements=(Narrative("甲校", "第一段\n第二段"),))
    doc = load(write_notice(data, tmp_path / "m.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "1.甲校。第一段" in texts and "第二段" in texts


def test_empty_sections_leave_no_heading_and_renumber(jingyuan: NoticeInput, tmp_path: Path) -> None:
    data = replace(
        jingyuan,
        achievements=(),
        school_problems=(Narrative("", "  "),),
        general_problems=(Section("", ""),),
    )
    text = body_text(load(write_notice(data, tmp_path / "e.docx")))
    assert "取得的成效" not in text and "存在的问题" not in text
    assert "一、评星定级情况" in text
    assert "二、下一步工作要求" in text
    assert "三、" not in text and "四、" not in text


def test_everything_empty_still_writes(jingyuan: NoticeInput, tmp_path: Path) -> None:
    data = replace(
        jingyuan,
        basis="",
        groups=(),
        unrated=(),
        achievements=(),
        school_problems=(),
        general_problems=(),
        requirements=(),
    )
    text = body_text(load(write_notice(data, tmp_path / "empty.docx")))
    assert "一、" not in text
    assert text.rstrip().endswith("2023年9月8日")


def test_problems_without_school_narratives_start_at_one(jingyuan: NoticeInput, tmp_path: Path) -> None:
    data = replace(jingyuan, school_problems=())
    text = body_text(load(write_notice(data, tmp_path / "g.docx")))
    assert "（一）教师队伍信息化水平仍需提升。" in text
    assert "各学校存在的具体问题" not in text


def test_split_title_balances_long_titles() -> None:
    assert split_title("短标题", 19) == ["短标题"]
    assert split_title("第一行\n第二行", 19) == ["第一行", "第二行"]
    lines = split_title("泾源县2023年“互联网+教育”智慧校园星级评定结果公示", 19)
    assert lines == ["泾源县2023年“互联网+教育”", "智慧校园星级评定结果公示"]
