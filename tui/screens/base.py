"""Running database work off the UI thread.

Every read or write goes to a thread worker that calls the core and posts a ``DbDone``
message back; the screen's handler (on the UI thread) updates widgets. Workers never touch
widgets. Each worker thread closes its own database connection when it ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

import tui.strings  # noqa: F401 - registers the strings used below
from workflow.errors import WorkflowError


@dataclass
class DbDone(Message):
    """The result of one piece of database work: ``value`` or the refusal ``error`` text."""

    tag: str
    value: Any
    error: str | None
    refused: bool
    seq: int


def close_thread_connection() -> None:
    """Close the calling worker thread's own connection (peewee keeps one per thread)."""
    if threading.current_thread() is threading.main_thread():
        return
    from models.db import database

    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


class DbMixin:
    """``self.db(tag, fn, ...)``: call ``fn`` in a thread, then ``self.done_<tag>(value)`` or show the error."""

    _db_seq: int = 0
    _db_latest: dict[str, int]

    def db(self, tag: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Worker[None]:
        self._db_seq += 1
        seq = self._db_seq
        if not hasattr(self, "_db_latest"):
            self._db_latest = {}
        self._db_latest[tag] = seq
        target = self

        def run() -> None:
            try:
                value = fn(*args, **kwargs)
            except WorkflowError as exc:
                target.post_message(DbDone(tag, None, str(exc), True, seq))  # type: ignore[attr-defined]
            except Exception as exc:  # noqa: BLE001 - shown to the officer, never a crash
                target.post_message(DbDone(tag, None, f"{type(exc).__name__}: {exc}", False, seq))  # type: ignore[attr-defined]
            else:
                target.post_message(DbDone(tag, value, None, False, seq))  # type: ignore[attr-defined]
            finally:
                close_thread_connection()

        return self.run_worker(run, thread=True, group=f"db-{tag}", exit_on_error=False)  # type: ignore[attr-defined,no-any-return]

    def on_db_done(self, message: DbDone) -> None:
        message.stop()
        if self._db_latest.get(message.tag) != message.seq:
            return  # a newer request for the same thing is on its way; drop the stale answer
        if message.error is not None:
            handler = getattr(self, f"failed_{message.tag.split(':')[0]}", None)
            if handler is not None:
                handler(message.error)
            else:
                self.app.notify(message.error, severity="error", timeout=8, markup=False)  # type: ignore[attr-defined]
            return
        getattr(self, f"done_{message.tag.split(':')[0]}")(message.value)


class DbScreen(DbMixin, Screen[Any]):
    pass


class DbModal(DbMixin, ModalScreen[Any]):
    pass
