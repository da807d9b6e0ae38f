"""A second OS account for the local attacks: made with useradd by the test, removed afterwards.

CI runs as root; elsewhere the tests skip (or fail when STARCAMPUS_REQUIRE_SERVICES is set).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support import need, need_program


@dataclass(frozen=True)
class Account:
    name: str
    uid: int

    def run(self, *command: str, env: dict[str, str] | None = None, timeout: float = 60,
            stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
        """``command`` as this account (setpriv: real and effective uid and gid, no supplementary groups).

        The environment is passed as given: the attacker chooses it.
        """
        setpriv = need_program("setpriv")
        return subprocess.run([setpriv, f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups", "--",
                               *command], capture_output=True, text=True, env=env, timeout=timeout, stdin=stdin)


@contextmanager
def second_account(prefix: str = "scatk") -> Iterator[Account]:
    need(os.geteuid() == 0, "root, to create a second OS account (useradd)")
    useradd, userdel = need_program("useradd"), need_program("userdel")
    name = f"{prefix}{os.getpid() % 100000}"
    subprocess.run([useradd, "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name],
                   check=True, capture_output=True)
    try:
        import pwd

        yield Account(name, pwd.getpwnam(name).pw_uid)
    finally:
        subprocess.run([userdel, name], capture_output=True)


@contextmanager
def shared_dir() -> Iterator[Path]:
    """A directory every account may enter and write (like a careless /srv/starcampus): the attacks
    below must fail on the program's own checks, not on file modes."""
    path = Path(tempfile.mkdtemp(prefix="starcampus-shared-"))
    path.chmod(0o1777)
    try:
        yield path
    finally:
        subprocess.run(["rm", "-rf", str(path)], check=False)


def open_to_all(path: Path) -> None:
    for p in [path, *path.parent.glob(path.name + "-*")]:
        p.chmod(0o666)
