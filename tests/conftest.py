"""Every database test runs on a real SQLite file and on a real PostgreSQL server.

PostgreSQL comes from STARCAMPUS_TEST_PG (a superuser URL; .ci/start-postgres.sh sets it).
Without it the postgres half skips on a laptop and fails in CI.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import need

BACKENDS = ["sqlite", "postgres"]

# The longest tests, longest first: `make test` deals tests to its 2 workers in collection order
# (--dist loadgroup), so one of these collected last would run alone at the end while the other
# worker idles. Run first, they overlap each other and the short tests fill in behind them.
# Whole files, so that a module-scoped fixture is still set up once. (xdist_group groups go first
# anyway, biggest first: render_pdf's 12 tests, then the wheel's 4.)
LONGEST_FIRST = (
    "tests/e2e/test_whole_year_keys.py",    # one school's year through keys in tmux, 5 app sessions
    "tests/test_bench_smoke.py",            # every bench case at 200 schools, SQLite and PostgreSQL
    "tests/reliability/test_crash_kill.py",  # a writer SIGKILLed, the chain verified after every kill
    "tests/workflow/test_school_filter_index.py",  # every filter checked against a plain one, on PostgreSQL ~1 min each
    "tests/e2e/test_ssh.py",
    "tests/e2e/test_web.py",
    "tests/security/test_postgres_credentials.py",  # the real command against a PostgreSQL role, per test
    "tests/tui/test_tmux.py",
    "tests/tui/test_editing.py",
    "tests/tui/test_records.py",
    "tests/reliability",
    "tests/e2e",
    "tests/tui",
    "tests/multiuser",
    "tests/workflow/test_demo.py",  # the real load_demo, on both backends
    "tests/security",
)


def _rank(item: pytest.Item, root: Path) -> int:
    try:
        where = Path(str(item.path)).relative_to(root).as_posix()
    except ValueError:
        return len(LONGEST_FIRST)
    for rank, prefix in enumerate(LONGEST_FIRST):
        if where == prefix or where.startswith(prefix + "/"):
            return rank
    return len(LONGEST_FIRST)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Longest files first (LONGEST_FIRST); a stable sort, so each file's tests keep their order."""
    if config.getoption("failedfirst", False) or config.getoption("newfirst", False):
        return  # --ff / --nf asked for their own order
    root = Path(str(config.rootpath))
    items.sort(key=lambda item: _rank(item, root))


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


_MIGRATED_POSTGRES: list[str] = []  # this process's template database, migrated once


def postgres_url(*, migrated: bool = False) -> str | None:
    """This process's test database on the server, emptied; with ``migrated``, as open_database
    leaves a new one: a copy of a template migrated once per process (CREATE DATABASE … TEMPLATE),
    as ``_migrated_sqlite`` copies a file. Emptying the schema and migrating again took each
    PostgreSQL test ~0.7 s, the copy ~0.3 s; the migrations themselves run on a fresh server
    database in tests/workflow (*migration*) and in the template here."""
    base = os.environ.get("STARCAMPUS_TEST_PG")
    if not base:
        return None
    import psycopg2

    # The pid keeps two test runs on one machine (two developers, or CI beside a session) apart.
    name = f"starcampus_test_{_worker()}_{os.getpid()}"
    root = base.rsplit("/", 1)[0]
    conn = psycopg2.connect(base)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            if migrated:
                if not _MIGRATED_POSTGRES:
                    from models.db import close_database, open_database

                    template = f"{name}_migrated"
                    cur.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                    cur.execute(f'CREATE DATABASE "{template}"')
                    open_database(f"{root}/{template}")
                    close_database()
                    _MIGRATED_POSTGRES.append(template)
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_MIGRATED_POSTGRES[0]}"')
                return f"{root}/{name}"
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()
    conn = psycopg2.connect(base.rsplit("/", 1)[0] + "/" + name)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    conn.close()
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: its path or URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "starcampus.sqlite3")
        return
    # A test on the ``db`` fixture gets the database migrated already (see postgres_url).
    url = postgres_url(migrated="db" in request.fixturenames)
    need(url is not None, "PostgreSQL (set STARCAMPUS_TEST_PG)")
    assert url is not None
    yield url


_MIGRATED_SQLITE: list[str] = []  # this process's empty database, migrated once


def _migrated_sqlite(path: str) -> None:
    """Make ``path`` what open_database makes of a new file, by copying one migrated in this process.

    Running every migration takes a SQLite test ~0.13 s, a copy ~0.01 s; the migrations themselves
    are tested on fresh and old files (tests/workflow/*migration*, tests/reliability/test_upgrade.py).
    """
    from models.db import close_database, open_database

    if not _MIGRATED_SQLITE:
        folder = tempfile.mkdtemp(prefix="starcampus-migrated-")
        atexit.register(shutil.rmtree, folder, True)
        source = os.path.join(folder, "empty.sqlite3")
        open_database(source)
        close_database()
        _MIGRATED_SQLITE.append(source)
    shutil.copyfile(_MIGRATED_SQLITE[0], path)
    os.chmod(path, 0o600)  # as open_database leaves a file it made


@pytest.fixture
def db(db_url: str) -> Iterator[str]:
    """The proxy opened on a fresh database (migrated), closed afterwards."""
    from models.db import close_database, open_database
    from workflow import clock
    from workflow.i18n import set_language

    set_language("zh")
    if not db_url.startswith("postgresql:"):
        _migrated_sqlite(db_url)
    open_database(db_url)
    yield db_url
    close_database()
    clock.pin(None)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[str]:
    from models.db import close_database, open_database
    from workflow import clock
    from workflow.i18n import set_language

    set_language("zh")
    path = str(tmp_path / "starcampus.sqlite3")
    _migrated_sqlite(path)
    open_database(path)
    yield path
    close_database()
    clock.pin(None)


@pytest.fixture(scope="session", autouse=True)
def _drop_worker_database() -> Iterator[None]:
    """Leave no per-run PostgreSQL database behind."""
    yield
    base = os.environ.get("STARCAMPUS_TEST_PG")
    if not base:
        return
    import psycopg2

    name = f"starcampus_test_{_worker()}_{os.getpid()}"
    try:
        conn = psycopg2.connect(base)
        conn.autocommit = True
        with conn.cursor() as cur:
            for database in (name, *_MIGRATED_POSTGRES):
                cur.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.close()
    except psycopg2.Error:
        pass


@pytest.fixture(scope="session", autouse=True)
def _no_machine_seal_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never pick up a real seal key from the machine's config dir (tests that want one set it)."""
    previous = os.environ.get("STARCAMPUS_AUDIT_KEY_FILE")
    os.environ["STARCAMPUS_AUDIT_KEY_FILE"] = str(tmp_path_factory.mktemp("nokey") / "absent.key")
    yield
    if previous is None:
        os.environ.pop("STARCAMPUS_AUDIT_KEY_FILE", None)
    else:
        os.environ["STARCAMPUS_AUDIT_KEY_FILE"] = previous
