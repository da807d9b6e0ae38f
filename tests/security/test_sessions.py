"""Issue 10, findings 6 and 7: sessions end when they should.

A disabled user's next change is refused, whatever session it comes from (checked inside the
change's own transaction); ``user enable`` and ``user rekey`` are audited doors that bring the
authorized_keys file in line after the commit; without a terminal the TUI does not start.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from models.schema import AuditEvent
from workflow import clock
from workflow.doors.users import add_user, disable_user, enable_user, rekey_user, still_active
from workflow.errors import InvalidInput, PermissionDenied
from workflow.permissions import Actor
from workflow.reads import queries

EXE = str(Path(sys.executable).with_name("starcampus"))
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc0bmV0ZXN0a2V5Zm9yc3RhcmNhbXB1c3Rlc3RzMDEy officer@laptop"
NEW_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG5ld2tleWZvcnN0YXJjYW1wdXNyZWtleXRlc3RzMDEy officer@new"
CN = timezone(timedelta(hours=8))


def _selfeval_campaign() -> int:
    from tests.demo_copy import load_demo
    from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
    from workflow.doors.demo import ADMIN

    load_demo()
    clock.pin(datetime(2024, 6, 10, 10, 0, tzinfo=CN))
    row = create_campaign(ADMIN, year=2024, region="泾源县", title="泾源县2024年", rubric="ningxia-2022",
                          windows={"mobilization": ("2024-05-06", "2024-05-31"),
                                   "self_evaluation": ("2024-06-01", "2024-06-30"),
                                   "verification": ("2024-07-01", "2024-07-15"),
                                   "promotion": ("2024-07-16", "2024-12-31")})
    enrol(ADMIN, row.id, ["640424007"])
    advance_campaign(ADMIN, row.id)
    return int(row.id)


def test_a_disabled_users_open_session_is_refused_at_its_next_save(db: str) -> None:
    from workflow.doors.demo import ADMIN
    from workflow.doors.scores import set_score

    campaign = _selfeval_campaign()
    aid = int(queries.find_assessment(campaign, "640424007").id)  # type: ignore[union-attr]
    clerk = Actor("xinmin", "school", "640424007")  # as the open session holds it since login
    set_score(clerk, aid, "1.1", "6")
    assert still_active("xinmin")
    disable_user(ADMIN, "xinmin")
    assert not still_active("xinmin")
    rows = AuditEvent.select().count()
    with pytest.raises(PermissionDenied, match="已停用"):
        set_score(clerk, aid, "1.1", "7")
    assert AuditEvent.select().count() == rows
    assert queries.detail(aid).self_scores["1.1"].value == 6
    enable_user(ADMIN, "xinmin")
    assert still_active("xinmin")
    set_score(clerk, aid, "1.1", "7")
    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.seq)]
    assert actions.count("user.disable") == 1 and actions.count("user.enable") == 1


def test_an_admin_cannot_disable_itself_and_unknown_names_are_not_users(db: str) -> None:
    admin = Actor("root-admin", "admin")
    add_user(None, admin.name, "admin")
    with pytest.raises(InvalidInput):
        disable_user(admin, admin.name)
    assert not still_active("nobody-at-all")
    with pytest.raises(InvalidInput):
        enable_user(admin, admin.name)  # not disabled


def test_enable_and_rekey_keep_authorized_keys_in_line(db: str, tmp_path: Path) -> None:
    keys = tmp_path / "authorized_keys"
    keys.write_text("ssh-rsa AAAAB3Nza someone-else\n", encoding="utf-8")
    admin = Actor("boss", "admin")
    add_user(None, admin.name, "admin")
    add_user(admin, "zhang", "expert", key=KEY, keys_file=keys, program="/srv/bin/starcampus", db="/srv/x.db",
             color="256")
    assert "--color 256 --as zhang" in keys.read_text()
    rekey_user(admin, "zhang", NEW_KEY, program="/srv/bin/starcampus", db="/srv/x.db")
    lines = keys.read_text().splitlines()
    assert lines[0] == "ssh-rsa AAAAB3Nza someone-else" and len(lines) == 2
    assert NEW_KEY.split()[1] in lines[1] and KEY.split()[1] not in lines[1]
    assert "--color 256 --as zhang" in lines[1]  # the colour asked for at add is kept
    disable_user(admin, "zhang")
    assert keys.read_text().splitlines() == ["ssh-rsa AAAAB3Nza someone-else"]
    enable_user(admin, "zhang")
    assert NEW_KEY.split()[1] in keys.read_text()
    with pytest.raises(InvalidInput):
        rekey_user(admin, "zhang", "not a key")
    with pytest.raises(PermissionDenied):
        rekey_user(Actor("v", "viewer"), "zhang", KEY)
    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.seq)]
    assert actions.count("user.rekey") == 1 and actions.count("user.enable") == 1


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSH_")}
    return {**env, "LANG": "C.UTF-8", "TERM": "xterm-256color"}


def test_cli_user_enable_and_rekey(tmp_path: Path) -> None:
    db, keys = tmp_path / "demo.sqlite3", tmp_path / "authorized_keys"
    base = [EXE, "--db", str(db), "--as", "demo-admin"]
    assert subprocess.run([EXE, "--db", str(db), "demo", "load"], env=_env(), capture_output=True).returncode == 0

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], capture_output=True, text=True, env=_env(), timeout=60)

    assert cli("user", "add", "li", "--role", "viewer", "--key", KEY, "--authorized-keys", str(keys)).returncode == 0
    assert cli("user", "disable", "li").returncode == 0
    assert KEY.split()[1] not in keys.read_text()
    done = cli("user", "rekey", "li", "--key", NEW_KEY, "--color", "truecolor")
    assert done.returncode == 0, done.stderr
    assert NEW_KEY.split()[1] not in keys.read_text()  # still disabled: no line
    assert cli("user", "enable", "li").returncode == 0
    line = keys.read_text().strip()
    assert NEW_KEY.split()[1] in line and "--color truecolor --as li" in line
    again = cli("user", "enable", "li")
    assert again.returncode == 1 and "未被停用" in again.stderr


def test_without_a_terminal_the_tui_does_not_start(tmp_path: Path) -> None:
    """ssh -T, scp and sftp reach the forced command without a pty: one line, exit 1, no database opened."""
    db = tmp_path / "demo.sqlite3"
    assert subprocess.run([EXE, "--db", str(db), "demo", "load"], env=_env(), capture_output=True).returncode == 0
    before = db.read_bytes()
    for stdin in (subprocess.DEVNULL, subprocess.PIPE):
        done = subprocess.run([EXE, "--db", str(db), "--as", "demo-admin"], stdin=stdin, capture_output=True,
                              text=True, env=_env(), timeout=30)
        assert done.returncode == 1
        assert done.stderr.strip().count("\n") == 0 and "ssh -t" in done.stderr
        assert done.stdout == ""
    assert db.read_bytes() == before


def test_without_a_terminal_nothing_is_even_imported(tmp_path: Path) -> None:
    """The refusal comes before the database and textual: a missing database still gets the same line."""
    done = subprocess.run([EXE, "--db", str(tmp_path / "nothing-here.sqlite3"), "--as", "demo-admin"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, env=_env(), timeout=30)
    assert done.returncode == 1 and "ssh -t" in done.stderr
    assert not (tmp_path / "nothing-here.sqlite3").exists()
