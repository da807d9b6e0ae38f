"""`starcampus school show` prints the one read model (workflow.reads.school_sheet), row for row,
for both built-in rubrics, bonus items included, on SQLite and PostgreSQL; and the read model's
scope: a school user reads its own school only, read verbs need a known user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rubrics.loader import builtin_rubric
from tests.support import cli_database
from workflow.permissions import Actor

ADMIN = Actor("admin1", "admin")
CLERK = Actor("clerk-a", "school", "S001")


def _seeded(db_url: str, rubric_id: str) -> int:
    """A campaign on ``rubric_id``; S001 self-evaluating with its first leaf and (if any) one bonus item scored."""
    from tests.workflow.helpers import advance_to, assessment, setup_campaign
    from workflow.connection import close_database, open_database
    from workflow.doors.scores import set_score
    from workflow.statemachine.events import fire

    open_database(db_url)
    try:
        campaign = setup_campaign(rubric_id)
        aid = int(assessment(campaign, "S001").id)
        fire(CLERK, aid, "start_self_evaluation")
        advance_to(campaign, "self_evaluation")
        rubric = builtin_rubric(rubric_id)
        set_score(CLERK, aid, rubric.leaf_codes()[0], "1")
        if rubric.bonus is not None:
            set_score(CLERK, aid, rubric.bonus.items[0].code, "2")
        return aid
    finally:
        close_database()


def _sheet_rows(db_url: str, actor: Actor, aid: int) -> list[list[str]]:
    from workflow.connection import close_database, open_database
    from workflow.reads.school_sheet import school_sheet

    open_database(db_url)
    try:
        return [[r.code, r.points, r.self_text, r.verified_text] for r in school_sheet(actor, aid).rows]
    finally:
        close_database()


@pytest.fixture
def cli_db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """``db_url`` as `--db` takes it: a PostgreSQL password goes in a 0600 config file, never on argv."""
    address, env = cli_database(db_url, tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return address


def _cli(capsys: pytest.CaptureFixture[str], db_url: str, *args: str, as_user: str = "admin1",
         lang: str = "zh") -> tuple[int, str, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db_url, "--lang", lang, "--as", as_user, *args])
    out, err = capsys.readouterr()
    return code, out, err


def _printed_rows(out: str) -> list[list[str]]:
    """The table rows of `--format github` output: code, max, self, verified."""
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in out.splitlines() if line.startswith("|")]
    return [[c[0], c[2], c[3], c[4]] for c in cells[2:]]  # past the header and the |---| line


@pytest.fixture
def as_over_ssh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Act as the test's users the way the SSH forced command does.
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22")
    monkeypatch.setenv("STARCAMPUS_NOW", "2022-10-05T10:00:00+08:00")
    yield
    from workflow import clock

    clock.pin(None)  # setup_campaign pinned it


@pytest.mark.parametrize("rubric_id", ["ningxia-2022", "henan-v2"])
def test_school_show_prints_exactly_the_read_models_rows(db_url: str, cli_db: str, rubric_id: str,
                                                         capsys: pytest.CaptureFixture[str],
                                                         as_over_ssh: None) -> None:
    aid = _seeded(db_url, rubric_id)
    expected = _sheet_rows(db_url, ADMIN, aid)
    code, out, err = _cli(capsys, cli_db, "report", "scores", "--school", "S001", "--format", "github")
    assert code == 0, err
    assert _printed_rows(out) == expected
    rubric = builtin_rubric(rubric_id)
    # Every indicator of the rubric, bonus items last; one scored leaf, the rest read "-" (not 0).
    assert [row[0] for row in expected] == [i.code for i in rubric.walk()]
    leaves = {row[0]: row for row in expected if row[0] in set(rubric.leaf_codes())}
    assert leaves[rubric.leaf_codes()[0]][2] == "1"
    assert all(row[2] == "-" and row[3] == "-" for c, row in leaves.items()
               if c not in (rubric.leaf_codes()[0], *(i.code for i in (rubric.bonus.items if rubric.bonus else ()))))
    if rubric.bonus is not None:
        bonus = [row for row in expected if rubric.is_bonus(row[0])]
        assert [row[0] for row in bonus] == ["D1", "D2", "D3", "D4", "D5"]
        assert bonus[0][2] == "2" and "奖励加分 2（上限 30）" in out
    # `school show` (grid) carries the same rows.
    code, grid, err = _cli(capsys, cli_db, "school", "show", "S001")
    assert code == 0, err
    assert all(f"| {row[0]} " in grid for row in expected)
    assert "| 代码 " in grid and "自评 " in grid
    # In English the same sheet: the school's names are data, the sheet's own words English.
    code, english, err = _cli(capsys, cli_db, "school", "show", "S001", lang="en")
    assert code == 0, err
    assert all(f"| {row[0]} " in english for row in expected) and "| Code " in english
    assert "self " in english and "verified " in english and "代码" not in english
    if rubric.bonus is not None:
        assert "bonus 2 (at most 30)" in english


def test_a_school_user_reads_only_its_own_school(db_url: str, cli_db: str, capsys: pytest.CaptureFixture[str],
                                                 as_over_ssh: None) -> None:
    _seeded(db_url, "henan-v2")
    own = _cli(capsys, cli_db, "school", "show", "S001", as_user="clerk-a")
    assert own[0] == 0 and "第1小学" in own[1], own[2]
    other = _cli(capsys, cli_db, "school", "show", "S002", as_user="clerk-a")
    assert other[0] == 1 and "S002" in other[2] and "第2小学" not in other[1]
    listed = _cli(capsys, cli_db, "schools", "list", as_user="clerk-a")
    assert listed[0] == 0 and "S001" in listed[1] and "S002" not in listed[1]
    status = _cli(capsys, cli_db, "status", "--format", "github", as_user="clerk-a")
    assert status[0] == 0 and "第1小学" in status[1] and "第2小学" not in status[1]
    log = _cli(capsys, cli_db, "audit", "log", "--format", "plain", as_user="clerk-a")
    assert log[0] == 0 and "S001" in log[1] and "S002" not in log[1]
    assert _cli(capsys, cli_db, "audit", "log", "--school", "S002", as_user="clerk-a")[0] == 1


def test_admin_only_and_unknown_readers(db_url: str, cli_db: str, capsys: pytest.CaptureFixture[str], as_over_ssh: None,
                                        tmp_path: object) -> None:
    _seeded(db_url, "henan-v2")
    for user in ("viewer1", "expert1", "clerk-a"):
        code, _out, err = _cli(capsys, cli_db, "audit", "export", "-o", f"{tmp_path}/{user}.csv", as_user=user)
        assert code == 1 and "导出全部审计记录" in err, (user, err)
        code, _out, err = _cli(capsys, cli_db, "backup", f"{tmp_path}/{user}.sqlite3", as_user=user)
        assert code == 1 and "备份" in err, (user, err)
    assert _cli(capsys, cli_db, "audit", "export", "-o", f"{tmp_path}/admin.csv")[0] == 0
    # A viewer reads; a read verb by nobody known is refused like a write.
    assert _cli(capsys, cli_db, "status", as_user="viewer1")[0] == 0
    code, _out, err = _cli(capsys, cli_db, "status", as_user="ghost")
    assert code == 1 and "ghost" in err
