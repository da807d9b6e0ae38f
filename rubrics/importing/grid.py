"""Officers' tables (a Word table or an Excel sheet) as a plain grid of cells.

Each cell keeps what the builder needs to read a rubric table: its text, the raw value
(Excel numbers stay numbers), whether it is a formula, and whether it only continues a
merged cell above it or to its left. Row numbers are the ones an officer sees: the Excel
row number, or the row's position in the Word table counting the header row.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from rubrics.errors import RubricError

MAX_BYTES = 50 * 1024 * 1024
# Both formats are zip files; a small file that unpacks to gigabytes is not a real table.
MAX_UNPACKED = 500 * 1024 * 1024


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


def check_file(path: Path, source: str) -> None:
    """Refuse missing, huge and zip-bomb files before any parser sees them."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(source, f"无法读取 / cannot read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise _refuse(source, "不是文件 / not a file")
    if size > MAX_BYTES:
        raise _refuse(source, f"文件过大（{size // 1048576} MB，上限50 MB）/ file too large (at most 50 MB)")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise _refuse(
            source,
            "不是有效的 .docx/.xlsx 文件（旧版 .doc/.xls 请先另存为 .docx/.xlsx）/ "
            "not a valid .docx/.xlsx file (save old .doc/.xls files as .docx/.xlsx first)",
        ) from None
    if unpacked > MAX_UNPACKED:
        raise _refuse(source, "解压后过大，不是正常的表格文件 / unpacks to more than 500 MB")


# -- Word -------------------------------------------------------------------------------------


def _docx_text(tc: Any, table: Any) -> str:
    from docx.table import _Cell

    return str(_Cell(tc, table).text)


def read_docx(path: Path, source: str, table_number: int | None) -> Grid:
    """The ``table_number``-th table (1-based), or the first one that looks like a rubric."""
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
    from rubrics.importing.build import find_header

    for grid in grids:
        if find_header(grid) is not None:
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


def open_workbook(path: Path, source: str) -> Any:
    import openpyxl

    try:
        # data_only=False: a formula shows as its text ("=SUM(...)"), never as a cached
        # value that may be stale or missing.
        return openpyxl.load_workbook(str(path), data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise _refuse(source, f"无法作为 Excel 工作簿打开 / cannot open as an Excel workbook: {exc}") from None


def pick_sheet(workbook: Any, source: str, sheet: str | None) -> Any:
    if sheet is None:
        return workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        known = "、".join(f"“{name}”" for name in workbook.sheetnames)
        raise _refuse(source, f"--sheet {sheet}: 没有这个工作表，现有 / no such sheet; sheets: {known}")
    return workbook[sheet]


def cell_text(value: Any) -> str:
    """The text an officer sees for a plain value (numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def is_formula(cell: Any) -> bool:
    value = cell.value
    return getattr(cell, "data_type", None) == "f" or (
        not isinstance(value, str | int | float | bool | datetime | date | time) and value is not None
    )


def read_xlsx(path: Path, source: str, sheet: str | None) -> Grid:
    workbook = open_workbook(path, source)
    worksheet = pick_sheet(workbook, source, sheet)
    grid = Grid(source=source, label=f"工作表“{worksheet.title}”", excel=True)
    continued: dict[tuple[int, int], tuple[bool, bool, int, int]] = {}
    starts = {(m.min_row, m.min_col) for m in worksheet.merged_cells.ranges if m.max_row > m.min_row}
    for merged in worksheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    continued[(row, col)] = (row > merged.min_row, col > merged.min_col,
                                             merged.min_row, merged.min_col)
    values: dict[tuple[int, int], Cell] = {}
    for row_cells in worksheet.iter_rows():
        cells: list[Cell] = []
        for cell in row_cells:
            key = (cell.row, cell.column)
            if key in continued:
                down, right, top, first = continued[key]
                origin = values.get((top, first), Cell())
                cells.append(Cell(text=origin.text if down and not right else "", value=origin.value,
                                  above=down and not right, left=right))
                continue
            formula = is_formula(cell)
            value = cell.value
            text = str(value) if formula else cell_text(value)
            made = Cell(text=text, value=value, formula=formula, down=key in starts)
            values[key] = made
            cells.append(made)
        if row_cells:
            grid.rows.append((row_cells[0].row, cells))
    return grid


def read_table(path: str | Path, *, sheet: str | None = None, table: int | None = None) -> Grid:
    source = str(path)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".xlsx", ".xlsm"):
        raise _refuse(source, "只能导入 .docx 或 .xlsx 文件 / only .docx and .xlsx files can be imported")
    check_file(path, source)
    if suffix == ".docx":
        if sheet is not None:
            raise _refuse(source, "--sheet 只用于 .xlsx 文件 / --sheet is for .xlsx files")
        return read_docx(path, source, table)
    if table is not None:
        raise _refuse(source, "--table 只用于 .docx 文件 / --table is for .docx files")
    return read_xlsx(path, source, sheet)
