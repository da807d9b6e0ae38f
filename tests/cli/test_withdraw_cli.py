"""The README's year leaves three schools enrolled that never began (已参评): once the phase has passed 自评整改
nothing moves them and `round open` was refused with no next step. 未参评 (``withdraw``, with the reason) settles
them; the refusal and `campaign advance` name it (SQLite and PostgreSQL, the real command in-process)."""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_first_hour import NOW, ROOT, year_block
from tests.support import cli_database


@pytest.fixture
def officer(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh directory holding examples/ and rubrics/builtin/, as the README's year runs in; the address."""
    from workflow.i18n import set_language

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "rubrics" / "builtin", tmp_path / "rubrics" / "builtin")
    (tmp_path / ".demo").mkdir()
    monkeypatch.chdir(tmp_path)
    address, env = cli_database(db_url, tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name in ("SSH_CONNECTION", "STARCAMPUS_DB", "STARCAMPUS_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("STARCAMPUS_NOW", NOW.isoformat())
    yield address
    set_language("zh")


def _cli(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", "zh", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _readme_commands() -> tuple[list[list[str]], list[str]]:
    """The README year's starcampus commands up to its 未参评 line (not the file-writing ones), and that line."""
    words = [shlex.split(line, comments=True) for line in year_block()]
    commands = [w[1:] for w in words if w and w[0] == "starcampus"]
    [withdraw] = [w for w in commands if "withdraw" in w]
    before = commands[:commands.index(withdraw)]
    return before, withdraw


def test_the_readme_year_then_the_three_that_did_not_take_part_are_settled(
        officer: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import timedelta

    before, withdraw = _readme_commands()
    assert withdraw[:2] == ["school", "advance"] and "--reason" in withdraw
    for args in before:
        if args[-1] == "certify":
            monkeypatch.setenv("STARCAMPUS_NOW", (NOW + timedelta(days=6)).isoformat())
        code, _out, err = _cli(capsys, officer, *args)
        assert code == 0, f"{args}\n{err}"
    monkeypatch.setenv("STARCAMPUS_NOW", "2022-11-02T10:00:00+08:00")
    code, out, err = _cli(capsys, officer, "campaign", "advance")  # 标准核定 → 创建提升
    assert code == 0, err
    assert "其中3所学校" in out and "school advance 学校代码 withdraw --reason 理由" in out, out
    code, _out, err = _cli(capsys, officer, "round", "open", "2023", "--all")
    assert code != 0 and "还有3所学校" in err, err
    assert "下一步" in err and "school advance 学校代码 withdraw --reason 理由" in err, err
    code, out, _err = _cli(capsys, officer, "school", "events", "4190010002")
    assert code == 0 and [line for line in out.splitlines() if "withdraw" in line and "✓" in line], out
    # The README's own line, in the phase it now is: the three settled as 未参评, with the reason.
    code, out, err = _cli(capsys, officer, *withdraw)
    assert code == 0, err
    assert out.count("未参评") >= 3, out
    code, out, err = _cli(capsys, officer, "round", "open", "2023", "--all")
    assert code == 0 and "选入1所学校" in out, err  # the certified one: --all leaves out those that did not take part
    code, out, err = _cli(capsys, officer, "audit", "verify")
    assert code == 0 and "校验通过" in out, out + err
