"""``export workbook --region CODE``: a city's admin exports one county's own campaign (the existing
workbook, read back), a county admin is refused a region outside its own as by code alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest


@pytest.fixture
def province_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from tests.workflow.region_fixture import ROOT, build_province
    from workflow import clock
    from workflow.connection import close_database, open_database
    from workflow.doors.users import add_user
    from workflow.i18n import set_language

    path = str(tmp_path / "province.sqlite3")
    open_database(path)
    try:
        build_province()
        add_user(ROOT, "admin-4101", "admin", region_code="4101")
    finally:
        close_database()
        clock.pin(None)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22")  # act as the fixture's users, as over SSH
    monkeypatch.setenv("STARCAMPUS_NOW", "2022-10-20T10:00:00+08:00")
    yield path
    set_language("zh")


def _export(capsys: pytest.CaptureFixture[str], db: str, who: str, out: Path, *args: str) -> tuple[int, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", "zh", "--as", who, "export", "workbook", "-o", str(out), *args])
    return code, capsys.readouterr().err


def _schools(book: Path) -> set[str]:
    sheet = openpyxl.load_workbook(book, read_only=True).worksheets[0]
    return {str(c) for row in sheet.iter_rows(values_only=True) for c in row if str(c).endswith("第一小学")
            or str(c).endswith("第二小学")}  # the school names (the stage column says 小学 alone)


def test_a_city_admin_exports_one_county_and_a_county_admin_only_its_own(
        province_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    book = tmp_path / "二七区.xlsx"
    code, err = _export(capsys, province_db, "admin-4101", book, "--region", "410103")
    assert code == 0, err
    assert _schools(book) == {"二七区第一小学", "二七区第二小学"}  # that county's campaign, no other's
    own = tmp_path / "中原区.xlsx"
    assert _export(capsys, province_db, "admin-410102", own, "--region", "410102")[0] == 0
    assert _schools(own) == {"中原区第一小学", "中原区第二小学"}
    # Outside its own: refused by the code alone, registered or not, and nothing written.
    for region in ("410103", "410202", "410199"):
        refused = tmp_path / f"{region}.xlsx"
        code, err = _export(capsys, province_db, "admin-410102", refused, "--region", region)
        assert (code, err) == (1, f"拒绝：无权操作：行政区划{region}不在您的辖区（中原区（410102））内。\n")
        assert not refused.exists()
    # Its own city runs no campaign: said so; --region with --campaign is a usage error.
    code, err = _export(capsys, province_db, "admin-4101", tmp_path / "市.xlsx", "--region", "4101")
    assert code == 1 and "郑州市（4101）尚未开展评定工作" in err
    code, err = _export(capsys, province_db, "admin-4101", tmp_path / "x.xlsx", "--region", "410103",
                        "--campaign", "1")
    assert code == 2 and "--region 与 --campaign 只能用一个" in err
