"""The cyclic garbage collector held off through a bulk read or write (a school register's import).

Reading a register of 500,000 schools makes a few long-lived containers a school (its record, its
row, the facts of its audit row) and no cycles. The collector ran 2,853 times over that growing
heap, the full passes scanning all of it: 3.3-3.8 s of CPU in an import of 26-28 s (docs/benchmarks.md,
session of 2026-12-02 13:25), the part of the import that grew faster than the school count.
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
