"""``status --region`` and ``status --by-region`` on the command line: one row per child region with
the counts worked out by hand in tests/workflow/region_status_data.py, a totals row, Chinese first and
English with --lang en; a county admin refused on its city."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def province_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from tests.workflow.region_status_data import province_midyear
    from workflow import clock
    from workflow.connection import close_database, open_database
    from workflow.i18n import set_language

    path = str(tmp_path / "province.sqlite3")
    open_database(path)
    try:
        province_midyear()
    finally:
        close_database()
        clock.pin(None)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22")  # act as the fixture's users, as over SSH
    monkeypatch.setenv("STARCAMPUS_NOW", "2022-10-20T10:00:00+08:00")
    yield path
    set_language("zh")


def _cli(capsys: pytest.CaptureFixture[str], db: str, who: str, *args: str, lang: str = "zh") -> tuple[int, str, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", lang, "--as", who, "status", "--format", "github", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _rows(out: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("|")[1:-1]] for line in out.splitlines() if line.startswith("|")]


def test_a_city_viewer_by_region_and_the_province_in_english(province_db: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, province_db, "viewer-4101", "--by-region")
    assert code == 0, err
    assert "郑州市（4101）2022年 各下级区划情况" in out
    head, _rule, *rows = _rows(out)
    assert head == ["代码", "区划", "学校数", "逾期", "平均核定分", "已参评", "已提交自评", "已核定", "2星", "3星"]
    assert rows == [["410102", "中原区", "2", "1", "85.5", "1", "0", "1", "0", "1"],
                    ["410103", "二七区", "2", "0", "70", "0", "1", "1", "1", "0"],
                    ["", "合计", "4", "1", "77.8", "1", "1", "2", "1", "1"]]
    code, out, err = _cli(capsys, province_db, "root-admin", "--region", "41", lang="en")
    assert code == 0, err
    assert "河南省 (41), 2022: per child region" in out
    head, _rule, *rows = _rows(out)
    assert head[:5] == ["Code", "Region", "Schools", "Overdue", "Avg score"]
    assert [r[:4] for r in rows] == [["4101", "郑州市", "4", "1"], ["4102", "开封市", "2", "2"], ["", "Total", "6", "3"]]


def test_a_county_admin_is_refused_its_city(province_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _cli(capsys, province_db, "admin-410102", "--region", "4101")
    assert code != 0
    assert "行政区划4101不在您的辖区（中原区（410102））内" in err and "郑州市" not in err
