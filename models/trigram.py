"""The school register's trigram index (migration 11): a filter's text found by index, not by a walk
of every school.

The dashboard's filter is a substring of a school's code, name or township ("城关第一", "0123"). A
B-tree cannot find a substring, so at 500,000 schools a specific filter used to read every row.

- SQLite: an FTS5 table with the trigram tokenizer over school (code, name, township), with school
  as its external content (it stores only the index, 40 MB at 500,000 schools) and triggers that
  keep it in step with every INSERT, UPDATE and DELETE of a school. The reads use it to find the
  candidate rows (``candidates``) and keep their own LIKE as the final word, so the rows shown are
  those of the LIKE alone: the index only narrows where it looks.
- PostgreSQL: pg_trgm GIN indexes on the three columns, which the filter's ILIKE uses as it is.

Either may be missing (an SQLite built without FTS5, a server without contrib, an owner who may not
create the extension): the migration then logs why and succeeds, and the filter reads as before.
"""

from __future__ import annotations

import logging

import peewee as pw

from models.db import database

TABLE = "school_trigram"
COLUMNS = ("code", "name", "township")
# Fewer characters than a trigram cannot be looked up (and match so many rows that walking the
# register in its display order finds a page at once).
MIN_CHARS = 3
SQLITE_TOKENIZER = "trigram"  # SQLite 3.34 and later
POSTGRES_EXTENSION = "pg_trgm"  # PostgreSQL's contrib; trusted since 13: a database owner may create it

log = logging.getLogger("starcampus.db")

_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON school BEGIN "
    f"INSERT INTO {TABLE} (rowid, code, name, township) VALUES (new.id, new.code, new.name, new.township); END",
    # External content: the index forgets a row by being told the values it indexed, which are the old ones.
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON school BEGIN "
    f"INSERT INTO {TABLE} ({TABLE}, rowid, code, name, township) "
    f"VALUES ('delete', old.id, old.code, old.name, old.township); END",
    # Only when a value the index holds changes: an import that moves a school in the order or
    # changes its stage sets its name too, and each write of the index costs a flush of it at the
    # next statement (see workflow/doors/bulk_copy.py).
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF id, code, name, township ON school "
    "WHEN old.id IS NOT new.id OR old.code IS NOT new.code OR old.name IS NOT new.name "
    "OR old.township IS NOT new.township BEGIN "
    f"INSERT INTO {TABLE} ({TABLE}, rowid, code, name, township) "
    f"VALUES ('delete', old.id, old.code, old.name, old.township); "
    f"INSERT INTO {TABLE} (rowid, code, name, township) VALUES (new.id, new.code, new.name, new.township); END",
]


def install(db: pw.Database) -> bool:
    """Create the index for the schools there are and keep it up to date; False (and a log line) when
    this database cannot have one. Inside the migration's transaction; safe to run again."""
    if isinstance(db, pw.PostgresqlDatabase):
        return _install_postgres(db)
    return _install_sqlite(db)


def _install_sqlite(db: pw.Database) -> bool:
    try:
        with db.atomic():  # a savepoint: the migration goes on without the index
            db.execute_sql(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({', '.join(COLUMNS)}, "
                f"content='school', content_rowid='id', tokenize='{SQLITE_TOKENIZER}')")
    except pw.OperationalError as error:  # no such module: fts5 / no such tokenizer: trigram (SQLite < 3.34)
        log.warning("school filter: no FTS5 trigram tokenizer in this SQLite (%s); filters read every school "
                    "instead of a trigram index", error)
        return False
    for sql in _SQLITE_TRIGGERS:
        db.execute_sql(sql)
    db.execute_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')")  # the schools already there
    return True


def _install_postgres(db: pw.Database) -> bool:
    try:
        with db.atomic():  # a savepoint: a refused CREATE EXTENSION must not abort the migration
            db.execute_sql(f"CREATE EXTENSION IF NOT EXISTS {POSTGRES_EXTENSION}")
    except pw.DatabaseError as error:  # not installed (no contrib), or this owner may not create it
        log.warning("school filter: no %s on this PostgreSQL (%s); filters read every school instead of a trigram "
                    "index", POSTGRES_EXTENSION, error)
        return False
    row = db.execute_sql("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                         "WHERE e.extname = %s", (POSTGRES_EXTENSION,)).fetchone()
    schema = str(row[0]).replace('"', '""')  # the operator class lives where the extension was put
    for column in COLUMNS:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS school_{column}_trgm ON school USING gin ({column} "{schema}".gin_trgm_ops)')
    return True


def sqlite_index_present(db: pw.Database) -> bool:
    """Whether this SQLite database has the trigram table (migration 11 could make it)."""
    return db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone() is not None


def searchable(text: str) -> bool:
    """Whether the index can narrow a filter: three characters or more, and no LIKE wildcard (the
    name and township match ``%`` and ``_`` as wildcards, which a substring index cannot find)."""
    return len(text) >= MIN_CHARS and "%" not in text and "_" not in text


def phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: a trigram phrase matches wherever it occurs inside a column,
    case-folded (a superset of SQLite's LIKE, which folds ASCII only)."""
    return '"' + text.replace('"', '""') + '"'


def candidates(text: str) -> pw.SQL:
    """The rowids of the schools whose code, name or township may contain ``text``, as a subquery
    for ``School.id.in_``; every school that does is among them (``searchable`` texts only)."""
    return pw.SQL(f"(SELECT rowid FROM {TABLE}(?))", [phrase(text)])


def candidate_count(text: str, cap: int) -> int | None:
    """How many candidates the open SQLite database's index has for ``text``, counted no further than
    ``cap`` + 1 (the index alone: a few ms even when they are many); None when it cannot tell (no
    index, PostgreSQL, a text ``searchable`` refuses)."""
    db = database.obj
    if isinstance(db, pw.PostgresqlDatabase) or not searchable(text) or not sqlite_index_present(db):
        return None
    row = db.execute_sql(f"SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE}(?) LIMIT ?)", (phrase(text), cap + 1)).fetchone()
    return int(row[0])


def register_size() -> int:
    """About how many schools there are (the highest id: one index step, not a count)."""
    return int(database.obj.execute_sql("SELECT COALESCE(MAX(id), 0) FROM school").fetchone()[0])


def index_intact(db: pw.Database) -> bool | None:
    """Whether the SQLite index holds exactly what the school table does (None: no index, or a
    database opened read-only, which the check cannot be run on).

    The filter keeps its LIKE as the final word on the rows the index offers, but a row the index
    has lost is never offered: an index edited behind the program would hide a school from the
    dashboard. FTS5's integrity check with rank 1 compares the index with its content table."""
    if isinstance(db, pw.PostgresqlDatabase):
        return None  # GIN indexes are the server's own structure, not a table one can write into
    present = db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone()
    if present is None:
        return None
    try:
        db.execute_sql(f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('integrity-check', 1)")
    except pw.DatabaseError as exc:
        if "readonly" in str(exc).replace(" ", "").lower():
            return None  # FTS5's check is an INSERT: a database opened read-only cannot be asked
        return False
    return True


REBUILD_SQL = f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')"
