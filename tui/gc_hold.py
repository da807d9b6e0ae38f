"""The cyclic garbage collector held off while the app starts, until its first rows are drawn.

A launch allocates some 60,000 long-lived objects (modules, classes, styles, widgets) and very little
garbage; the collector scanned them some 160 times on the way to the first rows, one full pass among
them, 50-75 ms of a launch that a stock Textual app spends 20 ms on. Reference counting frees
everything else as usual; the collector resumes the moment the first rows are on screen (or at the
latest ``BACKSTOP_SECONDS`` after the app is up), and its next pass finds whatever cycles there were.
"""

from __future__ import annotations

import gc

BACKSTOP_SECONDS = 3.0

_held = False


def hold() -> None:
    """At the process's start, for a command line that opens the app (tui.cli.entry)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """The collector back on, if ``hold`` turned it off; any number of calls."""
    global _held
    if _held:
        _held = False
        gc.enable()
