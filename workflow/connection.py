"""Opening and closing the database for the interfaces (CLI, TUI, web).

``tui/`` never imports ``models``; it reaches the connection through here, as it reaches
every write through the doors.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from models.db import DatabaseUnavailable, close_database, default_db_path, open_database, resolve_db_target
from models.pg_config import ConfigError, password_in, public

__all__ = ["ConfigError", "DatabaseUnavailable", "InterruptibleRead", "close_database", "close_thread_connection",
           "default_db_path", "interrupt_reads", "interruptible", "open_database", "password_in", "public",
           "resolve_db_target"]


def close_thread_connection() -> None:
    """Close the calling worker thread's own connection (peewee keeps one per thread)."""
    if threading.current_thread() is threading.main_thread():
        return
    from models.db import database

    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


class InterruptibleRead:
    """A worker's read that a newer one may stop mid-query (``interrupt_reads``); ``interrupted`` says it was."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.interrupted = False

    def stop(self) -> None:
        self.interrupted = True
        stop = getattr(self.raw, "interrupt", None) or getattr(self.raw, "cancel", None)  # sqlite3 / psycopg2
        if stop is not None:
            with contextlib.suppress(Exception):  # finished meanwhile, or closed: nothing left to stop
                stop()


@contextlib.contextmanager
def interruptible(reads: dict[str, InterruptibleRead], key: str) -> Iterator[InterruptibleRead]:
    """Run a read on the worker thread's connection so that ``interrupt_reads(reads)`` (from the UI
    thread, when the officer types the next key) stops it at once: at 500,000 schools a count left to
    run for every keystroke held the CPU the newest one needed. A read stopped so ends quietly, with
    ``interrupted`` set; its answer would have been dropped as stale anyway."""
    from models.db import database

    read = InterruptibleRead(database.obj.connection())
    reads[key] = read
    try:
        yield read
    except Exception:
        if not read.interrupted:
            raise
    finally:
        if reads.get(key) is read:
            del reads[key]


def interrupt_reads(reads: dict[str, InterruptibleRead]) -> None:
    for key in list(reads):
        read = reads.pop(key, None)
        if read is not None:
            read.stop()
