"""``starcampus region remove`` through the real command: a county imported with a mistyped code (an
orphan at the root) is removed and imported again right, ``audit verify`` stays clean; a region with
something in it is refused with exit 1, naming what is still there."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_regions_cli import ok, run


def test_a_mistyped_county_is_removed_and_a_full_region_refused(tmp_path: Path) -> None:
    db = tmp_path / "province.sqlite3"
    ok(run(db, "init"))
    typo = tmp_path / "regions.csv"
    typo.write_text("code,name,parent\n64,宁夏回族自治区,\n6404,固原市,64\n650424,泾源县,\n", encoding="utf-8")
    ok(run(db, "region", "import", str(typo)))
    assert "已删除行政区划：650424 泾源县" in ok(run(db, "region", "remove", "650424"))
    ok(run(db, "region", "add", "640424", "泾源县"))
    tree = ok(run(db, "region", "list"))
    assert "650424" not in tree and "─ 640424 泾源县（县级）" in tree
    ok(run(db, "audit", "verify"))

    refused = run(db, "region", "remove", "6404", lang="en")
    assert refused.returncode == 1
    assert "Region '6404' (固原市) cannot be removed: it still has 1 regions below it" in refused.stderr
    assert "固原市" in ok(run(db, "region", "list"))
    ok(run(db, "user", "add", "nx-admin", "--role", "admin", "--region", "64"))
    denied = run(db, "region", "remove", "640424", as_user="nx-admin")
    assert denied.returncode != 0 and "整个服务器" in denied.stderr
    assert "泾源县" in ok(run(db, "region", "list"))
