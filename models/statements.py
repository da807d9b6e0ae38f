"""The hot path's fixed statements, planned once per PostgreSQL connection (PREPARE / EXECUTE).

A score save sends about ten statements, and PostgreSQL parsed and planned each one anew: with
sixteen officers saving at once on two cores that was 3.7 ms of the server's CPU a save; prepared
once per connection, 2.2 ms (the client's own CPU fell a little too). Only statements of a fixed
shape come here (``models.prepared``, ``update_by_id``, ``insert_row``); the SQL text is the key,
so a statement is prepared once per connection whatever the arguments.

SQLite needs none of it: the sqlite3 module keeps its own cache of compiled statements.

A prepared statement outlives a ROLLBACK, and one that failed to prepare is not recorded, so the
record of what a connection holds stays true. (Behind a pooler in transaction mode, where one
client's statements can land on another server connection, prepared statements do not work:
docs/deploy-postgres.md says to connect to PostgreSQL directly or in session mode.)
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Sequence
from typing import Any

import peewee

from models import batch
from models.db import database

# psycopg2's marks: %s a parameter, %% a literal percent sign.
_MARK = re.compile(r"%[s%]")
_prepared: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()
_adding = threading.Lock()  # connections are per thread; the map of them is shared


def _numbered(sql: str) -> str:
    count = 0

    def mark(found: re.Match[str]) -> str:
        nonlocal count
        if found.group() == "%%":
            return "%"
        count += 1
        return f"${count}"

    return _MARK.sub(mark, sql)


def run(sql: str, params: Sequence[Any] = ()) -> Any:
    """``database.execute_sql(sql, params)``, the statement prepared on its first use by a connection."""
    db = database.obj
    if not isinstance(db, peewee.PostgresqlDatabase):
        return db.execute_sql(sql, params)
    name = _name_for(db, sql)
    if not params:
        return db.execute_sql(f"EXECUTE {name}")
    return db.execute_sql(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params)


def later(sql: str, params: Sequence[Any] = ()) -> None:
    """``run(sql, params)`` for a statement whose result nobody reads: on PostgreSQL, inside a
    transaction, it is held and sent with the connection's next statement (``models.batch``)."""
    db = database.obj
    if not batch.defers(db) or not db.in_transaction():
        run(sql, params)
        return
    name = _name_for(db, sql)
    if not params:
        batch.hold(f"EXECUTE {name}".encode())
        return
    cursor = db.connection().cursor()
    batch.hold(cursor.mogrify(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params))


def _name_for(db: peewee.PostgresqlDatabase, sql: str) -> str:
    """The name ``sql`` is prepared under on this connection, preparing it on its first use."""
    connection = db.connection()
    names = _prepared.get(connection)
    if names is None:
        with _adding:
            names = _prepared.setdefault(connection, {})
    name = names.get(sql)
    if name is None:
        name = f"starcampus_{len(names) + 1}"
        # The connection's own cursor: a PREPARE is the session's, it need not wait for what is held.
        with connection.cursor() as cursor, peewee.__exception_wrapper__:  # no parameters: the text as it is
            cursor.execute(f"PREPARE {name} AS {_numbered(sql)}")
        names[sql] = name
    return name

