"""Statements whose answer nobody reads, sent with the next one (PostgreSQL).

Each statement sent on its own is a round trip: the client waits for the server and the server for
the client, and with sixteen officers on two cores every such wait is also a switch to another
process and back. The score save sent ten. A statement whose answer the caller does not read
(BEGIN, an UPDATE by id, the audit row's INSERT) is held here, rendered with its parameters
(``hold``), and sent in front of the next statement the connection sends, or with the COMMIT. The
server runs them in order, in the same transaction, as if they had come one by one; an error in a
held statement is raised by the statement it travels with, still inside the transaction, which then
rolls back whole. Whoever takes a cursor for itself (COPY, executemany) gets what is held sent first,
on its own, so nothing is ever reordered.

Only a database made by ``defer_on`` holds anything (``models.db.make_database``, PostgreSQL, where
peewee runs psycopg2 in autocommit and sends BEGIN and COMMIT itself). SQLite runs each at once.

This module imports nothing of the app: models.db and models.durable both use it.
"""

from __future__ import annotations

import threading
from typing import Any

import peewee

_DEFERS = "_starcampus_defers"  # set on a database made by ``defer_on``


class _Held(threading.local):
    """Per thread, like peewee's connection state: statements rendered but not yet sent."""

    def __init__(self) -> None:
        self.texts: list[bytes] = []


_held = _Held()


def defers(db: peewee.Database | None) -> bool:
    return bool(getattr(db, _DEFERS, False))


def hold(text: bytes) -> None:
    """A rendered statement (no parameters left) to send with the next one."""
    _held.texts.append(text)


def take() -> bytes:
    """What is held, as one text ending in "; " (empty when nothing is), and no longer held."""
    if not _held.texts:
        return b""
    texts, _held.texts = _held.texts, []
    return b"; ".join(texts) + b"; "


def held_count() -> int:
    """How many statements are held (for the tests)."""
    return len(_held.texts)


def drop() -> None:
    """The transaction rolled back (or a new one starts): what it held never runs."""
    _held.texts = []


def defer_on(db: peewee.Database) -> peewee.Database:
    """Let ``db`` hold statements: BEGIN waits for the transaction's first statement, ``hold`` ones
    for the next, and whatever is still held goes with the COMMIT."""
    if not isinstance(db, peewee.PostgresqlDatabase):
        return db
    plain_begin, plain_cursor, plain_execute = db.begin, db.cursor, db.execute_sql
    plain_commit, plain_rollback = db.commit, db.rollback

    def begin(*args: Any, **kwargs: Any) -> None:
        if args or kwargs or db._isolation_level:
            drop()
            plain_begin(*args, **kwargs)
            return
        if db.is_closed():
            db.connect()
        drop()  # a new transaction: nothing of an abandoned one may run in it
        hold(b"BEGIN")

    def cursor(*args: Any, **kwargs: Any) -> Any:
        held = take()
        if held:  # a cursor wanted for itself: what is held goes first, on its own (a plain cursor:
            with peewee.__exception_wrapper__:  # a named one takes a single query, its own)
                plain_cursor().execute(held)
        return plain_cursor(*args, **kwargs)

    def execute_sql(sql: str, params: Any = None) -> Any:
        if not _held.texts:
            return plain_execute(sql, params)
        raw = plain_cursor()
        with peewee.__exception_wrapper__:
            # params as peewee passes them (``params or ()``), so the text is what it would have sent
            text = take() + raw.mogrify(sql, params or ())
            raw.execute(text)
        return raw

    def commit() -> None:
        held = take()
        if held == b"BEGIN; ":
            return None  # nothing reached the server: nothing to commit
        if not held:
            return plain_commit()
        if db.is_closed():
            raise peewee.InterfaceError("Cannot commit, database connection not open.")
        with peewee.__exception_wrapper__:
            plain_cursor().execute(held + b"COMMIT")
        return None

    def rollback() -> None:
        unsent = _held.texts[:1] == [b"BEGIN"]
        drop()
        if unsent:
            return None  # the transaction never reached the server
        return plain_rollback()

    db.begin, db.cursor, db.execute_sql = begin, cursor, execute_sql  # type: ignore[method-assign]
    db.commit, db.rollback = commit, rollback  # type: ignore[method-assign]
    setattr(db, _DEFERS, True)
    return db
