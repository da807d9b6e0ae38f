"""LibreOffice renders the documents: real page size, title and page numbers.

Needs soffice, pdfinfo and pdftotext (apt: libreoffice-writer-nogui poppler-utils
fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming): skipped on a laptop without them,
failed in CI (STARCAMPUS_REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from exports.data import NoticeInput
from exports.notice import write_notice
from exports.publicity import write_publicity
from exports.render import RenderError, render_pdf, render_png
from tests.support import need_program

from .jingyuan import publicity_list

pytestmark = pytest.mark.services


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        [need_program("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        [need_program("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_notice_renders_a4_with_page_numbers(jingyuan: NoticeInput, tmp_path: Path) -> None:
    need_program("soffice", "libreoffice")
    need_program("pdfinfo")
    need_program("pdftotext")
    pdf = render_pdf(write_notice(jingyuan, tmp_path / "notice.docx"), tmp_path / "pdf")
    info = pdf_info(pdf)
    width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width), round(height)) == (595, 842)
    assert info["Pages"] == "3"
    pages = pdf_text(pdf).split("\f")
    flat = re.sub(r"\s+", "", pages[0])
    assert "泾源县2023年“互联网+教育”智慧校园星级评定工作督导评估通报" in flat
    for number, page in enumerate(pages[:3], start=1):
        assert re.search(rf"—\s*{number}\s*—", page), page[-200:]
    assert "94.5" in pdf_text(pdf)
    # 28 characters a line: the first full body line of page 2 has 27-29 CJK characters
    lines = [ln.strip() for ln in pages[1].splitlines() if ln.strip() and "—" not in ln]
    longest = max(len(re.sub(r"\s", "", ln)) for ln in lines)
    assert 26 <= longest <= 31, lines


def test_parallel_safe_profiles_and_png(tmp_path: Path) -> None:
    need_program("soffice", "libreoffice")
    need_program("pdftoppm")
    docx = write_publicity(publicity_list(), tmp_path / "pub.docx")
    pdf = render_pdf(docx, tmp_path)
    png = render_png(pdf, tmp_path / "pub.png", dpi=30)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_soffice_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError, match="libreoffice-writer-nogui"):
        render_pdf(tmp_path / "x.docx", tmp_path)
