"""Region codes are ASCII digits with a real province part (security review), on SQLite and PostgreSQL:
full-width (a Chinese IME's ６４０４２５) and Arabic-Indic digits, and a province part 00, are refused
by `region add`, `region import` and `region recode` with words naming the field and, for the
digits, the code as it should be typed; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.schema import AuditEvent, Region
from tests.workflow.region_fixture import ROOT
from workflow.doors.region_recode import recode_region
from workflow.doors.regions import add_region, import_regions
from workflow.errors import InvalidInput
from workflow.i18n import set_language

FULL_WIDTH, ARABIC_INDIC = "６４０４２５", "٦٤٠٤٢٥"
# The code typed, then what the Chinese and the English refusal say about it.
BAD = [
    (FULL_WIDTH, "请用半角数字0-9输入（如“640425”）", "type the code with half-width digits 0-9 (like '640425')"),
    (ARABIC_INDIC, "请用半角数字0-9输入（如“640425”）", "type the code with half-width digits 0-9 (like '640425')"),
    ("0000", "省级部分是“00”", "no GB/T 2260 province has the code 00"),
    ("00", "省级部分是“00”", "no GB/T 2260 province has the code 00"),
]


def _written() -> tuple[list[str], int]:
    return sorted(Region.select(Region.code).tuples()), AuditEvent.select().count()


def _refusal(call: object, lang: str) -> str:
    set_language(lang)
    try:
        with pytest.raises(InvalidInput) as refused:
            call()  # type: ignore[operator]
        return str(refused.value)
    finally:
        set_language("zh")


@pytest.mark.parametrize(("code", "zh", "en"), BAD)
def test_region_add_refuses_the_code_and_the_parent(db: str, code: str, zh: str, en: str) -> None:
    add_region(ROOT, "64", "宁夏回族自治区")
    before = _written()
    said = _refusal(lambda: add_region(ROOT, code, "彭阳县"), "zh")
    assert said.startswith("行政区划代码：") and zh in said
    said = _refusal(lambda: add_region(ROOT, code, "彭阳县"), "en")
    assert said.startswith("region code: ") and en in said
    said = _refusal(lambda: add_region(ROOT, "640425", "彭阳县", parent=code), "zh")
    assert said.startswith("上级区划代码：") and zh in said
    assert _written() == before


@pytest.mark.parametrize(("code", "zh", "en"), BAD)
def test_region_import_names_the_line_and_column(db: str, tmp_path: Path, code: str, zh: str, en: str) -> None:
    before = _written()
    as_code, as_parent = tmp_path / "code.csv", tmp_path / "parent.csv"
    as_code.write_text(f"代码,名称,上级\n64,宁夏回族自治区,\n{code},彭阳县,\n", encoding="utf-8")
    as_parent.write_text(f"代码,名称,上级\n64,宁夏回族自治区,\n640425,彭阳县,{code}\n", encoding="utf-8")
    said = _refusal(lambda: import_regions(ROOT, as_code), "zh")
    assert f"{as_code}:3:代码/code" in said and zh in said
    said = _refusal(lambda: import_regions(ROOT, as_parent), "en")
    assert f"{as_parent}:3:parent" in said and en in said
    assert _written() == before  # the good first line is not added either


@pytest.mark.parametrize(("code", "zh", "en"), BAD)
def test_region_recode_refuses_the_new_code(db: str, code: str, zh: str, en: str) -> None:
    add_region(ROOT, "64", "宁夏回族自治区")
    add_region(ROOT, "990001", "泾源县")  # an upgraded laptop's placeholder
    before = _written()
    assert zh in _refusal(lambda: recode_region(ROOT, "990001", code), "zh")
    assert en in _refusal(lambda: recode_region(ROOT, "990001", code), "en")
    assert _written() == before


def test_a_full_width_placeholder_is_refused_too(db: str) -> None:
    add_region(ROOT, "990001", "泾源县")
    said = _refusal(lambda: recode_region(ROOT, "９９０００１", "640424"), "zh")
    assert "请用半角数字0-9输入（如“990001”）" in said
    assert Region.get(Region.code == "990001").name == "泾源县"
