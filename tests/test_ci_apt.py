""".ci/apt.sh: CI's apt-get waits while another apt or dpkg holds a lock, and gives up by name.

The locks here are temp files held the way apt holds its own (an fcntl lock, the file kept
open); apt-get itself is replaced by a stub on PATH, so nothing is installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOLD = """
import fcntl, sys
handle = open(sys.argv[1], "rb+")
fcntl.lockf(handle, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()  # hold until the test closes stdin
"""


@pytest.fixture
def lock(tmp_path: Path) -> Path:
    path = tmp_path / "lock-frontend"
    path.touch()
    return path


@pytest.fixture
def holder(lock: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(lock)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    if proc.stdin and not proc.stdin.closed:
        proc.stdin.close()
    proc.wait(timeout=30)


def _env(tmp_path: Path, lock: Path, seconds: int) -> dict[str, str]:
    stubs = tmp_path / "bin"
    stubs.mkdir(exist_ok=True)
    stub = stubs / "apt-get"
    stub.write_text(f'#!/bin/sh\necho "apt-get $*" >> {tmp_path / "calls"}\n')
    stub.chmod(0o755)
    return os.environ | {"PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}", "APT_LOCKS": str(lock),
                         "APT_LOCK_SECONDS": str(seconds)}


def _apt_get(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    script = f'set -euo pipefail; source {ROOT / ".ci" / "apt.sh"}; apt_get "$@"'
    return subprocess.Popen(["bash", "-c", script, "apt_get", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_apt_get_runs_at_once_when_nothing_holds_the_lock(tmp_path: Path, lock: Path) -> None:
    done = _apt_get(_env(tmp_path, lock, 60), "update", "-qq")
    _out, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    # apt-get itself waits on dpkg's lock for what is left of the bound (60 s, less a tick of the clock).
    assert re.fullmatch(r"apt-get -o DPkg::Lock::Timeout=(59|60) update -qq\n", (tmp_path / "calls").read_text())


def test_apt_get_waits_for_the_lock_then_runs(tmp_path: Path, lock: Path,
                                              holder: subprocess.Popen[str]) -> None:
    waiting = _apt_get(_env(tmp_path, lock, 300), "install", "-y", "tmux")
    assert waiting.stderr is not None
    said = waiting.stderr.readline()  # it says what it waits for before it waits
    assert f"waiting for {lock}" in said
    assert not (tmp_path / "calls").exists() and waiting.poll() is None
    assert holder.stdin is not None
    holder.stdin.close()  # the other apt finishes
    _out, rest = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, said + rest
    assert "apt-get -o DPkg::Lock::Timeout=" in (tmp_path / "calls").read_text()
    assert (tmp_path / "calls").read_text().endswith(" install -y tmux\n")


def test_apt_get_gives_up_by_name_when_the_lock_stays_held(tmp_path: Path, lock: Path,
                                                           holder: subprocess.Popen[str]) -> None:
    done = _apt_get(_env(tmp_path, lock, 3), "update")
    _out, err = done.communicate(timeout=120)
    assert done.returncode == 1
    assert f"gave up waiting for {lock} after 3s" in err
    assert not (tmp_path / "calls").exists()
