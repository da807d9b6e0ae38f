"""Full-width region codes through the real `starcampus` command (security review): `region add`'s
argument and a `region import` file typed with a Chinese IME are refused with the code as it should
be typed, naming the field (and the file's line and column); nothing is registered."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_regions_cli import ok, run


def test_full_width_codes_are_refused_at_the_command_line_and_in_a_file(tmp_path: Path) -> None:
    db = tmp_path / "regions.sqlite3"
    ok(run(db, "init"))
    added = run(db, "region", "add", "６４", "宁夏回族自治区")
    assert added.returncode == 1
    assert "行政区划代码：“６４”含全角或其他非半角数字，请用半角数字0-9输入（如“64”）" in added.stderr
    sheet = tmp_path / "regions.csv"
    sheet.write_text("代码,名称,上级\n64,宁夏回族自治区,\n6404,固原市,６４\n", encoding="utf-8")
    imported = run(db, "region", "import", str(sheet), lang="en")
    assert imported.returncode == 1
    assert f"{sheet}:3:parent: '６４' has full-width or other non-ASCII digits" in imported.stderr
    province = run(db, "region", "add", "00", "无")
    assert province.returncode == 1 and "GB/T 2260 没有代码为00的省级区划" in province.stderr
    assert "宁夏" not in ok(run(db, "region", "list"))
