"""A school renamed and moved to another township after its 2023 round froze: every reader of that round
names it as the round settled it (its kept name, township and stage), every reader of the open round as the
register has it now — `status --round` (its page and --all), `report schools`, `school show --round`, `report
analysis` (its township groups too), the workbook's 分析 and 历年记录 sheets, the school screen's loader and the
school's history. On SQLite and PostgreSQL, through the real command in-process."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.support import admin_cli_ok as _cli
from tests.support import cli_over_ssh

NOW = "2026-12-01T09:00:00+08:00"  # the demo's review round is this year's: the open one
KEPT = "640424001"  # 泾源县第一中学 (香水镇, 初中): two stars in 2023, re-reviewing this year (not settled)
RAISED = "640424010"  # 六盘山镇第一小学 (六盘山镇, 小学): two stars in 2023, raised to three this year (settled)
OLD = {KEPT: ("泾源县第一中学", "香水镇", "初中"), RAISED: ("六盘山镇第一小学", "六盘山镇", "小学")}
NEW = {KEPT: ("泾源县香水中学", "新城镇", "完全中学"), RAISED: ("泾源县六盘山第一小学", "新城镇", "九年一贯制")}
MOVED_TO = "新城镇"


@pytest.fixture
def renamed(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The demo with its 2026 review open, then KEPT and RAISED renamed, moved and restaged in the register."""
    from models.schema import School
    from tests.demo_copy import load_demo
    from workflow import clock
    from workflow.doors.schools import SchoolRow, import_schools
    from workflow.i18n import set_language
    from workflow.permissions import Actor

    clock.pin(datetime.fromisoformat(NOW))
    load_demo(review=True)
    for code in NEW:
        school = School.get(School.code == code)
        assert (school.name, school.township, school.stage) == OLD[code]
    import_schools(Actor("demo-admin", "admin"),
                   [SchoolRow(code, *NEW[code], School.get(School.code == code).display_order) for code in NEW])
    clock.pin(None)
    address = cli_over_ssh(db, tmp_path, monkeypatch)
    monkeypatch.setenv("STARCAMPUS_NOW", NOW)
    yield address
    set_language("zh")


def _rows(out: str) -> dict[str, list[str]]:
    """The `--format github` table rows by their first cell (the school code)."""
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in out.splitlines() if line.startswith("|")]
    return {row[0]: row for row in cells if row}


def _named(row: list[str], school: tuple[str, str, str]) -> bool:
    return row[1] == school[0] and row[2] == school[1]


@pytest.mark.parametrize("verb", [("status",), ("status", "--all"), ("report", "schools")])
def test_the_school_lists_of_a_frozen_round_name_each_school_as_settled_there(
        renamed: str, capsys: pytest.CaptureFixture[str], verb: tuple[str, ...]) -> None:
    past = _rows(_cli(capsys, renamed, *verb, "--round", "2023", "--format", "github"))
    now = _rows(_cli(capsys, renamed, *verb, "--format", "github"))
    for code in NEW:
        assert _named(past[code], OLD[code]), past[code]
    assert _named(now[KEPT], NEW[KEPT]), now[KEPT]  # in the open round, settled there or not
    assert _named(now[RAISED], NEW[RAISED]), now[RAISED]


def test_school_show_of_a_frozen_round_heads_the_sheet_with_the_school_as_settled_there(
        renamed: str, capsys: pytest.CaptureFixture[str]) -> None:
    for code in NEW:
        head = _cli(capsys, renamed, "school", "show", code, "--round", "2023").splitlines()[0]
        assert all(part in head for part in OLD[code]) and NEW[code][0] not in head, head
        head = _cli(capsys, renamed, "school", "show", code).splitlines()[0]
        assert all(part in head for part in NEW[code]) and OLD[code][0] not in head, head


def test_the_analysis_of_a_frozen_round_groups_its_schools_by_the_township_they_were_settled_in(
        renamed: str, capsys: pytest.CaptureFixture[str]) -> None:
    past = _cli(capsys, renamed, "report", "analysis", "--round", "2023", "--format", "github")
    assert MOVED_TO not in past and "九年一贯制" not in past and "完全中学" not in past, past
    assert not any(NEW[code][0] in past for code in NEW)
    now = _cli(capsys, renamed, "report", "analysis", "--format", "github")
    assert MOVED_TO in now and "九年一贯制" in now  # RAISED is verified in the open round
    assert NEW[RAISED][0] in now and OLD[RAISED][0] not in now  # among the schools moved a level


def test_the_workbook_of_a_frozen_round_analyses_and_lists_its_history_as_each_round_settled(
        renamed: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    past, now = tmp_path / "2023.xlsx", tmp_path / "2026.xlsx"
    _cli(capsys, renamed, "export", "workbook", "--round", "2023", "-o", str(past))
    _cli(capsys, renamed, "export", "workbook", "-o", str(now))
    analysed = _sheet_text(past, "分析")
    assert MOVED_TO not in analysed and OLD[KEPT][1] in analysed, analysed
    assert MOVED_TO in _sheet_text(now, "分析")
    for book in (past, now):  # the history sheet holds every round: each as its own round names the school
        lines = _history(book)
        for code in NEW:
            assert lines[(code, 2023)] == OLD[code][0] and lines[(code, 2026)] == NEW[code][0], lines


def _sheet_text(path: Path, title: str) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return "\n".join(str(c) for row in book[title].iter_rows(values_only=True) for c in row if c is not None)
    finally:
        book.close()


def _history(path: Path) -> dict[tuple[str, int], str]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {(str(r[0]), int(r[2])): str(r[1]) for r in book["历年记录"].iter_rows(values_only=True)
                if r and str(r[0]) in NEW and str(r[2]).isdigit()}
    finally:
        book.close()


def test_the_school_screen_and_its_history_of_a_frozen_round_name_the_school_as_settled_there(
        renamed: str, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from models.db import close_database, open_database
    from models.schema import Campaign, Round
    from tui.screens.school_view import load_school
    from workflow.permissions import Actor
    from workflow.reads.history import school_rounds
    from workflow.reads.queries import find_assessment

    history = _cli(capsys, renamed, "school", "history", KEPT, "--format", "github").splitlines()
    assert NEW[KEPT][0] in history[0], history[0]  # headed by its newest round's name
    # Renamed since: each round's line carries the name it printed that year.
    assert "当年校名" in history[1], history[1]
    assert OLD[KEPT][0] in next(line for line in history if " 2023 |" in line)
    assert NEW[KEPT][0] in next(line for line in history if " 2026 |" in line)
    admin = Actor("demo-admin", "admin")
    open_database(db)
    try:
        campaign = Campaign.select().order_by(Campaign.id).first()
        for year, names in ((2023, OLD), (2026, NEW)):
            round_id = int(Round.get((Round.campaign == campaign.id) & (Round.year == year)).id)
            for code in NEW:
                found = find_assessment(int(campaign.id), code, round_id)
                assert found is not None
                view = load_school(admin, int(found.id))
                assert (view.name, view.township, view.stage) == names[code], (year, code)
        for code in NEW:
            lines = {line.year: line.school_name for line in school_rounds(admin, code)}
            assert lines == {2023: OLD[code][0], 2026: NEW[code][0]}, lines
    finally:
        close_database()


def test_the_list_of_a_frozen_round_filters_by_the_township_its_schools_were_settled_in(renamed: str, db: str) -> None:
    from models.db import close_database, open_database
    from models.schema import Campaign, Round
    from workflow.reads.queries import count_rows, school_rows, townships

    open_database(db)
    try:
        campaign = Campaign.select().order_by(Campaign.id).first()
        cid = int(campaign.id)
        past, now = (int(Round.get((Round.campaign == cid) & (Round.year == year)).id) for year in (2023, 2026))
        assert MOVED_TO not in townships(cid, past) and MOVED_TO in townships(cid, now)
        assert school_rows(cid, township=MOVED_TO, round_id=past) == [] and count_rows(
            cid, township=MOVED_TO, round_id=past) == 0
        assert KEPT in {r.code for r in school_rows(cid, township=OLD[KEPT][1], round_id=past)}
        assert {r.code for r in school_rows(cid, township=MOVED_TO, round_id=now)} == set(NEW)
    finally:
        close_database()
