"""``starcampus region recode`` on a county laptop's database made before regions (tests/fixtures/
schema_v1.sqlite3): migration 9 put 泾源县 on placeholder 990001; the whole-server admin recodes it to
640424 under 固原市, its officers keep their schools, audit verify stays clean (its checkpoint vouched
for 990001), and an SQL edit of a moved code is still named. Refusals exit 1 and change nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.cli.test_cli import run

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v1.sqlite3"


def _ok(db: Path, *args: str, as_user: str | None = "root", lang: str = "zh") -> str:
    done = run(db, *args, as_user=as_user, lang=lang)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _codes(db: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(db) as conn:
        return [*conn.execute("SELECT 'r', code, name, parent_code FROM region ORDER BY code"),
                *conn.execute("SELECT 's', region_code, COUNT(*), '' FROM school GROUP BY region_code"),
                *conn.execute("SELECT 'c', region_code, COUNT(*), '' FROM campaign GROUP BY region_code"),
                *conn.execute("SELECT 'u', name, region_code, '' FROM user ORDER BY name"),
                *conn.execute("SELECT 'a', COUNT(*), '', '' FROM audit_event")]


def test_a_county_laptops_placeholder_is_recoded_and_verify_stays_clean(tmp_path: Path) -> None:
    db = tmp_path / "jingyuan.sqlite3"
    shutil.copyfile(FIXTURE, db)
    listed = _ok(db, "region", "list")
    assert "990001" in listed and "泾源县" in listed and "占位（待改码）" in listed
    _ok(db, "region", "add", "64", "宁夏回族自治区")
    _ok(db, "region", "add", "6404", "固原市")
    _ok(db, "user", "add", "jy-admin", "--role", "admin", "--region", "990001")
    before = _codes(db)
    refusals = [
        (("region", "recode", "990001", "640424"), "jy-admin", "zh", "整个服务器"),  # not the placeholder's own admin
        (("region", "recode", "990001", "6404"), "root", "zh", "行政区划“6404”已存在（固原市）"),
        (("region", "recode", "990001", "640424", "--parent", "64"), "root", "en",
         "must be the nearest registered region above it, '6404'"),
    ]
    for args, who, lang, words in refusals:
        done = run(db, *args, as_user=who, lang=lang)
        assert done.returncode == 1 and words in done.stderr, (args, done.stderr)
        assert _codes(db) == before, args
    said = _ok(db, "region", "recode", "990001", "640424", "--parent", "6404")
    assert "已将占位区划 990001 改为 640424 泾源县（上级：6404）：学校 13 所、评定工作 1 项、用户 1 名随之改码" in said
    tree = _ok(db, "region", "list")
    assert "990001" not in tree and "─ 640424 泾源县（县级）" in tree and "占位" not in tree
    assert "640424003" in _ok(db, "schools", "list", as_user="jy-admin")
    _ok(db, "audit", "verify")  # the upgraded database's checkpoint vouched for 990001 everywhere
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE school SET region_code = '6404' WHERE code = '640424003'")
    tampered = run(db, "audit", "verify", as_user="root")
    assert tampered.returncode == 1
    assert "学校640424003的所属行政区划代码：库中为6404，按审计记录应为640424" in tampered.stdout + tampered.stderr


def test_the_help_names_the_verb_in_both_languages(tmp_path: Path) -> None:
    zh = run(tmp_path / "x.sqlite3", "region", "recode", "--help", as_user=None)
    en = run(tmp_path / "x.sqlite3", "region", "recode", "--help", as_user=None, lang="en")
    assert zh.returncode == en.returncode == 0
    assert "占位区划" in zh.stdout and "--parent" in zh.stdout and "--name" in zh.stdout
    assert "placeholder" in en.stdout and "占位" not in en.stdout
