"""Users, their SSH forced-command lines, and who may act as whom."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee
import pytest

from models.schema import AuditEvent, User
from workflow import door
from workflow.doors import ssh_keys
from workflow.doors.users import actor_for, add_user, disable_user, reconcile_keys
from workflow.errors import InvalidInput, NotFound, PermissionDenied, StorageError
from workflow.permissions import Actor

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc0bmV0ZXN0a2V5Zm9yc3RhcmNhbXB1c3Rlc3RzMDEy officer@laptop"
ADMIN = Actor("admin1", "admin")


def test_key_line_is_forced_and_other_lines_are_kept(db: str, tmp_path: Path) -> None:
    keys = tmp_path / "authorized_keys"
    keys.write_text("ssh-rsa AAAAB3Nza someone-else\n", encoding="utf-8")
    add_user(None, ADMIN.name, "admin")
    add_user(ADMIN, "zhang", "expert", key=KEY, keys_file=keys, program="/srv/bin/starcampus", db="/srv/data.db")
    lines = keys.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ssh-rsa AAAAB3Nza someone-else"
    assert lines[1].startswith('command="/srv/bin/starcampus --db /srv/data.db --as zhang",restrict,pty ssh-ed25519 ')
    assert oct(keys.stat().st_mode & 0o777) == "0o600"
    disable_user(ADMIN, "zhang", keys_file=keys)
    assert keys.read_text(encoding="utf-8").splitlines() == ["ssh-rsa AAAAB3Nza someone-else"]
    with pytest.raises(PermissionDenied, match="停用"):
        actor_for("zhang")


def test_bad_key_and_bad_users_are_refused(db: str, tmp_path: Path) -> None:
    add_user(None, ADMIN.name, "admin")
    with pytest.raises(InvalidInput, match="公钥"):
        add_user(ADMIN, "li", "expert", key="not a key", keys_file=tmp_path / "k")
    with pytest.raises(InvalidInput, match="学校"):
        add_user(ADMIN, "clerk", "school")
    with pytest.raises(NotFound):
        add_user(ADMIN, "clerk", "school", school_code="NOPE")
    with pytest.raises(PermissionDenied):
        add_user(Actor("v", "viewer"), "x", "admin")
    with pytest.raises(PermissionDenied):
        add_user(None, "second", "admin")
    assert User.select().count() == 1
    assert not (tmp_path / "k").exists()


class _Killed(BaseException):
    """The process dying: nothing after it runs, not even ``except Exception`` handlers."""


def _lines_of(keys: Path, name: str) -> list[str]:
    text = keys.read_text(encoding="utf-8") if keys.exists() else ""
    return [line for line in text.splitlines() if line.endswith(f"{ssh_keys.MARK}{name}")]


def test_key_file_is_written_once_when_the_transaction_is_retried(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = tmp_path / "authorized_keys"
    add_user(None, ADMIN.name, "admin")
    real = door.write_transaction
    failed: list[bool] = []

    @contextmanager
    def locked_at_commit_once() -> Iterator[None]:
        # The body runs, then the first commit meets a lock: the door rolls back and runs it again.
        with real():
            yield
            if not failed:
                failed.append(True)
                raise peewee.OperationalError("database is locked")

    writes: list[Path] = []
    replace = ssh_keys._replace

    def counted(path: Path, lines: list[str]) -> None:
        writes.append(path)
        replace(path, lines)

    monkeypatch.setattr(door, "write_transaction", locked_at_commit_once)
    monkeypatch.setattr(ssh_keys, "_replace", counted)
    add_user(ADMIN, "zhang", "expert", key=KEY, keys_file=keys)
    assert failed, "the body was not retried"
    assert writes == [keys]
    assert len(_lines_of(keys, "zhang")) == 1
    assert User.select().where(User.name == "zhang").count() == 1
    assert AuditEvent.select().where(AuditEvent.action == "user.add").count() == 2  # admin1 and zhang, once each


def test_a_death_between_commit_and_key_file_is_mended_by_the_next_user_command(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = tmp_path / "authorized_keys"
    add_user(None, ADMIN.name, "admin")

    def die(path: Path, wanted: object) -> bool:
        raise _Killed

    with monkeypatch.context() as patch:
        patch.setattr(ssh_keys, "apply", die)
        with pytest.raises(_Killed):
            add_user(ADMIN, "zhang", "expert", key=KEY, keys_file=keys)
    assert User.get(User.name == "zhang").key_line  # committed: the users table has it ...
    assert _lines_of(keys, "zhang") == []  # ... the file not yet
    add_user(ADMIN, "li", "viewer")  # any next user command, even one without a key
    assert len(_lines_of(keys, "zhang")) == 1
    assert not User.get(User.name == "zhang").keys_pending


def test_a_disabled_users_key_goes_even_if_the_process_died_before_removing_it(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = tmp_path / "authorized_keys"
    keys.write_text("ssh-rsa AAAAB3Nza someone-else\n", encoding="utf-8")
    add_user(None, ADMIN.name, "admin")
    add_user(ADMIN, "zhang", "expert", key=KEY, keys_file=keys)

    def die(path: Path, wanted: object) -> bool:
        raise _Killed

    with monkeypatch.context() as patch:
        patch.setattr(ssh_keys, "apply", die)
        with pytest.raises(_Killed):
            disable_user(ADMIN, "zhang")  # no --authorized-keys: the file the key was put in
    assert len(_lines_of(keys, "zhang")) == 1  # still able to log in: the file lags the database
    assert reconcile_keys() == ["zhang"]
    assert keys.read_text(encoding="utf-8").splitlines() == ["ssh-rsa AAAAB3Nza someone-else"]
    assert reconcile_keys() == []  # nothing left pending


def test_an_unwritable_key_file_keeps_the_user_and_says_so(db: str, tmp_path: Path) -> None:
    blocked = tmp_path / "ssh"
    blocked.write_text("a file where the folder should be", encoding="utf-8")  # refused even to root
    keys = blocked / "authorized_keys"
    add_user(None, ADMIN.name, "admin")
    with pytest.raises(StorageError, match="用户已保存") as refused:
        add_user(ADMIN, "zhang", "expert", key=KEY, keys_file=keys)
    assert str(keys) in str(refused.value)
    assert User.get(User.name == "zhang").keys_pending
    blocked.unlink()  # the officer fixes the folder; the next user command writes the line
    add_user(ADMIN, "li", "viewer")
    assert len(_lines_of(keys, "zhang")) == 1


def test_as_is_refused_locally_for_non_admins(tmp_path: Path) -> None:
    exe = str(Path(sys.executable).with_name("starcampus"))
    db = str(tmp_path / "u.sqlite3")
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    assert subprocess.run([exe, "--db", db, "demo", "load"], env=env, capture_output=True).returncode == 0
    # The local OS user is an admin in the demo, so it may act as the expert ...
    ok = subprocess.run([exe, "--db", db, "--as", "demo-expert", "status"], env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    # ... and over SSH the forced command's --as is taken as given, but unknown users are refused.
    ssh_env = dict(env, SSH_CONNECTION="127.0.0.1 5000 127.0.0.1 22")
    bad = subprocess.run([exe, "--db", db, "--as", "ghost", "campaign", "advance"], env=ssh_env,
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "ghost" in bad.stderr


def test_backup_while_writing_verifies(tmp_path: Path) -> None:
    exe = str(Path(sys.executable).with_name("starcampus"))
    db = str(tmp_path / "live.sqlite3")
    subprocess.run([exe, "--db", db, "demo", "load"], check=True, capture_output=True)
    writer = subprocess.Popen([sys.executable, "-m", "bench.concurrent_saves", db, "2", "4"],
                              cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE, text=True)
    backups = []
    for i in range(3):
        target = tmp_path / f"backup{i}.sqlite3"
        done = subprocess.run([exe, "--db", db, "backup", str(target)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        backups.append(target)
    writer.wait(timeout=120)
    for target in backups:
        check = subprocess.run([exe, "--db", str(target), "audit", "verify"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    assert "0 errors, 0 lost" in (writer.stdout.read() if writer.stdout else "")


def test_serve_refuses_a_public_bind(tmp_path: Path) -> None:
    exe = str(Path(sys.executable).with_name("starcampus"))
    done = subprocess.run([exe, "--db", str(tmp_path / "x.db"), "serve", "--host", "0.0.0.0"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 1 and "--allow-remote" in done.stderr


def test_a_key_line_never_lands_in_the_seal_key_or_the_database(db: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """--authorized-keys aimed at the seal key (or the live SQLite file) is refused before anything is saved."""
    from models.file_guard import live_database_file
    from workflow.outputs import FileRefused

    seal = tmp_path / "audit.key"
    seal.write_bytes(b"0123456789abcdef" * 4)
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(seal))
    add_user(None, ADMIN.name, "admin")
    targets = [seal] + [f for f in (live_database_file(),) if f is not None]
    for target in targets:
        before = target.read_bytes()
        with pytest.raises(FileRefused):
            add_user(ADMIN, "k2", "viewer", key=KEY, keys_file=target)
        assert target.read_bytes() == before
        assert not User.select().where(User.name == "k2").exists()
    assert seal.read_bytes() == b"0123456789abcdef" * 4


def test_a_key_file_changed_in_the_database_is_never_written_and_the_user_is_named(db: str, tmp_path: Path) -> None:
    add_user(None, ADMIN.name, "admin")
    keys = tmp_path / "authorized_keys"
    add_user(ADMIN, "zhang", "expert", key=KEY, keys_file=keys)
    binary = tmp_path / "blob"
    binary.write_bytes(bytes(range(256)) * 8)
    User.update(keys_file=str(binary), keys_pending=True).where(User.name == "zhang").execute()
    with pytest.raises(StorageError) as refused:
        reconcile_keys()
    assert refused.value.key == "err.keys_unvouched" and "zhang" in str(refused.value)
    assert binary.read_bytes() == bytes(range(256)) * 8
