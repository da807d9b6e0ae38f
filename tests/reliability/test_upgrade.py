"""A database made by schema migration 1 (tests/fixtures/schema_v1.sqlite3) opens, migrates
to the current version and keeps its data and a verifying audit chain."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v1.sqlite3"


def test_v1_database_upgrades_in_place(tmp_path: Path) -> None:
    from models.db import close_database, open_database
    from models.migrations import CURRENT_VERSION, MIGRATIONS
    from models.schema import Assessment, AuditEvent, SchemaVersion, School, Score
    from workflow.audit import verify_chain

    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    with sqlite3.connect(copy) as conn:
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version")] == [1]
        before = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("school", "assessment", "score", "audit_event", "user")}
    open_database(str(copy))
    try:
        assert sorted(v.version for v in SchemaVersion.select()) == [m[0] for m in MIGRATIONS]
        assert max(v.version for v in SchemaVersion.select()) == CURRENT_VERSION
        assert School.select().count() == before["school"] == 13
        assert Assessment.select().count() == before["assessment"] == 13
        assert Score.select().count() == before["score"]
        assert AuditEvent.select().count() == before["audit_event"]
        top = School.get(School.code == "640424003")
        assert top.name == "泾源县城关第一小学"
        assert str(Assessment.get(Assessment.school == top).verified_total) == "94.5"
        report = verify_chain()
        assert report.ok, report.message("en")
        assert report.rows == before["audit_event"]
    finally:
        close_database()
    with sqlite3.connect(copy) as conn:  # migration 2's indexes are there now
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"school_name", "assessment_campaign_state"} <= names
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    open_database(str(copy))  # a second open applies nothing and changes nothing
    try:
        assert verify_chain().ok
    finally:
        close_database()


V1_SHAPE = {
    "table": {"assessment", "audit_event", "campaign", "narrative", "objection", "problem", "responsibility",
              "schema_version", "school", "score", "user", "verification"},
    "trigger": {"audit_event_no_delete", "audit_event_no_update"},
}


def test_fixture_is_a_version_1_database() -> None:
    """The committed file is what migration 1 shipped: no table a later migration added. (Its
    generator, tests/fixtures/make_schema_v1.py, ran on the code of that time; today's migration 1
    creates today's tables, so it cannot make the file again.)"""
    with sqlite3.connect(FIXTURE) as conn:
        rows = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    assert {n for t, n in rows if t == "table"} == V1_SHAPE["table"]
    assert {n for t, n in rows if t == "trigger"} == V1_SHAPE["trigger"]
    assert ("index", "assessment_campaign_id_school_id") in rows  # one school per campaign, as then


def test_v1_database_gets_rounds_and_keeps_its_year(tmp_path: Path) -> None:
    """Migration 7: every assessment lands in its campaign's initial round (初评), the year's
    results read the same, a second round for the same school is possible, the chain verifies."""
    from models.db import close_database, open_database
    from models.schema import Assessment, Campaign, Round, School
    from workflow.audit import verify_chain
    from workflow.permissions import Actor
    from workflow.reads.campaign_status import campaign_status

    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    with sqlite3.connect(copy) as conn:
        states_before = sorted(conn.execute("SELECT school_id, state, star_level, verified_total FROM assessment"))
    open_database(str(copy))
    try:
        campaigns = list(Campaign.select())
        rounds = list(Round.select())
        assert [(r.campaign_id, r.year, r.kind) for r in rounds] == [(c.id, c.year, "initial") for c in campaigns]
        assert Assessment.select().where(Assessment.round.is_null()).count() == 0
        after = sorted((a.school_id, a.state, a.star_level, None if a.verified_total is None else float(a.verified_total))
                       for a in Assessment.select())
        assert after == [(s, st, lv, None if v is None else float(v)) for s, st, lv, v in states_before]
        status = campaign_status(Actor("auditor", "viewer"))
        assert (status.round_year, status.round_kind) == (campaigns[0].year, "initial")
        # One school per round now: the same school may be in a later round of the same campaign.
        later = Round.create(campaign=campaigns[0].id, year=campaigns[0].year + 1, kind="review",
                             opened_at="2024-11-01T09:00:00+08:00", opened_by="test")
        school = School.get(School.code == "640424003")
        Assessment.create(campaign=campaigns[0].id, round=later.id, school=school.id, state="re_reviewing")
        assert Assessment.select().where(Assessment.school == school.id).count() == 2
        assert verify_chain().ok
    finally:
        close_database()


def test_v1_database_gets_one_region_per_campaign_region_name(tmp_path: Path) -> None:
    """Migration 9: each distinct region name the campaigns carry becomes one region (a placeholder
    code under 99, no province of GB/T 2260), every campaign and school gets its region, every user
    keeps the whole server, the chain verifies, and a whole-server reader sees what it saw."""
    from models.db import close_database, open_database
    from models.migrations import PLACEHOLDER_PREFIX
    from models.schema import Campaign, Region, School, User
    from workflow.audit import verify_chain
    from workflow.doors.users import actor_for
    from workflow.reads.campaign_status import campaign_list

    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    with sqlite3.connect(copy) as conn:  # a second campaign of the same county, and one of another region
        for year, region in ((2024, "泾源县"), (2025, "固原市")):
            conn.execute("INSERT INTO campaign (year, region, title, organ, rubric_id, rubric_json, phase, windows_json,"
                         " publicity_days, created_at) SELECT ?, ?, title || ?, organ, rubric_id, rubric_json,"
                         " 'mobilization', windows_json, publicity_days, created_at FROM campaign WHERE id = 1",
                         (year, region, str(year)))
    open_database(str(copy))
    try:
        regions = {r.code: (r.name, r.parent_code) for r in Region.select()}
        assert regions == {f"{PLACEHOLDER_PREFIX}0001": ("泾源县", ""), f"{PLACEHOLDER_PREFIX}0002": ("固原市", "")}
        by_name = {name: code for code, (name, _p) in regions.items()}
        assert {(c.region, c.region_code) for c in Campaign.select()} == {(n, c) for n, c in by_name.items()}
        assert {s.region_code for s in School.select()} == {by_name["泾源县"]}  # enrolled in 泾源县's campaign
        assert {u.region_code for u in User.select()} == {""}
        assert len(campaign_list(actor_for("viewer"))) == 3
        assert verify_chain().ok
    finally:
        close_database()
