"""Web sign-in tokens in the core, on SQLite and PostgreSQL: stored as hashes only, ended by a new
link, by --revoke and by `user disable`; the app's ticket is one-use and private."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workflow.errors import PermissionDenied


@pytest.fixture
def officers(db: str) -> None:
    from tests.demo_copy import load_demo

    load_demo()


def test_only_the_hash_is_stored_and_the_audit_row_holds_neither(officers: None) -> None:
    from models.schema import AuditEvent, WebToken
    from workflow.doors.demo import ADMIN
    from workflow.doors.web_tokens import digest, issue, signed_in

    token = issue(ADMIN, "demo-expert")
    session = signed_in(token)
    assert session is not None and session.actor.name == "demo-expert" and session.actor.role == "expert"
    stored = [row.token_hash for row in WebToken.select()]
    assert stored == [digest(token)] and token not in stored
    last = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    assert last.action == "user.web_token" and last.actor == ADMIN.name
    assert token not in last.payload and digest(token) not in last.payload


def test_a_new_link_revoke_and_disable_end_the_token(officers: None, tmp_path: Path) -> None:
    from workflow.doors.demo import ADMIN
    from workflow.doors.users import disable_user
    from workflow.doors.web_tokens import issue, revoke, signed_in, still_valid

    first = issue(ADMIN, "demo-expert")
    second = issue(ADMIN, "demo-expert")
    assert signed_in(first) is None  # replaced
    session = signed_in(second)
    assert session is not None and still_valid(session.token_id)
    assert revoke(ADMIN, "demo-expert") == 1
    assert signed_in(second) is None and not still_valid(session.token_id)
    third = issue(ADMIN, "demo-expert")
    session = signed_in(third)
    assert session is not None
    disable_user(ADMIN, "demo-expert", keys_file=tmp_path / "authorized_keys")
    assert signed_in(third) is None and not still_valid(session.token_id)
    with pytest.raises(PermissionDenied):
        issue(ADMIN, "demo-expert")  # no link for a disabled user


def test_only_an_administrator_makes_or_ends_links(officers: None) -> None:
    from workflow.doors.web_tokens import issue, revoke
    from workflow.permissions import Actor

    expert = Actor("demo-expert", "expert")
    with pytest.raises(PermissionDenied):
        issue(expert, "demo-expert")
    with pytest.raises(PermissionDenied):
        revoke(expert, "demo-admin")


def test_a_ticket_is_read_once_and_must_be_private(officers: None, tmp_path: Path) -> None:
    from workflow.doors.demo import ADMIN
    from workflow.doors.web_tokens import consume_ticket, issue, write_ticket

    token = issue(ADMIN, "demo-expert")
    folder = tmp_path / "tickets"
    folder.mkdir(mode=0o700)
    ticket = write_ticket(folder, token)
    assert oct(ticket.stat().st_mode & 0o777) == "0o600"
    assert consume_ticket(ticket).actor.name == "demo-expert"
    assert not ticket.exists()
    with pytest.raises(PermissionDenied):
        consume_ticket(ticket)  # one use
    loose = folder / "loose"
    loose.write_text(token, encoding="utf-8")
    os.chmod(loose, 0o644)
    with pytest.raises(PermissionDenied, match="0o644"):
        consume_ticket(loose)
    forged = write_ticket(folder, "not-a-token")
    with pytest.raises(PermissionDenied):
        consume_ticket(forged)


def test_the_link_verb_prints_a_link_with_the_token_as_its_only_query() -> None:
    from tui.verbs.web import link

    assert link("https://starcampus.example/", "abc") == "https://starcampus.example/?token=abc"
    assert link("127.0.0.1:8000", "abc") == "http://127.0.0.1:8000/?token=abc"
    with pytest.raises(ValueError):
        link("javascript:alert(1)", "abc")


def test_origins_and_hosts_are_this_server_only() -> None:
    from tui.serve import allowed_hosts, allowed_origins

    assert allowed_origins("127.0.0.1", 8000, None) == {
        "http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"}
    proxied = allowed_origins("127.0.0.1", 8101, "https://starcampus.example.gov.cn/")
    assert "https://starcampus.example.gov.cn" in proxied and "http://evil.example" not in proxied
    assert "starcampus.example.gov.cn" in allowed_hosts("127.0.0.1", 8101, "https://starcampus.example.gov.cn/")


def test_a_token_row_put_in_by_sql_signs_nobody_in(officers: None, tmp_path: Path) -> None:
    # Officer/attacker trial, session 8: a web_token row inserted for demo-admin with the hash of a token
    # the attacker knew opened the TUI as the administrator, audited as demo-admin's sign-in.
    from models.db import database
    from models.schema import AuditEvent, User, WebToken
    from workflow.doors.demo import ADMIN
    from workflow.doors.web_tokens import consume_ticket, digest, issue, signed_in, write_ticket

    honest = issue(ADMIN, "demo-expert")
    issued = WebToken.get(WebToken.token_hash == digest(honest))
    admin = User.get(User.name == ADMIN.name)
    rows_before = AuditEvent.select().count()
    param = database.obj.param
    planted = "planted-token-the-attacker-knows"
    database.execute_sql(
        f"INSERT INTO web_token (user_id, token_hash, created_at, created_by) VALUES ({param}, {param}, {param}, "
        f"{param})", (admin.id, digest(planted), "2026-12-02T10:00:00+08:00", ADMIN.name))
    assert signed_in(planted) is None
    # Nor by naming the honest token's audit row: that row vouches for the honest token's hash only.
    database.execute_sql(f"UPDATE web_token SET audit_seq = {param} WHERE token_hash = {param}",
                         (issued.audit_seq, digest(planted)))
    assert signed_in(planted) is None
    folder = tmp_path / "tickets"
    folder.mkdir(mode=0o700)
    with pytest.raises(PermissionDenied):
        consume_ticket(write_ticket(folder, planted))
    assert AuditEvent.select().count() == rows_before  # no sign-in recorded for anybody
    session = signed_in(honest)
    assert session is not None and session.actor.name == "demo-expert"
