"""The publicity list and the forms read back with the optional record fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from exports.forms import write_self_evaluation_forms
from exports.publicity import publicity_period, write_publicity
from workflow import clock
from workflow.statemachine.guards import publicity_wait

from .docx_read import body_text, load
from .jingyuan import schools
from .seed_records import henan_form, seed_publicity


def table_rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_publicity_counts_and_lists_only_proposed_schools(tmp_path: Path) -> None:
    doc = load(write_publicity(seed_publicity(), tmp_path / "p.docx"))
    text = body_text(doc)
    assert "8所学校拟认定为智慧校园星级学校，1所学校拟推荐向自治区教育厅申请智慧校园四星级认定，现予以公示。" in text
    listed = [row[1] for table in doc.tables for row in table_rows(table)[1:]]
    assert len(listed) == 9
    for name in ("大湾乡中心小学", "大湾中学", "黄花乡平凉庄小学", "泾源县第三小学"):
        assert name not in text and name not in listed
    assert "拟认定" not in "".join(table_rows(doc.tables[1])[0])
    assert "二、拟推荐申请智慧校园四星级认定学校（1所）" in text


def test_unrated_schools_in_a_line_of_their_own_when_asked(tmp_path: Path) -> None:
    text = body_text(load(write_publicity(seed_publicity(list_unrated=True), tmp_path / "p.docx")))
    assert "另有4所学校参加评定，未达到星级认定标准：大湾乡中心小学、大湾中学、黄花乡平凉庄小学、泾源县第三小学。" in text


def test_days_are_counted_as_the_guard_counts_them(tmp_path: Path) -> None:
    record = seed_publicity()  # 2023-09-02, 5 days; end says 09-07 as gather.py sets it today
    text = body_text(load(write_publicity(record, tmp_path / "p.docx")))
    assert "公示期为2023年9月2日至2023年9月6日（共5天）" in text
    first, last, days = publicity_period(record)
    china = timezone(timedelta(hours=8))
    started = datetime(2023, 9, 2, 9, 30, tzinfo=china)
    try:
        # running on every day the list names, over by the end of the day after the last one (the guard,
        # publicity_elapsed, counts with publicity_wait from the start the audit log vouches for)
        for offset in range(days):
            clock.pin(datetime.combine(first + timedelta(days=offset), datetime.max.time(), china))
            assert publicity_wait(started.isoformat(), days) is not None, first + timedelta(days=offset)
        clock.pin(datetime.combine(last + timedelta(days=1), datetime.max.time(), china))
        assert publicity_wait(started.isoformat(), days) is None
    finally:
        clock.pin(None)


def test_contact_line_has_the_telephone(tmp_path: Path) -> None:
    text = body_text(load(write_publicity(seed_publicity(objection_address="香水镇新华街1号"), tmp_path / "p.docx")))
    assert "请以书面形式向泾源县教育体育局信息中心反映" in text
    assert "联系电话：0954-5011234；通讯地址：香水镇新华街1号。" in text
    assert "联系方式：泾源县教育体育局" not in text


def test_kind_word_follows_the_campaign(tmp_path: Path) -> None:
    record = seed_publicity(title="济源示范区2023年中小学数字校园星级评定结果公示", upward_authority="")
    text = body_text(load(write_publicity(record, tmp_path / "p.docx")))
    assert "拟认定为数字校园星级学校" in text and "智慧校园" not in text.replace("\n", "")


def test_publicity_cells_do_not_split_and_sit_centred(tmp_path: Path) -> None:
    provisional = tuple(replace(s, provisional=s.star_level is not None) for s in schools())
    doc = load(write_publicity(seed_publicity(schools=provisional), tmp_path / "p.docx"))
    assert table_rows(doc.tables[0])[1][-1] == "二星级（暂定）"
    for table in doc.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            for cell in row.cells:
                assert cell._tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "center"


def test_form_subtotals_capped_maximum_and_submission_date(tmp_path: Path) -> None:
    doc = load(write_self_evaluation_forms([henan_form()], tmp_path / "f.docx"))
    text = body_text(doc) + doc.tables[0].rows[-1].cells[0].text
    assert "自评日期：2023年9月1日" in text and "2026年12月1日" not in text
    rows = table_rows(doc.tables[0])
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["A"][2:4] == ["49", "49"]  # first level: the sum of its scored items
    assert by_code["A1"][3] == "22"  # second level: the sum of its scored items
    assert rows[-2][:3] == ["合计", "", "153"]
    assert "评价指标及分值、奖励加分项目及上限为暂定内容（星级分数线已确认）" in text


def test_form_signature_block_is_the_tables_last_row(tmp_path: Path) -> None:
    doc = load(write_self_evaluation_forms([henan_form()], tmp_path / "f.docx"))
    table = doc.tables[0]
    block, total = table.rows[-1], table.rows[-2]
    # one cell over the five columns, never split; the 合计 row keeps with it (Word, WPS)
    assert len({id(c._tc) for c in block.cells}) == 1
    assert block._tr.trPr.find(qn("w:cantSplit")) is not None
    text = block.cells[0].text
    for label in ("自评总分：140分", "自评等级（暂定）：四星级", "学校（盖章）", "校长签字", "日期：", "本表一式二份"):
        assert label in text
    assert all(p.paragraph_format.keep_with_next for c in total.cells for p in c.paragraphs)
    # nothing after the table but an empty 1 pt paragraph that cannot take a page of its own
    last = doc.paragraphs[-1]
    assert last.text == "" and last.paragraph_format.line_spacing.pt == 1
