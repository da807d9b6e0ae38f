"""Sign-in links for the web door (`starcampus serve`): one personal, revocable token per officer.

The token is 256 random bits shown once, in the link an administrator hands to the officer. The
database keeps only its SHA-256 (a high-entropy secret needs no slow hash): a copied database or
backup signs nobody in. A new link, ``user web-token NAME --revoke`` and ``user disable`` end it;
the server re-checks every open session and closes those whose token has ended.

The server hands the officer's token to the app it spawns in a *ticket*: a 0600 file in the server's
own 0700 folder, named on the child's command line and removed by the child as it reads it. The child
trusts nothing in it but the token, which it checks against the database itself, so a ticket written
by anyone else signs in only whoever that token already belongs to.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN

from models.schema import School, User, WebToken
from workflow import audit, clock
from workflow.door import write
from workflow.errors import NotFound, PermissionDenied
from workflow.i18n import register
from workflow.permissions import Actor, require, require_user_scope

register({
    "err.web_token": {
        "zh": "网页登录链接无效、已撤销或用户已停用；请向管理员索取新链接。",
        "en": "The web sign-in link is invalid or has ended (revoked, replaced or the user disabled); "
              "ask an administrator for a new one.",
    },
    "err.web_ticket": {
        "zh": "拒绝网页会话凭据 {path}：{why}。",
        "en": "Refusing the web session ticket {path}: {why}.",
    },
})

TOKEN_BYTES = 32


@dataclass(frozen=True)
class WebSession:
    """Who a valid token signs in, and which token (to re-check it while the session is open)."""

    token_id: int
    actor: Actor


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue(actor: Actor, name: str) -> str:
    """A new sign-in token for ``name``; any earlier one ends. Returns the token (shown once)."""
    require(actor, "user.manage")
    raw = secrets.token_urlsafe(TOKEN_BYTES)

    def body() -> None:
        user = User.get_or_none(User.name == name)
        if user is None:
            raise NotFound("err.user_unknown", name=name)
        require_user_scope(actor, user)  # a county admin never signs in as a whole-server account
        if user.disabled:
            raise PermissionDenied("err.user_disabled", name=name)
        ended = _end(user)
        token = WebToken.create(user=user, token_hash=digest(raw), created_at=clock.stamp(), created_by=actor.name)
        # Never the token or its hash: the audit log is exported and read by many. A digest of the hash
        # (it opens nothing) ties this row to the token, so a token row put in by SQL signs nobody in.
        audit.append(actor=actor.name, action="user.web_token",
                     payload={"name": name, "replaced": ended, "token": logged_digest(token.token_hash)})
        from workflow.audit_anchor import chain_head

        # The row just appended: the chain's lock is held until the commit, so no other writer's comes between.
        head = chain_head()
        assert head is not None
        token.audit_seq = head.seq
        token.save()

    write(body)
    return raw


def revoke(actor: Actor, name: str) -> int:
    """End ``name``'s sign-in token(s); how many were still valid."""
    require(actor, "user.manage")

    def body() -> int:
        user = User.get_or_none(User.name == name)
        if user is None:
            raise NotFound("err.user_unknown", name=name)
        require_user_scope(actor, user)  # a county admin never signs in as a whole-server account
        ended = _end(user)
        audit.append(actor=actor.name, action="user.web_token_revoke", payload={"name": name, "ended": ended})
        return ended

    return write(body)


def end_for_user(user: User) -> int:
    """Inside the caller's write (``user disable``): end the user's tokens, in the same transaction."""
    return _end(user)


def _end(user: User) -> int:
    return int(WebToken.update(revoked_at=clock.stamp())
               .where((WebToken.user == user) & WebToken.revoked_at.is_null()).execute())


def signed_in(raw: str) -> WebSession | None:
    """The session a presented token opens, or None (unknown, ended, or its user disabled)."""
    if not raw or len(raw) > 256:
        return None
    row = (WebToken.select(WebToken, User, School).join(User).join(School, join_type=JOIN.LEFT_OUTER)
           .where((WebToken.token_hash == digest(raw)) & WebToken.revoked_at.is_null()).first())
    if row is None or row.user.disabled or not _issued(row):
        return None
    user = row.user
    # The user's region too: a county officer's browser is as scoped as its terminal.
    return WebSession(int(row.id), Actor(user.name, user.role, user.school.code if user.school_id else None,
                                         user.region_code or None))


def logged_digest(token_hash: str) -> str:
    """What the issuing audit row keeps of a token: a digest of its hash, which signs nobody in."""
    return hashlib.sha256(f"starcampus web token\0{token_hash}".encode()).hexdigest()[:32]


def _issued(row: WebToken) -> bool:
    """Whether the audit row the token names is the one that issued it to its user."""
    import json

    from models.schema import AuditEvent

    if row.audit_seq is None:
        return False
    event = AuditEvent.get_or_none(AuditEvent.seq == row.audit_seq)
    if event is None or event.action != "user.web_token":
        return False
    payload = json.loads(event.payload)
    return bool(payload.get("name") == row.user.name and payload.get("token") == logged_digest(row.token_hash))


def still_valid(token_id: int) -> bool:
    """Whether an open session's token still holds (not ended, its user not disabled)."""
    return (WebToken.select().join(User)
            .where((WebToken.id == token_id) & WebToken.revoked_at.is_null() & (User.disabled == False))  # noqa: E712
            .exists())


# --- tickets: from the server to the app it spawns ---------------------------------------------

def write_ticket(folder: Path, raw: str) -> Path:
    """A ticket for one app process: 0600, created exclusively in the server's 0700 folder."""
    path = folder / f"ticket-{secrets.token_hex(16)}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(raw)
    return path


def consume_ticket(path: Path) -> WebSession:
    """Read and remove a ticket; the session its token opens, or a refusal."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise PermissionDenied("err.web_ticket", path=str(path), why=exc.strerror or str(exc)) from exc
    try:
        info = os.fstat(fd)
        with os.fdopen(fd, "r", encoding="utf-8") as handle:
            fd = -1
            raw = handle.read(512).strip()
    finally:
        if fd >= 0:
            os.close(fd)
        path.unlink(missing_ok=True)  # one use, whatever happens next
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise PermissionDenied("err.web_ticket", path=str(path), why=oct(stat.S_IMODE(info.st_mode)))
    session = signed_in(raw)
    if session is None:
        raise PermissionDenied("err.web_token")
    return session


def record_sign_in(session: WebSession) -> None:
    """One audit row per web session: who signed in through which link (its number, never the token)."""

    def body() -> None:
        if not still_valid(session.token_id):
            raise PermissionDenied("err.web_token")
        audit.append(actor=session.actor.name, action="web.sign_in", payload={"token": session.token_id})

    write(body)


def sign_in_with_ticket(path: Path) -> Actor:
    """The app spawned by `serve`: its officer, from the ticket, with the sign-in audited."""
    session = consume_ticket(path)
    record_sign_in(session)
    return session.actor
