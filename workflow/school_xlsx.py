"""Reading the school register from an Excel workbook (.xlsx).

Same header aliases and the same ``FILE:ROW:FIELD`` messages as the CSV path (the row is
the Excel row number the officer sees). Excel keeps numbers as numbers: a school code
typed as 640424001 (maybe shown as 6.40424E+08) is read back as the exact integer; a
code with a fraction, a date, or any formula is refused. Title rows above the header,
blank rows and rows that are one merged cell across the table (section titles, notes)
are skipped; a cell merged down several rows (a township spanning its schools) gives its
value to each of them.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from workflow.errors import InvalidInput
from workflow.i18n import Listing, Msg
from workflow.tabular import MAX_BYTES, cell_at, column_name, known_columns

MAX_UNPACKED = 500 * 1024 * 1024
HEADER_SCAN = 10
# Excel holds 15 significant digits; a longer number has already lost its last digits.
EXACT_DIGITS = 15

XLSX_SUFFIXES = (".xlsx", ".xlsm")


def _refuse(where: str | Msg, what: Msg) -> InvalidInput:
    return InvalidInput("err.invalid", where=where, what=what)


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(str(path), Msg("why.cannot_read", detail=exc.strerror)) from exc
    if size > MAX_BYTES:
        raise _refuse(str(path), Msg("why.file_too_large", size=size // 1048576, limit=MAX_BYTES // 1048576))
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise _refuse(str(path), Msg("why.not_xlsx")) from None
    if unpacked > MAX_UNPACKED:
        raise _refuse(str(path), Msg("why.xlsx_unpacks_large", limit=MAX_UNPACKED // 1048576))


def _norm(title: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", title)).lower()


def _text(path: Path, row: int, field: str, cell: Any, whole: bool) -> str:
    """A cell's value as the text the CSV path would have read."""
    where = cell_at(path, row, field)
    value = cell.value
    if getattr(cell, "data_type", None) == "f" or (
            value is not None and not isinstance(value, str | int | float | bool | datetime | date | time)):
        raise _refuse(where, Msg("why.cell_formula", formula=str(value)[:30]))
    if value is None:
        return ""
    if isinstance(value, bool):
        raise _refuse(where, Msg("why.cell_bool", value="TRUE" if value else "FALSE"))
    if isinstance(value, datetime | date | time):
        raise _refuse(where, Msg("why.cell_date", value=value.isoformat()))
    if isinstance(value, int):
        if whole and len(str(abs(value))) > EXACT_DIGITS:
            raise _refuse(where, Msg("why.cell_digits", value=value))
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _refuse(where, Msg("why.cell_nan"))
        if value.is_integer():
            if whole and abs(value) >= 10 ** EXACT_DIGITS:
                raise _refuse(where, Msg("why.cell_digits", value=f"{value:.0f}"))
            return str(int(value))
        if whole:
            raise _refuse(where, Msg("why.cell_fraction", value=repr(value)))
        return repr(value)
    return str(value).strip()


def read_xlsx_rows(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...],
                   sheet: str | None = None, whole: tuple[str, ...] = ("code", "display_order"),
                   ) -> list[tuple[int, dict[str, str]]]:
    """Rows as ``(Excel row number, {field: text})``, like tabular.read_rows for CSV."""
    import openpyxl

    _check_file(path)
    try:
        # data_only=False: a formula is seen as a formula (and refused), never as a cached value.
        workbook = openpyxl.load_workbook(str(path), data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise _refuse(str(path), Msg("why.not_workbook", detail=exc)) from None
    if sheet is None:
        worksheet = workbook.worksheets[0]
    elif sheet in workbook.sheetnames:
        worksheet = workbook[sheet]
    else:
        known = Listing(Msg("quoted", text=name) for name in workbook.sheetnames)
        raise _refuse(str(path), Msg("why.no_sheet", sheet=sheet, known=known))

    # Cells merged down several rows give their value to each row; cells merged across
    # a row (titles, notes) make the row skippable.
    down: dict[tuple[int, int], tuple[int, int]] = {}
    across: set[int] = set()
    for merged in worksheet.merged_cells.ranges:
        if merged.max_col > merged.min_col:
            across.update(range(merged.min_row, merged.max_row + 1))
        elif merged.max_row > merged.min_row:
            for row in range(merged.min_row + 1, merged.max_row + 1):
                down[(row, merged.min_col)] = (merged.min_row, merged.min_col)

    lookup = {_norm(alias): field for field, names in aliases.items() for alias in names}
    rows = list(worksheet.iter_rows())
    header_at: int | None = None
    columns: dict[int, str] = {}
    first_filled: int | None = None
    for index, cells in enumerate(rows[:HEADER_SCAN]):
        texts = [(cell.column, str(cell.value).strip()) for cell in cells if cell.value not in (None, "")]
        if not texts:
            continue
        first_filled = first_filled or cells[0].row
        found = {column: lookup[_norm(text)] for column, text in texts if _norm(text) in lookup}
        if all(field in found.values() for field in required):
            header_at, number = index, cells[0].row
            for column, text in texts:
                key = _norm(text)
                if key not in lookup:
                    raise _refuse(f"{path}:{number}",
                                  Msg("why.unknown_column", title=text, known=known_columns(aliases)))
                if lookup[key] in columns.values():
                    raise _refuse(f"{path}:{number}", Msg("why.duplicate_column", title=text))
                columns[column] = lookup[key]
            break
    if header_at is None:
        if first_filled is None:
            raise _refuse(str(path), Msg("why.sheet_empty"))
        missing = Listing(column_name(aliases[f]) for f in required)
        raise _refuse(f"{path}:{first_filled}", Msg("why.no_header", rows=HEADER_SCAN, missing=missing))

    values: dict[tuple[int, int], Any] = {}
    result: list[tuple[int, dict[str, str]]] = []
    for cells in rows[header_at + 1:]:
        if not cells:
            continue
        number = cells[0].row
        record: dict[str, str] = {}
        stray = None
        for cell in cells:
            values[(cell.row, cell.column)] = cell
            field = columns.get(cell.column)
            source = cell
            if (cell.row, cell.column) in down:
                source = values.get(down[(cell.row, cell.column)], cell)
            if field is None:
                if cell.value not in (None, "") and stray is None:
                    stray = cell
                continue
            record[field] = _text(path, number, field, source, field in whole)
        own = [cell for cell in cells if cell.value not in (None, "")]
        if not own:
            continue  # blank, or only the lower part of cells merged from above
        if number in across and len(own) == 1:
            continue  # one cell across the table: a section title or a note
        if stray is not None:
            raise _refuse(f"{path}:{number}", Msg("why.stray_cell", cell=stray.coordinate))
        result.append((number, record))
    return result
