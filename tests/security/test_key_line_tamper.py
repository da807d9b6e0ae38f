"""Someone who can write the database, not the server's files, plants an SSH line: a key of theirs with
no forced command, in a file of their choosing, marked pending so the next admin's user command writes
it (officer/attacker trial, session 8: that was a shell, and `audit verify` said the chain was intact).
The line is never written, the admin's command names the user, and `audit verify` names the edit, on
SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.db import database
from models.schema import User
from workflow.audit import verify_chain
from workflow.doors.users import add_user, disable_user, reconcile_keys, rekey_user
from workflow.errors import StorageError
from workflow.permissions import Actor

ADMIN = Actor("admin1", "admin")
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc0bmV0ZXN0a2V5Zm9yc3RhcmNhbXB1c3Rlc3RzMDEy officer@laptop"
OTHER = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE90aGVyb2ZmaWNlcnNrZXlmb3JzdGFyY2FtcHVzdGVzdHM officer@desk"
USERS = f'"{User._meta.table_name}"'  # "user": a reserved word on PostgreSQL
SHELL = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEF0dGFja2Vyc2tleWZvcnN0YXJjYW1wdXN0ZXN0czAxMjM evil"


def _plant(name: str, target: Path) -> None:
    database.execute_sql(
        f"UPDATE {USERS} SET key_line = {database.obj.param}, "
        f"keys_file = {database.obj.param}, keys_pending = {database.obj.param} WHERE name = {database.obj.param}",
        (SHELL, str(target), True, name))


def test_a_planted_line_is_never_written_and_verify_names_the_user(db: str, tmp_path: Path) -> None:
    keys = tmp_path / "authorized_keys"
    add_user(None, ADMIN.name, "admin")
    add_user(ADMIN, "viewer1", "viewer", key=KEY, keys_file=keys)
    before = keys.read_text(encoding="utf-8")
    assert 'command="' in before and "restrict" in before
    assert verify_chain().ok
    root_keys = tmp_path / "root-authorized_keys"  # the file of the attacker's choosing
    _plant("viewer1", root_keys)
    with pytest.raises(StorageError) as refused:
        add_user(ADMIN, "zhang", "viewer")  # the admin's next user command
    assert refused.value.key == "err.keys_unvouched"
    assert "viewer1" in refused.value.message("zh") and "audit verify" in refused.value.message("zh")
    assert not root_keys.exists()
    assert keys.read_text(encoding="utf-8") == before  # the honest line stays where it was
    assert User.get(User.name == "zhang").role == "viewer"  # the admin's own change is kept
    report = verify_chain()
    assert not report.ok
    assert "viewer1" in report.details("zh") and "SSH密钥行" in report.details("zh")


def test_the_key_files_own_line_edited_alone_is_named_too(db: str, tmp_path: Path) -> None:
    keys = tmp_path / "authorized_keys"
    add_user(None, ADMIN.name, "admin")
    add_user(ADMIN, "viewer1", "viewer", key=KEY, keys_file=keys)
    database.execute_sql(f"UPDATE {USERS} SET key_line = {database.obj.param} "
                         f"WHERE name = {database.obj.param}", (SHELL, "viewer1"))
    report = verify_chain()
    assert not report.ok and "viewer1" in report.details("zh")


def test_honest_key_changes_and_a_crash_recovery_still_pass(db: str, tmp_path: Path) -> None:
    keys = tmp_path / "authorized_keys"
    add_user(None, ADMIN.name, "admin")
    add_user(ADMIN, "viewer1", "viewer", key=KEY, keys_file=keys)
    rekey_user(ADMIN, "viewer1", OTHER)
    assert "IE90aGVy" in keys.read_text(encoding="utf-8")
    # A process that died after its commit: the row stays pending, and what it holds is what the log says,
    # so the next command (another process: nothing "just written" to vouch for it) writes it.
    User.update(keys_pending=True).where(User.name == "viewer1").execute()
    disable_user(ADMIN, "viewer1")
    assert "viewer1" not in keys.read_text(encoding="utf-8")
    User.update(keys_pending=True).where(User.name == "viewer1").execute()
    assert reconcile_keys() == ["viewer1"]
    assert verify_chain().ok, verify_chain().details("zh")
