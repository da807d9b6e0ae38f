"""``starcampus region import`` through the real command: a GBK file builds the tree `region list`
shows; a bad row is named by file and line and adds nothing; an officer stays inside its subtree."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_regions_cli import ok, run


def test_a_file_builds_the_tree_and_a_bad_row_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "province.sqlite3"
    ok(run(db, "init"))
    good = tmp_path / "regions.csv"
    good.write_bytes("代码,名称,上级\n64,宁夏回族自治区,\n6404,固原市,64\n640424,泾源县,6404\n640425,彭阳县,\n"
                     .encode("gbk"))
    assert "新增 4 个，未变 0 个" in ok(run(db, "region", "import", str(good)))
    # The list run again with a new county: the four are unchanged, the new one added.
    good.write_bytes("代码,名称,上级\n64,宁夏回族自治区,\n6404,固原市,64\n640424,泾源县,6404\n640425,彭阳县,\n"
                     "640422,西吉县,6404\n".encode("gbk"))
    assert "新增 1 个，未变 4 个" in ok(run(db, "region", "import", str(good)))
    ok(run(db, "audit", "verify"))
    tree = ok(run(db, "region", "list"))
    assert tree.index("宁夏回族自治区") < tree.index("固原市") < tree.index("─ 640424 泾源县（县级）") < tree.index("─ 640425 彭阳县（县级）")

    bad = tmp_path / "more.csv"
    bad.write_text("code,name,parent\n41,河南省,\n4101,郑州市,41\n410102,中原区,4102\n", encoding="utf-8")
    refused = run(db, "region", "import", str(bad), lang="en")
    assert refused.returncode == 1
    assert f"{bad}:4:parent" in refused.stderr and "'410102' must start with its parent's code '4102'" in refused.stderr
    assert "河南省" not in ok(run(db, "region", "list"))

    ok(run(db, "user", "add", "admin-6404", "--role", "admin", "--region", "6404"))
    outside = tmp_path / "outside.csv"
    outside.write_text("code,name,parent\n640426,隆德县,6404\n650102,天山区,\n", encoding="utf-8")
    denied = run(db, "region", "import", str(outside), as_user="admin-6404")
    assert denied.returncode != 0 and "隆德县" not in ok(run(db, "region", "list"))
