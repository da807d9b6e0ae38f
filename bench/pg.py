"""PostgreSQL databases for the bench: one fresh database per name on the server that
STARCAMPUS_BENCH_PG (or STARCAMPUS_TEST_PG) names; None when no server is given."""

from __future__ import annotations

import os


def server() -> str | None:
    return os.environ.get("STARCAMPUS_BENCH_PG") or os.environ.get("STARCAMPUS_TEST_PG")


def prefix() -> str:
    """The start of every database name the bench makes (STARCAMPUS_BENCH_PG_PREFIX: on a server shared
    by several people's runs, each keeps to names of its own); letters, digits and ``_`` only."""
    given = os.environ.get("STARCAMPUS_BENCH_PG_PREFIX", "")
    return given if given and all(c.isascii() and (c.isalnum() or c == "_") for c in given) else "starcampus_bench"


def fresh_database(name: str) -> str | None:
    """The URL of an empty database ``<prefix>_<name>_<pid>`` (dropped and made again)."""
    base = server()
    if not base:
        return None
    import psycopg2

    db = f"{prefix()}_{name}_{os.getpid()}"
    conn = psycopg2.connect(base)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{db}"')
        cur.execute(f'CREATE DATABASE "{db}"')
    conn.close()
    return base.rsplit("/", 1)[0] + "/" + db


def drop_all() -> None:
    """Drop the databases this run made (the pid names them)."""
    base = server()
    if not base:
        return
    import psycopg2

    from models.db import close_database

    close_database()
    conn = psycopg2.connect(base)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{prefix()}_%_{os.getpid()}",))
        for (name,) in cur.fetchall():
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()
