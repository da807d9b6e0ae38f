"""SQLite's writers wait for their turn in the kernel: a lock file beside the database.

BEGIN IMMEDIATE alone serialises writers correctly, but a writer that finds the lock taken waits
in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15, 20, 25 ... 100 ms between tries. A save
holds the lock for well under a millisecond, so with sixteen officers queued most of them sleep
while the lock lies free, and the county saved fewer scores a second than one officer alone
(issue 14). Here each writer first takes ``flock(LOCK_EX)`` on ``<database>-writelock``: the kernel
queues the waiters and wakes the next one the moment the holder lets go, and BEGIN IMMEDIATE then
finds SQLite's own lock free.

- Correctness stays with BEGIN IMMEDIATE. A program that does not take this lock (an older
  starcampus, the sqlite3 shell, a backup) still serialises with us there, through the busy handler
  as before; this lock only orders the writers that take it.
- A crash releases it: the kernel drops a dead process's flock with its file descriptors.
- The wait is bounded (``TIMEOUT_SECONDS``, as long as SQLite's own busy_timeout) and named: past it,
  ``WriteLockTimeout`` says which file and how long. flock has no timeout of its own, and the ways to
  give it one interrupt it with a signal (SIGALRM: the main thread only, and the process's one alarm).
  So the blocking flock runs in a helper thread while the writer waits on an Event with the timeout:
  the kernel still wakes exactly the next waiter, no one polls, and a writer that gives up leaves
  the helper to release the lock as soon as it is granted. A free lock is had by a non-blocking try,
  with no thread at all; helpers are kept for the next wait (``_Helpers``).
- The file is made as SQLite makes its -wal and -shm files: beside the database, with the
  database's owner-and-group rights, never anybody else's (``_mode_for``). Where it cannot be made
  or opened (a read-only folder, a file of another account's), the writer goes without it and
  BEGIN IMMEDIATE waits as before: slower under load, never wrong.
- An in-memory database, a read-only or immutable URI and a server have no lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import stat
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import peewee

from models.messages import Keyed

SUFFIX = "-writelock"
TIMEOUT_SECONDS = 15.0  # SQLite's busy_timeout (models.db.SQLITE_PRAGMAS): the longest a writer waits its turn

_paths: weakref.WeakKeyDictionary[peewee.Database, Path | None] = weakref.WeakKeyDictionary()


class WriteLockTimeout(Keyed):
    """Another writer held the database's write lock longer than ``TIMEOUT_SECONDS``; nothing was changed."""


def lock_path(db: peewee.SqliteDatabase) -> Path | None:
    """``<database file>-writelock``, or None for a database without a file we may write to."""
    if db in _paths:
        return _paths[db]
    from models.db import sqlite_file  # models.db imports this module

    name = str(db.database)
    query = name.split("?", 1)[1] if name.startswith("file:") and "?" in name else ""
    read_only = any(word in query for word in ("mode=ro", "mode=memory", "immutable=1"))
    file = None if read_only else sqlite_file(name)
    _paths[db] = None if file is None else file.with_name(file.name + SUFFIX)
    return _paths[db]


def _mode_for(database_mode: int) -> int:
    """The lock file's rights: whoever may write the database, and nobody else (a reader of the
    database who could hold the lock would stall every save for the whole timeout)."""
    return 0o600 | (0o060 if database_mode & stat.S_IWGRP else 0)


def _open(path: Path) -> int | None:
    """A new descriptor of the lock file (its own open file, so two threads exclude each other too),
    creating the file if need be; None where it cannot be had."""
    for _ in range(2):  # a file made by another writer between our two tries is opened the second time
        try:
            return os.open(path, os.O_RDWR | os.O_CLOEXEC)
        except FileNotFoundError:
            pass
        except PermissionError:
            with contextlib.suppress(OSError):
                return os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # flock needs no write access
            return None
        except OSError:
            return None
        try:
            database = os.stat(path.with_name(path.name[: -len(SUFFIX)]))
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except FileExistsError:
            continue
        except OSError:  # a read-only folder, no database file: go without
            return None
        with contextlib.suppress(OSError):  # the database's group, as SQLite gives its -wal and -shm files
            if os.fstat(fd).st_gid != database.st_gid:
                os.fchown(fd, -1, database.st_gid)
        with contextlib.suppress(OSError):
            os.fchmod(fd, _mode_for(database.st_mode))  # the umask narrowed the mode given to open
        return fd
    return None


class _Waiter:
    """One writer's wait: a blocking flock run by a helper thread, so the writer can wait with a timeout.

    The hand-over is what the timeout costs: at 16 writers 0.07-0.2 ms more CPU a save than a bare
    blocking flock in the caller (measured, bench/concurrent_saves.py). So it is kept short: the
    helper goes back to the idle list before it wakes the writer, and wakes it through a bare lock
    (``_woken``), not an Event, whose Condition has the woken writer queue for a second lock."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.error: OSError | None = None
        self._woken = threading.Lock()
        self._woken.acquire()  # released by the helper once the flock is granted
        self._guard = threading.Lock()  # "granted" and "abandoned" are decided under it, once
        self._granted = False
        self._abandoned = False

    def wait_for_lock(self, helper: _Helper) -> None:  # in the helper thread
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError as exc:
            self.error = exc
        _helpers.give_back(helper)  # before the writer is woken: then nothing is left for this thread to do
        with self._guard:
            if self._abandoned:
                os.close(self.fd)  # granted after the writer gave up: let the next one have it at once
                return
            self._granted = True
        self._woken.release()

    def granted_within(self, timeout: float) -> bool:
        """Wait for the lock; False: not granted in time, and the helper will close the descriptor."""
        try:
            if self._woken.acquire(timeout=timeout):
                return True
        except BaseException:  # Ctrl-C while waiting
            if not self._give_up():
                os.close(self.fd)
            raise
        return not self._give_up()

    def _give_up(self) -> bool:
        """True if the writer gave up in time; False if the lock was granted first (the writer holds it)."""
        with self._guard:
            if self._granted:
                return False
            self._abandoned = True
            return True


class _Helper:
    """A thread that runs waits, kept for the next one: starting a thread costs 0.1 ms of CPU here,
    handing a wait to one that is there 0.03 ms (a save is 0.3-0.5 ms)."""

    def __init__(self) -> None:
        self._waits: queue.SimpleQueue[_Waiter] = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="starcampus-write-lock", daemon=True).start()

    def run(self, waiter: _Waiter) -> None:
        self._waits.put(waiter)

    def _serve(self) -> None:
        while True:
            self._waits.get().wait_for_lock(self)


class _Helpers:
    """The process's idle helpers: as many as it ever had writers waiting at once (threads don't
    survive a fork, so a child starts with none)."""

    def __init__(self) -> None:
        self._idle: list[_Helper] = []
        self._guard = threading.Lock()
        self._pid = os.getpid()

    def take(self) -> _Helper:
        with self._guard:
            if self._pid != os.getpid():
                self._idle, self._pid = [], os.getpid()
            if self._idle:
                return self._idle.pop()
        return _Helper()

    def give_back(self, helper: _Helper) -> None:
        with self._guard:
            if self._pid == os.getpid():
                self._idle.append(helper)


_helpers = _Helpers()


def _acquire(fd: int, path: Path, timeout: float) -> bool:
    """Take the lock on ``fd`` within ``timeout`` seconds. True: held; False: the lock cannot be used
    here (the writer goes on without it, fd closed). Raises ``WriteLockTimeout`` (fd then belongs to
    the helper thread)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        pass
    except OSError:  # no locks on this file system: BEGIN IMMEDIATE alone, as before
        os.close(fd)
        return False
    waiter = _Waiter(fd)
    _helpers.take().run(waiter)
    if not waiter.granted_within(timeout):
        raise WriteLockTimeout("db.write_lock_timeout", path=path, seconds=f"{timeout:g}")
    if waiter.error is not None:
        os.close(fd)
        return False
    return True


@contextlib.contextmanager
def held(db: peewee.SqliteDatabase, timeout: float | None = None) -> Iterator[None]:
    """Hold the database's write lock for the block (go without it where there is none to have)."""
    path = lock_path(db)
    fd = None if path is None else _open(path)
    if path is None or fd is None or not _acquire(fd, path, TIMEOUT_SECONDS if timeout is None else timeout):
        yield
        return
    try:
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock, after the COMMIT or ROLLBACK
