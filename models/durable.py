"""Durable before acknowledged, without holding the audit chain through the disk's flush.

Every write ends with the audit chain's lock (``models.db.lock_audit_chain_head``), held until
commit. On PostgreSQL a synchronous commit holds it through the WAL flush as well, so the whole
county's saves queue behind one fsync each: on a disk that flushes in ~3 ms that is ~300 saves a
second, however many officers there are.

So a write that locks the chain commits asynchronously (``SET LOCAL synchronous_commit TO off``:
its rows become visible, and the lock passes on, as soon as its commit record is in the WAL
buffers) and then, with the lock released, waits for the WAL to reach the disk up to and past its
own commit record before the door returns. Concurrent writers' waits are served by one flush
(PostgreSQL's group commit). Nothing is acknowledged before it is on disk, as before; what changes
is that another session may see a row a moment before it is durable. WAL is written in order, so
a server crash in that moment loses a suffix of the chain, never a row out of its middle, and the
sealed head beside the key is written only after the wait (``workflow.door.write``).

The wait is a transactional logical-decoding message: it takes a transaction id and writes WAL,
so its synchronous commit flushes, and it touches no table, so waiters never queue on a row.
Where the function is not granted, or on a database not made by ``models.db.make_database`` (whose
commit would not carry the wait), writes keep the synchronous commit.
"""

from __future__ import annotations

import threading
import weakref

import peewee

from models import batch

_FLUSH = "SELECT pg_logical_emit_message(true, 'starcampus', 'durable')"
_FOLDED = "_starcampus_commit_waits"  # set on a database whose commit carries the wait
_CAN_FLUSH = "SELECT has_function_privilege('pg_logical_emit_message(boolean, text, text)', 'EXECUTE')"


class _Pending(threading.local):
    """Per thread, like peewee's connection state: this thread's open write commits asynchronously."""

    def __init__(self) -> None:
        self.flush = False
        self.flushed_to: str | None = None  # the WAL position the last wait made durable (for the tests)


_pending = _Pending()
_granted: weakref.WeakKeyDictionary[peewee.Database, bool] = weakref.WeakKeyDictionary()  # asked once per database


def chain_lock_prefix(db: peewee.Database) -> str:
    """Statements to send with the chain's lock: the asynchronous commit, only where the commit carries
    the wait (``fold_into_commit``) and the wait is allowed."""
    if db not in _granted:
        folded = bool(getattr(db, _FOLDED, False))
        _granted[db] = folded and bool(db.execute_sql(_CAN_FLUSH).fetchone()[0])
    if not _granted[db]:
        return ""
    _pending.flush = True
    return "SET LOCAL synchronous_commit TO off; "


def fold_into_commit(db: peewee.Database) -> peewee.Database:
    """Send the wait with the COMMIT, in one round trip ("COMMIT; SELECT pg_logical_emit_message…"): the
    message runs in its own transaction right after the commit, so it flushes past it. Peewee runs
    psycopg2 in autocommit and sends BEGIN and COMMIT itself, which is what makes this possible."""
    if not isinstance(db, peewee.PostgresqlDatabase):
        return db
    plain = db.commit

    def commit() -> None:
        if not _pending.flush:
            return plain()
        _pending.flush = False
        if db.is_closed():
            raise peewee.InterfaceError("Cannot commit, database connection not open.")
        with peewee.__exception_wrapper__:  # psycopg2's errors as peewee's, as its own commit raises them
            held = batch.take()  # the statements still held (models.batch) go first, in the same trip
            cursor = db.cursor()
            cursor.execute(held + b"COMMIT; " + _FLUSH.encode())
            _pending.flushed_to = str(cursor.fetchone()[0])
        return None

    db.commit = commit  # type: ignore[method-assign]
    setattr(db, _FOLDED, True)
    return db


def after_rollback() -> None:
    _pending.flush = False  # SET LOCAL went with the transaction
