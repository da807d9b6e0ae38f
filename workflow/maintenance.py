"""The database's upkeep for the interfaces: is it set up, which schema version, an online backup.

Bootstrap questions (``has_users``, ``is_empty``) are asked before anybody can be an actor;
the backup is an administrator's (``database.manage``).
"""

from __future__ import annotations

import os
from pathlib import Path

from models.backup import BackupError, backup_sqlite
from models.db import is_url
from models.migrations import CURRENT_VERSION
from models.schema import Campaign, User
from workflow.errors import InvalidInput
from workflow.i18n import Msg, register
from workflow.permissions import Actor, require

register({"err.backup_failed": {"zh": "备份失败：{reason}", "en": "Backup failed: {reason}"}})


def has_users() -> bool:
    """Whether anybody is registered yet (``init`` creates the first admin only on a bare database)."""
    return bool(User.select().exists())


def is_empty() -> bool:
    """No users and no campaigns: the demo may be loaded."""
    return not has_users() and not Campaign.select().exists()


def schema_version() -> int:
    return CURRENT_VERSION


def owns_database(target: str) -> bool:
    """Whether the OS user running this owns the database: the SQLite file is theirs, or they hold the
    server URL's credentials. The owner may migrate before any account exists or can be read."""
    if is_url(target) and not target.startswith("sqlite:"):
        return True
    path = Path(target.removeprefix("sqlite:///").split("?", 1)[0]).expanduser()
    try:
        return path.stat().st_uid == os.getuid()
    except (OSError, AttributeError):  # no such file yet, or no uids on this system
        return not path.exists()


def backup_database(actor: Actor, dest: str | Path) -> Path:
    """A consistent copy of the open SQLite database, checked, while others keep writing."""
    require(actor, "database.manage")
    try:
        return backup_sqlite(dest)
    except BackupError as exc:
        raise InvalidInput("err.backup_failed", reason=Msg(exc.key, **exc.params)) from exc
    except OSError as exc:
        raise InvalidInput("err.backup_failed", reason=str(exc)) from exc
