"""Regions through the real `starcampus` command: a city and two counties built by the whole-server
admin, a county admin refused on the other county, the tree in Chinese and in English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).with_name("starcampus"))
WINDOWS = ["--window", "mobilization=2022-09-16..2022-09-30", "--window", "self_evaluation=2022-10-01..2022-10-15",
           "--window", "verification=2022-10-16..2022-10-31", "--window", "promotion=2022-11-01..2024-12-31"]


def run(db: Path, *args: str, as_user: str | None = None, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("STARCAMPUS_LANG", "SSH_CONNECTION")}
    env["STARCAMPUS_NOW"] = "2022-09-20T09:00:00+08:00"
    who = ["--as", as_user] if as_user else []
    return subprocess.run([EXE, "--db", str(db), "--lang", lang, *who, *args], capture_output=True, text=True,
                          env=env, timeout=120)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("regions")
    db = folder / "city.sqlite3"
    ok(run(db, "init"))
    ok(run(db, "region", "add", "64", "宁夏回族自治区"))
    ok(run(db, "region", "add", "6404", "固原市", "--parent", "64"))
    for code, name in (("640424", "泾源县"), ("640425", "彭阳县")):
        ok(run(db, "region", "add", code, name, "--parent", "6404"))
        register = folder / f"{code}.csv"
        register.write_text(f"学校代码,学校名称\n{code}001,{name}第一小学\n{code}002,{name}第二小学\n", encoding="utf-8")
        ok(run(db, "schools", "import", str(register), "--region", code))
        ok(run(db, "campaign", "create", "--year", "2022", "--region-code", code, "--title", f"{name}2022星级评定",
               "--rubric", "henan-v2", "--enrol-all", *WINDOWS))
        ok(run(db, "user", "add", f"admin-{code}", "--role", "admin", "--region", code))
    ok(run(db, "user", "add", "viewer-6404", "--role", "viewer", "--region", "6404"))
    ok(run(db, "user", "add", "expert-j", "--role", "expert", "--school", "640424001"))
    return db


def test_the_tree_lists_in_chinese_and_in_english(city: Path) -> None:
    zh = ok(run(city, "region", "list"))
    assert zh.index("宁夏回族自治区") < zh.index("固原市") < zh.index("泾源县") < zh.index("彭阳县")
    assert "省级" in zh and "县级" in zh and "─ 640424 泾源县（县级）" in zh
    en = ok(run(city, "region", "list", lang="en"))
    assert "province" in en and "county" in en and "省级" not in en
    bad = run(city, "region", "add", "64042", "坏代码")
    assert bad.returncode == 1 and "2位（省）、4位（市）或6位（县）数字" in bad.stderr
    viewer = run(city, "region", "list", as_user="viewer-6404")
    assert viewer.returncode == 1 and "region.manage" not in viewer.stderr and "登记行政区划" in viewer.stderr


def test_a_county_admin_is_refused_on_the_other_county_as_on_nothing(city: Path) -> None:
    mine = ok(run(city, "campaign", "list", as_user="admin-640424"))
    assert "泾源县2022星级评定" in mine and "彭阳县" not in mine
    schools = ok(run(city, "schools", "list", as_user="admin-640424"))
    assert "640424001" in schools and "640425001" not in schools
    # Another county's campaign 2 and school read exactly as a campaign and a code nobody has.
    out = city.parent / "x.xlsx"
    for number in ("2", "99"):
        for command in (["campaign", "advance", number], ["export", "workbook", "-o", str(out), "--campaign", number]):
            refused = run(city, *command, as_user="admin-640424")
            assert (refused.returncode, refused.stderr) == (1, f"拒绝：找不到评定工作：{number}。\n"), command
    assert not out.exists()
    for lang in ("zh", "en"):
        shown = [run(city, "school", "show", code, as_user="admin-640424", lang=lang).stderr
                 for code in ("640425001", "640425999")]
        assert shown[0].replace("640425001", "640425999") == shown[1] and "彭阳县" not in shown[0]
    users = [run(city, "user", "disable", name, as_user="admin-640424").stderr for name in ("admin-640425", "nobody")]
    assert users[0].replace("admin-640425", "nobody") == users[1]
    ok(run(city, "export", "workbook", "-o", str(city.parent / "泾源县.xlsx"), "--campaign", "1",
           as_user="admin-640424"))
    users = ok(run(city, "user", "list", as_user="admin-640424"))
    assert "辖区" in users and "admin-640424" in users and "admin-640425" not in users
    seen = ok(run(city, "campaign", "list", as_user="viewer-6404"))
    assert "泾源县2022星级评定" in seen and "彭阳县2022星级评定" in seen


def test_an_expert_is_never_assigned_its_own_school(city: Path) -> None:
    refused = run(city, "verification", "assign", "expert-j", "640424001", "--campaign", "1")
    assert refused.returncode == 1 and "回避" in refused.stderr and "640424001" in refused.stderr
    done = ok(run(city, "verification", "assign", "expert-j", "640424002", "--campaign", "1", "--round", "2022"))
    assert "新增 1 所" in done
    assert ok(run(city, "audit", "verify")).count("✗") == 0


def test_another_countys_notice_is_refused_before_a_line_of_it_is_printed(city: Path) -> None:
    other = run(city, "notice", "show", "--campaign", "2", as_user="admin-640424")  # 彭阳县's campaign
    assert other.returncode == 1 and "找不到评定工作：2" in other.stderr and "彭阳县" not in other.stderr
    assert other.stdout == ""  # its title, basis and requirements stay unread
    assert "泾源县" in ok(run(city, "notice", "show", "--campaign", "1", as_user="admin-640424"))


def test_a_county_admin_does_not_make_the_servers_seal_key(city: Path) -> None:
    done = run(city, "audit", "init-key", as_user="admin-640424")
    assert done.returncode == 1 and "辖区" in done.stderr


def test_a_county_admins_campaign_is_labelled_with_its_own_county(city: Path) -> None:
    refused = run(city, "campaign", "create", "--year", "2023", "--region", "彭阳县", "--title", "2023星级评定",
                  "--rubric", "henan-v2", *WINDOWS, as_user="admin-640424")
    assert refused.returncode == 1 and "地区：“彭阳县”不是行政区划640424的名称（泾源县）" in refused.stderr
    assert "2023星级评定" not in ok(run(city, "campaign", "list"))
    # No --region, no --region-code: the officer's own county runs it and names it.
    ok(run(city, "campaign", "create", "--year", "2023", "--title", "泾源县2023星级评定", "--rubric", "henan-v2",
           *WINDOWS, as_user="admin-640424"))
    listed = [line for line in ok(run(city, "campaign", "list")).splitlines() if "泾源县2023星级评定" in line]
    assert len(listed) == 1 and "泾源县" in listed[0].replace("泾源县2023星级评定", "")
