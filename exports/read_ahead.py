"""Pages of rows read from the database in a thread of their own while the caller writes the last
ones (the score workbook: 100,000 schools' 4.4 million scores).

The sqlite3 and psycopg2 drivers let go of the GIL while the database steps a query, so on two
cores the reading hides behind the writing (the cell XML, the deflate). The queue holds ``depth``
pages: memory stays a few pages whatever the round's size. The thread reads on a connection of
its own (peewee's connection is per thread), so all the rows the thread reads come from that one
connection, as they came from the caller's before: on SQLite a page's scores are read while the
schools' cursor holds its snapshot, as before.

Read in the caller's thread instead, as before, when a second connection would not see what the
caller's sees: inside a transaction (its uncommitted rows), or an in-memory SQLite database
(another connection opens another, empty, database).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

import peewee as pw

from models.db import database

T = TypeVar("T")

DEPTH = 3  # pages waiting at most: the reader runs this far ahead of the writer
_POLL = 0.1  # seconds between looks at whether the caller stopped reading


def _own_connection_sees_the_same() -> bool:
    db = database.obj
    if db is None or db.in_transaction():
        return False
    if isinstance(db, pw.SqliteDatabase):
        name = str(db.database)
        return name != "" and ":memory:" not in name and "mode=memory" not in name
    return True


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_END = object()


def read_ahead(pages: Callable[[], Iterator[list[T]]], depth: int = DEPTH) -> Iterator[T]:
    """The rows of ``pages()`` (lists of rows), read in a thread ``depth`` pages ahead; an error
    there is raised here, where the rows are read. Closing this iterator early (the writer
    failed) stops the thread and waits for it."""
    if not _own_connection_sees_the_same():
        for page in pages():
            yield from page
        return
    handed: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                handed.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for page in pages():
                if not put(page):
                    return
            put(_END)
        except BaseException as exc:  # noqa: BLE001 - handed over, raised in the reader's thread
            put(_Failed(exc))
        finally:
            if not database.obj.is_closed():
                database.obj.close()  # this thread's connection (back to the pool on PostgreSQL)

    thread = threading.Thread(target=read, name="read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = handed.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield from item  # type: ignore[misc]
    finally:
        stop.set()
        thread.join()


def read_ahead_rows(rows: Callable[[], Iterable[T]], page: int = 1000, depth: int = DEPTH) -> Iterator[T]:
    """``read_ahead`` of a stream of single rows (the 历年记录 sheet's lines), ``page`` rows a page."""

    def pages() -> Iterator[list[T]]:
        stream = iter(rows())
        while chunk := list(islice(stream, page)):
            yield chunk

    return read_ahead(pages, depth)
