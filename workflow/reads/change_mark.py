"""How far the database has changed: the audit chain's newest seq.

Every change passes the one door with its audit row, so an unchanged seq means nothing a screen shows
has changed: the dashboard keeps its counts when an officer comes back from a school instead of
counting 500,000 schools again."""

from __future__ import annotations

from models.db import database


def change_mark() -> int:
    row = database.execute_sql("SELECT seq FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    return int(row[0]) if row else 0
