"""The cyclic garbage collector held off through a bulk read or write (a school register's import).

Reading a register of 500,000 schools makes some 2.5 million long-lived containers (a list and a
tuple a school, the facts of its audit row) and next to no cycles. The collector ran some 2,800
times over that growing heap, the full passes scanning all of it: 3.2 s of CPU in a 30 s import
(measured in docs/benchmarks.md), the part of the import that grew faster than the school count.
Reference counting frees everything as usual while the collector is held; the collector resumes as
the outermost hold ends, and its next pass finds whatever cycles there were (none that the import
makes are left: the rows are plain tuples and lists of strings and ints).

``paused()`` nests and may be entered from several threads: the collector is held while any hold
is open and comes back on only if it was on when the first one started (the app's launch hold,
tui/gc_hold.py, is not undone by an import inside it).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_restore = False


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the ``with`` block (and back as it was once the last open hold ends)."""
    global _depth, _restore
    with _lock:
        if _depth == 0:
            _restore = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _restore:
                gc.enable()
