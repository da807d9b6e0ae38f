from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from exports.forms import write_self_evaluation_forms
from exports.publicity import write_publicity

from .docx_read import all_run_elements, body_text, east_asia_font, load
from .jingyuan import publicity_list, schools, self_evaluation_form


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def all_text(doc) -> str:  # type: ignore[no-untyped-def]
    cells = [tc for table in doc.tables for tc in table._tbl.iter(qn("w:tc"))]  # merged cells once
    texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in cells]
    return body_text(doc) + "\n" + "\n".join(texts)


def test_self_evaluation_form_reads_back(tmp_path: Path) -> None:
    doc = load(write_self_evaluation_forms([self_evaluation_form()], tmp_path / "自评表.docx"))
    text = all_text(doc)
    assert "泾源县2023年“互联网+教育”智慧校园星级评定\n自评表\n" in text
    assert "学校名称：新民乡中心小学" in text
    assert "自评日期：2023年8月25日" in text
    rows = table_rows(doc.tables[0])
    assert rows[0] == ["指标编号", "指标名称", "分值", "自评得分", "佐证材料及说明"]
    assert rows[1] == ["1", "基础设施", "20", "16.5", ""]
    assert rows[2] == ["1.1", "校园网络", "8", "7.5", "网络拓扑图、光纤合同"]
    assert rows[-2][:4] == ["合计", "", "35", "28.5"]
    # depth-1 rows are indented, depth-0 rows are not
    name_cell = doc.tables[0].rows[2].cells[1].paragraphs[0]
    assert name_cell.paragraph_format.left_indent.pt == 12
    assert doc.tables[0].rows[1].cells[1].paragraphs[0].paragraph_format.left_indent is None
    assert "自评等级（暂定）：二星级" in text
    assert "暂定" in text and "注：" in text
    for label in ("学校（盖章）", "校长签字", "日期："):
        assert label in text
    assert "一式二份" in text
    assert round(doc.sections[0].page_width.mm) == 210
    assert all(east_asia_font(r) for r in all_run_elements(doc))


def test_several_forms_start_new_pages(tmp_path: Path) -> None:
    forms = [self_evaluation_form(s) for s in schools()[:3]]
    doc = load(write_self_evaluation_forms(forms, tmp_path / "three.docx"))
    assert len(doc.tables) == 3
    assert len(doc.sections) == 3
    assert all(s.start_type == WD_SECTION.NEW_PAGE for s in doc.sections[1:])
    for section in doc.sections[1:]:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    text = all_text(doc)
    assert text.count("本表一式二份") == 3
    assert "学校名称：六盘山镇第一小学" in text


def test_publicity_list_reads_back(tmp_path: Path) -> None:
    doc = load(write_publicity(publicity_list(), tmp_path / "公示.docx"))
    text = body_text(doc)
    assert doc.paragraphs[0].text == "泾源县2023年“互联网+教育”\n智慧校园星级评定结果公示"
    # the four-star school goes upward: recommended, not 拟认定, and listed apart
    assert "8所学校拟认定为智慧校园星级学校" in text
    assert "1所学校拟推荐向上级教育行政部门申请智慧校园四星级认定" in text
    assert "2023年9月11日至2023年9月15日（共5天）" in text
    assert "向泾源县教育体育局反映" in text and "0954-5011234" in text
    rows = table_rows(doc.tables[0])
    assert rows[0] == ["序号", "学校名称", "乡镇", "学段", "核定得分", "拟认定星级"]
    assert rows[1] == ["1", "新民乡中心小学", "新民乡", "小学", "71.5", "二星级"]
    assert ["3", "泾源县城关第二小学", "香水镇", "小学", "75", "二星级"] in rows
    assert len(rows) == 9
    upward = table_rows(doc.tables[1])
    assert upward[0][-1] == "拟推荐星级"
    assert upward[1:] == [["1", "泾源县城关第一小学", "香水镇", "小学", "94.5", "四星级"]]
    assert all(east_asia_font(r) for r in all_run_elements(doc))
