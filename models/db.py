"""The database connection: SQLite by default, PostgreSQL by URL.

Every model binds to ``database`` (a proxy) so the same code runs on both; ``open_database``
initialises it once at start-up and applies pending migrations.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee
from playhouse.pool import PooledDatabase

from models import batch, checkpoint, durable, write_lock
from models.file_modes import make_private, private_folder
from models.messages import Keyed

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "busy_timeout": 15000,
    "foreign_keys": 1,
    "synchronous": "normal",
    # Checkpoints run after a write lets go of the lock (models.checkpoint); one inside a COMMIT only past this.
    "wal_autocheckpoint": checkpoint.HARD_FRAMES,
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
        # Here, not at the top: playhouse.db_url imports psycopg2 (models/pg_driver.py).
        from playhouse.db_url import connect as connect_url

        if target.startswith(("sqlite://", "sqliteext://", "file:")):
            uri = _sqlite_uri(target)
            if uri is not None:
                pragmas = dict(SQLITE_PRAGMAS)
                if "mode=ro" in uri or "immutable=1" in uri:
                    pragmas.pop("journal_mode")  # changing it is a write
                return peewee.SqliteDatabase(uri, pragmas=pragmas, timeout=15, uri=True)
            return connect_url(target, pragmas=SQLITE_PRAGMAS)
        from models import pg_config
        from models.pg_driver import load_psycopg2

        load_psycopg2()  # a server's driver, held back from peewee's import (tui.cli.entry)
        if pg_config.is_postgres_url(target):
            # password from the 0600 config or libpq, pooled; the durability wait sent with the COMMIT
            return durable.fold_into_commit(batch.defer_on(pg_config.pooled_database(target)))
        return durable.fold_into_commit(batch.defer_on(connect_url(target)))
    path = Path(target).expanduser()
    private_folder(path.parent)
    return peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=15)


def sqlite_file(target: str) -> Path | None:
    """The file a SQLite target names (a path, a sqlite:// URL, a file: URI); None for a server or memory."""
    from urllib.parse import unquote, urlsplit

    if target.startswith("file:"):
        name = unquote(target[len("file:"):].split("?", 1)[0])
    elif target.startswith(("sqlite://", "sqliteext://")):
        path = urlsplit(target).path
        name = path[1:] if path.startswith("/") else path  # sqlite:///rel, sqlite:////abs
    elif is_url(target):
        return None
    else:
        name = target
    return None if not name or name == ":memory:" else Path(name).expanduser()


def require_existing(target: str) -> None:
    """Refuse a SQLite target that is missing or a 0-byte file: only ``init`` and ``demo load`` create one.

    A mistyped ``--db`` would otherwise become a new, empty database, and ``audit verify`` on it
    would report "0 rows intact".
    """
    path = sqlite_file(target)
    if path is None:
        return
    if not path.exists():
        raise DatabaseUnavailable("db.missing", path=path)
    wal = path.with_name(path.name + "-wal")
    if path.is_file() and path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0):
        raise DatabaseUnavailable("db.empty", path=path)
    if path.is_file() and not _has_schema_version(path):
        raise DatabaseUnavailable("db.not_ours", path=path)


def _has_schema_version(path: Path) -> bool:
    """Whether the SQLite file is one a starcampus set up, asked read-only: opening it for real
    would already switch another program's file to WAL."""
    import sqlite3
    from urllib.parse import quote

    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return True  # cannot even look (permissions): the real open says why
    try:
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # cannot read it here (a WAL file on a read-only mount): the real open says why
        return True
    except sqlite3.DatabaseError:  # not a database at all
        return False
    finally:
        conn.close()
    return found is not None


def open_database(target: str | None = None, *, migrate: bool = True, create: bool = True) -> peewee.Database:
    """Connect the proxy to ``target`` and bring the schema up to date.

    ``create=False`` (every command but ``init`` and ``demo load``) refuses a missing or empty
    SQLite file, and a database no starcampus ever set up, instead of making a new one. A schema
    newer than this program's is refused either way (models.migrations.check_not_newer).
    """
    from models.migrations import applied_versions, check_not_newer

    resolved = resolve_db_target(target)
    if not create:
        require_existing(resolved)
    file = sqlite_file(resolved)
    new_file = file is not None and not file.exists()
    db = make_database(resolved)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise _unavailable(db, resolved, exc) from exc
    if new_file and file is not None:
        make_private(file)  # the umask makes it so too; this holds for a library caller without one
    applied = applied_versions(db)  # read once: the three checks below asked for it four times
    check_not_newer(db, applied)
    if not create and not applied:  # no schema version: no starcampus ever set it up
        db.close()
        raise DatabaseUnavailable("db.missing", path=file if file is not None else redacted(resolved))
    if migrate:
        from models.migrations import migrate as run_migrations

        try:
            run_migrations(db, applied)
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


def redacted(url: str) -> str:
    """A server URL without its password, fit for a message."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


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
    half-way on a lock upgrade; the lock file of models.write_lock is taken before it and let go
    after the COMMIT or ROLLBACK. PostgreSQL: rows are locked as they are read
    (``lock_for_update``) and the audit chain is serialised by ``lock_audit_chain_head`` at the
    very end, so officers working on different schools overlap everywhere but the last step.
    """
    db = database.obj
    if isinstance(db, peewee.SqliteDatabase):
        if db.in_transaction():  # nested: the outer transaction holds both locks already
            with db.atomic("IMMEDIATE"):
                yield
            return
        # Writers queue on the lock file first (models.write_lock): the kernel hands it to the next
        # one the moment it is free, where SQLite's busy handler would sleep up to 100 ms a try.
        with write_lock.held(db), db.atomic("IMMEDIATE"):
            yield
        checkpoint.after_write(db)  # the lock is free again: the log's copying back keeps no one waiting
    else:
        if not db.in_transaction():
            _chained.actors = []  # a new transaction holds no rows yet
        try:
            with db.atomic():  # the outermost commit also waits for the disk (models.durable)
                yield
        except peewee.DataError as exc:
            if not db.in_transaction():
                durable.after_rollback()
            name = _disabled_actor(exc)
            if name is None:
                raise
            raise ChainedActorDisabled(name) from exc
        except BaseException:
            if not db.in_transaction():
                durable.after_rollback()
            raise


def lock_audit_chain_head() -> tuple[int, str] | None:
    """The audit chain's last (seq, hash), locked against other writers until commit.

    PostgreSQL: the advisory lock and the read go in one round trip as two statements; under
    READ COMMITTED each statement takes its own snapshot, so the read sees every chain row
    committed before the lock was granted. Every save in the county queues on this lock, and
    each round trip inside it costs all of them: one fewer took 16 writers from ~405 to ~520
    saves a second here, and committing without the disk flush under it (models.durable) more.
    SQLite is serial already (BEGIN IMMEDIATE).
    """
    return lock_audit_chain(None)[0]


_HEAD = "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"
# The head (no row on an empty chain) and whether the actor is a disabled user, in one read.
_HEAD_AND_ACTOR = ('SELECT h.seq, h.hash, EXISTS (SELECT 1 FROM "user" WHERE "name" = {p} AND "disabled" = {p}) '
                   "FROM (SELECT 1) AS one LEFT JOIN (" + _HEAD + ") AS h ON 1 = 1")


def lock_audit_chain(actor: str | None) -> tuple[tuple[int, str] | None, bool]:
    """``lock_audit_chain_head``, and whether ``actor`` is a user who has been disabled, read under
    the chain's lock in the same statement as the head: a disable committed before the lock was
    granted is always seen, and it costs the save no round trip of its own. On PostgreSQL the
    statements held for the transaction (``models.batch``: its UPDATEs, and BEGIN itself if nothing
    was sent yet) go in the same round trip, in front of the lock."""
    from models import statements  # imports this module

    db = database.obj
    sql = _HEAD_AND_ACTOR.format(p=db.param)
    params = [actor or "", True]
    if is_postgres():
        prefix = durable.chain_lock_prefix(db) + "SELECT pg_advisory_xact_lock(7031); "
        if batch.defers(db):
            for statement in prefix.split("; "):
                if statement:
                    batch.hold(statement.encode())
            row = statements.run(sql, params).fetchone()
        else:
            row = db.execute_sql(prefix + sql, params).fetchone()
    else:
        row = statements.run(sql, params).fetchone()
    head = (int(row[0]), str(row[1])) if row[0] is not None else None
    return head, bool(row[2]) and actor is not None


class ChainedActorDisabled(Exception):
    """An audit row held by ``hold_chained`` found its actor disabled under the chain's lock: the whole
    write was rolled back (workflow.door.write refuses it in the user's words)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


# The actor's check inside the held INSERT: a disabled actor's name is cast to an integer, which fails,
# so the statement (and with it the whole transaction) is refused with this text in the error.
_DISABLED_MARK = "starcampus-disabled-user:"
_CHAIN_COLUMNS = ("at", "actor", "action", "campaign_id", "assessment_id", "school_code", "from_state", "to_state",
                  "reason", "payload")
_CHAINED_INSERT = (
    'INSERT INTO audit_event (seq, prev_hash, hash, seal, ' + ", ".join(f'"{c}"' for c in _CHAIN_COLUMNS) + ") "
    "SELECT n.seq, n.prev, encode(sha256(convert_to('[' || n.seq || ',' || %s || ',\"' || n.prev || '\"]', "
    "'UTF8')), 'hex'), '', "
    + ", ".join("CAST(%s AS integer)" if c.endswith("_id") else "CAST(%s AS text)" for c in _CHAIN_COLUMNS) + " "
    "FROM (SELECT COALESCE(h.seq, 0) + 1 + COALESCE((SELECT CAST('" + _DISABLED_MARK + "' || u.name AS integer) "
    'FROM "user" AS u WHERE u.name = %s AND u.disabled), 0) AS seq, COALESCE(h.hash, %s) AS prev '
    "FROM (SELECT 1) AS one LEFT JOIN (" + _HEAD + ") AS h ON TRUE) AS n"
)


class _Chained(threading.local):
    """The actors of the rows this thread's open transaction holds (``hold_chained``)."""

    def __init__(self) -> None:
        self.actors: list[str] = []


_chained = _Chained()


def _disabled_actor(exc: BaseException) -> str | None:
    """The actor refused by ``hold_chained``'s check, when that check is what ``exc`` is, else None. The
    name is the one held, not read back out of the server's words (which its locale may translate)."""
    text, actors, _chained.actors = str(exc), _chained.actors, []
    if _DISABLED_MARK not in text or not actors:
        return None
    return next((name for name in actors if _DISABLED_MARK + name in text), actors[-1])


def chains_on_server() -> bool:
    """Whether ``hold_chained`` would take a row here (asked first: its middle text is work to make)."""
    db = database.obj
    return is_postgres() and batch.defers(db) and db.in_transaction()


def hold_chained(values: dict[str, object], middle: str, genesis: str) -> bool:
    """Append an unsealed audit row whose seq, prev_hash and hash the server works out under the chain's
    lock, held to travel with the COMMIT (PostgreSQL, ``models.batch``): the lock is then taken and let
    go inside that one round trip, with no client in between (``lock_audit_chain`` holds it through one).
    ``values``: the row's ``_CHAIN_COLUMNS``; ``middle``: ``workflow.audit_chain.middle_text`` of them.
    The actor is refused under the lock, as ``lock_audit_chain`` refuses it (``ChainedActorDisabled``).
    False (nothing done): not here (SQLite, or a database that does not hold statements)."""
    from models import statements  # imports this module

    db = database.obj
    if not chains_on_server():
        return False
    prefix = durable.chain_lock_prefix(db) + "SELECT pg_advisory_xact_lock(7031); "
    for statement in prefix.split("; "):
        if statement:
            batch.hold(statement.encode())
    _chained.actors.append(str(values["actor"]))
    statements.later(_CHAINED_INSERT, [middle, *(values[c] for c in _CHAIN_COLUMNS), values["actor"], genesis])
    return True


def insert_row(table: str, values: dict[str, object], *, later: bool = False) -> None:
    """One plain INSERT, not built through peewee's query compiler (for a hot path under a lock).

    Table and column names come from the schema, never from user input; values are parameters.
    ``later``: on PostgreSQL it may travel with the next statement or the COMMIT (``models.batch``).
    """
    from models import statements  # imports this module

    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join([database.obj.param] * len(values))
    (statements.later if later else statements.run)(
        f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values()))


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
