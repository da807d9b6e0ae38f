"""The database's upkeep for the interfaces: is it set up, which schema version, an online backup.

Bootstrap questions (``has_users``, ``is_empty``) are asked before anybody can be an actor;
the backup is an administrator's (``database.manage``).
"""

from __future__ import annotations

import os
from pathlib import Path

from models.db import is_url, sqlite_file
from models.file_guard import OutputRefused
from models.file_modes import apply_umask
from models.migrations import CURRENT_VERSION
from models.schema import Campaign, User
from workflow.errors import InvalidInput
from workflow.i18n import Msg, register
from workflow.outputs import refusal
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
    path = sqlite_file(target)  # the parser the open uses: a file: URI names the same file
    if path is None:
        return is_url(target)  # a server: whoever holds its credentials
    try:
        return path.stat().st_uid == os.getuid()
    except (OSError, AttributeError):  # no such file yet, or no uids on this system
        return not path.exists()


def restrict_file_modes() -> int:
    """At process start: files and folders created from now on are private (models/file_modes.py)."""
    return apply_umask()


def backup_database(actor: Actor, dest: str | Path, *, force: bool = False) -> Path:
    """A consistent copy of the open SQLite database, checked, while others keep writing.

    Never onto the live database, its journals, the seal key or authorized_keys; onto an
    existing file only with ``force`` (FileExists otherwise); a full disk is WriteFailed.
    """
    # Here, not at the top: every launch imports this module (restrict_file_modes, ensure_checkpoint).
    from models.backup import BackupError, backup_sqlite

    require(actor, "database.manage")
    try:
        return backup_sqlite(dest, force=force)
    except OutputRefused as exc:
        kind = type(refusal(exc))
        raise kind("err.backup_failed", reason=Msg(exc.key, **exc.params)) from exc
    except BackupError as exc:
        raise InvalidInput("err.backup_failed", reason=Msg(exc.key, **exc.params)) from exc
    except OSError as exc:
        raise InvalidInput("err.backup_failed", reason=str(exc)) from exc


def ensure_checkpoint() -> bool:
    """A database whose newest audit row carries no facts (written before ``audit verify`` replayed
    them) gets one audited checkpoint of its whole state, so it verifies from then on (issue 12).
    True when one was written. A database opened read-only is left as it is."""
    from models.schema import AuditEvent

    newest = AuditEvent.select(AuditEvent.payload).order_by(AuditEvent.seq.desc()).first()
    if newest is None or '"facts"' in (newest.payload or ""):
        return False  # every launch: nothing to write, so the audit writer is not imported
    from workflow import audit
    from workflow.audit_facts import checkpoint
    from workflow.door import write
    from workflow.errors import StorageError

    def body() -> None:
        audit.append(actor="system", action="audit.checkpoint", payload={"facts": checkpoint()})

    try:
        write(body)
    except StorageError:
        return False
    return True
