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

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from rubrics import xlsx_read
from rubrics.xlsx_read import XLSX_SUFFIXES, header_key
from workflow.errors import InvalidInput
from workflow.i18n import Listing, Msg
from workflow.intake.tabular import cell_at, column_name, known_columns

__all__ = ["XLSX_SUFFIXES", "read_xlsx_rows"]

HEADER_SCAN = 10
# Excel holds 15 significant digits; a longer number has already lost its last digits.
EXACT_DIGITS = 15


def _refuse(where: str | Msg, what: Msg) -> InvalidInput:
    return InvalidInput("err.invalid", where=where, what=what)


def _unreadable(path: Path, problem: xlsx_read.Unreadable) -> InvalidInput:
    """xlsx_read's reason for refusing the file, in the catalog's words."""
    d = problem.details
    why = {
        "cannot_read": lambda: Msg("why.cannot_read", detail=d.get("detail")),
        "not_a_file": lambda: Msg("why.not_xlsx"),
        "too_large": lambda: Msg("why.file_too_large", size=d["size_mb"], limit=d["limit_mb"]),
        "not_zip": lambda: Msg("why.not_xlsx"),
        "unpacks_large": lambda: Msg("why.xlsx_unpacks_large", limit=d["limit_mb"]),
        "not_workbook": lambda: Msg("why.not_workbook", detail=d["detail"]),
        "no_sheet": lambda: Msg("why.no_sheet", sheet=d["sheet"],
                                known=Listing(Msg("quoted", text=name) for name in d["known"])),
        "archive": lambda: Msg(d["key"], **d["params"]),  # rubrics/archive_guard.py: a hostile file
    }[problem.reason]
    return _refuse(str(path), why())


def _text(path: Path, row: int, field: str, cell: Any, whole: bool) -> str:
    """A cell's value as the text the CSV path would have read."""
    where = cell_at(path, row, field)
    value = cell.value
    if xlsx_read.is_formula(cell):
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
    """Rows as ``(Excel row number, {field: text})``, like tabular.read_rows for CSV.

    A formula is refused, never read as its cached value (xlsx_read opens with data_only=False).
    """
    try:
        xlsx_read.check_file(path)
        worksheet = xlsx_read.open_sheet(path, sheet)
    except xlsx_read.Unreadable as problem:
        raise _unreadable(path, problem) from None

    # Cells merged down one column give their value to each row; cells merged across a row
    # (titles, notes) make the row skippable.
    merged = xlsx_read.spans(worksheet)
    down = {key: span.origin for key, span in merged.items() if not span.wide and key != span.origin}
    across = {row for (row, _col), span in merged.items() if span.wide}

    lookup = {header_key(alias): field for field, names in aliases.items() for alias in names}
    rows = list(worksheet.iter_rows())
    header_at: int | None = None
    columns: dict[int, str] = {}
    first_filled: int | None = None
    for index, cells in enumerate(rows[:HEADER_SCAN]):
        texts = [(cell.column, str(cell.value).strip()) for cell in cells if cell.value not in (None, "")]
        if not texts:
            continue
        first_filled = first_filled or cells[0].row
        found = {column: lookup[header_key(text)] for column, text in texts if header_key(text) in lookup}
        if all(field in found.values() for field in required):
            header_at, number = index, cells[0].row
            for column, text in texts:
                key = header_key(text)
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
