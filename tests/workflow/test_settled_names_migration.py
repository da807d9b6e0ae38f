"""Migration 16 on a database from before it: each settled school gets the name, township and stage it had
when its round settled it, from the audit log's school facts as of that row, though the register was renamed
since; audit verify replays the same rule, so the filled names verify and an SQL edit of one is named.
On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from exports import gather
from models.db import database
from models.migrations import migrate
from models.schema import Assessment, Campaign, Round, School
from tests.security.sql_edit import one, sql
from workflow import audit_facts
from workflow.audit import verify_chain
from workflow.doors import demo
from workflow.doors.schools import SchoolRow, import_schools
from workflow.permissions import Actor

ADMIN = Actor("demo-admin", "admin")
UPWARD = "640424003"  # settled in 2023 (sent up, then granted by the region in 2024)
NEW_NAME = "泾源县城关实验小学"


def _before_16(monkeypatch: pytest.MonkeyPatch) -> int:
    """The demo as a program before migration 16 wrote it: no row's facts carry school_as, no row is filled."""
    entry = audit_facts._assessment_entry

    def older(*args: object) -> dict[str, object]:
        made = entry(*args)  # type: ignore[arg-type]
        made.pop("school_as")
        return made

    monkeypatch.setattr(audit_facts, "_assessment_entry", older)
    campaign_id = demo.load_demo(review=True)
    monkeypatch.undo()
    sql("UPDATE assessment SET school_name = NULL, school_township = NULL, school_stage = NULL")
    sql("DELETE FROM schema_version WHERE version = 16")
    return campaign_id


def _rename() -> None:
    school = School.get(School.code == UPWARD)
    import_schools(ADMIN, [SchoolRow(UPWARD, NEW_NAME, "新城镇", school.stage, school.display_order)])


def _settled_2023() -> int:
    return one("SELECT a.id FROM assessment a JOIN school s ON s.id = a.school_id JOIN campaign_round r "
               "ON r.id = a.round_id WHERE s.code = ? AND r.year = 2023", UPWARD)


def test_migration_16_fills_the_names_schools_were_settled_under(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    campaign = Campaign.get_by_id(_before_16(monkeypatch))
    _rename()
    assert migrate(database.obj) == [16]
    row = Assessment.get_by_id(_settled_2023())
    assert (row.school_name, row.school_township) == ("泾源县城关第一小学", "香水镇")
    frozen = Round.get((Round.campaign == campaign.id) & (Round.year == 2023))
    names = {r.code: r.name for _a, r in gather.school_results(campaign, round_id=frozen.id)}
    assert names[UPWARD] == "泾源县城关第一小学"
    unsettled = Assessment.select().where(Assessment.state.not_in(["certified", "recommended", "not_rated"]))
    assert unsettled.exists() and all(a.school_name is None for a in unsettled)
    assert verify_chain().ok, verify_chain().details("zh")


def test_an_sql_edit_of_a_name_migration_16_filled_is_named(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _before_16(monkeypatch)
    _rename()
    migrate(database.obj)
    sql("UPDATE assessment SET school_name = ? WHERE id = ?", NEW_NAME, _settled_2023())
    report = verify_chain()
    text = report.details("zh")
    assert not report.ok and UPWARD in text and "本轮认定时的校名" in text and NEW_NAME in text, text
