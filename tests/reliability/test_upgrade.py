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


def test_fixture_is_what_the_generator_makes(tmp_path: Path, monkeypatch) -> None:
    """The committed file and its script agree on the shape (not the bytes: times differ)."""
    from tests.fixtures.make_schema_v1 import build

    monkeypatch.setenv("STARCAMPUS_NOW", "2023-09-20T10:00:00+08:00")
    fresh = build(tmp_path / "v1.sqlite3")
    query = "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    with sqlite3.connect(fresh) as a, sqlite3.connect(FIXTURE) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        assert a.execute("SELECT COUNT(*) FROM audit_event").fetchone() == b.execute(
            "SELECT COUNT(*) FROM audit_event").fetchone()
