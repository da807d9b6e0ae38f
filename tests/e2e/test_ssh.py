"""Officers over SSH: a real sshd on loopback, keys written by `starcampus user add --key`,
a real `ssh -tt` client inside tmux, the Chinese dashboard read back with capture-pane."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import Sshd, Tmux, start_sshd

EXE = str(Path(sys.executable).with_name("starcampus"))


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    server = start_sshd(tmp_path)
    yield server
    server.stop()


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    return subprocess.run([EXE, "--db", str(db), *args], capture_output=True, text=True, env=env, timeout=60)


def _session(name: str, sshd: Sshd, key: Path, *remote: str) -> Tmux:
    command = " ".join(shlex.quote(part) for part in sshd.ssh_command(key, *remote))
    return Tmux(f"{name}-{os.getpid()}", command + "; echo SSH-EXIT-$?; sleep 30",
                env={"TERM": "xterm-256color", "LANG": "C.UTF-8"})


def test_officers_over_ssh(sshd: Sshd, tmp_path: Path) -> None:
    db = tmp_path / "bureau.sqlite3"
    assert cli(db, "demo", "load").returncode == 0
    admin_key, admin_pub = sshd.client_key("officer")
    school_key, school_pub = sshd.client_key("school")
    for name, role, extra, pub in (("zhang", "admin", [], admin_pub),
                                   ("clerk", "school", ["--school", "640424007"], school_pub)):
        done = cli(db, "user", "add", name, "--role", role, *extra, "--key", pub,
                   "--authorized-keys", str(sshd.authorized_keys))
        assert done.returncode == 0, done.stderr
    lines = sshd.authorized_keys.read_text().splitlines()
    assert len(lines) == 2 and all(",restrict,pty " in line for line in lines)

    # The admin sees the county's dashboard, in Chinese.
    admin = _session("ssh-admin", sshd, admin_key)
    try:
        screen = admin.wait_for("泾源县第一中学")
        assert "共13所学校" in screen and "已认定" in screen and "zhang" in screen
        admin.keys("F10")
        admin.wait_for("SSH-EXIT-0")
    finally:
        admin.close()

    # The school clerk sees its own school only, and cannot find another by filtering.
    clerk = _session("ssh-school", sshd, school_key)
    try:
        screen = clerk.wait_for("新民乡中心小学")
        assert "共1所学校" in screen and "泾源县第一中学" not in screen
        clerk.keys("大湾", literal=True)
        clerk.wait_for("共0所学校")
        clerk.keys("F10")
    finally:
        clerk.close()

    # Asking the key for a shell command still gets the app, never a shell.
    forced = _session("ssh-shell", sshd, admin_key, "sh", "-c", "echo HACKED-$((6*7))")
    try:
        screen = forced.wait_for("泾源县第一中学")
        assert "HACKED-42" not in screen
        forced.keys("F10")
        assert "HACKED-42" not in forced.wait_for("SSH-EXIT")
    finally:
        forced.close()

    # A disabled user is refused at the door: the key line is gone.
    assert cli(db, "user", "disable", "clerk", "--authorized-keys", str(sshd.authorized_keys)).returncode == 0
    assert len(sshd.authorized_keys.read_text().splitlines()) == 1
    refused = subprocess.run(sshd.ssh_command(school_key, "true"), capture_output=True, text=True, timeout=30,
                             stdin=subprocess.DEVNULL)
    assert refused.returncode == 255 and "Permission denied" in refused.stderr
