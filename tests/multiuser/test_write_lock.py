"""SQLite's writers queue on the lock file beside the database (models/write_lock.py): two processes
saving at once through it both get every save in; a lock held too long by another process ends the
wait with an error that names the file, nothing written; a holder that dies lets the next one in.
SQLite only (PostgreSQL has no lock file)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.concurrent_saves import prepare
from models import write_lock
from models.db import close_database, database, open_database
from models.schema import AuditEvent, Score
from rubrics.loader import builtin_rubric
from workflow.audit import verify_chain
from workflow.door import write
from workflow.doors.sheet_entry import save_leaf
from workflow.errors import StorageError
from workflow.permissions import Actor

ROOT = Path(__file__).resolve().parents[2]
EACH = 40
WAIT = 60  # seconds: the longest any child process of these tests is given

# Saves EACH leaves of its own school; says "ready" once the app is imported and the database open,
# then saves as soon as the parent answers (the parent holds the lock until both are ready).
_SAVER = r"""
import sys
from models.db import open_database
from workflow.doors.sheet_entry import save_leaf
from workflow.permissions import Actor
db, name, aid, codes, each = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(","), int(sys.argv[5])
open_database(db, create=False)
print("ready", flush=True)
sys.stdin.readline()
for i in range(each):
    save_leaf(Actor(name, "admin"), aid, codes[i % len(codes)], str(i % 3), kind="self", expected_version=None)
print(i % 3, codes[(each - 1) % len(codes)], flush=True)
"""

# Holds the lock file of the database named by argv[1] until killed, after saying so.
_HOLDER = r"""
import fcntl, os, sys
fd = os.open(sys.argv[1] + "-writelock", os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.readline()
"""


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT))


def _lock_file(db: Path) -> Path:
    return db.with_name(db.name + write_lock.SUFFIX)


def test_two_processes_saving_at_once_both_get_every_save_in(tmp_path: Path) -> None:
    db = tmp_path / "starcampus.sqlite3"
    ids = prepare(str(db), 2)
    codes = builtin_rubric("ningxia-2022").leaf_codes()[:4]
    held = os.open(_lock_file(db), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(held, fcntl.LOCK_EX)  # both savers start queued on it
    savers = [subprocess.Popen([sys.executable, "-c", _SAVER, str(db), f"w{i}", str(aid), ",".join(codes), str(EACH)],
                               env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for i, aid in enumerate(ids)]
    try:
        for saver in savers:
            assert saver.stdout is not None and saver.stdout.readline() == "ready\n"
        for saver in savers:
            assert saver.stdin is not None
            saver.stdin.write("go\n")
            saver.stdin.flush()
    finally:
        os.close(held)
    answers = [saver.communicate(timeout=WAIT) for saver in savers]
    for saver, (_out, err) in zip(savers, answers, strict=True):
        assert saver.returncode == 0, err
    open_database(str(db), create=False)
    try:
        for i, (aid, (out, _err)) in enumerate(zip(ids, answers, strict=True)):
            assert AuditEvent.select().where((AuditEvent.actor == f"w{i}") & (AuditEvent.action == "score.self")
                                             ).count() == EACH
            value, code = out.split()
            assert str(Score.get((Score.assessment == aid) & (Score.code == code) & (Score.kind == "self")).value
                       ) == value
        report = verify_chain()
        assert report.ok, report.problem_en
    finally:
        close_database()
    assert stat.S_IMODE(_lock_file(db).stat().st_mode) == 0o600  # the database's own rights: 0600 here


def test_a_lock_held_too_long_ends_the_wait_with_an_error_naming_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "starcampus.sqlite3"
    [aid] = prepare(str(db), 1)
    code = builtin_rubric("ningxia-2022").leaf_codes()[0]
    monkeypatch.setattr(write_lock, "TIMEOUT_SECONDS", 0.2)
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db)], env=_env(), stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    open_database(str(db), create=False)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        before = AuditEvent.select().count()
        with pytest.raises(StorageError) as refused:
            save_leaf(Actor("w0", "admin"), aid, code, "1", kind="self", expected_version=None)
        assert refused.value.key == "db.write_lock_timeout"
        assert str(_lock_file(db)) in refused.value.message("en")
        assert "0.2 s" in refused.value.message("en")
        assert AuditEvent.select().count() == before
        holder.kill()  # a holder that dies: the kernel lets its lock go
        holder.communicate(timeout=WAIT)
        save_leaf(Actor("w0", "admin"), aid, code, "1", kind="self", expected_version=None)
        assert AuditEvent.select().count() == before + 1
    finally:
        close_database()
        if holder.poll() is None:
            holder.kill()
            holder.communicate(timeout=WAIT)


def test_a_write_inside_a_write_does_not_wait_for_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "starcampus.sqlite3"
    prepare(str(db), 1)
    monkeypatch.setattr(write_lock, "TIMEOUT_SECONDS", 0.2)
    open_database(str(db), create=False)
    try:
        assert write(lambda: write(lambda: database.in_transaction())) is True
    finally:
        close_database()


@pytest.mark.parametrize(("database_mode", "lock_mode"), [(0o600, 0o600), (0o660, 0o660), (0o640, 0o600),
                                                          (0o666, 0o660)])
def test_the_lock_file_is_for_those_who_may_write_the_database(tmp_path: Path, database_mode: int,
                                                              lock_mode: int) -> None:
    db = tmp_path / "starcampus.sqlite3"
    db.write_bytes(b"")
    os.chmod(db, database_mode)
    fd = write_lock._open(_lock_file(db))
    assert fd is not None
    os.close(fd)
    made = _lock_file(db).stat()
    assert stat.S_IMODE(made.st_mode) == lock_mode  # never anybody else's, whatever the umask
    assert made.st_gid == db.stat().st_gid


def test_a_memory_database_has_no_lock_file() -> None:
    import peewee

    assert write_lock.lock_path(peewee.SqliteDatabase(":memory:")) is None
    assert write_lock.lock_path(peewee.SqliteDatabase("file:/srv/x.sqlite3?mode=ro", uri=True)) is None


def _log_state(db: Path) -> tuple[int, int]:
    """(frames in the WAL, frames of it copied back into the database file), from the -shm file's
    wal-index header (https://sqlite.org/walformat.html: mxFrame at byte 16, nBackfill at byte 96).
    Reading it closes a descriptor of the file, which drops this process's POSIX locks on it: harmless
    here, where no other process has the database open (models/checkpoint.py says why the app can't)."""
    raw = (db.with_name(db.name + "-shm")).read_bytes()[:100]
    return int.from_bytes(raw[16:20], sys.byteorder), int.from_bytes(raw[96:100], sys.byteorder)


def test_the_log_is_copied_back_after_the_write_lock_is_let_go_not_while_others_wait(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite checkpoints inside the COMMIT that fills its log past 1,000 pages: two fsyncs and the copying,
    12-35 ms here, while every other officer's save queued on the write lock. Now no save holds the lock
    through a checkpoint, and the log is still copied back and started again (it does not grow)."""
    db = tmp_path / "starcampus.sqlite3"
    [aid] = prepare(str(db), 1)
    codes = builtin_rubric("ningxia-2022").leaf_codes()[:6]
    plain = write_lock.held
    copied_under_lock: list[tuple[tuple[int, int], tuple[int, int]]] = []
    largest = 0

    @contextlib.contextmanager
    def watched(target: object, timeout: float | None = None) -> Iterator[None]:
        nonlocal largest
        with plain(target, timeout):  # type: ignore[arg-type]
            before = _log_state(db)
            yield
            after = _log_state(db)
            largest = max(largest, after[0])
            if after[1] > before[1]:  # more of the log copied back than when the lock was taken
                copied_under_lock.append((before, after))

    monkeypatch.setattr(write_lock, "held", watched)
    open_database(str(db), create=False)
    try:
        for i in range(600):  # ~5.6 pages a save: the log passes 1,000 pages several times over
            save_leaf(Actor("w0", "admin"), aid, codes[i % len(codes)], str(i % 3), kind="self", expected_version=None)
        assert copied_under_lock == []
        assert 0 < largest < 2000  # copied back and restarted from its beginning, again and again
        assert AuditEvent.select().count() >= 600 and verify_chain().ok
    finally:
        close_database()
