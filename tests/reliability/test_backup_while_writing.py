"""`starcampus backup` taken while 3 processes write restores to a sound database."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.concurrent_saves import _WORKER, prepare
from rubrics.loader import builtin_rubric
from tests.reliability.helpers import ROOT, chain_ok, env, integrity, run_cli


def _register_local_admin(db: str) -> None:
    from models.db import close_database, open_database
    from models.schema import User
    from workflow.doors.users import add_user, os_login
    from workflow.permissions import Actor

    open_database(db)
    try:
        admin = User.get(User.role == "admin")
        add_user(Actor(admin.name, "admin"), os_login(), "admin")
    finally:
        close_database()


def test_backups_during_concurrent_writes_restore_and_verify(tmp_path: Path) -> None:
    db = str(tmp_path / "live.sqlite3")
    ids = prepare(db, 3)
    _register_local_admin(db)  # `backup` is an administrator's; here the one running it is the OS login
    codes = builtin_rubric("ningxia-2022").leaf_codes()[:6]
    writers = [subprocess.Popen([sys.executable, "-c", _WORKER, db, f"w{i}", str(aid), ",".join(codes), "4",
                                 str(tmp_path / f"w{i}.json")], cwd=ROOT, env=env(), stderr=subprocess.PIPE, text=True)
               for i, aid in enumerate(ids)]
    backups = []
    try:
        time.sleep(0.8)  # let the writers get going
        for i in range(3):
            target = tmp_path / f"backup{i}.sqlite3"
            done = run_cli(db, "backup", str(target), as_user=None)
            assert done.returncode == 0, done.stderr
            backups.append(target)
            time.sleep(0.3)
    finally:
        for proc in writers:
            _out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err[-2000:]
    sizes = []
    for target in backups:
        restored = tmp_path / f"restored-{target.name}"
        shutil.copyfile(target, restored)  # restoring is copying the file into place
        assert integrity(restored) == "ok"
        ok, message = chain_ok(restored)
        assert ok, message
        with sqlite3.connect(restored) as conn:
            sizes.append(conn.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0])
            # every score row is accounted for by an audit record of the same snapshot
            assert conn.execute("SELECT COUNT(*) FROM score").fetchone()[0] <= 6 * 3
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0], f"backups did not see writes going on: {sizes}"
    assert run_cli(backups[-1], "audit", "verify", as_user=None).returncode == 0
