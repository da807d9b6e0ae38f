"""Writers in several processes, one seal key: the head kept beside the key ends at the table's
newest row (it only moves forward, whatever order the processes reach the file in), and the
chain verifies with nothing reported missing. SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.db import close_database, open_database
from models.schema import AuditEvent
from workflow.audit import create_key, verify_chain
from workflow.audit_head import read_head
from workflow.doors.users import add_user

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
EACH = 15

_WRITER = """
import os, sys
from models.db import open_database
from workflow.doors.users import add_user
from workflow.permissions import Actor
open_database(os.environ["HEAD_TEST_DB"], create=False)
for i in range(int(sys.argv[2])):
    add_user(Actor("head-admin", "admin"), f"w{sys.argv[1]}-{i}", "viewer")
"""


def test_concurrent_writers_leave_the_head_at_the_tail(db: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    create_key()
    add_user(None, "head-admin", "admin")
    close_database()  # the writers take the database; SQLite's file lock is theirs to share
    env = dict(os.environ, PYTHONPATH=str(ROOT), HEAD_TEST_DB=db)  # a password stays off argv
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(n), str(EACH)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n in range(WRITERS)]
    for writer in writers:
        _out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    open_database(db)
    newest = AuditEvent.select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).scalar()
    assert newest == 1 + WRITERS * EACH
    head = read_head()
    assert head is not None and head.seq == newest and head.sealed_from == 1
    report = verify_chain()
    assert report.ok and report.sealed == newest, report.message("en")
    assert "no rows were removed from the end" in report.details("en")
