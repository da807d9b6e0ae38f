"""SQLite writers wait their turn in the kernel, not in SQLite's busy handler.

BEGIN IMMEDIATE is what serialises writers, and stays so: this queue only decides who asks next.
SQLite's busy handler sleeps between tries (1, 2, 5, 10 … 100 ms), so with sixteen officers saving
at once the write lock, held for well under a millisecond a save, sat free while every waiter
slept. An exclusive ``flock`` on a file beside the database (``<db>-writers``) puts the waiters in
a queue the kernel wakes in turn the moment the holder lets go.

The wait is bounded (``WAIT_SECONDS``, as long as SQLite's own busy timeout): a blocking flock
cannot time out, so it is taken by one waiting thread per process while the writer waits on an
event with a timeout. A writer that gives up goes on to BEGIN IMMEDIATE without the queue, where
SQLite's own timeout gives the usual "database is locked". When the file can't be opened (a folder
the account may not write, a symlink) writers simply do without the queue. The kernel drops a
dead process's flock with its last descriptor, so a killed writer leaves nobody waiting.
"""

from __future__ import annotations

import fcntl
import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

SUFFIX = "-writers"
WAIT_SECONDS = 15.0


@dataclass
class _Turn:
    """One writer's request, as the waiting thread and the writer both see it."""

    granted: bool = False
    abandoned: bool = False
    ready: threading.Event = field(default_factory=threading.Event)


class _Queue:
    """One database file's queue in this process: its descriptor and the thread that waits on it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        # Threads of one process share the descriptor, and a flock already held by it is granted to
        # it again at once: the process's own threads take turns here first.
        self.in_process = threading.Lock()
        self.settle = threading.Lock()  # the writer giving up and the grant arriving can't cross
        self.requests: queue.SimpleQueue[_Turn] = queue.SimpleQueue()
        self.queued = 0  # writers of this process that have waited in the kernel's queue (tests look)
        threading.Thread(target=self._serve, name="starcampus-writer-queue", daemon=True).start()

    def _serve(self) -> None:
        while True:
            turn = self.requests.get()
            fcntl.flock(self.fd, fcntl.LOCK_EX)
            with self.settle:
                if turn.abandoned:
                    fcntl.flock(self.fd, fcntl.LOCK_UN)
                    continue
                turn.granted = True
            turn.ready.set()

    def take(self, timeout: float) -> bool:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody waiting: no thread handover
            return True
        except BlockingIOError:
            pass
        turn = _Turn()
        self.queued += 1
        self.requests.put(turn)
        if turn.ready.wait(timeout):
            return True
        with self.settle:
            if turn.granted:  # granted between the timeout and here
                return True
            turn.abandoned = True
        return False

    def give_back(self) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)


_queues: dict[tuple[int, str], _Queue | None] = {}
_opening = threading.Lock()


def _queue_for(database_file: str) -> _Queue | None:
    key = (os.getpid(), database_file)  # a forked child has the descriptor but not the waiting thread
    with _opening:
        if key not in _queues:
            _queues[key] = _open(database_file)
        return _queues[key]


def _open(database_file: str) -> _Queue | None:
    if not database_file or database_file == ":memory:" or database_file.startswith("file:"):
        return None
    try:
        mode = os.stat(database_file).st_mode & 0o666  # whoever may open the database may queue
        fd = os.open(database_file + SUFFIX, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    except OSError:
        return None
    return _Queue(fd)


@contextmanager
def turn(database_file: str, timeout: float | None = None) -> Iterator[None]:
    """Hold this database's writers' queue for the block (or go without it: see the module's note)."""
    timeout = WAIT_SECONDS if timeout is None else timeout
    waiting = _queue_for(database_file)
    deadline = time.monotonic() + timeout
    if waiting is None or not waiting.in_process.acquire(timeout=timeout):
        yield
        return
    try:
        held = waiting.take(max(0.0, deadline - time.monotonic()))
        try:
            yield
        finally:
            if held:
                waiting.give_back()
    finally:
        waiting.in_process.release()
