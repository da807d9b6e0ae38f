"""Users and who is acting."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from peewee import JOIN

from models.schema import ROLES, School, User
from workflow import audit, ssh_keys
from workflow.door import write
from workflow.errors import InvalidInput, NotFound, PermissionDenied
from workflow.i18n import t
from workflow.permissions import Actor, require


def os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return os.environ.get("USER", "unknown")


def actor_for(name: str) -> Actor:
    """The acting user by name; unknown or disabled users are refused."""
    row = User.select(User, School).join(School, join_type=JOIN.LEFT_OUTER).where(User.name == name).first()
    if row is None:
        raise NotFound("err.user_unknown", name=name)
    if row.disabled:
        raise PermissionDenied("err.user_disabled", name=name)
    return Actor(row.name, row.role, row.school.code if row.school_id else None)


def add_user(
    actor: Actor | None, name: str, role: str, *, school_code: str | None = None, key: str = "",
    display_name: str = "", keys_file: Path | None = None, program: str = "starcampus", db: str | None = None,
) -> User:
    """Add a user. ``actor`` may be None only for the very first user (bootstrap admin)."""
    name = name.strip()
    if actor is None:
        if User.select().exists():
            raise PermissionDenied("err.permission", role="-", action=t("word.user"))
        if role != "admin":
            raise InvalidInput("err.invalid", where="role", what="the first user must be an admin / 第一个用户必须是管理员")
    else:
        require(actor, "user.manage")
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise InvalidInput("err.invalid", where="name/用户名", what=repr(name))
    if role not in ROLES:
        raise InvalidInput("err.invalid", where="role/角色", what=f"{role!r} ∉ {', '.join(ROLES)}")
    if role == "school" and not school_code:
        raise InvalidInput("err.invalid", where="--school", what="学校用户必须绑定学校 / a school user needs a school")
    line = ssh_keys.forced_line(name, key, program=program, db=db) if key.strip() else ""

    def body() -> User:
        if User.select().where(User.name == name).exists():
            raise InvalidInput("err.user_exists", name=name)
        school = None
        if school_code:
            school = School.get_or_none(School.code == school_code)
            if school is None:
                raise NotFound("err.not_found", what=t("word.school"), key=school_code)
        row = User.create(name=name, role=role, school=school, ssh_key=key.strip(), display_name=display_name)
        audit.append(actor=actor.name if actor else name, action="user.add",
                     payload={"name": name, "role": role, "school": school_code, "key": bool(line)})
        if line:
            # Last inside the transaction: if the file can't be written, the user isn't added either.
            ssh_keys.install(keys_file or ssh_keys.default_path(), name, line)
        return row

    return write(body)


def disable_user(actor: Actor, name: str, *, keys_file: Path | None = None) -> User:
    require(actor, "user.manage")

    def body() -> User:
        row = User.get_or_none(User.name == name)
        if row is None:
            raise NotFound("err.user_unknown", name=name)
        row.disabled = True
        row.save()
        removed = ssh_keys.remove(keys_file or ssh_keys.default_path(), name)
        audit.append(actor=actor.name, action="user.disable", payload={"name": name, "key_removed": removed})
        return row

    return write(body)
