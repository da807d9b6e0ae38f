"""Regenerate docs/img/*.png from the demo database: `make doc-images`.

The demo is loaded (as `starcampus demo load` does) on a fixed clock, so this year's review is
always the 2024 one and every document states the same facts on every machine; then each document
is exported as the CLI exports it (`run_export`, the 2023 round with ``round_year=2023``), rendered
by LibreOffice and drawn page by page with pdftoppm.

Next to the pictures, docs/img/doc-images.txt records the text layer of each pictured PDF page
(whitespace and the audit-anchor line left out). tests/exports/test_doc_images.py renders the
documents again and compares that text, so a change that moves what a picture shows fails until
the pictures are regenerated — without comparing pixels, which differ between font versions.

.venv/bin/python -m tests.exports.make_doc_images
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
RECORD = IMG / "doc-images.txt"
# The demo's "today": its annual review is then 2024's, whatever the day the images are made.
FIXED_NOW = "2024-11-20T10:00:00+08:00"
FORM_SCHOOL = "640424003"  # 泾源县城关第一小学, the four-star school sent upward
DPI = 60

# picture -> (document, page): the seed-shaped 2023 notice's first two pages, this year's review
# notice, a school's form, the publicity list, the workbook's first printed page, the ledger.
PICTURES: tuple[tuple[str, str, int], ...] = (
    ("notice.png", "notice.docx", 1),
    ("notice-2.png", "notice.docx", 2),
    ("review-notice.png", "review-notice.docx", 1),
    ("form.png", "form.docx", 1),
    ("publicity.png", "publicity.docx", 1),
    ("workbook.png", "workbook.xlsx", 1),
    ("ledger.png", "ledger.docx", 1),
    ("records.png", "records.docx", 1),
)
_ANCHOR = re.compile(r"审计链\s*\d+:[0-9a-f]+")


def write_documents(work: Path) -> dict[str, Path]:
    """The demo in a fresh database in ``work``, and its documents exported there."""
    from models.db import close_database, open_database
    from tui.export_jobs import run_export
    from workflow import clock
    from workflow.doors.demo import ADMIN, load_demo

    saved = os.environ.get("STARCAMPUS_NOW")
    os.environ["STARCAMPUS_NOW"] = FIXED_NOW
    clock.trust_environment(True)  # this process's own clock, for reproducible pictures
    open_database(str(work / "demo.sqlite3"))
    try:
        load_demo()
        jobs: list[tuple[str, str, dict[str, object]]] = [
            ("notice", "notice.docx", {"round_year": 2023}),
            ("notice", "review-notice.docx", {}),  # the newest round: the annual review
            ("forms", "form.docx", {"round_year": 2023, "schools": [FORM_SCHOOL]}),
            ("publicity", "publicity.docx", {"round_year": 2023}),
            ("workbook", "workbook.xlsx", {"round_year": 2023}),
            ("ledger", "ledger.docx", {"round_year": 2023}),
            ("records", "records.docx", {"round_year": 2023}),
        ]
        made: dict[str, Path] = {}
        for kind, name, options in jobs:
            made[name] = run_export(ADMIN, kind, work / name, **options)  # type: ignore[arg-type]
        return made
    finally:
        close_database()
        clock.trust_environment(False)
        if saved is None:
            os.environ.pop("STARCAMPUS_NOW", None)
        else:
            os.environ["STARCAMPUS_NOW"] = saved


def page_text(pdf: Path, page: int) -> str:
    """One page's text layer, without whitespace (line breaks follow the fonts) or the anchor line."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        raise RuntimeError("pdftotext is not installed: install poppler-utils")
    done = subprocess.run([pdftotext, "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True, timeout=60)
    return re.sub(r"\s+", "", _ANCHOR.sub("", done.stdout))


def render_all(work: Path) -> dict[str, Path]:
    """Each exported document's PDF, all in one LibreOffice start (render_pdf's conversion, batched)."""
    from tests.exports.render_batch import render_pdfs

    documents = write_documents(work)
    pdfs = render_pdfs(documents.values(), work / "pdf")
    return {name: pdfs[path.resolve()] for name, path in documents.items()}


def record_text(pdfs: dict[str, Path]) -> str:
    return "".join(f"{picture} {name} {page}\n{page_text(pdfs[name], page)}\n" for picture, name, page in PICTURES)


def main() -> int:
    from exports.render import render_png

    with tempfile.TemporaryDirectory() as tmp:
        pdfs = render_all(Path(tmp))
        for picture, name, page in PICTURES:
            print(render_png(pdfs[name], IMG / picture, page=page, dpi=DPI))
        RECORD.write_text(record_text(pdfs), encoding="utf-8")
        print(RECORD)
    return 0


if __name__ == "__main__":
    sys.exit(main())
