"""The hot path's statements prepared once per PostgreSQL connection (models/statements.py): the
same rows as an ordinary execution, each shape prepared once, and a failed transaction leaves the
connection's prepared statements usable."""

from __future__ import annotations

import pytest

from models import statements
from models.db import database, is_postgres, write_transaction
from models.prepared import update_by_id
from models.schema import User


def _prepared_here() -> list[str]:
    return [statement for (statement,) in database.execute_sql(
        "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'starcampus%%'").fetchall()]


def test_a_shape_is_prepared_once_and_answers_like_plain_sql(db: str) -> None:
    User.create(name="a-100%", role="viewer")
    User.create(name="b", role="admin")
    sql = f'SELECT name FROM "user" WHERE role = {database.obj.param} AND name LIKE \'%%100%%\' ORDER BY name'
    if not is_postgres():
        sql = sql.replace("%%", "%")  # sqlite3 takes the text as it is
    assert [r[0] for r in statements.run(sql, ["viewer"]).fetchall()] == ["a-100%"]
    assert [r[0] for r in statements.run(sql, ["admin"]).fetchall()] == []
    if is_postgres():
        shown = [s for s in _prepared_here() if "LIKE" in s]
        assert len(shown) == 1 and "$1" in shown[0] and "'%100%'" in shown[0]


def test_a_rolled_back_write_leaves_the_prepared_statements_working(db: str) -> None:
    User.create(name="c", role="viewer")
    row_id = User.get(User.name == "c").id
    with pytest.raises(RuntimeError), write_transaction():
        update_by_id(User, row_id, role="expert")  # prepared inside the transaction that fails
        raise RuntimeError("the write is abandoned")
    assert User.get_by_id(row_id).role == "viewer"
    with write_transaction():
        update_by_id(User, row_id, role="expert")  # the same shape, on the same connection, again
    assert User.get_by_id(row_id).role == "expert"
    if is_postgres():
        assert len([s for s in _prepared_here() if s.startswith("PREPARE") and "UPDATE" in s]) == 1


def test_a_statement_that_cannot_be_prepared_is_not_taken_for_prepared(db: str) -> None:
    if not is_postgres():
        pytest.skip("PostgreSQL's PREPARE only")
    bad = 'SELECT name FROM "no_such_table" WHERE id = %s'
    with pytest.raises(Exception, match="no_such_table"):
        statements.run(bad, [1])
    database.obj.rollback()
    database.execute_sql('CREATE TABLE "no_such_table" (id INTEGER, name TEXT)')
    database.execute_sql("INSERT INTO no_such_table VALUES (1, 'now here')")
    assert statements.run(bad, [1]).fetchall() == [("now here",)]
