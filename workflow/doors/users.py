"""Users and who is acting."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from peewee import JOIN

from models.file_guard import refuse_as_keys_file
from models.schema import ROLES, School, User
from workflow.door import write
from workflow.errors import InvalidInput, NotFound, PermissionDenied, StorageError
from workflow.i18n import Listing, Msg, register
from workflow.identity import login_name
from workflow.outputs import refusals
from workflow.permissions import (
    Actor,
    region_label,
    require,
    require_school_scope,
    require_user_scope,
)

# The keys file's writer (workflow.doors.ssh_keys), the audit facts and the region facts are imported by
# the doors that write: a launch only reads who the user is (actor_for).

register({
    "err.keys_unvouched": {
        "zh": "用户{names}的SSH密钥行或密钥文件与审计日志记录的不符（可能被直接改动了数据库），未写入任何文件；"
              "请运行 starcampus audit verify 查明，再用 user rekey 重新设置密钥。",
        "en": "The SSH key line or key file of {names} is not what the audit log recorded (the database may have been "
              "edited directly); nothing was written. Run starcampus audit verify, then set the key again with "
              "user rekey."},
    "err.self_disable": {"zh": "不能停用自己的账号。", "en": "You cannot disable your own account."},
    "err.user_enabled": {"zh": "用户“{name}”未被停用。", "en": "User '{name}' is not disabled."},
    "why.school_user_region": {"zh": "学校用户属于其学校（{code}）所在的区划：{region}",
                               "en": "a school user belongs to its school's ({code}) region: {region}"},
})


def os_login() -> str:
    """The local user: the real uid's passwd entry (workflow.identity), never LOGNAME or USER."""
    return login_name()


def still_active(name: str) -> bool:
    """Whether ``name`` is a registered user who has not been disabled (an open session asks it
    every so often, and closes itself when the answer turns to no)."""
    return bool(User.select().where((User.name == name) & (User.disabled == False)).exists())  # noqa: E712


def actor_for(name: str) -> Actor:
    """The acting user by name; unknown or disabled users are refused."""
    row = User.select(User, School).join(School, join_type=JOIN.LEFT_OUTER).where(User.name == name).first()
    if row is None:
        raise NotFound("err.user_unknown", name=name)
    if row.disabled:
        raise PermissionDenied("err.user_disabled", name=name)
    return actor_of(row)


def actor_of(row: User) -> Actor:
    """The Actor a users row acts as: its role, its school, its region (None: the whole server).
    A school user is confined to its own school by its role; the region its school gives it
    (workflow.permissions.user_region) is whose account it is, not a limit on what it reads: its
    school sent upward is read in the higher tier's campaign too."""
    return Actor(row.name, row.role, row.school.code if row.school_id else None, row.region_code or None)


def add_user(
    actor: Actor | None, name: str, role: str, *, school_code: str | None = None, key: str = "",
    display_name: str = "", keys_file: Path | None = None, program: str = "starcampus", db: str | None = None,
    color: str | None = None, region_code: str | None = None,
) -> User:
    """Add a user. ``actor`` may be None only for the very first user (bootstrap admin).

    ``region_code``: the region the user works for (it then reads and changes only that subtree);
    an officer with a region adds users inside its own subtree only, and its users inherit its
    region when none is given. ``school_code`` for an expert: the school it comes from (recusal)."""
    from workflow import audit  # here, not at the top: a launch reads users and writes none
    from workflow.audit_facts import keys_digest
    from workflow.doors import ssh_keys
    from workflow.region_facts import region_facts

    name = name.strip()
    if actor is None:
        if User.select().exists():
            raise PermissionDenied("err.permission", role="-", action=Msg("word.user"))
        if role != "admin":
            raise InvalidInput("err.invalid", where=Msg("field.role"), what=Msg("why.first_admin"))
    else:
        require(actor, "user.manage")
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise InvalidInput("err.invalid", where=Msg("field.user_name"), what=repr(name))
    if role not in ROLES:
        raise InvalidInput("err.invalid", where=Msg("field.role"),
                           what=Msg("why.not_one_of", value=role, known=Listing(ROLES)))
    if role == "school" and not school_code:
        raise InvalidInput("err.invalid", where="--school", what=Msg("why.school_user_school"))
    asked = (region_code or "").strip()
    region = asked or (actor.region_code if actor is not None else None) or ""
    if role == "school":
        # Its region is its school's (read from the school: user_region), never the adding officer's;
        # a --region that says otherwise is refused below, once the school is found.
        region = ""
    if region:
        from workflow.doors.regions import require_known_region

        require_known_region(region, actor)
    line = ssh_keys.forced_line(name, key, program=program, db=db, color=color) if key.strip() else ""

    def body() -> User:
        if User.select().where(User.name == name).exists():
            raise InvalidInput("err.user_exists", name=name)
        school = None
        if school_code:
            school = School.get_or_none(School.code == school_code)
            if school is None:
                raise NotFound("err.not_found", what=Msg("word.school"), key=school_code)
            if actor is not None:
                require_school_scope(actor, school.code)
            if role == "school" and asked and asked != (school.region_code or ""):
                raise InvalidInput("err.invalid", where="--region", what=Msg(
                    "why.school_user_region", code=school.code, region=region_label(school.region_code)))
        row = User.create(name=name, role=role, school=school, ssh_key=key.strip(), display_name=display_name,
                          key_line=line, keys_file=_keys_path(keys_file) if line else "", keys_pending=bool(line),
                          region_code=region)
        payload: dict[str, object] = {"name": name, "role": role, "school": school_code, "key": bool(line)}
        if region:
            payload["region"] = region
        keys = keys_digest(row.key_line, row.keys_file)
        # What this write set, from its own inputs: facts read back from whole tables would vouch for
        # whatever an SQL edit had left in them (another user's role, another user's region).
        facts: dict[str, object] = {"ud": {name: {"role": role, "disabled": False, "school": school_code or "",
                                                  "keys": keys}}}
        if region:
            facts["gd"] = {"users": {name: region}}
        if actor is None:
            # The first user of an empty table: the users are this one row, and the region tree is what
            # an upgrade may have left, so the replay knows every user and region from here on.
            facts = {"u": {name: [role, False, school_code or "", keys]}, "g": region_facts()}
        payload["facts"] = facts
        audit.append(actor=actor.name if actor else name, action="user.add", payload=payload)
        return row

    row = write(body)
    reconcile_keys(row)  # after the commit: a retried body must not write the file twice
    return row


def disable_user(actor: Actor, name: str, *, keys_file: Path | None = None) -> User:
    from workflow import audit
    from workflow.audit_facts import keys_digest

    require(actor, "user.manage")
    if name == actor.name:  # the last admin could lock everybody out; and the audit row would be refused
        raise InvalidInput("err.self_disable")

    def body() -> User:
        row = User.get_or_none(User.name == name)
        if row is None:
            raise NotFound("err.user_unknown", name=name)
        require_user_scope(actor, row)
        row.disabled = True
        # Where the line is: as asked, else where it was put, else the default file.
        row.keys_file = _keys_path(keys_file) if keys_file else row.keys_file or _keys_path(None)
        row.keys_pending = True
        row.save()
        from workflow.doors.web_tokens import end_for_user

        end_for_user(row)  # the web sign-in link ends with the key, in the same transaction
        audit.append(actor=actor.name, action="user.disable",
                     payload={"name": name, "key_removed": bool(row.key_line or row.ssh_key),
                              "facts": {"ud": {name: {"disabled": True,
                                                      "keys": keys_digest(row.key_line, row.keys_file)}}}})
        return row

    row = write(body)
    reconcile_keys(row)
    return row


def enable_user(actor: Actor, name: str) -> User:
    """Undo ``disable_user``: the account acts again and its key line (if it has one) comes back."""
    from workflow import audit

    require(actor, "user.manage")

    def body() -> User:
        row = User.get_or_none(User.name == name)
        if row is None:
            raise NotFound("err.user_unknown", name=name)
        require_user_scope(actor, row)
        if not row.disabled:
            raise InvalidInput("err.user_enabled", name=name)
        row.disabled = False
        row.keys_pending = bool(row.keys_file)  # its line goes back into the file it was taken from
        row.save()
        audit.append(actor=actor.name, action="user.enable", payload={"name": name, "key": bool(row.key_line),
                                                                      "facts": {"ud": {name: {"disabled": False}}}})
        return row

    row = write(body)
    reconcile_keys(row)
    return row


def rekey_user(
    actor: Actor, name: str, key: str, *, keys_file: Path | None = None, program: str = "starcampus",
    db: str | None = None, color: str | None = None,
) -> User:
    """Replace a user's SSH key: the old key stops working once the file is reconciled, the new one works.

    ``color`` None keeps what the old line asked for.
    """
    from workflow import audit
    from workflow.audit_facts import keys_digest
    from workflow.doors import ssh_keys

    require(actor, "user.manage")

    def body() -> User:
        row = User.get_or_none(User.name == name)
        if row is None:
            raise NotFound("err.user_unknown", name=name)
        require_user_scope(actor, row)
        line = ssh_keys.forced_line(name, key, program=program, db=db,
                                    color=color or ssh_keys.color_of(row.key_line or ""))
        row.ssh_key, row.key_line = key.strip(), line
        row.keys_file = _keys_path(keys_file) if keys_file else row.keys_file or _keys_path(None)
        row.keys_pending = True
        row.save()
        # The audit row says that the key changed; the key itself lives in the users table.
        audit.append(actor=actor.name, action="user.rekey", payload={
            "name": name, "active": not row.disabled,
            "facts": {"ud": {name: {"keys": keys_digest(row.key_line, row.keys_file)}}}})
        return row

    row = write(body)
    reconcile_keys(row)
    return row


def _keys_path(keys_file: Path | None) -> str:
    # Absolute: the file is (re)written later, maybe by a process started elsewhere. Checked before
    # anything is recorded: a key line may never land in the database or the seal key.
    from workflow.doors import ssh_keys

    path = (keys_file or ssh_keys.default_path()).expanduser().absolute()
    with refusals():
        refuse_as_keys_file(path)
    return str(path)


def reconcile_keys(written: User | None = None) -> list[str]:
    """Bring authorized_keys files in line with the users table; the names brought up to date.

    A user change commits first and edits the file afterwards, so a process that dies in
    between leaves ``keys_pending`` set: every user command ends here, and picks such rows up.
    Only pending users' lines are touched (another database's users may share the file).

    A line goes into a file on the server, so a row is acted on only if what it holds is what a user
    command set: ``written``, the row this process has just committed, or else the row whose line and
    file are the ones its newest user command recorded in the audit log. An SQL edit of a line or a file
    (a shell key, root's authorized_keys) is never written; it is named, and stays pending until fixed.
    """
    from workflow.doors import ssh_keys

    pending = list(User.select().where(User.keys_pending == True))  # noqa: E712
    unvouched = [u.name for u in pending if not _vouched(u, written)]
    files = sorted({u.keys_file for u in pending if u.name not in unvouched})
    done: list[str] = []
    failed: StorageError | None = None
    for file in files:
        path = Path(file)
        try:
            with ssh_keys.locked(path):
                # Read again under the file's lock: the newest committed state is what gets written.
                rows = [u for u in User.select().where((User.keys_pending == True) & (User.keys_file == file))  # noqa: E712
                        if _vouched(u, written)]
                ssh_keys.apply(path, {u.name: u.key_line if u.key_line and not u.disabled else None for u in rows})
                write(partial(_mark_synced, rows))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            # Not a text key file (a path recorded before the guard): named, never a traceback.
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            failed = failed or StorageError("err.keys_file", path=file, detail=detail)
            continue
        done += [u.name for u in rows]
    if unvouched:
        raise StorageError("err.keys_unvouched", names=Listing(unvouched))
    if failed is not None:
        raise failed
    return done


def _vouched(row: User, written: User | None) -> bool:
    from workflow.audit_facts import keys_digest

    if written is not None and row.id == written.id:
        return (row.key_line, row.keys_file, row.disabled) == (written.key_line, written.keys_file, written.disabled)
    return logged_keys(row.name) == keys_digest(row.key_line, row.keys_file)


def logged_keys(name: str) -> str | None:
    """The keys digest (workflow.audit_facts.keys_digest) the newest audit row that gave one says ``name``
    has; None if none did (a user added before digests were kept). Reads the user commands' rows only:
    a file is being written after a crash or an SQL edit, which is rare."""
    import json

    from models.schema import AuditEvent

    rows = (AuditEvent.select(AuditEvent.payload)
            .where(AuditEvent.action.in_(_KEY_ACTIONS)).order_by(AuditEvent.seq.desc()).tuples())
    for (payload,) in rows.iterator():
        facts = json.loads(payload).get("facts") or {}
        change = (facts.get("ud") or {}).get(name)
        if isinstance(change, dict) and "keys" in change:
            return str(change["keys"])
        whole = (facts.get("u") or {}).get(name)
        if isinstance(whole, list) and len(whole) > 3:
            return str(whole[3])
    return None


# The rows that record a user's keys digest (workflow.audit_facts.user_facts' "keys").
_KEY_ACTIONS = ("user.add", "user.disable", "user.rekey", "identity.bootstrap", "audit.checkpoint")


def _mark_synced(rows: list[User]) -> None:
    # Only if the row still says what was written: a change committed meanwhile stays pending.
    # No audit record: the change itself was audited with its user command; this says only
    # that the file has caught up with it.
    for u in rows:
        User.update(keys_pending=False).where(
            (User.id == u.id) & (User.key_line == u.key_line) & (User.disabled == u.disabled)
            & (User.keys_file == u.keys_file)).execute()
