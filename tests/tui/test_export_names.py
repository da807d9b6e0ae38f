"""The file an export is offered as names the round's year when the campaign's title does not."""

from __future__ import annotations

from tui.export_jobs import default_name


def test_a_later_rounds_year_is_in_the_name() -> None:
    assert default_name("notice", "泾源县2023年智慧校园星级评定", 2026) == "泾源县2023年智慧校园星级评定-2026年度通报.docx"
    assert default_name("workbook", "泾源县2023年智慧校园星级评定", 2023) == "泾源县2023年智慧校园星级评定-评分汇总.xlsx"
    assert default_name("ledger", "智慧校园评定", None) == "智慧校园评定-整改台账.docx"
