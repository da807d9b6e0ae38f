"""The first run inside the terminal: `starcampus` on a path with no database asks what to do (issue 16:
initialise without leaving the app) instead of printing which command to type; Esc creates nothing."""

from __future__ import annotations

import getpass
import shlex
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.harness import Tmux

EXE = str(Path(sys.executable).with_name("starcampus"))


def _app(db: Path) -> Tmux:
    return Tmux(f"first-{time.monotonic_ns()}", f"{shlex.quote(EXE)} --db {shlex.quote(str(db))}; echo 已退出; sleep 60",
                width=100, height=30)


def test_new_makes_the_database_with_this_account_as_its_administrator(tmp_path: Path) -> None:
    db = tmp_path / "county.sqlite3"
    session = _app(db)
    try:
        first = session.wait_for("第一次使用")
        assert "还没有评定数据库" in first and not db.exists()  # asked before anything is made
        session.keys("Left", "Left", "Enter")  # from 退出 (focused: a stray Enter makes nothing) to 新建
        session.wait_for("还没有评定工作")  # the dashboard of the new, empty database
        session.keys("F10")
        session.wait_for("已退出")
    finally:
        session.close()
    users = subprocess.run([EXE, "--db", str(db), "user", "list"], capture_output=True, text=True, timeout=60)
    assert users.returncode == 0, users.stderr
    mine = [row for row in users.stdout.splitlines() if f" {getpass.getuser()} " in row]
    assert mine and "管理员" in mine[0], users.stdout  # this account, as the administrator (worded in Chinese)


def test_esc_leaves_without_making_anything(tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite3"
    session = _app(db)
    try:
        session.wait_for("第一次使用")
        session.keys("Escape")
        session.wait_for("已退出")
    finally:
        session.close()
    assert not db.exists()
