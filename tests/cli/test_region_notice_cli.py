"""``export notice --region CODE``: a city's officer writes the notice of its counties (read back with
python-docx); a county admin is refused another county, its city and an unknown code with the words the
workbook uses, and nothing is written; its own county has no counties to summarise; the export is
recorded; the words read in English with --lang en."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest


@pytest.fixture
def province_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from tests.exports.region_notice_case import province_rated
    from workflow import clock
    from workflow.connection import close_database, open_database
    from workflow.i18n import set_language

    path = str(tmp_path / "province.sqlite3")
    open_database(path)
    try:
        province_rated()
    finally:
        close_database()
        clock.pin(None)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22")  # act as the fixture's users, as over SSH
    monkeypatch.setenv("STARCAMPUS_NOW", "2022-12-10T10:00:00+08:00")
    yield path
    set_language("zh")


def _export(capsys: pytest.CaptureFixture[str], db: str, who: str, out: Path, *args: str,
            lang: str = "zh") -> tuple[int, str, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", lang, "--as", who, "export", "notice", "-o", str(out), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_city_viewer_writes_its_counties_notice(province_db: str, capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    out = tmp_path / "郑州市.docx"
    code, said, err = _export(capsys, province_db, "viewer-4101", out, "--region", "4101", "--round", "2022")
    assert code == 0, err
    assert str(out) in said
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.core_properties.keywords  # the audit head it was made from (exports/anchor.py)
    assert document.paragraphs[0].text == "关于郑州市2022年度数字校园\n星级评定工作情况的通报"  # 词意完整
    assert "各县（市、区）教育行政部门：" in text
    assert ("2022年度，全市共有4所学校参加评定，已核定4所，平均核定得分116.8分。其中，二星级1所、三星级1所、"
            "五星级1所、未达到星级标准1所。") in text
    assert "（二）二七区。参加评定学校2所，已核定2所，平均核定得分102.5分。" in text
    assert "降低星级的学校：二七区第二小学（一星级→未达星级）。" in text
    assert "中原区第一小学经河南省教育厅认定为五星级（豫教〔2022〕9号，2022年12月1日）。" in text
    assert "龙亭区" not in text and "开封市" not in text  # another city's county is not its own
    rows = [[c.text for c in r.cells] for r in document.tables[-1].rows][1:]
    assert rows == [["1", "中原区", "中原区第一小学", "152", "五星级", "已认定（新评定）"],
                    ["2", "中原区", "中原区第二小学", "110", "二星级", "已认定（晋升）"],
                    ["3", "二七区", "二七区第一小学", "125", "三星级", "已认定（新评定）"]]
    from tui.cli import main

    capsys.readouterr()  # the export is in the audit log, by its region's words
    assert main(["--db", province_db, "--as", "root-admin", "audit", "log", "--limit", "1", "--format", "plain"]) == 0
    assert "viewer-4101" in capsys.readouterr().out


def test_a_county_admin_is_refused_outside_its_county_as_by_code_alone(
        province_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for region in ("410103", "4101", "410202", "410199"):
        refused = tmp_path / f"{region}.docx"
        code, _out, err = _export(capsys, province_db, "admin-410102", refused, "--region", region)
        assert (code, err) == (1, f"拒绝：无权操作：行政区划{region}不在您的辖区（中原区（410102））内。\n")
        assert not refused.exists()
    for region in ("41", "4102"):  # a city's viewer: its own counties only, not its province nor the other city
        code, _out, err = _export(capsys, province_db, "viewer-4101", tmp_path / "x.docx", "--region", region)
        assert (code, err) == (1, f"拒绝：无权操作：行政区划{region}不在您的辖区（郑州市（4101））内。\n")
    own = tmp_path / "own.docx"
    code, _out, err = _export(capsys, province_db, "admin-410102", own, "--region", "410102")
    assert code == 1 and "中原区（410102）没有下级区划" in err and not own.exists()
    code, _out, err = _export(capsys, province_db, "admin-410102", own, "--region", "410102", lang="en")
    assert code == 1 and "中原区（410102） has no regions below it to summarise" in err
    code, _out, err = _export(capsys, province_db, "viewer-4101", own, "--region", "4101", "--round", "2021")
    assert code == 1 and "郑州市（4101）所辖区划2021年没有评定工作" in err
    code, _out, err = _export(capsys, province_db, "viewer-4101", own, "--region", "4101", "--campaign", "1")
    assert code == 2 and "--region 与 --campaign 只能用一个" in err
    code, _out, err = _export(capsys, province_db, "viewer-4101", own, "--region", "4101", "--appendix-analysis",
                              lang="en")
    assert code == 2 and "give --appendix-analysis or --region, not both" in err


@pytest.mark.services
def test_the_region_notice_renders_to_pdf_beside_it(province_db: str, capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    import subprocess

    from tests.support import need_program

    need_program("soffice", "libreoffice")
    pdftotext = need_program("pdftotext")
    out = tmp_path / "郑州市.docx"
    code, said, err = _export(capsys, province_db, "viewer-4101", out, "--region", "4101", "--pdf")
    assert code == 0, err
    pdf = out.with_suffix(".pdf")
    assert str(pdf) in said
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "各县（市、区）评定情况" in text and "二七区第一小学" in text
