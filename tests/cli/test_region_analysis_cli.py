"""``starcampus report analysis --region CODE --year Y`` through the real command: a city's two
counties in one analysis; a county admin refused on its city."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_regions_cli import WINDOWS, ok, run


def test_a_city_analysis_counts_its_counties(tmp_path: Path) -> None:
    db = tmp_path / "city.sqlite3"
    ok(run(db, "init"))
    tree = tmp_path / "regions.csv"
    tree.write_text("code,name,parent\n64,宁夏回族自治区,\n6404,固原市,64\n640424,泾源县,6404\n640425,彭阳县,6404\n",
                    encoding="utf-8")
    ok(run(db, "region", "import", str(tree)))
    for code, name in (("640424", "泾源县"), ("640425", "彭阳县")):
        register = tmp_path / f"{code}.csv"
        register.write_text(f"学校代码,学校名称\n{code}001,{name}第一小学\n{code}002,{name}第二小学\n", encoding="utf-8")
        ok(run(db, "schools", "import", str(register), "--region", code))
        ok(run(db, "campaign", "create", "--year", "2022", "--region-code", code, "--title", f"{name}2022星级评定",
               "--rubric", "henan-v2", "--enrol-all", *WINDOWS))
    ok(run(db, "user", "add", "admin-640424", "--role", "admin", "--region", "640424"))
    city = ok(run(db, "report", "analysis", "--region", "6404", "--year", "2022"))
    assert "固原市（6404）所辖2项评定工作" in city and "4" in city.splitlines()[0]
    county = ok(run(db, "report", "analysis", "--region", "640424", as_user="admin-640424"))
    assert "泾源县（640424）所辖1项评定工作" in county
    refused = run(db, "report", "analysis", "--region", "6404", as_user="admin-640424")
    assert refused.returncode != 0 and "行政区划6404不在您的辖区（泾源县（640424））内" in refused.stderr
    assert "固原市" not in refused.stderr  # the code asked, not what it is
