"""Worker plumbing shared by every screen and widget that reads or writes the database.

Each read and each write is its own ``@work(thread=True, ...)`` method on the screen or widget
that needs it, and posts its own ``Message`` dataclass:

- a read subclasses ``ReadDone`` and is posted with ``post_read``; reads are ``exclusive`` in their
  group, so a newer request cancels an older one, and the handler drops a stale answer with
  ``if message.stale: return``;
- a write carries ``outcome``: the door's typed result or the ``WorkflowError`` itself (built by
  ``attempt``). Writes are never exclusive and never dropped.

Anything else a worker raises is unexpected: the worker ends in the ERROR state and
``WorkerReporting`` (its ``Worker.StateChanged`` handler) writes it with its traceback to the log file and
shows a plain message. Every worker body runs inside ``thread_connection()``, which closes the
thread's own database connection when the work is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState, get_current_worker

import tui.strings  # noqa: F401 - registers the strings used below
from tui import logfile
from workflow.connection import close_thread_connection
from workflow.errors import WorkflowError

T = TypeVar("T")
R = TypeVar("R", bound="ReadDone")


@contextmanager
def thread_connection() -> Iterator[None]:
    """The worker thread's database connection is closed when the block ends (peewee keeps one per thread)."""
    try:
        yield
    finally:
        close_thread_connection()


def attempt(fn: Callable[[], T]) -> T | WorkflowError:
    """Call a door: its result, or its refusal as the ``WorkflowError`` object. Anything else propagates."""
    try:
        return fn()
    except WorkflowError as exc:
        return exc


@dataclass
class ReadDone(Message, bubble=False):
    """Base of every read's answer. ``worker`` is set by ``post_read``."""

    worker: Worker[Any] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def stale(self) -> bool:
        """A newer request of the same read has started since (it cancelled this one): drop the answer."""
        return self.worker is not None and self.worker.is_cancelled


def post_read(node: MessagePump, message: R) -> None:
    """From a read worker's thread: post ``message`` unless a newer request already cancelled this one."""
    worker = get_current_worker()
    message.worker = worker
    if not worker.is_cancelled:
        node.post_message(message)


def refusal_or_crash(error: BaseException) -> str:
    """The plain text an officer sees for a worker's failure; an unexpected one is logged with its traceback."""
    if isinstance(error, WorkflowError):
        return str(error)
    path = logfile.log_unexpected(error)
    return logfile.plain_message(path)


class WorkerReporting:
    """Mixed into screens and widgets: a worker that failed is reported, never a crash.

    Override ``worker_failed`` to put the text somewhere more specific (and call ``super()`` or
    ``notify`` yourself); ``error`` is the exception the worker raised.
    """

    # A plain mixin gets no @on handlers (Textual collects those per MessagePump class), so the
    # handler is found by its name, the equivalent of @on(Worker.StateChanged).
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            event.stop()
            self.worker_failed(event.worker, event.worker.error)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        text = refusal_or_crash(error)
        app = getattr(self, "app", None)
        if app is not None:
            app.notify(text, severity="error", timeout=10, markup=False)
