"""Real parts for end-to-end tests: a tmux session, and an sshd on loopback with a test host key."""

from __future__ import annotations

import os
import pwd
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.support import need, need_program, terminal_env


class Tmux:
    """One detached tmux session at a fixed size, on a tmux server of its own; send keys, read the screen.

    Its own server (``-L``): on the shared default server, a session ended by a parallel test
    could take the server down under this one's ``new-session`` (seen once as a failed run).
    """

    def __init__(self, name: str, command: str, *, width: int = 120, height: int = 40,
                 env: dict[str, str] | None = None) -> None:
        self.tmux = [need_program("tmux"), "-L", name]
        self.name = name
        args = [*self.tmux, "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height)]
        for key, value in (env or {}).items():
            args += ["-e", f"{key}={value}"]
        subprocess.run(args + [command], check=True, env=terminal_env())  # the pane's size, not COLUMNS/LINES

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name] + (["-l"] if literal else []) + list(keys),
                       check=True)

    def screen(self) -> str:
        done = subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return done.stdout

    def wait_for(self, predicate: Callable[[str], bool] | str, timeout: float = 60) -> str:
        test = (lambda s: predicate in s) if isinstance(predicate, str) else predicate
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if test(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"screen never showed {predicate!r}; last screen:\n{text}")

    def alive(self) -> bool:
        return subprocess.run([*self.tmux, "has-session", "-t", self.name], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Sshd:
    port: int
    user: str
    authorized_keys: Path
    process: subprocess.Popen[bytes]
    workdir: Path

    def client_key(self, name: str) -> tuple[Path, str]:
        key = self.workdir / f"id_{name}"
        if not key.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
        return key, (key.with_suffix(".pub")).read_text().strip()

    def ssh_command(self, key: Path, *remote: str) -> list[str]:
        return ["ssh", "-tt", "-i", str(key), "-p", str(self.port), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", f"{self.user}@127.0.0.1", *remote]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_sshd(workdir: Path, *, accept_env: str = "LANG LC_*") -> Sshd:
    """sshd on loopback for the real uid's account; ``accept_env`` as in sshd_config (an attack test
    widens it to show the program itself ignores what a client sends)."""
    sshd = need_program("/usr/sbin/sshd", "sshd")
    need_program("ssh")
    need_program("ssh-keygen")
    user = pwd.getpwuid(os.getuid()).pw_name
    host_key = workdir / "host_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], check=True)
    keys = workdir / "authorized_keys"
    keys.touch(mode=0o600)
    port = free_port()
    config = workdir / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {host_key}", f"AuthorizedKeysFile {keys}",
        f"PidFile {workdir / 'sshd.pid'}", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes", "StrictModes no", "UsePAM no",
        # The service account may log in only through its forced command, even as root.
        "PermitRootLogin forced-commands-only", "AllowTcpForwarding no", "X11Forwarding no",
        "PermitUserEnvironment no", f"AcceptEnv {accept_env}", "PrintMotd no", "",
    ]))
    Path("/run/sshd").mkdir(exist_ok=True) if os.geteuid() == 0 else None
    proc = subprocess.Popen([sshd, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return Sshd(port, user, keys, proc, workdir)
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    err = proc.stderr.read().decode() if proc.stderr and proc.poll() is not None else ""
    need(False, f"sshd did not start: {err}")
    raise AssertionError("unreachable")
