"""The one reader of officers' Office files: checks, workbooks, merged cells, header names.

Both importers read through here: the rubric importer (rubrics/importing/grid.py, a Word
table or an Excel sheet as a grid) and the school register (workflow/intake/school_xlsx.py). It
lives in rubrics/, the lowest layer, so that both may import it. What the cells *mean*
stays with each importer (a register refuses a date where a rubric table shows it as
text); so do the words of a refusal: this module raises ``Unreadable`` with a reason and
its details, and each caller words it in its own error type and catalog.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from rubrics import archive_guard

XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_BYTES = 50 * 1024 * 1024
# .docx and .xlsx are zip files; a small file that unpacks to gigabytes is not an officer's table.
MAX_UNPACKED = 500 * 1024 * 1024
MIB = 1024 * 1024
PLAIN_VALUES = (str, int, float, bool, datetime, date, time)


class Unreadable(Exception):
    """Why a file cannot be read, as a reason and its details (the caller words it).

    reasons: ``cannot_read`` (detail), ``not_a_file``, ``too_large`` (size_mb, limit_mb),
    ``not_zip``, ``unpacks_large`` (limit_mb), ``not_workbook`` (detail), ``no_sheet``
    (sheet, known: the sheet names), ``archive`` (key, params: a rubrics.messages key from
    rubrics/archive_guard.py and its data).
    """

    def __init__(self, reason: str, **details: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


def header_key(text: str) -> str:
    """A column title as it is looked up: full-width folded (NFKC), no spaces or line breaks,
    no trailing colon, lower case — "学校 代码：", "学校代码" and "ＣＯＤＥ" each find their column."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).strip(":：").lower()


def check_file(path: Path) -> None:
    """Refuse missing, huge and zip-bomb files before any parser opens them (.xlsx and .docx)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Unreadable("cannot_read", detail=exc.strerror or str(exc)) from None
    if not path.is_file():
        raise Unreadable("not_a_file")
    if size > MAX_BYTES:
        raise Unreadable("too_large", size_mb=size // MIB, limit_mb=MAX_BYTES // MIB)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED:
                raise Unreadable("unpacks_large", limit_mb=MAX_UNPACKED // MIB)
            archive_guard.check_archive(archive)  # entries, packing, the sheets' cell rectangle (issue 10)
    except archive_guard.ArchiveRefused as refused:
        raise Unreadable("archive", key=refused.key, params=refused.params) from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise Unreadable("not_zip") from None


def open_sheet(path: Path, sheet: str | None) -> Any:
    """The named worksheet (the first one without a name) of a checked .xlsx file."""
    import openpyxl

    try:
        # data_only=False: a formula is seen as a formula, never as a cached value that may be
        # stale or missing.
        workbook = openpyxl.load_workbook(str(path), data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise Unreadable("not_workbook", detail=str(exc)) from None
    if sheet is None:
        return workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        raise Unreadable("no_sheet", sheet=sheet, known=tuple(workbook.sheetnames))
    return workbook[sheet]


def is_formula(cell: Any) -> bool:
    """A formula cell (or an array formula, or anything else openpyxl did not read as a value)."""
    value = cell.value
    return getattr(cell, "data_type", None) == "f" or (value is not None and not isinstance(value, PLAIN_VALUES))


def plain_text(value: Any) -> str:
    """The text an officer sees for a plain value (whole numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


@dataclass(frozen=True)
class Span:
    """A merged range; its first (top left) cell holds the content."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def origin(self) -> tuple[int, int]:
        return (self.top, self.left)

    @property
    def tall(self) -> bool:
        return self.bottom > self.top

    @property
    def wide(self) -> bool:
        return self.right > self.left


def spans(worksheet: Any) -> dict[tuple[int, int], Span]:
    """Every cell inside a merged range, its first cell included, by (row, column)."""
    found: dict[tuple[int, int], Span] = {}
    for merged in worksheet.merged_cells.ranges:
        span = Span(merged.min_row, merged.min_col, merged.max_row, merged.max_col)
        for row in range(span.top, span.bottom + 1):
            for col in range(span.left, span.right + 1):
                found[(row, col)] = span
    return found
