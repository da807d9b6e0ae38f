"""The writers' queue beside a SQLite database (models/writer_queue.py): it only orders writers, so a
writer it cannot serve (a holder that never lets go, a file it cannot open) still writes."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from models import writer_queue
from models.db import close_database, database, open_database, write_transaction
from models.schema import User
from workflow.connection import close_thread_connection

_HOLDER = r"""
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()  # until the test closes our stdin (or kills us)
"""


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Iterator[str]:
    path = str(tmp_path / "q.sqlite3")
    open_database(path)
    yield path
    close_database()


def _holder(lock_file: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, lock_file], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held", "the holder process never reported holding the queue"
    return proc


def _add_user(name: str) -> None:
    with write_transaction():
        User.create(name=name, role="viewer")


def test_a_write_goes_through_the_queue_file_beside_the_database(sqlite_file: str) -> None:
    _add_user("first")
    assert Path(sqlite_file + writer_queue.SUFFIX).exists()
    assert User.select().where(User.name == "first").count() == 1


def test_a_holder_that_never_lets_go_delays_a_writer_only_up_to_the_bound(
        sqlite_file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer_queue, "WAIT_SECONDS", 0.3)
    proc = _holder(sqlite_file + writer_queue.SUFFIX)
    try:
        _add_user("past-the-stuck-one")  # gives up on the queue and writes under SQLite's own lock
        assert User.select().where(User.name == "past-the-stuck-one").count() == 1
    finally:
        proc.stdin.close()  # type: ignore[union-attr]
        proc.wait(timeout=30)


def _held(lock_file: str) -> bool:
    """Whether someone holds the queue, asked through a descriptor of our own (a flock is per open file)."""
    fd = os.open(lock_file, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def test_a_waiting_writer_gets_its_turn_when_the_holder_lets_go(sqlite_file: str) -> None:
    lock_file = sqlite_file + writer_queue.SUFFIX
    proc = _holder(lock_file)
    seen: list[bool] = []
    waiting = threading.Thread(target=lambda: _take_and_look(sqlite_file, seen))
    queue = writer_queue._queue_for(sqlite_file)
    assert queue is not None
    before = queue.queued
    waiting.start()
    deadline = time.monotonic() + 60
    while queue.queued == before and time.monotonic() < deadline:  # until the writer is in the queue
        time.sleep(0.01)
    assert queue.queued == before + 1, "the writer never joined the queue within 60 s"
    proc.stdin.close()  # type: ignore[union-attr]
    proc.wait(timeout=30)
    waiting.join(timeout=60)
    assert not waiting.is_alive(), "the waiting writer never got its turn"
    assert seen == [True], "the writer went on without the queue instead of being given its turn"
    assert not _held(lock_file), "the turn was not given back"


def _take_and_look(database_file: str, seen: list[bool]) -> None:
    with writer_queue.turn(database_file, timeout=60):
        seen.append(_held(database_file + writer_queue.SUFFIX))


def test_a_killed_holder_leaves_nobody_waiting(sqlite_file: str) -> None:
    lock_file = sqlite_file + writer_queue.SUFFIX
    proc = _holder(lock_file)
    proc.kill()
    proc.wait(timeout=30)
    with writer_queue.turn(sqlite_file, timeout=60):
        assert _held(lock_file), "the kernel kept a dead process's turn: the writer gave up on the queue"
    _add_user("after-the-kill")
    assert User.select().where(User.name == "after-the-kill").count() == 1


def test_a_queue_file_that_cannot_be_opened_leaves_writes_working(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite3")
    Path(path + writer_queue.SUFFIX).symlink_to(tmp_path / "elsewhere")  # O_NOFOLLOW refuses it
    open_database(path)
    try:
        _add_user("no-queue")
        assert User.select().where(User.name == "no-queue").count() == 1
        assert not (tmp_path / "elsewhere").exists()
    finally:
        close_database()


def test_threads_of_one_process_take_turns_and_nested_writes_do_not_wait_on_themselves(sqlite_file: str) -> None:
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            # peewee gives each thread its own connection, as the TUI's workers have
            for i in range(20):
                with write_transaction():
                    User.create(name=f"{prefix}{i}", role="viewer")
                    with write_transaction():  # a door calling a door: a savepoint, no second turn
                        User.create(name=f"{prefix}{i}-inner", role="viewer")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_thread_connection()

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a writer thread was still waiting after 120 s"
    assert errors == []
    assert User.select().where(User.name.startswith("a") | User.name.startswith("b")
                               | User.name.startswith("c")).count() == 120
    assert database.obj.database == sqlite_file
