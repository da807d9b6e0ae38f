"""The analysis and batch verbs on the command line (SQLite and PostgreSQL): ``school advance``
for many schools (one line each, one refusal never undoing the others, exit 1), ``report analysis``
in Chinese and English, ``notice draft-problems`` and its ``--keep``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import cli_database

SIX = ("A001", "A002", "A003", "A004", "A005", "A006")


@pytest.fixture
def cli_db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The hand-computed county (tests/workflow/analysis_fixture.py), A001-A005 verified, A006 only
    submitted; ``db_url`` as `--db` takes it."""
    from tests.workflow.analysis_fixture import county
    from workflow import clock
    from workflow.connection import close_database, open_database
    from workflow.i18n import set_language

    open_database(db_url)
    try:
        county(finish=SIX[:5])
    finally:
        close_database()
    clock.pin(None)
    address, env = cli_database(db_url, tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22")  # act as the test's users, as over SSH
    monkeypatch.setenv("STARCAMPUS_NOW", "2022-10-21T10:00:00+08:00")
    yield address
    set_language("zh")


def _cli(capsys: pytest.CaptureFixture[str], db: str, *args: str, lang: str = "zh") -> tuple[int, str, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", lang, "--as", "admin1", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _states(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    code, out, _err = _cli(capsys, db, "report", "schools", "--format", "github")
    assert code == 0
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in out.splitlines() if line.startswith("|")]
    return {row[0]: " ".join(row) for row in cells[2:]}


def test_batch_publicize_of_six_with_one_refused(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "school", "advance", *SIX, "publicize")
    assert code == 1, err
    lines = out.splitlines()
    assert lines[:5] == [f"{c} {n}：完成，现为“公示中”" for c, n in
                         zip(SIX[:5], ("城关一小", "城关中学", "新民小学", "新民二小", "兴盛中学"), strict=True)]
    # A006 only submitted: the guard's reason, in the reader's words; the five before it stay done.
    assert lines[5] == "A006 兴盛二中：拒绝：“公示”不能在“已提交自评”状态下进行（只能在：已核定）。"
    assert lines[6] == "完成5所，拒绝1所（逐校执行：被拒的学校不影响其他学校）。"
    states = _states(cli_db, capsys)
    assert all("公示中" in states[c] for c in SIX[:5]) and "已提交自评" in states["A006"]


def test_batch_by_state_and_its_usage(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "school", "advance", "--state", "verified", "publicize", lang="en")
    assert code == 0, err
    assert out.splitlines()[0] == "A001 城关一小: done, now 'In publicity'"
    assert out.splitlines()[-1] == "5 done, 0 refused (one school at a time: a refusal never undoes the others)."
    code, out, _err = _cli(capsys, cli_db, "school", "advance", "--state", "verified", "publicize")
    assert (code, out.strip()) == (0, "本轮没有处于“已核定”状态的学校。")
    code, _out, err = _cli(capsys, cli_db, "school", "advance", "publicize")
    assert code == 2 and "请写学校代码（可多个）或 --state 状态，二者选一。" in err
    code, _out, err = _cli(capsys, cli_db, "school", "advance", "--state", "flying", "publicize")
    assert code == 1 and "flying" in err
    # One school keeps the old behaviour: a refusal raises, with its next step.
    code, _out, err = _cli(capsys, cli_db, "school", "advance", "A006", "publicize")
    assert code == 1 and "拒绝：“公示”不能在“已提交自评”状态下进行" in err and "下一步" in err


def test_report_analysis_in_chinese_and_english(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "report", "analysis", "--format", "github")
    assert code == 0, err
    assert out.startswith("某县2022智慧校园星级评定：2022年初评分析（参评6所，已有核定总分5所）")
    rows = [[c.strip() for c in line.split("|")[1:-1]] for line in out.splitlines() if line.startswith("|")]
    assert rows[2][:8] == ["1", "1.1", "校园网络", "8", "4", "5", "4.1", "16.5"]
    assert rows[3][:7] == ["2", "2.2", "资源建设与共享", "5", "4", "5", "2.8"]
    assert ["新民乡", "2", "1", "0", "0", "0", "1", "73"] in rows
    assert ["A003", "新民小学", "新民乡", "79", "三星级", "1"] in rows
    chart = out.split("四、核定总分分布")[1].split("五、")[0].splitlines()
    bars = [line for line in chart if "│" in line]
    assert [line.split("│")[0].strip() for line in bars] == ["65–70", "70–75", "75–80", "80–85", "85–90", "90–95",
                                                              "95–100"]
    assert bars[-1].endswith(" 2") and bars[-1].count("█") == 40 and bars[0].count("█") == 20
    assert bars[1].split("│")[1] == " 0"
    rules = [line for line in chart if line.startswith("─")]
    assert [r.split()[1:3] for r in rules] == [["70分", "二星级"], ["80分", "三星级"], ["90分", "四星级"], ["95分", "五星级"]]
    assert chart.index(rules[0]) == chart.index(bars[1]) - 1  # the 70 line right above the 70-75 bin
    assert "六、与上一轮相比：本轮是首轮，没有更早的轮次。" in out

    code, english, err = _cli(capsys, cli_db, "report", "analysis", lang="en")
    assert code == 0, err
    assert english.startswith("某县2022智慧校园星级评定: analysis of the 2022 initial rating (6 schools, 5 with a "
                              "verified total)")
    for words in ("1. Indicators ranked by lost points", "2. Townships", "3. Stages", "4. Distribution",
                  "5. Schools within 5 points of the next level (3 in all)", "6. Since the last round",
                  "── 70 2 stars ──", "── 95 5 stars ──", "Average loss", "no star"):
        assert words in english, words
    assert "分" not in english.split("4. Distribution")[1].split("5. Schools")[0]


def test_notice_draft_problems_and_keep(db_url: str, cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, cli_db, "notice", "draft-problems", "--top", "2")
    assert code == 0, err
    first = "基础设施亟须加强。5所学校中4所在1.1校园网络上失分，平均失分4.1分；1所在1.3能力提升类功能室上失分，平均失分8分。"
    assert first in out.splitlines() and "--keep" in out
    code, out, err = _cli(capsys, cli_db, "notice", "draft-problems", "--keep", lang="en")
    assert code == 0, err
    assert "Infrastructure" not in out and "基础设施 urgently needs strengthening." in out
    assert "Saved as the notice's general problems (in Chinese, version 1)." in out

    from models.schema import NoticeText
    from workflow.connection import close_database, open_database

    open_database(db_url)
    try:
        saved = NoticeText.get(NoticeText.key == "general_problems").text
    finally:
        close_database()
    # Saved in Chinese (the notice's language) whatever the reader's, three blocks the notice numbers.
    assert saved.split("\n\n")[0] == first and len(saved.split("\n\n")) == 3
