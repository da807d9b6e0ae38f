"""A list read stopped by the next keystroke ends at once and quietly, on both backends."""

from __future__ import annotations

import threading

from models.db import database, is_postgres
from workflow.connection import close_thread_connection, interrupt_reads, interruptible

_LONG_SQLITE = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                "SELECT count(*) FROM (SELECT x FROM c WHERE started(x) LIMIT 2000000000)")


def _started(running: threading.Event):  # type: ignore[no-untyped-def]
    def started(_x: int) -> int:
        running.set()
        return 1
    return started


def _wait(event: threading.Event, what: str) -> None:
    assert event.wait(60), f"gave up after 60 s waiting for {what}"


def test_a_running_read_is_stopped_by_the_next_one(db: str) -> None:
    reads: dict = {}
    running = threading.Event()
    outcome: dict[str, object] = {}

    def worker() -> None:
        try:
            with interruptible(reads, "count") as read:
                raw = database.obj.connection()
                if is_postgres():
                    running.set()  # the statement is sent next; a cancel before it lands is retried below
                    database.execute_sql("SELECT pg_sleep(120)")
                else:
                    raw.create_function("started", 1, _started(running))
                    database.execute_sql(_LONG_SQLITE)
                outcome["finished"] = True
            outcome["interrupted"] = read.interrupted
        except Exception as exc:  # what the app's worker would have logged as an error
            outcome["error"] = repr(exc)
        finally:
            close_thread_connection()

    thread = threading.Thread(target=worker)
    thread.start()
    _wait(running, "the read to start")
    held = dict(reads)
    for _second in range(60):  # the cancel may land before PostgreSQL runs the statement: send it again
        for read in held.values():
            read.stop()
        interrupt_reads(reads)
        thread.join(1)
        if not thread.is_alive():
            break
    assert not thread.is_alive(), "gave up after 60 s waiting for the interrupted read to end"
    assert outcome == {"interrupted": True}, outcome
    assert reads == {}
