"""The notice read back: seed 000's 一、 sentence by sentence, and the optional record fields."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from exports.docx_base import signature_indents
from exports.notice import write_notice
from exports.provisional import provisional_parts
from rubrics.loader import builtin_rubric

from .docx_read import body_text, load
from .seed_records import seed_notice

SEED_RATINGS = [
    "5所学校符合智慧校园二星级认定标准，分别是新民乡中心小学评定得分71.5分，六盘山镇第一小学评定得分77.5分，"
    "泾源县城关第二小学评定得分75分，泾源县第一中学评定得分73.5分，泾源高级中学评定得分75.5分。",
    "3所学校符合智慧校园三星级认定标准，分别是泾河源镇中心小学评定得分80分，兴盛乡中心小学评定得分81分，"
    "泾源县第四小学评定得分81.5分。",
    "泾源县城关第一小学符合智慧校园四星级认定标准，评定得分94.5分，向自治区教育厅申请智慧校园四星级认定。",
]


def ratings(document) -> str:  # type: ignore[no-untyped-def]
    text = body_text(document)
    return text[text.index("一、评星定级情况") : text.index("二、取得的成效")]


def test_ratings_match_the_seed_sentence_by_sentence(tmp_path: Path) -> None:
    text = ratings(load(write_notice(seed_notice(), tmp_path / "n.docx")))
    for sentence in SEED_RATINGS:
        assert sentence in text
    assert text.count("《宁夏中小学“互联网+教育”智慧校园认定标准》") == 1
    assert "未达到" not in text and "大湾中学" not in text


def test_one_school_at_a_level_has_no_fenbieshi(tmp_path: Path) -> None:
    text = ratings(load(write_notice(seed_notice(), tmp_path / "n.docx")))
    four = text[text.index("泾源县城关第一小学符合") :]
    assert "分别是" not in four and "1所" not in four


def test_unrated_schools_in_the_ratings_when_asked(tmp_path: Path) -> None:
    text = ratings(load(write_notice(seed_notice(unrated_in_ratings=True), tmp_path / "n.docx")))
    assert "另有4所学校未达到星级认定标准，分别是大湾乡中心小学、大湾中学、黄花乡平凉庄小学、泾源县第三小学。" in text


def test_problems_heading_is_the_records_and_schools_run_on(tmp_path: Path) -> None:
    text = body_text(load(write_notice(seed_notice(), tmp_path / "n.docx")))
    assert (
        "（一）智慧校园星级建设工作重视不足。新民乡中心小学：未建成电子阅览室，师生能力发展档案资料欠缺。"
        "大湾乡中心小学：对星级认定工作重视不够" in text
    )


def test_document_number_and_addressee(tmp_path: Path) -> None:
    doc = load(write_notice(seed_notice(), tmp_path / "n.docx"))
    lines = [p for p in doc.paragraphs]
    assert lines[0].text == "泾教发〔2023〕12号" and lines[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert lines[1].text == ""
    assert lines[2].text.startswith("泾源县2023年")
    assert lines[3].text == ""
    assert lines[4].text == "各学校："
    assert lines[4].paragraph_format.first_line_indent is None
    assert lines[5].text.startswith("按照")


def test_provisional_note_names_what_is_provisional(tmp_path: Path) -> None:
    henan = provisional_parts(builtin_rubric("henan-v2"))
    doc = load(write_notice(seed_notice(provisional=True, provisional_parts=henan), tmp_path / "h.docx"))
    text = ratings(doc)
    assert "评价指标及分值、奖励加分项目及上限为暂定内容（星级分数线已确认）" in text
    assert "星级分数线为暂定" not in text
    ningxia = provisional_parts(builtin_rubric("ningxia-2022"))
    assert "threshold:五星级" in ningxia and "indicators" in ningxia
    doc = load(write_notice(seed_notice(provisional=True, provisional_parts=ningxia), tmp_path / "n.docx"))
    assert "评价指标及分值、五星级分数线、一票否决项为暂定内容，" in ratings(doc)


def test_provisional_note_can_be_switched_off(tmp_path: Path) -> None:
    record = seed_notice(provisional=True, provisional_parts=("indicators",), show_provisional_note=False)
    assert "暂定" not in body_text(load(write_notice(record, tmp_path / "n.docx")))


def test_kind_word_is_the_campaigns(tmp_path: Path) -> None:
    from dataclasses import replace

    record = replace(seed_notice(), rubric_name="河南省中小学数字校园评估标准（V2.0）", title="济源示范区2023年数字校园星级评定通报")
    text = ratings(load(write_notice(record, tmp_path / "n.docx")))
    assert "符合数字校园二星级认定标准" in text and "智慧校园" not in text


def _right_indent_chars(paragraph) -> float:  # type: ignore[no-untyped-def]
    ind = paragraph._p.pPr.find(qn("w:ind"))
    return int(ind.get(qn("w:rightChars"))) / 100


def test_organ_is_centred_over_the_date_sealed(tmp_path: Path) -> None:
    doc = load(write_notice(seed_notice(), tmp_path / "n.docx"))
    organ, day = [p for p in doc.paragraphs if p.text.strip()][-2:]
    assert (organ.text, day.text) == ("泾源县教育体育局", "2023年9月8日")
    assert _right_indent_chars(day) == 4
    # 8 characters over "2023年9月8日" (7.25 cells as set): 0.375 characters further right
    assert _right_indent_chars(organ) == 3.62 or _right_indent_chars(organ) == 3.63


def test_signature_rules_of_gbt9704() -> None:
    # sealed: date 右空四字, organ centred over it; too long an organ: 右空二字, date centred under it
    assert signature_indents("县教育局", "2023年9月8日") == (4 + (7.25 - 4) / 2, 4.0)
    long_organ = "泾源县人民政府教育督导委员会办公室"
    organ, day = signature_indents(long_organ, "2023年9月8日")
    assert organ == 2.0 and day == 2.0 + (17 - 7.25) / 2
    # unsealed (7.3.5.2): organ 右空二字, the date's first character two characters right of the organ's
    organ, day = signature_indents(long_organ, "2023年9月8日", sealed=False)
    assert organ == 2.0 and day + 7.25 == organ + 17 - 2
    # a date longer than that: date 右空二字, the organ moved with it
    organ, day = signature_indents("县教育局", "2023年12月18日", sealed=False)
    assert day == 2.0 and organ + 4 == day + 8.25 + 2


def test_grid_punctuation_and_title_settings(tmp_path: Path) -> None:
    doc = load(write_notice(seed_notice(), tmp_path / "n.docx"))
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    # Word and WPS show 22 lines of 28 characters: a 15.79 pt character pitch
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch")), grid.get(qn("w:charSpace"))) == (
        "linesAndChars", "579", "-848")
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    assert defaults.find(qn("w:overflowPunct")).get(qn("w:val")) == "0"
    title = next(p for p in doc.paragraphs if p.text.startswith("泾源县2023年"))
    assert title._p.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert title.paragraph_format.line_spacing.pt == 28.95


def test_libreoffice_copy_rewrites_what_it_reads_differently(tmp_path: Path) -> None:
    import zipfile

    from exports.render import libreoffice_copy

    source = write_notice(seed_notice(), tmp_path / "n.docx")
    (tmp_path / "lo").mkdir()
    copy = libreoffice_copy(source, tmp_path / "lo")
    assert copy.name == source.name
    with zipfile.ZipFile(copy) as z:
        styles, body = z.read("word/styles.xml"), z.read("word/document.xml")
    assert b'<w:overflowPunct w:val="1"/>' in styles and b'w:overflowPunct w:val="0"' not in styles
    assert b'w:type="lines"' in body and b"linesAndChars" not in body
    with zipfile.ZipFile(source) as original:
        assert b'<w:overflowPunct w:val="0"/>' in original.read("word/styles.xml")  # the .docx is untouched
