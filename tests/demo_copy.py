"""``load_demo`` for tests, built once per test process and copied after that.

Writing the demo through the doors takes seconds (every write is one audited transaction), and
hundreds of tests start from it on both backends. The first call in a process writes it for
real into a cache database (a SQLite file, or a PostgreSQL template database); every later
call copies that database over the test's own, which is then what the doors had written.

Only an empty database is filled from the copy, and only when no audit key is present (a key
means sealed rows and a head file beside the key, which a copied database would not match):
otherwise this is ``load_demo`` itself. tests/workflow/test_demo.py tests ``load_demo``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import peewee

# (backend, review, today) -> (file or template, campaign id): with ``review`` the demo adds the
# review of today's year (the pinned clock's, in a test), so each "today" is its own demo.
_CACHE: dict[tuple[str, bool, str], tuple[str, int]] = {}
_FOLDER: Path | None = None


def _folder() -> Path:
    global _FOLDER
    if _FOLDER is None:
        _FOLDER = Path(tempfile.mkdtemp(prefix="starcampus-demo-copy-"))
        atexit.register(shutil.rmtree, _FOLDER, True)
    return _FOLDER


def _empty() -> bool:
    from models.schema import AuditEvent, User

    return not AuditEvent.select().exists() and not User.select().exists()


def load_demo(*, review: bool = True) -> int:
    """What ``workflow.doors.demo.load_demo`` returns, on the database open now."""
    from models.db import database
    from workflow.audit_key import key_path
    from workflow.doors import demo

    obj = database.obj
    if key_path().exists() or not _empty():
        return demo.load_demo(review=review)
    if isinstance(obj, peewee.SqliteDatabase):
        return _sqlite(str(obj.database), review)
    if isinstance(obj, peewee.PostgresqlDatabase):
        return _postgres(obj, review)
    return demo.load_demo(review=review)


def _write_demo(target: str, review: bool) -> int:
    from models.db import close_database, open_database
    from workflow.doors import demo

    open_database(target)
    try:
        return demo.load_demo(review=review)
    finally:
        close_database()


def _key(backend: str, review: bool) -> tuple[str, bool, str]:
    from workflow import clock

    return backend, review, clock.today().isoformat() if review else ""


def _sqlite(path: str, review: bool) -> int:
    from models.db import close_database, open_database

    close_database()
    key = _key("sqlite", review)
    cached = _CACHE.get(key)
    if cached is None:
        source = str(_folder() / f"demo-{len(_CACHE)}.sqlite3")
        cached = _CACHE[key] = (source, _write_demo(source, review))
    source, campaign_id = cached
    for suffix in ("-wal", "-shm"):
        Path(path + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, path)
    os.chmod(path, 0o600)
    open_database(path)
    return campaign_id


def _admin(params: dict[str, object]) -> object:
    import psycopg2

    conn = psycopg2.connect(**{**params, "dbname": "postgres"})
    conn.autocommit = True
    return conn


def _postgres(obj: peewee.PostgresqlDatabase, review: bool) -> int:
    from models.db import close_database, open_database

    name = str(obj.database)
    params = dict(obj.connect_params)
    url = _url(params, name)
    close_database()
    key = _key("postgres", review)
    cached = _CACHE.get(key)
    conn = _admin(params)
    try:
        with conn.cursor() as cur:  # type: ignore[attr-defined]
            if cached is None:
                template = f"{name}_demo{len(_CACHE)}"
                cur.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                cur.execute(f'CREATE DATABASE "{template}"')
                atexit.register(_drop, dict(params), template)
                cached = _CACHE[key] = (template, _write_demo(_url(params, template), review))
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{cached[0]}"')
    finally:
        conn.close()  # type: ignore[attr-defined]
    open_database(url)
    return cached[1]


def _url(params: dict[str, object], name: str) -> str:
    user, password = params.get("user", ""), params.get("password", "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgresql://{auth}{params.get('host', '127.0.0.1')}:{params.get('port', 5432)}/{name}"


def _drop(params: dict[str, object], name: str) -> None:
    try:
        conn = _admin(params)
    except Exception:  # noqa: BLE001 - the server may be gone at exit: nothing to leave behind then
        return
    try:
        with conn.cursor() as cur:  # type: ignore[attr-defined]
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()  # type: ignore[attr-defined]
