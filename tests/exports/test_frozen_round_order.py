"""A frozen round lists its schools in the order they had when settled (trial: an import with 排序 reordered the
2023 notice's schools and changed its first paragraph's leading school); the open round follows the register.
Each settling event keeps the order on the round's row, audit verify holds it like the kept name, and migration 19
fills rows settled before it from the log's school facts. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from exports import gather
from models.db import database
from models.migrations import migrate
from models.schema import Campaign, Round, School
from tests.demo_copy import load_demo
from tests.security.sql_edit import one, sql
from workflow import audit_facts
from workflow.audit import verify_chain
from workflow.doors import demo
from workflow.doors.schools import SchoolRow, import_schools
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.school_stream import school_lines
from workflow.reads.score_grid import grid_position, grid_rows

ADMIN = Actor("demo-admin", "admin")
FIRST, LAST = "640424001", "640424013"  # 泾源县第一中学, first in the register; 黄花乡平凉庄小学, last


def _swap() -> None:
    """The trial's import with 排序: the register's last school first, its first last."""
    a, b = School.get(School.code == FIRST), School.get(School.code == LAST)
    import_schools(ADMIN, [SchoolRow(LAST, b.name, b.township, b.stage, a.display_order),
                           SchoolRow(FIRST, a.name, a.township, a.stage, b.display_order)])


def _round(campaign: Campaign, year: int) -> int:
    return int(Round.get((Round.campaign == campaign.id) & (Round.year == year)).id)


def _codes(campaign: Campaign, round_id: int, order: str = "display") -> list[str]:
    return [r.code for _a, r in gather.school_results(campaign, order, round_id=round_id)]


def test_an_import_with_orders_leaves_a_frozen_rounds_order_as_it_was(db: str) -> None:
    campaign = Campaign.get_by_id(load_demo(review=True))
    frozen, live = _round(campaign, 2023), int(Round.select().order_by(Round.year.desc()).first().id)
    before = _codes(campaign, frozen)
    groups = [[s.name for s in g.schools] for g in gather.notice_input(campaign, round_id=frozen).groups]
    stage = _codes(campaign, frozen, "stage")
    assert before[0] == FIRST and before[-1] == LAST
    _swap()
    assert _codes(campaign, frozen) == before
    assert _codes(campaign, frozen, "stage") == stage
    assert [[s.name for s in g.schools] for g in gather.notice_input(campaign, round_id=frozen).groups] == groups
    # The dashboard's page and the streamed list of the frozen round: the kept order, shown as kept.
    page = queries.school_rows(campaign.id, round_id=frozen, limit=50)
    assert [r.code for r in page] == before and page[0].display_order < page[-1].display_order
    assert [r.code for r in queries.school_rows(campaign.id, round_id=frozen, limit=3, from_end=True)] == before[-3:]
    assert [r.code for r in school_lines(ADMIN, campaign.id, frozen, page=4)] == before
    grid = grid_rows(ADMIN, frozen, "verified", limit=50)  # the score grid of that round, and where a row is in it
    assert [r.code for r in grid] == before and grid_position(ADMIN, frozen, grid[-1].assessment_id) == (
        len(before) - 1, LAST)
    # The open round follows the register as it is now.
    live_codes = [r.code for r in queries.school_rows(campaign.id, round_id=live, limit=50)]
    registered = [c for (c,) in School.select(School.code).order_by(School.display_order, School.code).tuples()]
    assert live_codes == [c for c in registered if c in set(live_codes)]
    assert verify_chain().ok, verify_chain().details("zh")


def test_an_sql_edit_of_a_kept_order_is_named(db: str) -> None:
    campaign = Campaign.get_by_id(load_demo(review=True))
    aid = one("SELECT a.id FROM assessment a JOIN school s ON s.id = a.school_id WHERE s.code = ? AND a.round_id = ?",
              LAST, _round(campaign, 2023))
    assert verify_chain().ok
    sql("UPDATE assessment SET school_order = 0 WHERE id = ?", aid)
    report = verify_chain()
    text = report.details("zh")
    assert not report.ok and LAST in text and "本轮认定时的排序" in text, text


def _before_21(monkeypatch: pytest.MonkeyPatch) -> int:
    """The demo as a program before migration 19 wrote it: no row's facts carry school_order, no row is filled."""
    entry = audit_facts._assessment_entry

    def older(*args: object) -> dict[str, object]:
        made = entry(*args)  # type: ignore[arg-type]
        made.pop("school_order")
        return made

    monkeypatch.setattr(audit_facts, "_assessment_entry", older)
    campaign_id = demo.load_demo(review=True)
    monkeypatch.undo()
    sql("UPDATE assessment SET school_order = NULL")
    sql("DELETE FROM schema_version WHERE version = 19")
    return campaign_id


def test_migration_21_fills_the_order_schools_were_settled_in(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    campaign = Campaign.get_by_id(_before_21(monkeypatch))
    frozen = _round(campaign, 2023)
    held = {code: int(order) for code, order in School.select(School.code, School.display_order).tuples()}
    _swap()
    assert migrate(database.obj) == [19]
    kept = dict(database.execute_sql(
        "SELECT s.code, a.school_order FROM assessment a JOIN school s ON s.id = a.school_id "
        f"WHERE a.round_id = {database.obj.param}", (frozen,)).fetchall())
    assert kept[FIRST] == held[FIRST] and kept[LAST] == held[LAST]  # the log's order, not the register's now
    assert _codes(campaign, frozen)[0] == FIRST
    assert verify_chain().ok, verify_chain().details("zh")
    sql("UPDATE assessment SET school_order = ? WHERE round_id = ? AND school_order = ?", held[FIRST] + 100,
        frozen, held[FIRST])
    report = verify_chain()
    assert not report.ok and "本轮认定时的排序" in report.details("zh"), report.details("zh")
