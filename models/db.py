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
from playhouse.pool import PooledDatabase

from models.messages import Keyed

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
    """``--db`` wins, then ``STARCAMPUS_DB``, then the config file's ``[database] url``, then the
    per-user data file."""
    from models.pg_config import configured_url

    return explicit or os.environ.get("STARCAMPUS_DB") or configured_url() or str(default_db_path())


def is_url(target: str) -> bool:
    return "://" in target


class DatabaseUnavailable(Keyed, peewee.OperationalError):
    """The database file cannot be opened: a key of models.messages and its data; ``message(lang)``
    says where and why in one language, ``str()`` in both."""


# SQLite URI parameters (https://sqlite.org/uri.html) that a sqlite:// URL may carry, e.g.
# sqlite:////srv/starcampus.sqlite3?mode=ro to open a file read-only.
_SQLITE_URI_PARAMS = ("mode", "immutable", "cache", "nolock")


def _sqlite_uri(target: str) -> str | None:
    """``file:`` URI for a sqlite:// URL carrying SQLite URI parameters, else None."""
    from urllib.parse import parse_qsl, quote, urlencode, urlsplit

    if target.startswith("file:"):
        return target
    parts = urlsplit(target)
    params = parse_qsl(parts.query, keep_blank_values=True)
    if not params or any(key not in _SQLITE_URI_PARAMS for key, _ in params):
        return None
    path = parts.path[1:] if parts.path.startswith("/") else parts.path  # sqlite:///rel, sqlite:////abs
    return f"file:{quote(path)}?{urlencode(params)}"


def make_database(target: str) -> peewee.Database:
    if is_url(target) or target.startswith("file:"):
        if target.startswith(("sqlite://", "sqliteext://", "file:")):
            uri = _sqlite_uri(target)
            if uri is not None:
                pragmas = dict(SQLITE_PRAGMAS)
                if "mode=ro" in uri or "immutable=1" in uri:
                    pragmas.pop("journal_mode")  # changing it is a write
                return peewee.SqliteDatabase(uri, pragmas=pragmas, timeout=15, uri=True)
            return connect_url(target, pragmas=SQLITE_PRAGMAS)
        from models import pg_config

        if pg_config.is_postgres_url(target):
            return pg_config.pooled_database(target)  # password from the 0600 config or libpq, pooled
        return connect_url(target)
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=15)


def open_database(target: str | None = None, *, migrate: bool = True) -> peewee.Database:
    """Connect the proxy to ``target`` and bring the schema up to date."""
    resolved = resolve_db_target(target)
    db = make_database(resolved)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise _unavailable(db, resolved, exc) from exc
    if migrate:
        from models.migrations import migrate as run_migrations

        try:
            run_migrations(db)
        except peewee.OperationalError as exc:
            if "readonly" not in str(exc).lower() and "read-only" not in str(exc).lower():
                raise
            raise DatabaseUnavailable("db.readonly_schema", detail=exc) from exc
    return db


def _unavailable(db: peewee.Database, target: str, exc: Exception) -> Exception:
    """Say plainly why a SQLite file cannot be opened (read-only place, full disk, missing)."""
    if not isinstance(db, peewee.SqliteDatabase) or is_url(target) or target.startswith("file:"):
        return exc
    path = Path(target).expanduser()
    folder = path.parent
    try:
        stat = os.statvfs(folder)
        readonly = bool(stat.f_flag & os.ST_RDONLY) or not os.access(folder, os.W_OK)
        full = stat.f_bavail * stat.f_frsize < 64 * 1024
    except OSError:
        return exc
    if readonly:
        return DatabaseUnavailable("db.readonly_folder", folder=folder, path=path.resolve(), detail=exc)
    if full:
        return DatabaseUnavailable("db.disk_full", folder=folder, detail=exc)
    return exc


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()
    if isinstance(obj, PooledDatabase):
        obj.close_idle()  # close() only gave it back to the pool: at the end, let the server go


def is_postgres() -> bool:
    return isinstance(database.obj, peewee.PostgresqlDatabase)


@contextmanager
def write_transaction() -> Iterator[None]:
    """A short write transaction that serialises writers.

    SQLite: BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails
    half-way on a lock upgrade. PostgreSQL: rows are locked as they are read
    (``lock_for_update``) and the audit chain is serialised by ``lock_audit_chain_head`` at the
    very end, so officers working on different schools overlap everywhere but the last step.
    """
    db = database.obj
    if isinstance(db, peewee.SqliteDatabase):
        with db.atomic("IMMEDIATE"):
            yield
    else:
        with db.atomic():
            yield


def lock_audit_chain_head() -> tuple[int, str] | None:
    """The audit chain's last (seq, hash), locked against other writers until commit.

    PostgreSQL: the advisory lock and the read go in one round trip as two statements; under
    READ COMMITTED each statement takes its own snapshot, so the read sees every chain row
    committed before the lock was granted. Every save in the county queues on this lock, and
    each round trip inside it costs all of them: one fewer took 16 writers from ~405 to ~520
    saves a second here. SQLite is serial already (BEGIN IMMEDIATE).
    """
    head = "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"
    if is_postgres():
        row = database.obj.execute_sql("SELECT pg_advisory_xact_lock(7031); " + head).fetchone()
    else:
        row = database.obj.execute_sql(head).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def insert_row(table: str, values: dict[str, object]) -> None:
    """One plain INSERT, not built through peewee's query compiler (for a hot path under a lock).

    Table and column names come from the schema, never from user input; values are parameters.
    """
    db = database.obj
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join([db.param] * len(values))
    db.execute_sql(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values()))


def lock_for_update(query: peewee.ModelSelect, of: type[peewee.Model] | None = None) -> peewee.ModelSelect:
    """Row locks on PostgreSQL, so a version check and the write after it can't interleave.

    ``of`` limits the lock to one table of a join (locking a school's campaign row on every
    score save would serialise the whole county again).
    """
    if not is_postgres():
        return query
    return query.for_update(of=of) if of is not None else query.for_update()


def bulk_execute(sql: str, rows: list[tuple[object, ...]], chunk: int = 5000) -> None:
    """Run one statement for many rows inside the current transaction. ``{p}`` marks parameters.

    SQLite's executemany is the fastest path there is; psycopg2's runs one round trip a row,
    so PostgreSQL gets execute_batch (pages of statements per round trip).
    """
    if not rows:
        return
    db = database.obj
    statement = sql.format(p=db.param)
    cursor = db.cursor()
    if is_postgres():
        from psycopg2.extras import execute_batch

        execute_batch(cursor, statement, rows, page_size=1000)
        return
    for start in range(0, len(rows), chunk):
        cursor.executemany(statement, rows[start:start + chunk])


def bulk_insert(table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("{p}" for _ in columns)
    bulk_execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
