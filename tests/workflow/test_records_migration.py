"""Migration 5 on a database made before it, on SQLite and PostgreSQL: the rows already there
read as version 1 and the version check works on them at once."""

from __future__ import annotations

import pytest

from models.db import database
from models.migrations import migrate
from models.schema import Narrative, User
from tests.workflow.helpers import EXPERT, SCHOOL_A, assessment, setup_campaign
from workflow.doors.records import set_narrative
from workflow.errors import ConflictError

ADDED = {"narrative": ["version", "updated_by", "updated_at"], "problem": ["version"], "notice_text": ["version"],
         "user": ["key_line", "keys_file", "keys_pending"]}


def test_migration_5_gives_existing_rows_version_1(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    set_narrative(EXPERT, aid, "achievement", "旧成效")
    conn = database.obj
    # Back to the shape of a database made before migration 5 shipped.
    for table, columns in ADDED.items():
        for column in columns:
            conn.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN {column}')
    conn.execute_sql("DELETE FROM schema_version WHERE version = 5")
    assert migrate(conn) == [5]
    for table, columns in ADDED.items():
        assert set(columns) <= {c.name for c in conn.get_columns(table)}, table
    old = Narrative.get((Narrative.assessment == aid) & (Narrative.kind == "achievement"))
    assert (old.version, old.text) == (1, "旧成效")
    assert not User.get(User.name == EXPERT.name).keys_pending
    with pytest.raises(ConflictError):
        set_narrative(SCHOOL_A, aid, "achievement", "x", expected_version=0)
    assert set_narrative(SCHOOL_A, aid, "achievement", "新成效", expected_version=1) == 2
