"""The school register's trigram index: a filter's text found by index, not by a walk of every school.

The dashboard's filter is a substring of a school's code, name or township ("城关第一", "0123"). A
B-tree cannot find a substring, so at 500,000 schools a specific filter used to read every row.

- SQLite, migration 12 (``install_search``): an FTS5 trigram table, ``school_search``, over the view
  ``school_search_text``, which holds each column ASCII-lowered and followed by two U+0001: the table
  stores only the index, and triggers keep it in step with every INSERT, UPDATE and DELETE of a
  school. Its MATCH finds exactly what the filter's LIKE finds (``exact``), for a text of any length:
  - LIKE folds ASCII letters only, and so does SQLite's lower(); the tokenizer is case-sensitive, so
    nothing else is folded (the case-folding tokenizer of migration 11 also matched Ä for ä, ſ for s
    and the Kelvin sign for k, which LIKE does not).
  - A text of three characters or more is one phrase: its trigrams at consecutive places, that is
    the text itself inside one column.
  - A text of one or two characters is the first part of a trigram wherever it occurs, because of
    the two characters of padding after each value: the index's own term list (the fts5vocab table
    ``school_search_terms``) names the trigrams it starts, and their OR finds the schools.
  So a count can be read from the index alone (``match_count``); the rows shown still pass the
  LIKE, which stays the final word on what the index offers.
- Migration 11 (``install``, kept as it shipped): an FTS5 trigram table with Unicode case folding
  over school itself, replaced by migration 12.
- PostgreSQL: pg_trgm GIN indexes on the three columns (migration 11), which the filter's ILIKE used
  as it is; since migration 13 (``install_pg_search``) a stored generated column ``search_text``, the
  three lowered as ILIKE lowers them with PAD between, read with LIKE, and one GIN index on it: a
  filter too short for trigrams (one or two characters) scans one already-lowered text per school
  instead of lowering three.

Either may be missing (an SQLite built without FTS5, a server without contrib, an owner who may not
create the extension): the migration then logs why and succeeds, and the filter reads as before.
"""

from __future__ import annotations

import logging

import peewee as pw

from models.db import database

TABLE = "school_trigram"
COLUMNS = ("code", "name", "township")
# A text this long is a phrase of trigrams; a shorter one starts trigrams (migration 12's padding).
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


def phrase(text: str) -> str:
    """``text`` as one FTS5 phrase (a string: every character stands for itself)."""
    return '"' + text.replace('"', '""') + '"'


# ----- migration 12: the exact index

SEARCH_TABLE = "school_search"
SEARCH_VIEW = "school_search_text"
TERMS_TABLE = "school_search_terms"
PAD = "\x01"  # never in a filter the index is asked about (``exact``); the importers refuse control characters
# A one- or two-character filter that starts more trigrams than this is a common one ("1": 122 at
# 500,000 schools): the OR of their doclists would cost more than a walk of the register.
MAX_TERMS = 16


def _indexed(column: str, row: str = "") -> str:
    """What the index holds of ``column``: ASCII-lowered as LIKE compares it, and padded (see the module)."""
    return f"lower({row}{column}) || char(1, 1)"


def _search_triggers() -> list[str]:
    cols = ", ".join(COLUMNS)
    new = ", ".join(_indexed(c, "new.") for c in COLUMNS)
    old = ", ".join(_indexed(c, "old.") for c in COLUMNS)
    forget = f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    learn = f"INSERT INTO {SEARCH_TABLE} (rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {SEARCH_TABLE}_insert AFTER INSERT ON school BEGIN {learn} END",
        # External content: the index forgets a row by being told the values it indexed, the old ones.
        f"CREATE TRIGGER IF NOT EXISTS {SEARCH_TABLE}_delete AFTER DELETE ON school BEGIN {forget} END",
        # Only when a value the index holds changes (each write of the index costs a flush of it at the
        # next statement, see workflow/doors/bulk_copy.py).
        f"CREATE TRIGGER IF NOT EXISTS {SEARCH_TABLE}_update AFTER UPDATE OF id, {cols} ON school "
        "WHEN " + " OR ".join(f"old.{c} IS NOT new.{c}" for c in ("id", *COLUMNS)) + f" BEGIN {forget} {learn} END",
    ]


def install_search(db: pw.Database) -> bool:
    """Migration 12 on SQLite: the exact index in place of migration 11's (dropped); False (and a log
    line) when this SQLite has no FTS5 trigram tokenizer. PostgreSQL keeps its GIN indexes."""
    if isinstance(db, pw.PostgresqlDatabase):
        return False
    cols = ", ".join(COLUMNS)
    try:
        with db.atomic():  # a savepoint: the migration goes on without the index
            db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5({cols}, "
                           f"content='{SEARCH_VIEW}', content_rowid='id', tokenize='{SQLITE_TOKENIZER} case_sensitive 1')")
    except pw.OperationalError as error:  # no such module: fts5 / no such tokenizer: trigram (SQLite < 3.34)
        log.warning("school filter: no FTS5 trigram tokenizer in this SQLite (%s); filters read every school "
                    "instead of a trigram index", error)
        return False
    for kind in ("insert", "update", "delete"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {TABLE}_{kind}")
    db.execute_sql(f"DROP TABLE IF EXISTS {TABLE}")
    db.execute_sql(f"CREATE VIEW IF NOT EXISTS {SEARCH_VIEW} AS SELECT id, "
                   + ", ".join(f"{_indexed(c)} AS {c}" for c in COLUMNS) + " FROM school")
    db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TERMS_TABLE} USING fts5vocab({SEARCH_TABLE}, 'row')")
    for sql in _search_triggers():
        db.execute_sql(sql)
    db.execute_sql(REBUILD_SQL)  # the schools already there
    return True


def search_present(db: pw.Database) -> bool:
    """Whether this SQLite database has migration 12's index (a database opened read-only may be older)."""
    return db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (SEARCH_TABLE,)).fetchone() is not None


def exact(text: str) -> bool:
    """Whether the filter's LIKE reads ``text`` as a plain substring: the name and township match
    ``%`` and ``_`` as wildcards, which no substring index finds."""
    return bool(text) and "%" not in text and "_" not in text and PAD not in text


NOTHING = ""
"""The match of a text no school's code, name or township contains."""


def match(text: str) -> str | None:
    """The FTS5 query on ``SEARCH_TABLE`` that finds exactly the schools whose code, name or township
    the filter's LIKE finds ``text`` in; ``NOTHING`` when there are none; None when the index cannot
    say, or not cheaply (PostgreSQL, no index, a wildcard, a common one- or two-character text)."""
    db = database.obj
    if isinstance(db, pw.PostgresqlDatabase) or not exact(text) or not search_present(db):
        return None
    lowered = str(db.execute_sql("SELECT lower(?)", (text,)).fetchone()[0])  # as the view lowers the columns
    if len(lowered) >= MIN_CHARS:
        return phrase(lowered)
    terms: list[str] = []
    # The term list in its order, from the text on; each step reads one term's doclist, so stop early.
    for (term,) in db.execute_sql(f"SELECT term FROM {TERMS_TABLE} WHERE term >= ?", (lowered,)):
        if not str(term).startswith(lowered):
            break
        if len(terms) == MAX_TERMS:
            return None
        terms.append(str(term))
    return " OR ".join(map(phrase, terms)) if terms else NOTHING


def matched(query: str) -> pw.SQL:
    """The rowids ``query`` (from ``match``, not NOTHING) finds, as a subquery for ``School.id.in_``."""
    return pw.SQL(f"(SELECT rowid FROM {SEARCH_TABLE}(?))", [query])


def match_count(query: str, cap: int | None = None) -> int:
    """How many schools ``query`` finds, counted no further than ``cap`` + 1 (the index alone)."""
    if query == NOTHING:
        return 0
    sql = f"SELECT 1 FROM {SEARCH_TABLE}(?)" + (" LIMIT ?" if cap is not None else "")
    args = (query,) if cap is None else (query, cap + 1)
    return int(database.obj.execute_sql(f"SELECT COUNT(*) FROM ({sql})", args).fetchone()[0])


def register_size() -> int:
    """About how many schools there are (the highest id: one index step, not a count)."""
    return int(database.obj.execute_sql("SELECT COALESCE(MAX(id), 0) FROM school").fetchone()[0])


def index_intact(db: pw.Database) -> bool | None:
    """Whether the SQLite index holds exactly what the school register does (None: no index, or a
    database opened read-only, which the check cannot be run on).

    The filter keeps its LIKE as the final word on the rows the index offers, but a row the index
    has lost is never offered, and the counts are read from the index alone: an index edited behind
    the program would hide a school from the dashboard. FTS5's integrity check with rank 1 compares
    the index with its content (the view over the school table)."""
    if isinstance(db, pw.PostgresqlDatabase):
        return None  # GIN indexes are the server's own structure, not a table one can write into
    if not search_present(db):
        return None
    try:
        db.execute_sql(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rank) VALUES ('integrity-check', 1)")
    except pw.DatabaseError as exc:
        if "readonly" in str(exc).replace(" ", "").lower():
            return None  # FTS5's check is an INSERT: a database opened read-only cannot be asked
        return False
    return True


REBUILD_SQL = f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('rebuild')"


# ----- migration 13: PostgreSQL's search text

SEARCH_COLUMN = "search_text"
SEARCH_INDEX = "school_search_text_trgm"
# chr(1) (PAD) between the columns: a filter's text never spans two of them (``plain``).
SEARCH_EXPRESSION = " || chr(1) || ".join(f"lower({column})" for column in COLUMNS)


def install_pg_search(db: pw.Database) -> bool:
    """Migration 13 on PostgreSQL: ``school.search_text``, a stored generated column holding the three
    columns lowered as ILIKE lowers them (lower() in the column's collation), and one pg_trgm GIN index
    on it in place of migration 11's three (when the extension is there). The filter then reads one
    already-lowered text with LIKE instead of lowering three per row: a count of a one- or
    two-character filter (no trigram to look up) scans the register about four times faster. False on
    SQLite, whose exact index is migration 12's."""
    if not isinstance(db, pw.PostgresqlDatabase):
        return False
    # The filter no longer reads the columns themselves by index; dropped first, so that the table's
    # rewrite below does not build them again (half of the migration's time at 500,000 schools).
    for column in COLUMNS:
        db.execute_sql(f"DROP INDEX IF EXISTS school_{column}_trgm")
    # A rewrite of the table and its other indexes under an exclusive lock, like any stored column added.
    db.execute_sql(f"ALTER TABLE school ADD COLUMN IF NOT EXISTS {SEARCH_COLUMN} text "
                   f"GENERATED ALWAYS AS ({SEARCH_EXPRESSION}) STORED")
    row = db.execute_sql("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                         "WHERE e.extname = %s", (POSTGRES_EXTENSION,)).fetchone()
    if row is None:  # migration 11 logged why; the filter's LIKE scans the lowered text
        log.warning("school filter: no %s on this PostgreSQL; filters of three characters or more read every "
                    "school instead of a trigram index", POSTGRES_EXTENSION)
    else:
        schema = str(row[0]).replace('"', '""')
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON school '
                       f'USING gin ({SEARCH_COLUMN} "{schema}".gin_trgm_ops)')
    db.execute_sql("ANALYZE school")  # the new column's statistics: the planner weighs a filter by them
    return True


def pg_search_present(db: pw.Database) -> bool:
    """Whether this PostgreSQL database has migration 13's column (a database opened without
    migrating may be older)."""
    return db.execute_sql("SELECT 1 FROM pg_attribute WHERE attrelid = 'school'::regclass AND attname = %s "
                          "AND NOT attisdropped", (SEARCH_COLUMN,)).fetchone() is not None


def plain(text: str) -> bool:
    """Whether PostgreSQL's ILIKE of the filter reads ``text`` as a plain substring of each column:
    no ``%`` or ``_`` (wildcards in the name and township), no backslash (LIKE's escape there), no
    PAD (which search_text holds between the columns)."""
    return bool(text) and not any(c in text for c in ("%", "_", "\\", PAD))


def search_like(model: type[pw.Model], pattern: str) -> pw.Expression:
    """``search_text LIKE lower(pattern)``: the pattern lowered by the server, as ILIKE lowers it."""
    return pw.Expression(pw.Column(model, SEARCH_COLUMN), pw.OP.LIKE, pw.fn.lower(pw.Value(pattern)))
