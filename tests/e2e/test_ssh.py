"""Officers over SSH: a real sshd on loopback, keys written by `starcampus user add --key`,
a real `ssh -tt` client inside tmux, the Chinese dashboard read back with capture-pane."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
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
        # The rows, the count line and the header are drawn in turn: wait for all of them.
        screen = admin.wait_for(lambda s: all(w in s for w in ("泾源县第一中学", "共5所学校", "年度复核", "zhang")))
        admin.keys("F10")
        admin.wait_for("SSH-EXIT-0")
    finally:
        admin.close()

    # The school clerk sees its own school only, and cannot find another by filtering.
    clerk = _session("ssh-school", sshd, school_key)
    try:
        screen = clerk.wait_for(lambda s: "新民乡中心小学" in s and "共1所学校" in s)
        assert "泾源县第一中学" not in screen
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


# ----- issue 10: attacks through a real sshd, keys written by `user add --key`

def _officer(sshd: Sshd, db: Path, name: str = "zhang", role: str = "admin", *extra: str) -> Path:
    key, pub = sshd.client_key(name)
    done = cli(db, "user", "add", name, "--role", role, *extra, "--key", pub, "--authorized-keys",
               str(sshd.authorized_keys))
    assert done.returncode == 0, done.stderr
    return key


def _app_processes(db: Path) -> list[int]:
    """Processes running the app on this test's database (named by its path on their command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(db).encode() in cmdline and any(part.endswith(b"starcampus") for part in cmdline[:2]):
                found.append(int(entry.name))
    return found


def _no_app_left(db: Path, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while _app_processes(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _app_processes(db)
    assert not left, f"app processes still running on {db}: {left}"


def test_setenv_textual_attack_is_ignored_even_with_acceptenv(tmp_path: Path) -> None:
    """Finding 1, with the worst sshd_config: AcceptEnv TEXTUAL_* (the old docs' advice)."""
    server = start_sshd(tmp_path, accept_env="LANG LC_* TEXTUAL_* TEXTUAL")
    try:
        data = tmp_path / "data"
        data.mkdir()
        db = data / "starcampus.sqlite3"
        assert cli(db, "demo", "load").returncode == 0
        seal = tmp_path / "audit.key"
        seal.write_bytes(os.urandom(32))
        viewer_key = _officer(server, db, "lingdao", "viewer")
        before = {p: p.read_bytes() for p in (db, server.authorized_keys, seal)}
        attacks = [
            f"TEXTUAL_SCREENSHOT=1 TEXTUAL_SCREENSHOT_LOCATION={data} TEXTUAL_SCREENSHOT_FILENAME={db.name}",
            f"TEXTUAL_SCREENSHOT=1 TEXTUAL_SCREENSHOT_LOCATION={server.authorized_keys.parent} "
            f"TEXTUAL_SCREENSHOT_FILENAME={server.authorized_keys.name}",
            f"TEXTUAL_LOG={seal} TEXTUAL=debug,devtools",
            "TEXTUAL_DRIVER=tests.e2e.nonexistent:Driver",
        ]
        for n, setenv in enumerate(attacks):
            command = server.ssh_command(viewer_key)
            command[1:1] = ["-o", f"SetEnv={setenv}"]
            session = Tmux(f"ssh-env{n}-{os.getpid()}", " ".join(shlex.quote(c) for c in command)
                           + "; echo SSH-EXIT-$?; sleep 30", env={"TERM": "xterm-256color", "LANG": "C.UTF-8"})
            try:
                screen = session.wait_for("泾源县第一中学")  # the app came up with its own driver, no traceback
                assert "Traceback" not in screen
                session.wait_for("各星级学校数")
                session.keys("F10")
                session.wait_for("SSH-EXIT-0")
            finally:
                session.close()
            assert {p: p.read_bytes() for p in before} == before, setenv
        assert not list(tmp_path.rglob("*.svg"))
        _no_app_left(db)
    finally:
        server.stop()


def test_no_pty_sessions_end_at_once_and_leave_no_process(sshd: Sshd, tmp_path: Path) -> None:
    """Finding 7: ssh -T, scp and sftp reach the forced command without a terminal."""
    db = tmp_path / "bureau.sqlite3"
    assert cli(db, "demo", "load").returncode == 0
    key = _officer(sshd, db, "zhang")
    before = db.read_bytes()
    opts = [a for a in sshd.ssh_command(key)[2:-1]]  # -i KEY -p PORT -o ... without -tt and the host
    target = f"{sshd.user}@127.0.0.1"
    plain = subprocess.run(["ssh", "-T", *opts, target], capture_output=True, text=True, timeout=30,
                           stdin=subprocess.DEVNULL)
    assert plain.returncode == 1 and "ssh -t" in plain.stderr
    _no_app_left(db)
    scp_opts = [("-P" if a == "-p" else a) for a in opts]
    source = tmp_path / "payload.txt"
    source.write_text("x")
    copied = subprocess.run(["scp", *scp_opts, str(source), f"{target}:{tmp_path / 'landed.txt'}"],
                            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert copied.returncode != 0 and not (tmp_path / "landed.txt").exists()
    _no_app_left(db)
    sftp = subprocess.run(["sftp", *scp_opts, "-b", "-", target], input="ls\n", capture_output=True, text=True,
                          timeout=30)
    assert sftp.returncode != 0
    _no_app_left(db)
    assert db.read_bytes() == before


def _open_first_school(session: Tmux) -> None:
    """One Enter in the filter box opens the only match: the list takes the focus and holds the open
    until the filter's rows are in. A second Enter would land in the sheet (and move its focus on), or,
    before the sheet is up, ask for a second open: the test presses once, as an officer would."""
    session.keys("Enter")
    session.wait_for("（满分8）", timeout=90)  # the sheet, first leaf focused; generous for a loaded machine


def test_a_disabled_officers_open_session_is_refused_at_its_next_save(sshd: Sshd, tmp_path: Path) -> None:
    """Finding 6: the session open over SSH keeps its process after the key line goes; its next save
    is refused at the door, and nothing is written."""
    import sqlite3
    from datetime import date, timedelta

    db = tmp_path / "bureau.sqlite3"
    assert cli(db, "demo", "load").returncode == 0
    today = date.today()

    def span(a: int, b: int) -> str:
        return f"{today + timedelta(days=a)}..{today + timedelta(days=b)}"

    made = cli(db, "--as", "demo-admin", "campaign", "create", "--year", str(today.year + 1), "--region", "泾源县",
               "--title", "安全测试评定", "--rubric", "ningxia-2022",
               "--window", f"mobilization={span(-20, -10)}", "--window", f"self_evaluation={span(-9, 30)}",
               "--window", f"verification={span(31, 40)}", "--window", f"promotion={span(41, 60)}")
    assert made.returncode == 0, made.stderr
    assert cli(db, "--as", "demo-admin", "campaign", "enrol", "640424007").returncode == 0
    assert cli(db, "--as", "demo-admin", "campaign", "advance").returncode == 0, "to self-evaluation"
    key = _officer(sshd, db, "zhang")
    session = _session("ssh-disabled", sshd, key)
    try:
        session.wait_for("新民乡中心小学")
        session.keys("新民", literal=True)
        # The filter box itself shows the typing (its row holds the drop-downs' ▼), not only the list's count.
        session.wait_for(lambda s: any(line.startswith("新民") and "▼" in line for line in s.splitlines()))
        _open_first_school(session)
        session.keys("6", literal=True)
        session.keys("Enter")
        session.wait_for("已保存")
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        assert cli(db, "--as", "demo-admin", "user", "disable", "zhang", "--authorized-keys",
                   str(sshd.authorized_keys)).returncode == 0
        assert "zhang" not in sshd.authorized_keys.read_text()
        session.wait_for("网络安全设备（满分5）")  # the save moved the focus on to leaf 1.2
        session.keys("3", literal=True)
        session.keys("Enter")
        session.wait_for("已停用")
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM audit_event").fetchone()[0] == rows + 1  # the disable only
            assert conn.execute("SELECT actor FROM audit_event ORDER BY seq DESC").fetchone()[0] == "demo-admin"
    finally:
        session.close()
    _no_app_left(db)


def test_the_documented_sshd_config_is_valid_and_accepts_no_textual(tmp_path: Path) -> None:
    """docs/deploy-ssh.md §4 is meant to be copied: sshd -t accepts it, and it accepts no TEXTUAL_*."""
    from tests.support import need_program

    sshd = need_program("/usr/sbin/sshd", "sshd")
    doc = (Path(__file__).parents[2] / "docs" / "deploy-ssh.md").read_text(encoding="utf-8")
    block = doc[doc.index("# global section"):]
    block = block[:block.index("```")]
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "hk")], check=True)
    config = tmp_path / "sshd_config"
    config.write_text(f"HostKey {tmp_path / 'hk'}\n{block}")
    checked = subprocess.run([sshd, "-t", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert not [line for line in block.splitlines() if line.strip().startswith("AcceptEnv")]
    assert "ForceCommand" not in block
