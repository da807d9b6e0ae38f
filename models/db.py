"""The database connection: SQLite by default, PostgreSQL by URL.

Every model binds to ``database`` (a proxy) so the same code runs on both; ``open_database``
initialises it once at start-up and applies pending migrations.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee
from playhouse.db_url import connect as connect_url

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "busy_timeout": 15000,
    "foreign_keys": 1,
    "synchronous": "normal",
}


def default_db_path() -> Path:
    """The officer's own database file in the user's data directory."""
    import platformdirs

    return Path(platformdirs.user_data_dir("starcampus")) / "starcampus.sqlite3"


def resolve_db_target(explicit: str | None = None) -> str:
    """``--db`` wins, then ``STARCAMPUS_DB``, then the per-user data file."""
    return explicit or os.environ.get("STARCAMPUS_DB") or str(default_db_path())


def is_url(target: str) -> bool:
    return "://" in target


def make_database(target: str) -> peewee.Database:
    if is_url(target):
        if target.startswith(("sqlite://", "sqliteext://")):
            return connect_url(target, pragmas=SQLITE_PRAGMAS)
        return connect_url(target)
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=15)


def open_database(target: str | None = None, *, migrate: bool = True) -> peewee.Database:
    """Connect the proxy to ``target`` and bring the schema up to date."""
    db = make_database(resolve_db_target(target))
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if migrate:
        from models.migrations import migrate as run_migrations

        run_migrations(db)
    return db


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


def is_postgres() -> bool:
    return isinstance(database.obj, peewee.PostgresqlDatabase)


@contextmanager
def write_transaction() -> Iterator[None]:
    """A short write transaction that serialises writers.

    SQLite: BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails
    half-way on a lock upgrade. PostgreSQL: a transaction-scoped advisory lock keeps the
    audit hash chain linear when several officers write at once.
    """
    db = database.obj
    if isinstance(db, peewee.SqliteDatabase):
        with db.atomic("IMMEDIATE"):
            yield
    else:
        with db.atomic():
            db.execute_sql("SELECT pg_advisory_xact_lock(7031)")
            yield
