"""Officers' tables (a Word table or an Excel sheet) as a plain grid of cells.

Each cell keeps what the builder needs to read a rubric table: its text, the raw value
(Excel numbers stay numbers), whether it is a formula, and whether it only continues a
merged cell above it or to its left. Row numbers are the ones an officer sees: the Excel
row number, or the row's position in the Word table counting the header row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rubrics import xlsx_read
from rubrics.errors import RubricError
from rubrics.messages import render


@dataclass(frozen=True)
class Cell:
    text: str = ""
    value: Any = None
    formula: bool = False
    above: bool = False  # continues a vertically merged cell (its content is the one above)
    left: bool = False  # continues a horizontally merged cell
    down: bool = False  # starts a vertically merged cell (continued on the rows below)


@dataclass
class Grid:
    source: str  # the file as the officer named it
    label: str  # "表1" or "工作表“Sheet1”", for messages about the whole table
    excel: bool
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (row number, cells)

    @property
    def width(self) -> int:
        return max((len(cells) for _n, cells in self.rows), default=0)

    def column_name(self, index: int) -> str:
        if self.excel:
            return f"{_letters(index + 1)}列"
        return f"第{index + 1}列"


def _letters(number: int) -> str:
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def _refuse(source: str, message: str) -> RubricError:
    return RubricError.single(source, message)


# xlsx_read's reasons, worded for the rubric importer (which reads .docx as well as .xlsx).
WHY: dict[str, str] = {
    "cannot_read": "无法读取 / cannot read: {detail}",
    "not_a_file": "不是文件 / not a file",
    "too_large": "文件过大（{size_mb} MB，上限{limit_mb} MB）/ file too large (at most {limit_mb} MB)",
    "not_zip": "不是有效的 .docx/.xlsx 文件（旧版 .doc/.xls 请先另存为 .docx/.xlsx）/ "
               "not a valid .docx/.xlsx file (save old .doc/.xls files as .docx/.xlsx first)",
    "unpacks_large": "解压后过大，不是正常的表格文件 / unpacks to more than {limit_mb} MB",
    "not_workbook": "无法作为 Excel 工作簿打开 / cannot open as an Excel workbook: {detail}",
    "no_sheet": "--sheet {sheet}: 没有这个工作表，现有 / no such sheet; sheets: {known}",
}


def _unreadable(source: str, problem: xlsx_read.Unreadable) -> RubricError:
    details = dict(problem.details)
    if problem.reason == "archive":  # rubrics/archive_guard.py: a hostile file, in both languages
        key, params = details["key"], details["params"]
        return _refuse(source, f"{render(key, 'zh', **params)} / {render(key, 'en', **params)}")
    if "known" in details:
        details["known"] = "、".join(f"“{name}”" for name in details["known"])
    return _refuse(source, WHY[problem.reason].format(**details))


def check_file(path: Path, source: str) -> None:
    """Refuse missing, huge and zip-bomb files before any parser sees them."""
    try:
        xlsx_read.check_file(path)
    except xlsx_read.Unreadable as problem:
        raise _unreadable(source, problem) from None


# -- Word -------------------------------------------------------------------------------------


def _docx_text(tc: Any, table: Any) -> str:
    from docx.table import _Cell

    return str(_Cell(tc, table).text)


def read_docx(path: Path, source: str, table_number: int | None,
              looks_like: Callable[[Grid], bool] = lambda grid: True) -> Grid:
    """The ``table_number``-th table (1-based), or the first one that ``looks_like`` a rubric."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise _refuse(source, f"无法作为 Word 文档打开 / cannot open as a Word document: {exc}") from None
    tables = list(document.tables)
    if not tables:
        raise _refuse(source, "文档中没有表格 / the document has no table")
    if table_number is not None:
        if not 1 <= table_number <= len(tables):
            raise _refuse(
                source, f"--table {table_number}: 文档只有{len(tables)}个表格 / the document has {len(tables)} table(s)"
            )
        return _docx_grid(tables[table_number - 1], source, table_number)
    grids = [_docx_grid(table, source, n) for n, table in enumerate(tables, start=1)]
    for grid in grids:
        if looks_like(grid):
            return grid
    return grids[0]  # the builder then says what header it could not find


def _docx_grid(table: Any, source: str, number: int) -> Grid:
    grid = Grid(source=source, label=f"表{number}", excel=False)
    above: list[Cell] = []
    for row_number, tr in enumerate(table._tbl.tr_lst, start=1):
        cells: list[Cell] = [Cell() for _ in range(tr.grid_before)]
        for tc in tr.tc_lst:
            continued = tc.vMerge == "continue"
            text = "" if continued else _docx_text(tc, table).strip()
            for offset in range(tc.grid_span):
                cells.append(Cell(text=text if offset == 0 else "", value=text or None,
                                  above=continued, left=offset > 0, down=tc.vMerge == "restart"))
        # A continued cell's text is the one above; keep it so a reader of the grid sees it.
        for index, cell in enumerate(cells):
            if cell.above and index < len(above):
                cells[index] = Cell(text=above[index].text, value=above[index].value, above=True, left=cell.left)
        grid.rows.append((row_number, cells))
        above = cells
    return grid


# -- Excel ------------------------------------------------------------------------------------


def read_xlsx(path: Path, source: str, sheet: str | None) -> Grid:
    try:
        worksheet = xlsx_read.open_sheet(path, sheet)
    except xlsx_read.Unreadable as problem:
        raise _unreadable(source, problem) from None
    grid = Grid(source=source, label=f"工作表“{worksheet.title}”", excel=True)
    merged = xlsx_read.spans(worksheet)
    values: dict[tuple[int, int], Cell] = {}
    for row_cells in worksheet.iter_rows():
        cells: list[Cell] = []
        for cell in row_cells:
            key = (cell.row, cell.column)
            span = merged.get(key)
            if span is not None and key != span.origin:
                down, right = cell.row > span.top, cell.column > span.left
                origin = values.get(span.origin, Cell())
                cells.append(Cell(text=origin.text if down and not right else "", value=origin.value,
                                  above=down and not right, left=right))
                continue
            formula = xlsx_read.is_formula(cell)
            value = cell.value
            text = str(value) if formula else xlsx_read.plain_text(value)
            made = Cell(text=text, value=value, formula=formula, down=span is not None and span.tall)
            values[key] = made
            cells.append(made)
        if row_cells:
            grid.rows.append((row_cells[0].row, cells))
    return grid


def read_table(path: str | Path, *, sheet: str | None = None, table: int | None = None,
               looks_like: Callable[[Grid], bool] = lambda grid: True) -> Grid:
    """The table to import; of a Word document's tables, the first that ``looks_like`` a rubric."""
    source = str(path)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".docx", *xlsx_read.XLSX_SUFFIXES):
        raise _refuse(source, "只能导入 .docx 或 .xlsx 文件 / only .docx and .xlsx files can be imported")
    check_file(path, source)
    if suffix == ".docx":
        if sheet is not None:
            raise _refuse(source, "--sheet 只用于 .xlsx 文件 / --sheet is for .xlsx files")
        return read_docx(path, source, table, looks_like)
    if table is not None:
        raise _refuse(source, "--table 只用于 .docx 文件 / --table is for .docx files")
    return read_xlsx(path, source, sheet)
