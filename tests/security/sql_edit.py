"""An attacker's edit straight into the database file, as the tamper tests make it: SQL with ``?`` marks,
sent past every door (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from models.db import database


def sql(statement: str, *params: object) -> None:
    database.execute_sql(statement.replace("?", database.obj.param), params)


def one(statement: str, *params: object) -> int:
    """The first column of the first row, as a number (an id, a count)."""
    return int(database.execute_sql(statement.replace("?", database.obj.param), params).fetchone()[0])
