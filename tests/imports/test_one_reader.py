"""One reader for officers' files: the school register and the rubric importer read headers
alike and refuse the same broken files, each in its own words (rubrics/xlsx_read.py)."""

from __future__ import annotations

import ast
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from rubrics.errors import RubricError
from rubrics.importing import import_table
from tests.imports.tables import make_xlsx
from workflow.doors.schools import parse_school_file
from workflow.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[2]
# Headers as officers type them: a space inside, a line break, a full-width letter, a trailing colon.
SCHOOL_HEADER = ["学校 代码：", "学校\n名称", "乡镇", "ｓｔａｇｅ"]


def test_a_school_register_reads_officers_headers_in_xlsx_and_csv(tmp_path: Path) -> None:
    xlsx = make_xlsx(tmp_path / "名册.xlsx", [SCHOOL_HEADER, ["JY01", "第一小学", "城关镇", "小学"]])
    csv = tmp_path / "名册.csv"
    csv.write_text(",".join(f'"{title}"' for title in SCHOOL_HEADER) + "\nJY01,第一小学,城关镇,小学\n",
                   encoding="utf-8")
    for source in (xlsx, csv):
        [school] = parse_school_file(source)
        assert (school.code, school.name, school.township, school.stage) == ("JY01", "第一小学", "城关镇", "小学")


def test_a_rubric_table_reads_the_same_header_spellings(tmp_path: Path) -> None:
    rows: list[list[object]] = [["一级 指标：", "分值（分）", "详细指标及\n评分标准", "分 值"],
                                ["A 基础", 5, "有校园网", 5]]
    source = make_xlsx(tmp_path / "评分表.xlsx", rows)
    _data, _text, rubric = import_table(source, rubric_id="t", name="t", stars=["1=一星级=1"])
    assert [str(node.points) for node in rubric.indicators] == ["5"]


def _bomb(path: Path) -> Path:
    """A small .xlsx whose one member claims to unpack to 4 GB (the central directory says so)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")
    data[entry + 24:entry + 28] = (0xFFFF0000).to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).infolist()[0].file_size > 500 * 1024 * 1024
    return path


def _not_zip(path: Path) -> Path:
    path.write_text("学校代码,学校名称\n", encoding="utf-8")
    return path


def _no_workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


@pytest.mark.parametrize(("make", "school_says", "rubric_says"), [
    (_bomb, "解压后超过500 MB", "解压后过大"),
    (_not_zip, "不是有效的 .xlsx 文件", "不是有效的 .docx/.xlsx 文件"),
    (_no_workbook, "无法作为 Excel 工作簿打开", "无法作为 Excel 工作簿打开"),
])
def test_both_importers_refuse_the_same_broken_files(tmp_path: Path, make: Callable[[Path], Path],
                                                     school_says: str, rubric_says: str) -> None:
    source = make(tmp_path / "坏的.xlsx")
    with pytest.raises(InvalidInput) as school:
        parse_school_file(source)
    assert str(source) in str(school.value) and school_says in str(school.value)
    with pytest.raises(RubricError) as rubric:
        import_table(source, rubric_id="t", name="t", stars=["1=一星级=1"])
    assert str(source) in str(rubric.value) and rubric_says in str(rubric.value)


def test_a_missing_sheet_is_named_by_both(tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "t.xlsx", [["学校代码", "学校名称"], ["JY01", "一小"]], sheet="名册")
    with pytest.raises(InvalidInput) as school:
        parse_school_file(source, sheet="2023")
    assert "2023" in str(school.value) and "“名册”" in str(school.value)
    with pytest.raises(RubricError) as rubric:
        import_table(source, rubric_id="t", name="t", stars=["1=一星级=1"], sheet="2023")
    assert "2023" in str(rubric.value) and "“名册”" in str(rubric.value)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_import_cycle_among_the_rubric_importer_modules() -> None:
    """grid reads files, build reads a grid: grid must not reach back into build (lazy imports included)."""
    folder = ROOT / "rubrics" / "importing"
    graph = {f"rubrics.importing.{path.stem}": {name for name in _imports(path) if name.startswith("rubrics.")}
             for path in folder.glob("*.py") if path.stem != "__init__"}
    graph["rubrics.xlsx_read"] = {n for n in _imports(ROOT / "rubrics" / "xlsx_read.py") if n.startswith("rubrics.")}

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(step == goal or (step not in seen and reaches(step, goal, seen | {step}))
                   for step in graph.get(start, ()))

    cycles = sorted(module for module in graph if reaches(module, module))
    assert cycles == []
