"""Run the real `starcampus` command, as tests/cli does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXE = str(Path(sys.executable).with_name("starcampus"))


def starcampus(*args: str, db: Path | None = None, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    cmd = [EXE, "--lang", lang]
    if db is not None:
        cmd += ["--db", str(db)]
    env = dict(os.environ, STARCAMPUS_NOW="2023-09-20T10:00:00+08:00")
    env.pop("SSH_CONNECTION", None)
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=env, timeout=120)
