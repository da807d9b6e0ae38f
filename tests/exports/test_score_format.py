"""A score cell shows the score as the rest of the product writes it: 7 as 7, 7.5 as 7.5 (officer trial:
the number format '0.0' showed 7 as 7.0 in Excel while the notice and the screens say 7). Read back with
openpyxl (the format the file declares) and with LibreOffice (the text it shows)."""

from __future__ import annotations

import csv
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl

from exports.xlsx_stream import STYLE_SCORE, STYLE_SCORE_CELL, XlsxStream
from tests.support import need_program

SCORES = (Decimal("7"), Decimal("7.5"), Decimal("100"), Decimal("0"))


def _book(path: Path) -> Path:
    with XlsxStream(path) as book:
        book.write_sheet("分数", lambda sheet: (sheet.append(SCORES, number_style=STYLE_SCORE_CELL),
                                               sheet.append(SCORES, number_style=STYLE_SCORE)))
    return path


def test_a_score_cells_format_shows_whole_and_half_points_as_written(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_book(tmp_path / "scores.xlsx"))["分数"]
    for row in sheet.iter_rows():
        assert [cell.number_format for cell in row] == ["General"] * len(SCORES)


def test_libreoffice_shows_7_as_7(tmp_path: Path) -> None:
    need_program("soffice", "libreoffice")
    path = _book(tmp_path / "scores.xlsx")
    out = tmp_path / "csv"
    # The ninth token: the cells as shown (their number format applied), not their stored values.
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
                           "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    with (out / "scores.csv").open(encoding="utf-8") as handle:
        shown = list(csv.reader(handle))
    assert shown == [["7", "7.5", "100", "0"]] * 2, shown
