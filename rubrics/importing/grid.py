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
from rubrics.messages import Text, quoted


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
    label: Text  # "表1" or "工作表“Sheet1”" (table 1, sheet 'Sheet1'), for messages about the whole table
    excel: bool
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (row number, cells)

    @property
    def width(self) -> int:
        return max((len(cells) for _n, cells in self.rows), default=0)

    def column_name(self, index: int) -> Text:
        """"F列" in Excel, "第6列" in a Word table (column F, column 6)."""
        if self.excel:
            return Text("grid.column_letter", letter=_letters(index + 1))
        return Text("grid.column_number", number=index + 1)


def _letters(number: int) -> str:
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def _refuse(source: str, message: Text) -> RubricError:
    return RubricError.single(source, message)


def _unreadable(source: str, problem: xlsx_read.Unreadable) -> RubricError:
    """xlsx_read's reasons, worded for the rubric importer (``import.unreadable.*``: it reads
    .docx as well as .xlsx); a hostile file keeps rubrics/archive_guard.py's own key."""
    details = dict(problem.details)
    if problem.reason == "archive":
        return _refuse(source, Text(details["key"], **details["params"]))
    if "known" in details:
        details["known"] = quoted(details["known"])
    return _refuse(source, Text(f"import.unreadable.{problem.reason}", **details))


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
        raise _refuse(source, Text("import.not_word", detail=str(exc))) from None
    tables = list(document.tables)
    if not tables:
        raise _refuse(source, Text("import.no_table"))
    if table_number is not None:
        if not 1 <= table_number <= len(tables):
            raise _refuse(source, Text("import.table_count", number=table_number, count=len(tables)))
        return _docx_grid(tables[table_number - 1], source, table_number)
    grids = [_docx_grid(table, source, n) for n, table in enumerate(tables, start=1)]
    for grid in grids:
        if looks_like(grid):
            return grid
    return grids[0]  # the builder then says what header it could not find


def _docx_grid(table: Any, source: str, number: int) -> Grid:
    grid = Grid(source=source, label=Text("grid.table", number=number), excel=False)
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
    grid = Grid(source=source, label=Text("grid.sheet", title=worksheet.title), excel=True)
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
        raise _refuse(source, Text("import.only_docx_xlsx"))
    check_file(path, source)
    if suffix == ".docx":
        if sheet is not None:
            raise _refuse(source, Text("import.sheet_for_xlsx"))
        return read_docx(path, source, table, looks_like)
    if table is not None:
        raise _refuse(source, Text("import.table_for_docx"))
    return read_xlsx(path, source, sheet)
