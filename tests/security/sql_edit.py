"""An attacker's edit straight into the database file, as the tamper tests make it: SQL with ``?`` marks,
sent past every door (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from collections.abc import Callable

from models.db import database, is_postgres


def sql(statement: str, *params: object) -> None:
    database.execute_sql(statement.replace("?", database.obj.param), params)


def unguard_audit_log() -> None:
    """The append-only triggers of the audit log out of the way, as an attacker with the file makes them
    (PostgreSQL: disabled; SQLite: dropped)."""
    if is_postgres():
        database.execute_sql("ALTER TABLE audit_event DISABLE TRIGGER ALL")
    else:
        database.execute_sql("DROP TRIGGER audit_event_no_update")
        database.execute_sql("DROP TRIGGER audit_event_no_delete")


def one(statement: str, *params: object) -> int:
    """The first column of the first row, as a number (an id, a count)."""
    return int(database.execute_sql(statement.replace("?", database.obj.param), params).fetchone()[0])


def assert_named(edit: Callable[[], None], words: tuple[str, ...], label: str) -> None:
    """On the demo with its review round: the log verifies, ``edit`` is made, and verify fails naming every
    one of ``words`` (the school or campaign, the field, the value) in Chinese."""
    from tests.demo_copy import load_demo
    from workflow.audit import verify_chain

    load_demo(review=True)
    assert verify_chain().ok
    edit()
    report = verify_chain()
    assert not report.ok, label
    text = report.details("zh")
    for word in words:
        assert word in text, text
