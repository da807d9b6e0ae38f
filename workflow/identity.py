"""Who is at the keyboard: the OS account of the real uid, and whether it may speak for someone else.

Nothing here trusts the environment. LOGNAME, USER and SSH_CONNECTION are set by whoever starts the
process, so they decide nothing: the local user is the passwd entry of the real uid, and ``--as NAME``
is honoured only for the database's service account and root.

The service account is the OS account that owns the database, as the operating system records it,
so there is nothing to record at ``init`` that could go stale or be forged:

- SQLite: the owner of the database file (the forced command in authorized_keys runs as that account).
  A file that does not exist yet (``init``) will be the caller's own.
- PostgreSQL: the owner of the file that holds the server's credentials (the config file of
  models.pg_config, else PGPASSFILE or the real user's ~/.pgpass, else the pg_service file). Whoever
  holds those credentials can reach the server directly anyway, so naming another file helps only
  someone who already has them; without such a file (a password in the URL, trust auth) only root
  may use ``--as``.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path
from urllib.parse import urlsplit

from models.db import is_url, sqlite_file
from models.pg_config import config_path
from models.prepared import Prepared
from models.schema import User
from workflow.errors import NotFound, PermissionDenied
from workflow.i18n import register

register({
    "err.as_refused": {
        "zh": "拒绝：本机账号“{login}”不是数据库的服务账号（{owner}），不能以“{name}”的身份操作。",
        "en": "Refused: the OS account '{login}' is not the database's service account ({owner}) "
              "and cannot act as '{name}'.",
    },
    # Who is at the keyboard is no registered user: the refusal names the step that makes them one.
    "err.not_initialised": {
        "zh": "数据库尚未初始化：还没有任何用户（连管理员也没有）。先运行 {command}，把本机账号“{name}”设为管理员。",
        "en": "The database is not initialised: it has no users yet, not even an administrator. "
              "Run {command} first; it makes the OS account '{name}' the administrator.",
    },
    "err.user_unknown_next": {
        "zh": "用户“{name}”不存在。请管理员添加：starcampus user add {name} --role admin|expert|school|viewer。",
        "en": "There is no user named '{name}'. An administrator adds one with: "
              "starcampus user add {name} --role admin|expert|school|viewer.",
    },
})


def login_name() -> str:
    """The real uid's account name (passwd), never LOGNAME/USER; the uid itself if it has no entry."""
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a uid without a passwd entry (some containers): a name nobody can register
        return f"uid-{uid}"


def _home() -> Path:
    # The real user's home from passwd: HOME is as untrusted as any other variable.
    try:
        return Path(pwd.getpwuid(os.getuid()).pw_dir)
    except KeyError:
        return Path("/nonexistent")




def _credentials_file(target: str) -> Path | None:
    """The file libpq will read the password from for this URL, if any."""
    if urlsplit(target).password:
        return None  # the secret is on the command line: no file vouches for anyone
    for candidate in (config_path(), os.environ.get("PGPASSFILE"), _home() / ".pgpass",
                      os.environ.get("PGSERVICEFILE"), _home() / ".pg_service.conf"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def service_uid(target: str) -> int | None:
    """The uid of the database's service account; None when nothing names one."""
    # The same parser the open uses (a path, sqlite://, sqliteext://, a file: URI): the file checked
    # here is the file that will be opened, whatever spelling names it.
    path = sqlite_file(target)
    if path is None:
        if not is_url(target):
            return None  # in memory: nobody's
        found = _credentials_file(target)
        return found.stat().st_uid if found is not None else None
    try:
        return path.stat().st_uid  # stat, not lstat: a symlink to the live file names its real owner
    except FileNotFoundError:
        return os.getuid()  # created by this very command (init, demo load): the caller's own
    except OSError:
        return None


def may_speak_for_others(target: str) -> bool:
    """Root, or the service account of ``target``."""
    uid = os.getuid()
    return uid == 0 or service_uid(target) == uid


def check_as(as_user: str | None, target: str) -> None:
    """Refuse ``--as NAME`` for anyone but the service account and root, before the database is opened."""
    if not as_user or as_user == login_name() or may_speak_for_others(target):
        return
    owner = service_uid(target)
    try:
        owner_name = pwd.getpwuid(owner).pw_name if owner is not None else "-"
    except KeyError:
        owner_name = str(owner)
    raise PermissionDenied("err.as_refused", login=login_name(), owner=owner_name, name=as_user)


def unknown_user(name: str, init_command: str = "starcampus init") -> NotFound:
    """The refusal for an acting name that is no registered user, naming what to do next: on a
    database nobody has been registered in yet, ``init`` (``init_command``, as the caller would type
    it); else an administrator's ``user add``."""
    if not User.select().exists():
        return NotFound("err.not_initialised", name=name, command=init_command)
    return NotFound("err.user_unknown_next", name=name)


_DISABLED: Prepared[User] = Prepared(
    lambda name: User.select(User.id).where((User.name == name) & (User.disabled == True)).limit(1), str)  # noqa: E712


def require_active(name: str) -> None:
    """Refuse a change made in the name of a user who has been disabled since the session began.

    Called by ``audit.append``, inside the change's own transaction, so a disable committed before
    it is always seen. Names that are no user (a migration's "system") pass: only a registered,
    disabled account is refused.
    """
    if _DISABLED.first(name) is not None:
        raise disabled_refusal(name)


def disabled_refusal(name: str) -> PermissionDenied:
    """The refusal of a change in the name of a disabled user (``require_active``; ``audit.append``
    reads the flag with the chain's head, ``models.db.lock_audit_chain``)."""
    return PermissionDenied("err.user_disabled", name=name)
