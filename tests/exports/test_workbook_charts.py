"""The charts in the workbook's 分析 sheet (exports/workbook_analysis.py, exports/xlsx_drawing.py):
the pictures are parts of the .xlsx wired from the sheet to the media, openpyxl still opens it,
and LibreOffice prints them, each chart on a page of its own under its caption.

openpyxl keeps pictures only when Pillow is installed (it is not), so the wiring is read from
the zip itself: sheet -> its rels -> drawing -> its rels -> xl/media/imageN.png.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl

from exports.analysis_rows import AnalysisRows
from exports.render import render_pdf
from exports.workbook_analysis import ANALYSIS_SHEET, write_analysis_sheet
from exports.xlsx_stream import XlsxStream
from tests.support import need_program

from .png_read import read_png

D = Decimal
ROWS = AnalysisRows(
    "某县2022", (("1.1", "校园网络", D(8), 4, 5, D("4.1"), D("16.5")), ("2.2", "数字资源", D(8), 2, 5, D(2), D(4))),
    ("二星级", "三星级", "未达星级"), (), (),
    ((D(60), D(65), 1), (D(65), D(70), 3), (D(70), D(75), 0), (D(75), D(80), 2), (D(80), D(85), 6)),
    (("二星级", D(70)), ("三星级", D(80))), (), None)


def _target(book: zipfile.ZipFile, rels_of: str, kind: str) -> list[str]:
    """The parts ``rels_of`` links to with a relationship of ``kind``, as paths in the zip."""
    folder, name = posixpath.split(rels_of)
    rels = book.read(posixpath.join(folder, "_rels", name + ".rels")).decode()
    found = re.findall(r'<Relationship Id="[^"]+" Type="[^"]+/' + kind + r'" Target="([^"]+)"/>', rels)
    return [posixpath.normpath(posixpath.join(folder, target)) for target in found]


def pictures_of(path: Path, sheet_name: str) -> list[bytes]:
    """The PNG pictures wired to sheet ``sheet_name``, in the drawing's order."""
    with zipfile.ZipFile(path) as book:
        workbook = book.read("xl/workbook.xml").decode()
        rid = re.search(f'<sheet name="{sheet_name}" sheetId="\\d+" r:id="(rId\\d+)"/>', workbook)
        assert rid, f"no sheet {sheet_name}"
        rels = book.read("xl/_rels/workbook.xml.rels").decode()
        sheet = "xl/" + re.search(f'Id="{rid[1]}" Type="[^"]+" Target="([^"]+)"', rels)[1]  # type: ignore[index]
        if "<drawing " not in book.read(sheet).decode():
            return []
        assert re.search(r'<drawing r:id="rId1"/></worksheet>$', book.read(sheet).decode())
        (drawing,) = _target(book, sheet, "drawing")
        embeds = re.findall(r'r:embed="(rId\d+)"', book.read(drawing).decode())
        media = _target(book, drawing, "image")
        assert len(embeds) == len(media)
        types = book.read("[Content_Types].xml").decode()
        assert '<Default Extension="png" ContentType="image/png"/>' in types
        assert f'<Override PartName="/{drawing}" ContentType="application/vnd.openxmlformats-officedocument.' \
               'drawing+xml"/>' in types
        return [book.read(part) for part in media]


def test_the_analysis_sheet_carries_both_charts_wired(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with XlsxStream(path) as book:
        book.write_sheet("明细", lambda sheet: sheet.append(["x"]))
        write_analysis_sheet(book, ROWS)
    pictures = pictures_of(path, ANALYSIS_SHEET)
    assert [read_png(p).width for p in pictures] == [1200, 1200]  # the losses, then the distribution
    assert read_png(pictures[1]).height == 600
    assert pictures_of(path, "明细") == []  # only the analysis sheet has pictures
    sheet = openpyxl.load_workbook(path)[ANALYSIS_SHEET]  # still a workbook openpyxl opens
    captions = [c.value for c in sheet["A"] if isinstance(c.value, str) and c.value.startswith("图")]
    assert captions == ["图1 失分学校最多的2项指标（条长为失分学校数）", "图2 核定总分分布（竖线为星级分数线）"]
    assert len(sheet.row_breaks.brk) == 2  # each chart starts a printed page


def test_libreoffice_prints_the_charts(tmp_path: Path) -> None:
    need_program("soffice", "libreoffice")
    pdfimages = need_program("pdfimages")
    path = tmp_path / "book.xlsx"
    with XlsxStream(path) as book:
        write_analysis_sheet(book, ROWS)
    pdf = render_pdf(path, tmp_path / "pdf")
    listing = subprocess.run([pdfimages, "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"^\s*\d+\s+\d+\s+image\s+(\d+)\s+(\d+)", listing, re.M)
    # Each picture printed once, whole: a chart cut by a page break would show up twice.
    assert sorted(sizes) == sorted([("1200", str(read_png(p).height)) for p in pictures_of(path, ANALYSIS_SHEET)])


def test_the_exported_workbook_has_the_charts(sqlite_db: str, tmp_path: Path) -> None:
    from tests.workflow.analysis_fixture import county
    from tests.workflow.helpers import ADMIN
    from tui.export_jobs import run_export

    county()  # on SQLite only: the pictures do not depend on the backend (the numbers are tested on both)
    path = run_export(ADMIN, "workbook", tmp_path / "book.xlsx")
    losses, distribution = (read_png(p) for p in pictures_of(path, ANALYSIS_SHEET))
    assert (distribution.width, distribution.height) == (1200, 600)
    assert losses.height > 100
