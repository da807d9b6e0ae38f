"""A province's notice: the ratings paragraph that names every school is split into runs, so the
file opens again in python-docx (lxml refuses one text node past 10 MB) with the text intact."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from exports.data import NoticeInput, SchoolResult
from exports.notice import RUN_CHARS, write_notice
from exports.notice_text import ratings_paragraph

from .docx_read import load


def test_a_long_ratings_paragraph_reopens_whole(jingyuan: NoticeInput, tmp_path: Path) -> None:
    group = jingyuan.groups[0]
    many = tuple(SchoolResult(f"P{i:06d}", f"城关第{i}小学", "城关镇", "小学", Decimal("75"), Decimal("71.5"),
                              group.level, group.name, group.authority, False, i) for i in range(4000))
    data = replace(jingyuan, groups=(replace(group, schools=many), *jingyuan.groups[1:]))
    expected = ratings_paragraph(data)
    assert len(expected) > 3 * RUN_CHARS  # the case this is about: a paragraph longer than a run
    document = load(write_notice(data, tmp_path / "通报.docx"))
    paragraph = next(p for p in document.paragraphs if "城关第3999小学" in p.text)
    assert paragraph.text == expected
    assert max(len(run.text) for run in paragraph.runs) <= RUN_CHARS
    assert len({run.font.name for run in paragraph.runs}) == 1  # one look across the pieces
