"""LibreOffice renders the documents: what an officer sees on the printed page.

Needs soffice, pdfinfo and pdftotext (apt: libreoffice-writer-nogui poppler-utils
fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming): skipped on a laptop without them,
failed in CI (STARCAMPUS_REQUIRE_SERVICES=1). Positions come from ``pdftotext -bbox``
(tests/exports/pdf_layout.py), in points from the page's top left corner.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from exports.data import NoticeInput
from exports.docx_base import CHAR_PITCH_PT, LINE_PITCH_PT, MARGIN_LEFT_MM, MARGIN_RIGHT_MM
from exports.forms import write_self_evaluation_forms
from exports.notice import write_notice
from exports.publicity import write_publicity
from exports.render import RenderError, render_pdf, render_png
from tests.exports.render_batch import render_pdfs
from tests.support import need_program

from .jingyuan import publicity_list, schools
from .pdf_layout import Page, pages_with, pdf_pages
from .seed_records import henan_form, seed_notice, seed_publicity

# One worker for the module (make test: --dist loadgroup): ``rendered`` starts LibreOffice once, not once on each.
pytestmark = [pytest.mark.services, pytest.mark.xdist_group("render_pdf")]

PT_PER_MM = 72 / 25.4
EVIDENCE = "{code}起，佐证材料包括建设方案、验收报告、使用记录和相关照片，{code}止"


def need_renderer() -> None:
    need_program("soffice", "libreoffice")
    need_program("pdfinfo")
    need_program("pdftotext")


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        [need_program("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        [need_program("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    """The seed notice, the seed publicity list and two henan-v2 forms, rendered once."""
    need_renderer()
    folder = tmp_path_factory.mktemp("rendered")
    from dataclasses import replace

    provisional = tuple(replace(s, provisional=s.star_level is not None) for s in schools())
    docs = {
        "notice": write_notice(seed_notice(), folder / "notice.docx"),
        "publicity": write_publicity(seed_publicity(schools=provisional), folder / "publicity.docx"),
        "forms": write_self_evaluation_forms(
            [henan_form(), henan_form(evidence=EVIDENCE)], folder / "forms.docx"
        ),
    }
    pdfs = render_pdfs(docs.values(), folder / "pdf")  # one LibreOffice start for the three
    return {name: pdf_pages(pdfs[path.resolve()]) for name, path in docs.items()}


def test_notice_renders_a4_with_page_numbers(jingyuan: NoticeInput, tmp_path: Path) -> None:
    need_renderer()
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


def _page_numbers(pages: list[Page]) -> list[str]:
    return [page.text().splitlines()[-1] for page in pages]


def test_page_counts_and_page_numbers(rendered: dict[str, list[Page]]) -> None:
    assert _page_numbers(rendered["notice"]) == ["—1—", "—2—", "—3—"]
    assert _page_numbers(rendered["publicity"]) == ["—1—", "—2—"]
    # each school's form is numbered from 1; the second one's long evidence takes more pages
    numbers = _page_numbers(rendered["forms"])
    assert numbers.count("—1—") == 2
    second = numbers.index("—1—", 1)
    assert numbers[:second] == [f"—{n}—" for n in range(1, second + 1)]
    assert numbers[second:] == [f"—{n}—" for n in range(1, len(numbers) - second + 1)]


def test_title_lines_are_one_line_pitch_apart(rendered: dict[str, list[Page]]) -> None:
    for name, first, second in (
        ("notice", "泾源县2023年“互联网+教育”智慧校园", "星级评定工作督导评估通报"),
        ("publicity", "泾源县2023年“互联网+教育”", "智慧校园星级评定结果公示"),
    ):
        lines = {"".join(w.text for w in line): line for line in rendered[name][0].lines()}
        gap = lines[second][0].y_min - lines[first][0].y_min
        # one grid line (28.95 pt), not the two a 22 pt line snapped to the grid takes (57.9 pt)
        assert 22 <= gap <= LINE_PITCH_PT + 0.5, (name, gap)


def test_nothing_hangs_into_the_margins(rendered: dict[str, list[Page]]) -> None:
    for name, pages in rendered.items():
        for page in pages:
            right = page.width - MARGIN_RIGHT_MM * PT_PER_MM
            left = MARGIN_LEFT_MM * PT_PER_MM
            outside = [w.text for w in page.words if w.x_max > right + 0.5 or w.x_min < left - 0.5]
            assert outside == [], (name, page.number, outside)


def test_organ_is_centred_over_the_date(rendered: dict[str, list[Page]]) -> None:
    lines = {"".join(w.text for w in line): line for line in rendered["notice"][-1].lines()}
    organ, day = lines["泾源县教育体育局"], lines["2023年9月8日"]
    right = rendered["notice"][-1].width - MARGIN_RIGHT_MM * PT_PER_MM
    assert abs(day[-1].x_max - (right - 4 * CHAR_PITCH_PT)) < 2  # 右空四字
    organ_centre = (organ[0].x_min + organ[-1].x_max) / 2
    day_centre = (day[0].x_min + day[-1].x_max) / 2
    assert abs(organ_centre - day_centre) < 4, (organ_centre, day_centre)


def test_signature_never_stands_alone_on_a_page(rendered: dict[str, list[Page]]) -> None:
    for name, date_text in (("notice", "2023年9月8日"), ("publicity", "2023年9月2日")):
        last = rendered[name][-1]
        lines = ["".join(w.text for w in line) for line in last.lines()]
        assert "泾源县教育体育局" in lines and date_text in lines, (name, lines)
        text = [ln for ln in lines if ln not in ("泾源县教育体育局", date_text) and not re.fullmatch(r"—\d+—", ln)]
        assert text, (name, "the organ and the date are alone on the last page")


def _single_lines(pages: list[Page]) -> list[str]:
    return ["".join(w.text for w in line) for page in pages for line in page.lines()]


def test_no_header_cell_wraps(rendered: dict[str, list[Page]]) -> None:
    for name, headers in (
        ("forms", ("指标编号", "指标名称", "自评得分", "佐证材料及说明")),
        ("publicity", ("序号", "学校名称", "核定得分", "拟认定星级", "拟推荐星级")),
    ):
        lines = _single_lines(rendered[name])
        for header in headers:
            assert any(header in line for line in lines), (name, header)
    lines = _single_lines(rendered["publicity"])
    assert sum("二星级（暂定）" in line for line in lines) == 5  # never "二星级（暂 / 定）"


def test_no_table_row_splits_across_pages(rendered: dict[str, list[Page]]) -> None:
    pages = rendered["forms"]
    codes = sorted(set(re.findall(r"([A-D][0-9.]+)起", "".join(w.text for p in pages for w in p.words))))
    assert len(codes) > 40
    split = [c for c in codes if pages_with(pages, f"{c}起") != pages_with(pages, f"{c}止")]
    assert split == []
    # the header row repeats on every page the table runs over
    assert all(pages_with([p], "指标编号") for p in pages)


def test_signature_block_stays_with_the_table(rendered: dict[str, list[Page]]) -> None:
    pages = rendered["forms"]
    totals = pages_with(pages, "合计153")
    notes = pages_with(pages, "本表一式二份")
    assert len(totals) == 2 and totals == notes
    for number in notes:  # the block is never a page of its own
        assert pages_with([pages[number - 1]], "校长签字")
        assert pages[number - 1].text().count("\n") > 12


def test_publicity_rows_stay_whole(rendered: dict[str, list[Page]]) -> None:
    pages = rendered["publicity"]
    for school in schools()[:9]:
        assert len(pages_with(pages, school.name)) == 1, school.name
    assert pages_with(pages, "大湾中学") == []


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
