"""End to end: the real `starcampus` command in tmux, read back with capture-pane."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support import need_program

BIN = Path(sys.executable).parent / "starcampus"


def test_starcampus_in_tmux(tmp_path: Path) -> None:
    tmux = need_program("tmux")
    db = tmp_path / "demo.sqlite3"
    env = {**os.environ, "STARCAMPUS_NOW": "2023-09-20T10:00:00", "TERM": "xterm-256color",
           "TEXTUAL_COLOR_SYSTEM": "256", "LANG": "C.UTF-8"}
    env.pop("STARCAMPUS_LANG", None)
    subprocess.run([str(BIN), "--db", str(db), "demo", "load"], check=True, env=env, capture_output=True)
    session = f"starcampus-{os.getpid()}"
    socket = ["-L", session]
    done = tmp_path / "exit-code"
    command = f"{BIN} --db {db} --as demo-admin --lang zh; echo $? > {done}"
    subprocess.run([tmux, *socket, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
                   check=True, env=env)
    t = [tmux, *socket]
    try:
        screen = _wait(t, session, "泾源县第一中学")
        assert "已认定" in screen and "未达星级" in screen
        subprocess.run([*t, "send-keys", "-t", session, "-l", "新民"], check=True)
        screen = _wait(t, session, "共1所学校")
        assert "新民乡中心小学" in screen and "泾源县第一中学" not in screen
        subprocess.run([*t, "send-keys", "-t", session, "Enter"], check=True)  # filter box -> list
        subprocess.run([*t, "send-keys", "-t", session, "Enter"], check=True)  # open the school
        screen = _wait(t, session, "校园网络")  # the rubric tree has been drawn
        assert "新民乡中心小学" in screen and "核定分" in screen
        subprocess.run([*t, "send-keys", "-t", session, "Escape"], check=True)
        subprocess.run([*t, "send-keys", "-t", session, "F10"], check=True)
        deadline = time.monotonic() + 10
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists() and done.read_text().strip() == "0"
    finally:
        subprocess.run([*t, "kill-server"], capture_output=True)


def _wait(t: list[str], session: str, text: str, timeout: float = 15) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run([*t, "capture-pane", "-p", "-t", session], capture_output=True, text=True,
                                check=True).stdout
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")
