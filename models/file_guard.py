"""Where no output may land: the live database and its journals, the audit seal key, authorized_keys.

Every file a command writes (the exports, the audit CSV, a backup) passes ``check_output``
before anything is written, and ``exports.atomic`` asks ``refuse_protected`` again at the
last step. A path is compared after following symlinks, and by inode, so a symlink or a hard
link to the database is refused like the database itself. An existing file is replaced only
when the caller says so (``force``: ``--force`` on the command line, a confirmation in the app).

It lives in models/ because the backup (models/backup.py) needs it as much as exports/ and
workflow/ do; it knows the live database from ``models.db.database``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

from models.db import database
from models.messages import Keyed

JOURNALS = ("-wal", "-shm", "-journal", "-writelock")  # the last: models.write_lock


class OutputRefused(Keyed, ValueError):
    """An output that may not be written: a key of models.messages (``output.*``) and its data."""


class OutputExists(OutputRefused):
    """The file is there and ``force`` was not given: the app asks, the CLI wants --force."""


def audit_key_path() -> Path:
    """The audit seal key: ``STARCAMPUS_AUDIT_KEY_FILE``, else ``<user config dir>/starcampus/audit.key``."""
    explicit = os.environ.get("STARCAMPUS_AUDIT_KEY_FILE")
    if explicit:
        return Path(explicit)
    return _config_key_path(os.environ.get("XDG_CONFIG_HOME"), os.environ.get("HOME"))


@functools.lru_cache(maxsize=8)
def _config_key_path(xdg_config_home: str | None, home: str | None) -> Path:
    """platformdirs' answer for these two variables (all it reads on Linux): asked on every write,
    and working it out again was a tenth of a score save."""
    import platformdirs

    return Path(platformdirs.user_config_dir("starcampus")) / "audit.key"


def authorized_keys_path() -> Path:
    return Path(os.environ.get("STARCAMPUS_AUTHORIZED_KEYS", Path.home() / ".ssh" / "authorized_keys"))


def live_database_file() -> Path | None:
    """The open SQLite file, or None (PostgreSQL, in memory, nothing open)."""
    import peewee

    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase) or not db.database or db.database == ":memory:":
        return None
    name = str(db.database)
    if name.startswith("file:"):  # a sqlite:// URL with URI parameters (mode=ro)
        from urllib.parse import unquote

        name = unquote(name[len("file:"):].split("?", 1)[0])
    return Path(name).expanduser()


def _keys_files() -> Iterator[Path]:
    yield authorized_keys_path()
    db = database.obj
    if db is None:
        return
    try:
        from models.schema import User

        for (name,) in User.select(User.keys_file).where(User.keys_file != "").distinct().tuples():
            yield Path(name).expanduser()
    except Exception:  # noqa: BLE001 - a database without users or not open: the name rule still holds
        return


def _configured_database_file() -> Path | None:
    """The database a command would open (``STARCAMPUS_DB``, the config file, the data folder),
    for the verbs that open none (``rubric import``)."""
    from models.db import resolve_db_target, sqlite_file

    try:
        return sqlite_file(resolve_db_target(None))
    except Exception:  # noqa: BLE001 - an unreadable config file: the open database is still protected
        return None


def _protected() -> Iterator[tuple[str, Path]]:
    for live in {f for f in (live_database_file(), _configured_database_file()) if f is not None}:
        yield "output.onto_database", live
        for suffix in JOURNALS:
            yield "output.onto_database", live.with_name(live.name + suffix)
    key = audit_key_path()
    yield "output.onto_key", key
    yield "output.onto_head", key.with_name(key.name + ".head")  # the sealed head beside it (workflow/audit_head.py)
    for keys in _keys_files():
        yield "output.onto_keys_file", keys


def refuse_as_keys_file(path: str | os.PathLike[str]) -> Path:
    """``path`` resolved; OutputRefused when it is the database, a journal or the seal key.

    An authorized_keys file is where key lines belong, so the name rule of ``refuse_protected``
    does not apply; everything else it protects does (``user add --authorized-keys <the key file>``
    would append a line to the seal key and make every sealed row read as rewritten).
    """
    resolved = Path(path).expanduser().resolve()
    for key, protected in _protected():
        if key == "output.onto_keys_file":
            continue
        target = protected.resolve()
        if resolved == target or _same_file(resolved, target):
            raise OutputRefused(key, path=resolved)
    return resolved


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_protected(path: str | os.PathLike[str]) -> Path:
    """``path`` resolved (symlinks followed); OutputRefused when it is a protected file."""
    resolved = Path(path).expanduser().resolve()
    if resolved.name.startswith("authorized_keys"):  # any account's, wherever sshd is told to look
        raise OutputRefused("output.onto_keys_file", path=resolved)
    for key, protected in _protected():
        target = protected.resolve()
        if resolved == target or _same_file(resolved, target):
            raise OutputRefused(key, path=resolved)
    return resolved


def check_output(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """The resolved path an output may be written to; refused when protected, a folder, or existing without force."""
    resolved = refuse_protected(path)
    if resolved.is_dir():
        raise OutputRefused("output.folder", path=resolved)
    if resolved.exists() and not force:
        raise OutputExists("output.exists", path=resolved)
    return resolved


def write_failure(path: str | os.PathLike[str], exc: OSError) -> OutputRefused:
    """An OSError while writing ``path`` as a plain refusal (disk full named as such)."""
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputRefused("output.disk_full", path=Path(path))
    return OutputRefused("output.cannot_write", path=Path(path), detail=exc.strerror or str(exc))


def place_new(tmp: Path, final: Path) -> None:
    """Move the finished ``tmp`` to ``final`` unless a file is there, even one that appeared a moment ago.

    A hard link fails instead of replacing, so the check and the move are one step; on a file
    system without hard links the check made before writing stands.
    """
    try:
        os.link(tmp, final)
    except FileExistsError:
        raise OutputExists("output.exists", path=final) from None
    except OSError:
        if final.exists():
            raise OutputExists("output.exists", path=final) from None
        os.replace(tmp, final)
        return
    tmp.unlink()
