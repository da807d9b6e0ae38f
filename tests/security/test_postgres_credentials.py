"""PostgreSQL passwords never on a command line (issue 10, finding 8), against the real server.

Each test makes its own role with a password and its own database owned by it on the server
STARCAMPUS_TEST_PG names (a superuser); the server asks 127.0.0.1 clients for a password
(scram-sha-256), so a connection that works proves the password came from where it should.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support import need

EXE = str(Path(sys.executable).with_name("starcampus"))
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5Zm9yc3RhcmNhbXB1c3NlY3VyaXR5dGVzdA ivan@laptop"


@dataclass
class Role:
    name: str
    password: str
    database: str
    host: str
    port: int

    @property
    def url(self) -> str:
        """The address as the officers' command lines carry it: no password."""
        return f"postgresql://{self.name}@{self.host}:{self.port}/{self.database}"

    @property
    def url_with_password(self) -> str:
        return f"postgresql://{self.name}:{self.password}@{self.host}:{self.port}/{self.database}"


def _superuser() -> str:
    base = os.environ.get("STARCAMPUS_TEST_PG")
    need(base is not None, "PostgreSQL (set STARCAMPUS_TEST_PG)")
    assert base is not None
    return base


@pytest.fixture
def role() -> Iterator[Role]:
    import psycopg2

    base = _superuser()
    parts = urlsplit(base)
    suffix = f"{os.getpid()}_{secrets.token_hex(3)}"
    made = Role(f"sc_cred_{suffix}", secrets.token_urlsafe(18), f"sc_cred_{suffix}", parts.hostname or "127.0.0.1",
                parts.port or 5432)
    conn = psycopg2.connect(base)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'CREATE ROLE "{made.name}" LOGIN PASSWORD %s', (made.password,))
        cur.execute(f'CREATE DATABASE "{made.database}" OWNER "{made.name}"')
    try:
        yield made
    finally:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{made.database}" WITH (FORCE)')
            cur.execute(f'DROP ROLE IF EXISTS "{made.name}"')
        conn.close()


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PG", "STARCAMPUS_DB", "STARCAMPUS_CONFIG")) and k != "SSH_CONNECTION"}
    # No password from anywhere the test did not put it: an empty home, an absent config file.
    env.update(HOME=str(tmp_path / "home"), PGPASSFILE=str(tmp_path / "no-pgpass"),
               STARCAMPUS_CONFIG=str(tmp_path / "no-config.toml"), XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    env.update(extra)
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, timeout=120)


def _private(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def _config(path: Path, role: Role, mode: int = 0o600) -> Path:
    return _private(path, f'[database]\nurl = "{role.url}"\npassword = "{role.password}"\n', mode)


def test_the_server_wants_a_password_and_the_command_line_may_not_carry_one(role: Role, tmp_path: Path) -> None:
    env = _env(tmp_path)
    # Without a password source the server refuses us: the tests below prove where theirs came from.
    missing = _run(env, "--db", role.url, "demo", "load")
    assert missing.returncode != 0 and role.password not in missing.stderr
    on_argv = _run(env, "--db", role.url_with_password, "demo", "load")
    assert on_argv.returncode == 1
    assert "--db" in on_argv.stderr and "PGPASSFILE" in on_argv.stderr
    assert role.password not in on_argv.stderr + on_argv.stdout


def test_the_password_comes_from_a_private_config_file(role: Role, tmp_path: Path) -> None:
    config = _config(tmp_path / "config.toml", role)
    env = _env(tmp_path, STARCAMPUS_CONFIG=str(config))
    loaded = _run(env, "--db", role.url, "demo", "load")
    assert loaded.returncode == 0, loaded.stderr
    # The config file's url is the database when no --db is given.
    listed = _run(env, "--as", "demo-admin", "user", "list")
    assert listed.returncode == 0 and "demo-admin" in listed.stdout, listed.stderr


def test_a_config_file_others_may_read_is_refused_by_name(role: Role, tmp_path: Path) -> None:
    config = _config(tmp_path / "config.toml", role)
    env = _env(tmp_path, STARCAMPUS_CONFIG=str(config))
    assert _run(env, "--db", role.url, "demo", "load").returncode == 0
    for mode in (0o644, 0o640, 0o604):
        config.chmod(mode)
        for args in (["--db", role.url, "--as", "demo-admin", "user", "list"], ["--as", "demo-admin", "user", "list"]):
            refused = _run(env, *args)
            assert refused.returncode == 1, (oct(mode), args, refused.stdout)
            assert str(config) in refused.stderr and oct(mode) in refused.stderr, refused.stderr
            assert "Traceback" not in refused.stderr
            assert role.password not in refused.stderr + refused.stdout
    config.chmod(0o600)
    assert _run(env, "--as", "demo-admin", "user", "list").returncode == 0


def test_the_config_password_goes_only_to_the_server_it_names(role: Role, tmp_path: Path) -> None:
    other = Role("someone_else", "", role.database, role.host, role.port)
    config = _private(tmp_path / "config.toml",
                      f'[database]\nurl = "{other.url}"\npassword = "{role.password}"\n')
    from models import pg_config

    os.environ[pg_config.CONFIG_ENV] = str(config)
    try:
        assert "password" not in pg_config.connect_params(role.url)
        assert pg_config.connect_params(other.url)["password"] == role.password
    finally:
        del os.environ[pg_config.CONFIG_ENV]


def test_the_password_comes_from_pgpassfile(role: Role, tmp_path: Path) -> None:
    pgpass = _private(tmp_path / "pgpass", f"{role.host}:{role.port}:{role.database}:{role.name}:{role.password}\n")
    env = _env(tmp_path, PGPASSFILE=str(pgpass))
    loaded = _run(env, "--db", role.url, "demo", "load")
    assert loaded.returncode == 0, loaded.stderr
    assert _run(env, "--db", role.url, "--as", "demo-admin", "status").returncode == 0


def test_the_password_comes_from_a_pg_service_entry(role: Role, tmp_path: Path) -> None:
    services = _private(tmp_path / "pg_service.conf",
                        f"[starcampus]\nhost={role.host}\nport={role.port}\ndbname={role.database}\n"
                        f"user={role.name}\npassword={role.password}\n")
    env = _env(tmp_path, PGSERVICEFILE=str(services))
    url = f"postgresql:///{role.database}?service=starcampus"
    loaded = _run(env, "--db", url, "demo", "load")
    assert loaded.returncode == 0, loaded.stderr


def test_the_forced_command_carries_no_password(role: Role, tmp_path: Path) -> None:
    keys = tmp_path / "authorized_keys"
    # Even when the administrator's own session has the password in STARCAMPUS_DB.
    env = _env(tmp_path, STARCAMPUS_DB=role.url_with_password)
    assert _run(env, "demo", "load").returncode == 0
    added = _run(env, "--as", "demo-admin", "user", "add", "ivan", "--role", "expert", "--key", KEY,
                 "--authorized-keys", str(keys))
    assert added.returncode == 0, added.stderr
    text = keys.read_text(encoding="utf-8")
    assert "starcampus-user:ivan" in text
    assert role.password not in text
    assert f"--db {role.url}" in text  # the server, database and role stay: the password comes from a file


def test_pooled_connections_serve_the_workers(role: Role, tmp_path: Path) -> None:
    """The app's workers take connections from one pool and give them back (playhouse.pool)."""
    import threading

    from models import db as models_db
    from models.db import close_database, open_database
    from workflow.connection import close_thread_connection

    config = _config(tmp_path / "config.toml", role)
    os.environ["STARCAMPUS_CONFIG"] = str(config)
    try:
        database = open_database(role.url)
        from playhouse.pool import PooledPostgresqlDatabase

        assert isinstance(database, PooledPostgresqlDatabase)

        def worker() -> None:
            models_db.database.obj.execute_sql("SELECT 1").fetchone()
            close_thread_connection()

        for _ in range(3):  # three rounds of four workers: four connections, reused
            threads = [threading.Thread(target=worker) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=30)
        assert len(database._in_use) <= 1  # only the main thread's  # noqa: SLF001
        assert 1 <= len(database._connections) <= 4  # noqa: SLF001
        close_database()
        assert database._connections == []  # noqa: SLF001
    finally:
        del os.environ["STARCAMPUS_CONFIG"]
