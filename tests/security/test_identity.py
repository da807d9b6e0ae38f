"""Issue 10, findings 2 and 3: nobody acts as someone else by setting an environment variable.

The local user is the real uid's passwd account; ``--as`` is honoured only for the database's
service account (the owner of the SQLite file) and root. A second OS account, made by the test,
tries the attacks on a database it could read and write as a file.
"""

from __future__ import annotations

import os
import pwd
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.accounts import Account, open_to_all, second_account, shared_dir

EXE = str(Path(sys.executable).with_name("starcampus"))


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SSH_", "LOGNAME", "USER"))}
    env.update({"LANG": "C.UTF-8", "STARCAMPUS_NOW": "2023-09-20T10:00:00+08:00", **extra})
    return env


@pytest.fixture
def attacker() -> Iterator[Account]:
    with second_account() as account:
        yield account


@pytest.fixture
def bureau_db() -> Iterator[Path]:
    """The demo database in a directory anyone may write, the file itself mode 0666, owned by root."""
    with shared_dir() as folder:
        db = folder / "bureau.sqlite3"
        done = subprocess.run([EXE, "--db", str(db), "demo", "load"], capture_output=True, text=True, env=_env(),
                              timeout=120)
        assert done.returncode == 0, done.stderr
        open_to_all(db)
        yield db


def _users(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("SELECT name, role FROM user").fetchall())


def test_logname_root_does_not_make_a_local_account_root(attacker: Account, bureau_db: Path) -> None:
    before = bureau_db.read_bytes()
    done = attacker.run(EXE, "--db", str(bureau_db), "user", "add", "evil", "--role", "admin",
                        env=_env(LOGNAME="root", USER="root"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert attacker.name in done.stderr  # refused as who it really is, not as root
    assert "Traceback" not in done.stderr
    assert bureau_db.read_bytes() == before
    assert ("evil", "admin") not in _users(bureau_db)


def test_ssh_connection_does_not_unlock_as(attacker: Account, bureau_db: Path) -> None:
    before = bureau_db.read_bytes()
    done = attacker.run(EXE, "--db", str(bureau_db), "--as", "demo-admin", "user", "add", "evil", "--role", "admin",
                        env=_env(SSH_CONNECTION="1 2 3 4", SSH_CLIENT="1 2 3", LOGNAME="root"))
    assert done.returncode == 1
    assert "服务账号" in done.stderr and attacker.name in done.stderr and "demo-admin" in done.stderr
    assert bureau_db.read_bytes() == before
    # Reads are refused the same way, before anything is read.
    shown = attacker.run(EXE, "--db", str(bureau_db), "--as", "demo-admin", "--lang", "en", "status",
                         env=_env(SSH_CONNECTION="1 2 3 4"))
    assert shown.returncode == 1 and "service account" in shown.stderr
    assert "泾源县第一中学" not in shown.stdout
    assert bureau_db.read_bytes() == before


def test_serve_as_admin_is_refused_for_a_local_account(attacker: Account, bureau_db: Path) -> None:
    before = bureau_db.read_bytes()
    done = attacker.run(EXE, "--db", str(bureau_db), "--as", "demo-admin", "serve", "--port", "1",
                        env=_env(SSH_CONNECTION="1 2 3 4"), timeout=30)
    assert done.returncode == 1 and "demo-admin" in done.stderr
    assert bureau_db.read_bytes() == before


def test_the_service_account_owning_the_file_may_act_as_an_officer(attacker: Account, bureau_db: Path) -> None:
    """The forced command runs as the file's owner: that account's --as is honoured."""
    os.chown(bureau_db, attacker.uid, attacker.uid)
    done = attacker.run(EXE, "--db", str(bureau_db), "--as", "demo-admin", "status", env=_env())
    assert done.returncode == 0, done.stderr
    assert "泾源县第一中学" in done.stdout


def test_the_audit_log_names_the_real_uid_not_logname(bureau_db: Path) -> None:
    me = pwd.getpwuid(os.getuid()).pw_name  # demo load registers the OS account as an admin
    done = subprocess.run([EXE, "--db", str(bureau_db), "user", "add", "newviewer", "--role", "viewer"],
                          capture_output=True, text=True, env=_env(LOGNAME="demo-admin", USER="demo-admin"))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(bureau_db) as conn:
        actor = conn.execute("SELECT actor FROM audit_event WHERE action = 'user.add' ORDER BY seq DESC").fetchone()
    assert actor == (me,)


def test_login_name_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from workflow.doors.users import os_login

    monkeypatch.setenv("LOGNAME", "demo-admin")
    monkeypatch.setenv("USER", "demo-admin")
    assert os_login() == pwd.getpwuid(os.getuid()).pw_name


def test_a_local_account_cannot_backdate_its_own_audit_rows(attacker: Account, bureau_db: Path) -> None:
    """STARCAMPUS_NOW sets the clock only for root and the service account, who own the file anyway."""
    added = subprocess.run([EXE, "--db", str(bureau_db), "--as", "demo-admin", "user", "add", attacker.name,
                            "--role", "admin"], capture_output=True, text=True, env=_env(), timeout=60)
    assert added.returncode == 0, added.stderr
    done = attacker.run(EXE, "--db", str(bureau_db), "user", "add", "helper", "--role", "viewer",
                        env=_env(STARCAMPUS_NOW="2001-01-01T09:00:00+08:00"))
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(bureau_db) as conn:
        actor, at = conn.execute("SELECT actor, at FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    assert actor == attacker.name
    assert not at.startswith("2001-"), at  # the real time, not the attacker's
    # The service account's pinned clock still works (tests and training databases rely on it).
    with sqlite3.connect(bureau_db) as conn:
        demo_at = conn.execute("SELECT at FROM audit_event WHERE actor = 'demo-admin' ORDER BY seq DESC LIMIT 1"
                               ).fetchone()[0]
    assert demo_at.startswith("2023-09-20"), demo_at


@pytest.mark.parametrize("spelling", ["file:{path}", "file:{path}?mode=rw", "sqlite:///{path}", "sqliteext:///{path}"])
def test_another_spelling_of_the_database_does_not_unlock_as(attacker: Account, bureau_db: Path,
                                                             spelling: str) -> None:
    """--as is checked against the file the open will use, whatever spelling names it."""
    before = bureau_db.read_bytes()
    target = spelling.format(path=bureau_db)
    done = attacker.run(EXE, "--db", target, "--as", "demo-admin", "user", "add", "evil", "--role", "admin",
                        env=_env(STARCAMPUS_DB=target))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert bureau_db.read_bytes() == before
    assert ("evil", "admin") not in _users(bureau_db)
