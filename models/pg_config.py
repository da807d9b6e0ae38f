"""PostgreSQL credentials that never travel on a command line.

A command line is readable by every local account (``ps``, /proc/PID/cmdline), so the address the
program is given names the server, the database and the role but no password. The password comes
from, in this order:

1. the URL itself, when it reaches the program other than by argument (``STARCAMPUS_DB``, only the
   account's own processes can read an environment; ``starcampus --db`` refuses a URL with one);
2. the config file, ``$STARCAMPUS_CONFIG`` or ``~/.config/starcampus/config.toml``::

       [database]
       url = "postgresql://starcampus@db.example:5432/starcampus"
       password = "..."

   refused, naming it, unless it belongs to this account and no one else may read or write it (0600);
   the password goes only to the server its ``url`` names;
3. libpq itself: ``PGPASSFILE`` / ``~/.pgpass`` (libpq ignores one that is group- or world-readable),
   or a ``pg_service.conf`` entry (``postgresql:///starcampus?service=starcampus``).

Connections are pooled (playhouse.pool): the TUI's workers each take one from the pool and give it
back, instead of one connection per thread for the life of the process.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import peewee
from playhouse.pool import PooledPostgresqlDatabase

from models.messages import CATALOG, Keyed

CATALOG.update({
    "config.unsafe_mode": {
        "zh": "拒绝读取配置文件 {path}：权限为 {mode}，同组或其他用户可以读取其中的密码；请执行 chmod 600 {path}",
        "en": "refusing the config file {path}: its mode is {mode}, so other accounts may read the password "
              "in it; run chmod 600 {path}",
    },
    "config.foreign_owner": {
        "zh": "拒绝读取配置文件 {path}：它属于另一个用户（uid {owner}）",
        "en": "refusing the config file {path}: it belongs to another account (uid {owner})",
    },
    "config.invalid": {
        "zh": "配置文件 {path} 无法读取：{detail}",
        "en": "the config file {path} cannot be read: {detail}",
    },
})

CONFIG_ENV = "STARCAMPUS_CONFIG"
POSTGRES_SCHEMES = ("postgres", "postgresql", "postgresext", "postgresqlext")
# A TUI runs a handful of workers; a bureau's server runs one process per officer.
POOL_MAX_CONNECTIONS = 16
POOL_STALE_SECONDS = 300
POOL_WAIT_SECONDS = 30


class ConfigError(Keyed, ValueError):
    """The config file may not be used; ``str()`` names it and says why, in both languages."""


def config_path() -> Path:
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("starcampus")) / "config.toml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The config file's contents ({} when there is none), refused unless private to this account."""
    path = path or config_path()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError("config.invalid", path=path, detail=exc.strerror or exc) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        # Checked on the open file, so the file judged is the file read.
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise ConfigError("config.foreign_owner", path=path, owner=info.st_uid)
        if stat.S_IMODE(info.st_mode) & 0o077:
            raise ConfigError("config.unsafe_mode", path=path, mode=oct(stat.S_IMODE(info.st_mode)))
        import tomllib  # only with a config file: a launch without one does not compile its parser

        try:
            return tomllib.load(handle)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError("config.invalid", path=path, detail=exc) from exc


def _section() -> dict[str, Any]:
    section = load_config().get("database", {})
    return section if isinstance(section, dict) else {}


def configured_url() -> str | None:
    """The database the config file names, if any."""
    url = _section().get("url")
    return str(url) if url else None


def is_postgres_url(target: str) -> bool:
    return urlsplit(target).scheme in POSTGRES_SCHEMES


def password_in(target: str) -> bool:
    """Whether an address carries a password (``user:secret@``)."""
    return "://" in target and urlsplit(target).password is not None


def public(target: str) -> str:
    """The address with any password taken out: safe for command lines, logs and authorized_keys."""
    if not password_in(target):
        return target
    parts = urlsplit(target)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _same_server(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("host", "port", "user", "database")
    return all(a.get(k) == b.get(k) for k in keys if b.get(k) is not None)


def connect_params(target: str) -> dict[str, Any]:
    """psycopg2 keywords for ``target``: the URL's parts, the config file's password when the URL has none."""
    from playhouse.db_url import parse as parse_url  # here: it imports psycopg2 (models/pg_driver.py)

    params = parse_url(target)
    if params.get("password"):
        return params
    section = _section()
    password = section.get("password")
    if password:
        named = parse_url(str(section["url"])) if section.get("url") else {}
        if _same_server(params, named):
            params["password"] = str(password)
    # Otherwise no password: libpq reads PGPASSFILE / ~/.pgpass or the pg_service entry itself.
    return params


def pooled_database(target: str) -> peewee.Database:
    params = connect_params(target)
    name = params.pop("database", None) or ""
    return PooledPostgresqlDatabase(name, max_connections=POOL_MAX_CONNECTIONS, stale_timeout=POOL_STALE_SECONDS,
                                    timeout=POOL_WAIT_SECONDS, **params)
