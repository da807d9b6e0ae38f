"""What a county or province officer saw running the real command in the officer trial: the default campaign
a writing verb picks, the audit log's words, roles in the reader's language, plural counts, the region tree,
a school moved between counties."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import cli_database


@pytest.fixture
def cli_db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """河南省 (tests/workflow/region_fixture.py) with 二七区's campaign in promotion, and a newer province
    campaign (the server's newest, outside every county's region)."""
    from tests.workflow.helpers import JIYUAN_WINDOWS, at
    from tests.workflow.region_fixture import ROOT, build_province
    from tests.workflow.test_upward_review import _advance
    from workflow import clock
    from workflow.connection import close_database, open_database
    from workflow.doors.campaigns import create_campaign
    from workflow.doors.users import actor_for, add_user
    from workflow.i18n import set_language

    open_database(db_url)
    try:
        province = build_province()
        _advance(province.admin("410103"), int(province.campaigns["410103"].id), "promotion")
        add_user(ROOT, "admin-41", "admin", region_code="41")
        clock.pin(at("2022-11-10"))
        create_campaign(actor_for("admin-41"), year=2022, region="", title="河南省2022智慧校园四星级认定",
                        rubric="ningxia-2022", windows=dict(JIYUAN_WINDOWS))
    finally:
        close_database()
    clock.pin(None)
    address, env = cli_database(db_url, tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22")  # act as the test's users, as over SSH
    monkeypatch.setenv("STARCAMPUS_NOW", "2022-12-20T10:00:00+08:00")
    yield address
    set_language("zh")


def _cli(capsys: pytest.CaptureFixture[str], db: str, who: str, *args: str, lang: str = "zh") -> tuple[int, str, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", lang, "--as", who, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_county_opens_a_round_in_its_own_campaign_by_default(cli_db: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    # The server's newest is the province's; 二七区's admin names no --campaign and means its own: the
    # answer is about its own schools (not yet settled), not "找不到评定工作" (the province's, outside it).
    code, _out, err = _cli(capsys, cli_db, "admin-410103", "round", "open", "2023", "--all")
    assert code == 1 and "二七区第一小学" in err and "找不到" not in err, err


def test_the_audit_log_words_every_action(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "root-admin", "audit", "log", "--limit", "1000")
    assert code == 0 and "登记行政区划" in out and "region.add" not in out, err
    code, out, err = _cli(capsys, cli_db, "root-admin", "audit", "log", "--limit", "1000", lang="en")
    assert code == 0 and "region registered" in out and "region.add" not in out, err


@pytest.mark.parametrize(("lang", "admin", "expert"), [("zh", "管理员", "专家"), ("en", "admin", "expert")])
def test_roles_are_words_in_the_readers_language(cli_db: str, capsys: pytest.CaptureFixture[str],
                                                 lang: str, admin: str, expert: str) -> None:
    code, out, err = _cli(capsys, cli_db, "root-admin", "user", "add", "prov-admin", "--role", "admin", "--region", "41",
                          lang=lang)
    said = f"prov-admin（{admin}）" if lang == "zh" else f"prov-admin ({admin})"
    assert code == 0 and said in out, err
    code, out, err = _cli(capsys, cli_db, "root-admin", "user", "list", lang=lang)
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("| ")}
    assert code == 0 and f" {expert} " in lines["expert-z"] and f" {admin} " in lines["prov-admin"], out
    if lang == "zh":
        assert "admin " not in lines["prov-admin"].replace("prov-admin", ""), out


def test_the_region_list_is_a_nested_tree(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "root-admin", "region", "list")
    assert code == 0, err
    assert out.splitlines() == ["41 河南省（省级）",
                                "├─ 4101 郑州市（市级）",
                                "│  ├─ 410102 中原区（县级）",
                                "│  └─ 410103 二七区（县级）",
                                "└─ 4102 开封市（市级）",
                                "   └─ 410202 龙亭区（县级）"], out
    code, out, err = _cli(capsys, cli_db, "root-admin", "region", "list", lang="en")
    assert code == 0 and "│  └─ 410103 二七区 (county)" in out, err


def test_one_campaign_and_one_user_are_singular_in_english(tmp_path: Path) -> None:
    import shutil

    from tests.cli.test_cli import run
    from tests.cli.test_region_recode_cli import FIXTURE

    db = tmp_path / "jingyuan.sqlite3"
    shutil.copyfile(FIXTURE, db)
    for args in (("region", "add", "64", "宁夏回族自治区"), ("region", "add", "6404", "固原市"),
                 ("user", "add", "jy-admin", "--role", "admin", "--region", "990001")):
        assert run(db, *args, as_user="root").returncode == 0, args
    done = run(db, "region", "recode", "990001", "640424", "--parent", "6404", as_user="root", lang="en")
    assert done.returncode == 0, done.stderr
    assert "13 schools, 1 campaign and 1 user moved with it" in done.stdout, done.stdout


def test_a_school_moved_between_counties_is_counted_and_listed_with_its_region(
        cli_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from wcwidth import wcswidth

    moving = tmp_path / "mv.csv"
    moving.write_text("学校代码,学校名称\n41010301,二七区第一小学\n", encoding="utf-8")
    code, out, err = _cli(capsys, cli_db, "admin-41", "schools", "import", str(moving), "--region", "410102")
    assert code == 0 and "新增0所" in out and "移入中原区（410102）1所，未变0所" in out, out + err
    code, out, err = _cli(capsys, cli_db, "admin-41", "schools", "import", str(moving), "--region", "410102",
                          lang="en")  # again: now already there
    assert code == 0 and "0 added, 0 updated, 1 unchanged" in out, out + err
    code, out, err = _cli(capsys, cli_db, "admin-41", "schools", "list")
    assert code == 0 and "行政区划" in out, err
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("| 4")}
    assert "410102 中原区" in lines["41010301"] and "410103 二七区" in lines["41010302"], out
    assert max(wcswidth(line) for line in out.splitlines()) <= 80, out
    code, out, err = _cli(capsys, cli_db, "admin-410202", "schools", "list")  # one county: no region column
    assert code == 0 and "41020201" in out and "行政区划" not in out, err


def test_one_school_enrolled_is_singular_in_english(cli_db: str, capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    register = tmp_path / "new.csv"
    register.write_text("学校代码,学校名称\n41020203,龙亭区第三小学\n", encoding="utf-8")
    code, out, err = _cli(capsys, cli_db, "admin-410202", "schools", "import", str(register))
    assert code == 0, err
    code, out, err = _cli(capsys, cli_db, "admin-410202", "campaign", "enrol", "41020203", lang="en")
    assert code == 0 and "1 school enrolled" in out, out + err
