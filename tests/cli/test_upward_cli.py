"""The upward review through the real command (SQLite and PostgreSQL): 河南省's admin takes in 中原区's
four-star recommendation with `round pull` (its default campaign is the newest in its region, the
review), assigns its expert (one from the school itself refused), the expert confirms and finishes,
`school decide` on the review writes the decision back, and the county's `school history` shows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import cli_database


@pytest.fixture
def cli_db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from tests.workflow.helpers import JIYUAN_WINDOWS, at
    from tests.workflow.region_fixture import ROOT, build_province
    from tests.workflow.test_upward_review import _advance, _county_recommends
    from workflow import clock
    from workflow.connection import close_database, open_database
    from workflow.doors.campaigns import create_campaign
    from workflow.doors.users import actor_for, add_user
    from workflow.i18n import set_language

    open_database(db_url)
    try:
        province = build_province()
        _county_recommends(province.admin("410102"))
        add_user(ROOT, "admin-41", "admin", region_code="41")
        add_user(ROOT, "expert-p", "expert", region_code="41", school_code="41010202")
        add_user(ROOT, "expert-own", "expert", region_code="41", school_code="41010201")
        clock.pin(at("2022-11-10"))
        review = create_campaign(actor_for("admin-41"), year=2022, region="", title="河南省2022智慧校园四星级认定",
                                 rubric="ningxia-2022", windows=dict(JIYUAN_WINDOWS))
        _advance(actor_for("admin-41"), int(review.id), "verification")
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


def _cli(capsys: pytest.CaptureFixture[str], db: str, who: str, *args: str) -> tuple[int, str, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", "zh", "--as", who, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_upward_review_on_the_command_line(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "admin-41", "round", "pull", "2022")
    assert code == 0 and "已受理1所学校" in out and "41010201" in out, err
    code, _out, err = _cli(capsys, cli_db, "admin-41", "verification", "assign", "expert-own", "41010201")
    assert code == 1 and "回避" in err
    code, _out, err = _cli(capsys, cli_db, "admin-41", "verification", "assign", "expert-p", "41010201")
    assert code == 0, err
    code, out, err = _cli(capsys, cli_db, "expert-p", "score", "confirm", "41010201")
    assert code == 0 and "沿用" in out, err
    code, out, err = _cli(capsys, cli_db, "expert-p", "school", "advance", "41010201", "finish_verification")
    assert code == 0, err
    code, out, err = _cli(capsys, cli_db, "admin-41", "school", "decide", "41010201", "--granted",
                          "--doc-no", "豫教〔2022〕88号", "--date", "2022-12-18")
    assert code == 0 and "河南省" in out and "县级" in out, err
    code, out, err = _cli(capsys, cli_db, "admin-410102", "school", "history", "41010201")
    assert code == 0, err
    assert "上级认定" in out and "河南省 豫教〔2022〕88号 2022-12-18" in out and "四星级" in out


def test_an_officers_default_campaign_is_the_newest_in_its_region(cli_db: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # The server's newest is the province's review; 二七区's admin works on its own county's.
    code, out, err = _cli(capsys, cli_db, "admin-410103", "notice", "show")
    assert code == 0 and "二七区2022年" in out and "四星级认定" not in out, err


def test_a_county_deciding_by_hand_during_the_province_review_reads_words(
        cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The refusal's words, not its key, from a fresh `starcampus` process (one that imported only what
    the command needs: in this process the tests' imports registered every catalog)."""
    import os
    import subprocess
    import sys

    code, out, err = _cli(capsys, cli_db, "admin-41", "round", "pull", "2022")
    assert code == 0 and "41010201" in out, err
    exe = str(Path(sys.executable).with_name("starcampus"))
    for lang, words in (("zh", "河南省2022智慧校园四星级认定"), ("en", "河南省2022智慧校园四星级认定")):
        done = subprocess.run([exe, "--db", cli_db, "--lang", lang, "--as", "admin-410102", "school", "decide",
                               "41010201", "--granted", "--doc-no", "X1", "--date", "2022-12-05"],
                              capture_output=True, text=True, env=dict(os.environ), timeout=120)
        assert done.returncode == 1 and "err." not in done.stderr and words in done.stderr, done.stderr


def test_the_review_campaign_from_verified_to_decided_as_an_officer_trial_met_it(
        cli_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`school events` points to `school decide` (no event is the decision), after 公示 too; enrolling into the
    review is refused, nothing written; --authority is refused there (the review decides in its region's
    name); a second decision names the first."""
    assert _cli(capsys, cli_db, "admin-41", "round", "pull", "2022")[0] == 0
    assert _cli(capsys, cli_db, "admin-41", "verification", "assign", "expert-p", "41010201")[0] == 0
    assert _cli(capsys, cli_db, "expert-p", "score", "confirm", "41010201")[0] == 0
    assert _cli(capsys, cli_db, "expert-p", "school", "advance", "41010201", "finish_verification")[0] == 0
    code, out, err = _cli(capsys, cli_db, "admin-41", "school", "events", "41010201")
    assert code == 0 and "school decide 41010201 --granted" in out and "公示" in out, err
    for codes in ([], ["41010202"]):
        code, _out, err = _cli(capsys, cli_db, "admin-41", "campaign", "enrol", *codes)
        assert code == 1 and "只受理下级推荐的学校" in err, err
    code, out, _err = _cli(capsys, cli_db, "admin-41", "school", "show", "41010202")
    assert code != 0  # not enrolled by the refused command

    assert _cli(capsys, cli_db, "admin-41", "school", "advance", "41010201", "publicize")[0] == 0
    code, out, err = _cli(capsys, cli_db, "admin-41", "school", "events", "41010201")
    assert code == 0 and "school decide 41010201 --granted" in out, out  # not a dead end after 公示
    monkeypatch.setenv("STARCAMPUS_NOW", "2023-01-20T10:00:00+08:00")  # the publicity has run
    decide = ["school", "decide", "41010201", "--granted", "--doc-no", "豫教〔2022〕88号", "--date", "2023-01-18"]
    code, out, err = _cli(capsys, cli_db, "admin-41", *decide, "--authority", "宁夏回族自治区教育厅")
    assert code == 1 and "--authority" in err and "河南省" in err, err
    code, out, err = _cli(capsys, cli_db, "admin-41", *decide, "--authority", "河南省")  # its own name: as given
    assert code == 0 and "河南省 豫教〔2022〕88号" in out, err
    code, out, err = _cli(capsys, cli_db, "admin-41", *decide)
    assert code == 1 and "已经决定" in err and "豫教〔2022〕88号" in err and "2023-01-18" in err, err
    code, out, err = _cli(capsys, cli_db, "admin-41", "school", "events", "41010201")
    assert code == 0 and "school decide" not in out, out


def test_a_county_school_under_the_province_review_is_not_pointed_to_a_hand_decision(
        cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "admin-410102", "school", "events", "41010201")
    assert code == 0 and "school decide 41010201" in out, err  # sent up, the higher tier outside the system
    assert _cli(capsys, cli_db, "admin-41", "round", "pull", "2022")[0] == 0
    code, out, err = _cli(capsys, cli_db, "admin-410102", "school", "events", "41010201")
    assert code == 0 and "school decide" not in out, out  # the province decides it in its review


def test_the_countys_status_says_a_school_sent_up_awaits_the_decision(
        cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "admin-410102", "status")
    assert code == 0, err
    assert "四星级*（已报上级，待认定）" in out and "其中1所已报上级" in out, out
